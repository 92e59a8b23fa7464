Feature: Titles, transcript labels and headlines are told apart from statements
  A fact-checker's claims are statements by someone. The title of a film or a show in
  quote marks names a thing; it says nothing, however long it is. In an interview
  transcript the speaker's name in capitals before a colon is the speaker, not part of
  what was said. A headline that opens with a pull quote, and a subhead in capitals,
  are the page's furniture, not the article's claims.

  Scenario: The title of a film after "titled" is a term, not a claim
    Given the article:
      """
      The film, titled “The Kid Who Would Be King,” opens Friday.
      """
    When I extract the attributions
    Then there is a term "The Kid Who Would Be King"
    And there are exactly 0 claims

  Scenario: The name of a show after "episode of" is a term, not a claim
    Given the article:
      """
      On Tuesday's episode of “The Morning Show,” the senator spoke about the bridge.
      """
    When I extract the attributions
    Then there is a term "The Morning Show"
    And there are exactly 0 claims

  Scenario: The name of an event after "called" is a term, not a claim
    Given the article:
      """
      They joined a rally called “Barack Obama Day,” on Nov. 1.
      """
    When I extract the attributions
    Then there is a term "Barack Obama Day"
    And there are exactly 0 claims

  Scenario: A statement in title case with a subject of its own stays a statement
    Given the article:
      """
      Smith said: “The Best Is Yet To Come.”
      """
    When I extract the attributions
    Then there is a direct quote "The Best Is Yet To Come."
    And its speaker is "Smith"

  Scenario: A short statement that a speech cue introduces stays a claim
    Given the article:
      """
      “Never again,” she said.
      """
    When I extract the attributions
    Then there is a direct quote "Never again"
    And its speaker is "she"

  Scenario: A transcript label in a quote is the speaker, the rest the statement
    Given the article:
      """
      Chris Wallace interviewed Gov. Mike Pence on Sunday.

      "PENCE: Well, the question really should be why the plan would fail."
      """
    When I extract the attributions
    Then there is a direct quote "Well, the question really should be why the plan would fail."
    And it does not contain "PENCE"
    And its speaker mention is exactly "PENCE"
    And its speaker name is "Mike Pence"

  Scenario: Each label of a transcript quoted across paragraphs names its own speaker
    Given the article:
      """
      Chris Wallace interviewed Gov. Mike Pence on Sunday.

      "WALLACE: But, Governor, you said the plan would work.

      "PENCE: Well, look, it will work. We have the votes.

      "And the people of Indiana know it."
      """
    When I extract the attributions
    Then there is a direct quote "But, Governor, you said the plan would work."
    And its speaker name is "Chris Wallace"
    And there is a direct quote "Well, look, it will work. We have the votes."
    And its speaker name is "Mike Pence"
    And there is a direct quote "And the people of Indiana know it."
    And its speaker name is "Mike Pence"

  Scenario: A stage direction in a transcript is nobody's statement
    Given the article:
      """
      Chris Wallace interviewed Gov. Mike Pence on Sunday.

      "WALLACE: Governor, I want to ask about the debate.

      "(CROSSTALK.)

      "PENCE: Well, look, the debate will go fine."
      """
    When I extract the attributions
    Then there is a term "(CROSSTALK.)"
    And there are exactly 2 claims

  Scenario: A headline that opens with a pull quote holds no claim
    Given the article:
      """
      'Life-changing and heartbreaking': Family recalls the night the river rose

      The river rose overnight and flooded the lower town.
      """
    When I extract the attributions
    Then there are exactly 0 claims

  Scenario: A subhead in capitals between paragraphs is no claim
    Given the article:
      """
      The minister toured the coast on Monday.

      ‘WASHED AWAY’

      The water rose overnight, the minister said.
      """
    When I extract the attributions
    Then there are exactly 1 claims
    And there is an indirect attribution "The water rose overnight"

  Scenario: The answer of a question-and-answer transcript is said by its label
    Given the article:
      """
      The mayor took questions from reporters on Monday.

      Q: Will the bridge reopen in March?

      A: It will reopen in March, once the repairs are done.
      """
    When I extract the attributions
    Then there is an attribution "It will reopen in March, once the repairs are done"
    And its speaker mention is exactly "A"
