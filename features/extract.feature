Feature: Extract who said what from articles
  A researcher runs `attribution extract` over articles and gets one JSON line per
  document, in the order given, with each document's id. A broken document is reported
  in its own line and on stderr, and never stops the rest of the batch.

  Scenario: A direct quote is written with its speaker
    Given a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I run "attribution extract bridge.txt"
    Then the command succeeds
    And the output has 1 line
    And line 1 has the id "bridge.txt"
    And line 1 has a direct quote "“We will finish the bridge by June,”" by "Mayor Ana Torres"

  Scenario: A summary of the batch goes to stderr
    Given a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I run "attribution extract bridge.txt bridge.txt"
    Then stderr says "2 documents"
    And stderr says "0 failed"

  Scenario: A broken document does not stop the batch
    Given a binary file "photo.jpg"
    And a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I run "attribution extract photo.jpg bridge.txt"
    Then the command succeeds
    And line 1 has the id "photo.jpg" and an error saying "looks binary"
    And line 2 has the id "bridge.txt" and no error
    And stderr says "1 failed"

  Scenario: When every document fails the command fails
    When I run "attribution extract missing.txt"
    Then the command fails with status 1
    And stderr says "cannot read missing.txt"

  Scenario: An empty file is reported as an empty document
    Given an empty text file "empty.txt"
    When I run "attribution extract empty.txt"
    Then line 1 has the id "empty.txt" and an error saying "empty document"

  Scenario: Articles come one JSON object a line, and a broken line is reported by number
    Given a JSONL file "batch.jsonl":
      """
      {"id": "story-1", "text": "“We will finish the bridge by June,” said Mayor Ana Torres."}
      {"id": "story-2", "text": "unterminated
      {"id": "story-3", "text": "Torres said the council had approved the budget."}
      """
    When I run "attribution extract --input jsonl batch.jsonl"
    Then the command succeeds
    And the output has 3 lines
    And line 1 has the id "story-1" and no error
    And line 2 has the id "batch.jsonl:2" and an error saying "line 2 of batch.jsonl is not valid JSON"
    And line 3 has the id "story-3" and no error

  Scenario: Text can come from standard input
    Given standard input holds "“We will finish the bridge by June,” said Mayor Ana Torres."
    When I run "attribution extract -"
    Then the command succeeds
    And line 1 has the id "stdin"

  Scenario: A file in another encoding says which option to use
    Given a Latin-1 file "cafe.txt" holding "The café owner said the rent had doubled."
    When I run "attribution extract cafe.txt"
    Then the command fails with status 1
    And stderr says "--encoding latin-1"

  Scenario: The encoding option reads a Latin-1 file
    Given a Latin-1 file "cafe.txt" holding "The café owner said the rent had doubled."
    When I run "attribution extract --encoding latin-1 cafe.txt"
    Then the command succeeds
    And line 1 has the id "cafe.txt" and no error

  Scenario: HTML given as text is stripped, with a warning
    Given a text file "page.txt":
      """
      <html><body><p>&ldquo;We will finish the bridge by June,&rdquo; said Mayor Ana Torres.</p></body></html>
      """
    When I run "attribution extract page.txt"
    Then the command succeeds
    And line 1 has a warning saying "HTML"
    And line 1 has a direct quote "“We will finish the bridge by June,”" by "Mayor Ana Torres"

  Scenario: CSV output has one row per quote with the document id
    Given a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I run "attribution extract --format csv bridge.txt"
    Then the output is CSV with the columns "id,start_char,end_char,kind,text"
    And every CSV row has the id "bridge.txt"
