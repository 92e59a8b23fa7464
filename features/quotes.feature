Feature: Direct quotes
  A reader of a news article sees every stretch of speech that stands in quote marks,
  whatever marks the publisher uses, and who said it. Apostrophes are not quote marks, a
  broken quote never spoils the rest of the article, and the speaker is the whole mention.

  Scenario: A quote in straight double marks is found
    Given the article:
      """
      "We will finish the bridge by June," said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"

  Scenario: A quote in curly double marks is found
    Given the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"

  Scenario: A quote in curly single marks is found
    Given the article:
      """
      ‘We will finish the bridge by June,’ said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"

  Scenario: A quote in guillemets is found
    Given the article:
      """
      «We will not close this crossing while I am governor,» said Governor Tomas Reuter.
      """
    When I extract the attributions
    Then there is a direct quote "We will not close this crossing while I am governor"

  Scenario Outline: An apostrophe inside a single-quoted quote does not end it
    Given the article:
      """
      ‘<quote>,’ said neighbour Peter Hale.
      """
    When I extract the attributions
    Then there is exactly 1 direct quote
    And there is a direct quote "<quote>"

    Examples:
      | quote                                                   |
      | We don’t drink the tap water yet                        |
      | The water reached the Smiths’ front door within an hour |
      | We have lived here since the ’90s and never seen this   |

  Scenario: Apostrophes in the narrative are not taken for quote marks
    Given the article:
      """
      The Smiths’ house has stood on Quay Street since the ’90s, and they don’t mean to leave. ‘It’s our home,’ said Jane Smith.
      """
    When I extract the attributions
    Then there is exactly 1 direct quote
    And there is a direct quote "It’s our home"

  Scenario: Straight apostrophes inside straight double marks do not split the quote
    Given the article:
      """
      "It's our village, and we don't want the Parents' Association to give up," said one mother.
      """
    When I extract the attributions
    Then there is exactly 1 direct quote
    And there is a direct quote "It's our village, and we don't want the Parents' Association to give up"

  Scenario: A quote mark that is never closed does not spoil the quotes after it
    Given the fixture article "eastwick-water"
    When I extract the attributions
    Then there is a direct quote "It is not a decision anyone on the board took lightly"
    And it does not contain "Some of them were laid"

  Scenario: A quote mark that is never closed still reports its quote up to the paragraph end
    Given the fixture article "eastwick-water"
    When I extract the attributions
    Then there is a direct quote "Some of them were laid before the railway came to Eastwick"
    And it does not contain "The rise takes effect in April"

  Scenario: An unclosed straight quote mark does not pair with the next paragraph's marks
    Given the article:
      """
      Ana Torres said: "The bridge will open in June.

      The council meets on Tuesday. "Nothing has changed," said Luis Ortega.
      """
    When I extract the attributions
    Then there is a direct quote "Nothing has changed"
    And it does not contain "The council meets on Tuesday"

  Scenario: The quote after an unclosed mark keeps its own speaker
    Given the article:
      """
      Ana Torres said: "The bridge will open in June.

      The council meets on Tuesday. "Nothing has changed," said Luis Ortega.
      """
    When I extract the attributions
    Then there is a direct quote "Nothing has changed"
    And its speaker name is "Luis Ortega"

  Scenario: A quote that runs across paragraphs is one statement per paragraph, in one relation
    Given the article:
      """
      Ellison was blunt about the timetable. “The first phase covers the northern stops. Crews will start there in March.

      “By next autumn every stop on the line should be finished,” Mark Ellison said.
      """
    When I extract the attributions
    Then there are exactly 2 direct quotes
    And the quotes "The first phase covers the northern stops" and "every stop on the line should be finished" are one relation

  Scenario: A quote that runs across paragraphs keeps its speaker from the closing paragraph
    Given the fixture article "aldmouth-tram"
    When I extract the attributions
    Then there is a direct quote "Crews will start there in March"
    And its speaker name is "Mark Ellison"

  Scenario: A speaker before the quote, introduced by a colon
    Given the article:
      """
      Mayor Ana Torres added: “The steel is in place and the crews are working double shifts.”
      """
    When I extract the attributions
    Then there is a direct quote "The steel is in place and the crews are working double shifts"
    And its speaker is "Mayor Ana Torres"
    And its cue lemma is "add"

  Scenario: A speaker after the quote, inverted
    Given the article:
      """
      “June is a target, not a promise,” admitted one senior official.
      """
    When I extract the attributions
    Then there is a direct quote "June is a target, not a promise"
    And its speaker is "one senior official"
    And its cue lemma is "admit"

  Scenario: A speaker after the quote, not inverted
    Given the article:
      """
      “I would rather be late and safe than early and sorry,” Torres said.
      """
    When I extract the attributions
    Then there is a direct quote "I would rather be late and safe than early and sorry"
    And its speaker is "Torres"

  Scenario: A speaker in the middle of a quote speaks both halves
    Given the article:
      """
      “We lose a morning every time,” said Rui Vasconcelos, “and the fish don’t wait for us.”
      """
    When I extract the attributions
    Then both "We lose a morning every time" and "and the fish don’t wait for us" are attributed to "Rui Vasconcelos"

  Scenario: A quote with no speaker is still reported, unattributed
    Given the article:
      """
      ‘Don’t drink the tap water yet.’

      Two days after the river burst its banks, that was still the advice passed from door to door along Mill Lane.
      """
    When I extract the attributions
    Then there is a direct quote "Don’t drink the tap water yet."
    And it has no speaker
    And it has no speaker name

  Scenario: The unattributed opening quote of a fixture article is reported
    Given the fixture article "millbrook-flood"
    When I extract the attributions
    Then there is a direct quote "Don’t drink the tap water yet."
    And it has no speaker name

  Scenario: The speaker is the whole mention, not its head noun
    Given the article:
      """
      “June is a target, not a promise,” admitted one senior official, who asked not to be named.
      """
    When I extract the attributions
    Then there is a direct quote "June is a target, not a promise"
    And its speaker mention is exactly "one senior official"

  Scenario: A plural anonymous speaker keeps its whole mention
    Given the article:
      """
      “The deal is all but done,” said people familiar with the talks.
      """
    When I extract the attributions
    Then there is a direct quote "The deal is all but done"
    And its speaker mention is exactly "people familiar with the talks"

  Scenario: Apostrophes in an article quoted in single marks add no quotes of their own
    Given the fixture article "millbrook-flood"
    When I extract the attributions
    Then there are exactly 5 direct quotes
