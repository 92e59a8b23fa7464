Feature: One claim per statement
  A fact-checker checks statements one by one. Each attribution is one contiguous
  statement; the statements of one speaker's run share a relation id. Quoted terms,
  refusals to comment and page furniture are kept apart from the claims, and no
  statement is reported twice.

  Scenario: A speaker's run gives one attribution per statement, sharing a relation
    Given the article:
      """
      “We will reopen the bridge in March,” the mayor said. “The repairs are on budget.”

      “Nobody will pay a toll.”
      """
    When I extract the attributions
    Then there are exactly 3 direct quotes
    And the quotes "We will reopen", "The repairs are on budget" and "Nobody will pay" share one relation
    And each of them is said by "the mayor"

  Scenario: A statement standing alone has no relation
    Given the article:
      """
      “The repairs are on budget,” the mayor said.
      """
    When I extract the attributions
    Then there is a direct quote "The repairs are on budget"
    And it has no relation

  Scenario: A quoted term inside someone else's sentence is a term, not a claim
    Given the article:
      """
      Residents of the “old town” have waited two years for the bridge to reopen.
      """
    When I extract the attributions
    Then there is a term "old town"
    And it is not a claim
    And there are exactly 0 claims

  Scenario: The title of a work is a term
    Given the article:
      """
      The mayor appeared on “Morning Edition” to defend the budget.
      """
    When I extract the attributions
    Then there is a term "Morning Edition"

  Scenario Outline: A one-word answer that a speech cue introduces is a statement
    Given the article:
      """
      <text>
      """
    When I extract the attributions
    Then there is a direct quote "<quote>"
    And its speaker is "<speaker>"

    Examples:
      | text                                                                          | quote | speaker     |
      | Asked whether the bridge would close again, the engineer paused. “No,” she said. | No    | she         |
      | Smith said: “Never.”                                                          | Never | Smith       |
      | “Yes,” replied the senator.                                                   | Yes   | the senator |

  Scenario: An inverted cue in the present tense with two speakers
    Given the article:
      """
      “We love cats!” reply Burton and Nick.
      """
    When I extract the attributions
    Then there is a direct quote "We love cats!"
    And its speaker is "Burton and Nick"

  Scenario Outline: A refusal to speak is recorded as a non-claim
    Given the article:
      """
      <text>
      """
    When I extract the attributions
    Then there is an attribution whose speaker is "<speaker>"
    And it is recorded as a non-claim

    Examples:
      | text                                                          | speaker          |
      | The contractor did not respond to requests for comment.       | The contractor   |
      | The developer refused to comment on the report.               | The developer    |
      | The spokesman would not say whether the bridge would reopen.  | The spokesman    |

  Scenario: "asked not to be named" is no claim, what the source said is
    Given the article:
      """
      A council official, who asked not to be named, said the bridge would reopen in March.
      """
    When I extract the attributions
    Then there are exactly 1 claims
    And there is an indirect attribution "the bridge would reopen in March"

  Scenario: Speaking on condition of anonymity is no claim, what the source said is
    Given the article:
      """
      Two officials, speaking on condition of anonymity to discuss internal deliberations, said the plan was dead.
      """
    When I extract the attributions
    Then there are exactly 1 claims
    And there is an indirect attribution "the plan was dead"

  Scenario: Why a source is unnamed is no claim
    Given the article:
      """
      The plan was dead, according to an aide who was not authorized to discuss the talks.
      """
    When I extract the attributions
    Then there are exactly 1 claims
    And there is an indirect attribution "The plan was dead"

  Scenario: A refusal that a statement reports is part of that statement
    Given the article:
      """
      The contractor's lawyer has said his client will refuse to answer any questions from the panel.
      """
    When I extract the attributions
    Then there is exactly 1 attribution
    And there is an indirect attribution "his client will refuse to answer any questions from the panel"

  Scenario: A light verb and its noun give one attribution
    Given the article:
      """
      British ministers also expressed relief that the address struck a more conciliatory tone.
      """
    When I extract the attributions
    Then there is exactly 1 attribution
    And there is an indirect attribution "the address struck a more conciliatory tone"
    And its cue contains "relief"

  Scenario: A chain of cues gives one attribution
    Given the article:
      """
      Healey will seek to persuade Hegseth that the allies will need a military backstop.
      """
    When I extract the attributions
    Then no two attributions of one speaker cover the same words

  Scenario: A finding is not a statement
    Given the article:
      """
      The study found that commuters lost an hour a day.
      """
    When I extract the attributions
    Then there is an attribution "commuters lost an hour a day"
    And its cue class is "thought"

  Scenario: A cross-reference line of the page holds no claims
    Given the article:
      """
      WATCH: Mayor says the bridge will reopen in March

      The bridge has been closed since June.
      """
    When I extract the attributions
    Then there are exactly 0 attributions

  Scenario: A quote standing alone continues the speaker who spoke last
    Given the article:
      """
      Wendy Marsh said she had looked for the co-worker for months.

      “That was enough for me.”
      """
    When I extract the attributions
    Then there is a direct quote "That was enough for me."
    And its speaker is "Wendy Marsh"

  Scenario: Reported speech with nobody speaking is no claim
    Given the article:
      """
      It was reported on Monday that the bridge would reopen in March.
      """
    When I extract the attributions
    Then there are exactly 0 claims

  Scenario: An object that only points back at a statement is no claim
    Given the article:
      """
      The mayor promised to reopen the bridge by March. She repeated the pledge on Monday.
      """
    When I extract the attributions
    Then there is exactly 1 attribution
    And there is an attribution "to reopen the bridge by March"

  Scenario: A title of a work with a verb in it is still a title
    Given the article:
      """
      “The Kid Who Would Be King” opens in cinemas on Friday.
      """
    When I extract the attributions
    Then there is a term "The Kid Who Would Be King"
    And there are exactly 0 claims
