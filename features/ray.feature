Feature: Extraction and ingest on a Ray cluster
  A researcher with more articles than one machine can handle runs the extraction on Ray
  and gets shards in a folder: the same lines a local run writes, in files of at most
  a thousand documents. The shards then go into the claims ledger; loading them again,
  after a crash say, adds nothing twice.

  Background:
    Given a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    And a binary file "photo.jpg"

  Scenario: The shards hold the lines of a local run, a broken document among them
    When I run "attribution extract --engine ray --actors 1 bridge.txt photo.jpg --output shards"
    Then the command succeeds
    And the folder "shards" holds the shard "part-00000.jsonl"
    And the shard lines, sorted by id, are the lines of "attribution extract bridge.txt photo.jpg"
    And stderr says "2 documents"
    And stderr says "1 failed"

  Scenario: Loading the shards a second time adds nothing
    Given the shards of "attribution extract --engine ray --actors 1 --include-text bridge.txt photo.jpg --output shards"
    When I run "attribution ingest --ledger claims.sqlite --from shards --no-progress"
    And I run "attribution ingest --ledger claims.sqlite --from shards --no-progress"
    Then the output says "1 unchanged"
    And the output says "0 new claims"
    And stderr says "photo.jpg"

  Scenario: Ray writes to a folder, so the folder must be named
    When I run "attribution extract --engine ray bridge.txt"
    Then the command fails
    And stderr says "--engine ray needs --output DIR"
