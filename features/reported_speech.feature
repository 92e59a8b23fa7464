Feature: Reported and mixed speech
  Most claims in the news are not in quote marks. A fact-checker sees each reported claim
  as the clause that was reported (not the whole sentence), with its speaker and cue, and
  can tell a confirmation from a prediction, a denial, a refusal to comment or a belief.

  Scenario: A cue verb with a that-clause reports the clause
    Given the article:
      """
      Council officials confirmed that the budget for the line had risen by 12 per cent.
      """
    When I extract the attributions
    Then there is an indirect attribution "the budget for the line had risen by 12 per cent"
    And its speaker is "Council officials"
    And its cue lemma is "confirm"

  Scenario: The content of reported speech is the clause, not the whole sentence
    Given the article:
      """
      Council officials confirmed that the budget for the line had risen by 12 per cent.
      """
    When I extract the attributions
    Then there is an indirect attribution "the budget for the line had risen by 12 per cent"
    And it does not contain "Council officials"

  Scenario: A cue verb with a clause and no "that"
    Given the article:
      """
      Torres signalled she was willing to extend the fuel subsidy until the bridge reopens.
      """
    When I extract the attributions
    Then there is an indirect attribution "she was willing to extend the fuel subsidy until the bridge reopens"
    And its speaker is "Torres"
    And its cue lemma is "signal"

  Scenario: "according to" after the content
    Given the article:
      """
      The Kessel border crossing will stay open to lorries through the winter, according to people familiar with the talks.
      """
    When I extract the attributions
    Then there is an indirect attribution "The Kessel border crossing will stay open to lorries through the winter"
    And its speaker is "people familiar with the talks"

  Scenario: "according to" before the content
    Given the article:
      """
      According to the report, enrolment at the school has fallen by a fifth since 2019.
      """
    When I extract the attributions
    Then there is an indirect attribution "enrolment at the school has fallen by a fifth since 2019"
    And its speaker is "the report"

  Scenario: A possessive "claim that" reports the claim of its owner
    Given the article:
      """
      The ministry has rejected the association's claim that the figures were out of date.
      """
    When I extract the attributions
    Then there is an indirect attribution "the figures were out of date"
    And its speaker is "association"
    And its cue lemma is "claim"

  Scenario: "In a statement, X said" reports what X said
    Given the article:
      """
      In a statement, the ministry said no decision would be taken before the consultation closes in May.
      """
    When I extract the attributions
    Then there is an indirect attribution "no decision would be taken before the consultation closes in May"
    And its speaker is "the ministry"

  Scenario: "said in a statement that" reports the clause
    Given the article:
      """
      The provincial transport ministry said in a statement that it would review staffing in the spring.
      """
    When I extract the attributions
    Then there is an indirect attribution "it would review staffing in the spring"
    And its speaker is "The provincial transport ministry"

  Scenario: A speech noun "repeated calls for" reports what was called for
    Given the article:
      """
      The Kessel Freight Association repeated calls for the crossing to be staffed around the clock.
      """
    When I extract the attributions
    Then there is an indirect attribution "the crossing to be staffed around the clock"
    And its speaker is "The Kessel Freight Association"
    And its cue contains "calls"

  Scenario: A speech phrase "expressed relief that" reports the clause
    Given the article:
      """
      Hauliers expressed relief that the threat of winter closures had been lifted.
      """
    When I extract the attributions
    Then there is an indirect attribution "the threat of winter closures had been lifted"
    And its speaker is "Hauliers"
    And its cue contains "relief"

  Scenario: "declined to comment" is recorded as a non-claim
    Given the article:
      """
      The ministry declined to comment on the cost of keeping the school open.
      """
    When I extract the attributions
    Then there is an attribution whose speaker is "The ministry"
    And it is recorded as a non-claim

  Scenario: A refusal to comment has the decline stance
    Given the article:
      """
      The ministry declined to comment on the cost of keeping the school open.
      """
    When I extract the attributions
    Then there is an attribution whose speaker is "The ministry"
    And the cue stance is "decline"

  Scenario: A refusal to comment in a fixture article is a non-claim
    Given the fixture article "hillcrest-school"
    When I extract the attributions
    Then there is an attribution "the cost of keeping the school open"
    And it is recorded as a non-claim

  Scenario: A partial quote inside reported speech makes one mixed attribution
    Given the article:
      """
      Ellison said the closures along Canal Street would follow a “phased” plan, with one block shut at a time.
      """
    When I extract the attributions
    Then there is a mixed attribution "the closures along Canal Street would follow a “phased” plan"
    And its fragments include "phased"

  Scenario: A partial quote inside reported speech is not reported on its own
    Given the article:
      """
      Ellison said the closures along Canal Street would follow a “phased” plan, with one block shut at a time.
      """
    When I extract the attributions
    Then there is exactly 1 attribution

  Scenario: Reported speech ending in a quoted phrase is mixed
    Given the article:
      """
      Varga insisted that relations with the neighbouring province were “as strong as ever”.
      """
    When I extract the attributions
    Then there is a mixed attribution "relations with the neighbouring province were “as strong as ever”"
    And its fragments include "as strong as ever"

  Scenario: Two quoted fragments in one reported clause stay in one attribution
    Given the fixture article "kessel-crossing"
    When I extract the attributions
    Then there is a mixed attribution "relations with the neighbouring province were «as strong as ever»"
    And it also contains "«a misunderstanding, nothing more»"
    And its fragments include "a misunderstanding, nothing more"

  Scenario: A belief is extracted as a thought
    Given the article:
      """
      Torres believes that the new lanes will carry more traffic than the old bridge ever did.
      """
    When I extract the attributions
    Then there is an indirect attribution "the new lanes will carry more traffic than the old bridge ever did"
    And its cue class is "thought"

  Scenario: Speech is not classed as a thought
    Given the article:
      """
      Torres said the repair bill had risen to 14 million crowns.
      """
    When I extract the attributions
    Then there is an indirect attribution "the repair bill had risen to 14 million crowns"
    And its cue class is "speech"

  Scenario: A denial is recorded with its content
    Given the article:
      """
      Brennan Rail denied that it had missed any agreed deadline.
      """
    When I extract the attributions
    Then there is an indirect attribution "it had missed any agreed deadline"
    And its cue lemma is "deny"
    And the cue stance is "deny"

  Scenario Outline: The cue records what the speaker does
    Given the article:
      """
      <sentence>
      """
    When I extract the attributions
    Then there is an attribution "<content>"
    And the cue stance is "<stance>"

    Examples:
      | sentence                                                                        | content                                        | stance   |
      | Council officials confirmed that the budget had risen by 12 per cent.           | the budget had risen by 12 per cent            | assert   |
      | Next week Torres will urge the cabinet to release the emergency fund.           | the cabinet to release the emergency fund      | predict  |
      | Brennan Rail denied that it had missed any agreed deadline.                     | it had missed any agreed deadline              | deny     |
      | Councillor Priya Nair asked whether the contractor would face penalties.        | the contractor would face penalties            | question |
      | Torres believes that the new lanes will carry more traffic.                     | the new lanes will carry more traffic          | believe  |

  Scenario Outline: The cue records its tense
    Given the article:
      """
      <sentence>
      """
    When I extract the attributions
    Then there is an indirect attribution "<content>"
    And the cue tense is "<tense>"

    Examples:
      | sentence                                                                | content                                        | tense   |
      | Torres said the repair bill had risen to 14 million crowns.             | the repair bill had risen to 14 million crowns | past    |
      | Residents say the storm drains have not been cleared in years.          | the storm drains have not been cleared in years | present |
      | Marsh has said the board will publish its full costings next month.     | the board will publish its full costings next month | perfect |
      | Next week Torres will urge the cabinet to release the emergency fund.   | the cabinet to release the emergency fund      | future  |

  Scenario: A cue with a modal records its modality
    Given the article:
      """
      Next week Torres will urge the cabinet to release the emergency fund.
      """
    When I extract the attributions
    Then there is an indirect attribution "the cabinet to release the emergency fund"
    And its cue lemma is "urge"
    And the cue modality is "will"

  Scenario: A plain past-tense cue has no modality
    Given the article:
      """
      Torres said the repair bill had risen to 14 million crowns.
      """
    When I extract the attributions
    Then there is an indirect attribution "the repair bill had risen to 14 million crowns"
    And the cue has no modality

  Scenario: A clause commented on with "as" is what the speaker said
    Given the article:
      """
      As the mayor noted on Tuesday, the city has no money left.
      """
    When I extract the attributions
    Then there is an indirect attribution "the city has no money left"
    And its speaker is "the mayor"

  Scenario: A speaker who goes on to explain speaks through the infinitive
    Given the article:
      """
      Ham went on to explain how cuts to military spending left the generals' hands tied.
      """
    When I extract the attributions
    Then there is an indirect attribution "how cuts to military spending left the generals' hands tied"
    And its speaker is "Ham"

  Scenario: A phrase that leads to a statement gives way to the statement's own verb
    Given the article:
      """
      Trump took to Twitter overnight to say that the debate had been rigged.
      """
    When I extract the attributions
    Then there is exactly 1 attribution
    And there is an indirect attribution "the debate had been rigged"
    And its cue lemma is "say"

  Scenario: Those urged to speak are the speakers of what they are urged to say
    Given the article:
      """
      The senator is encouraging his supporters at the rally to ask why the vote was delayed.
      """
    When I extract the attributions
    Then there is an indirect attribution "why the vote was delayed"
    And its speaker is "his supporters"

  Scenario Outline: A cue set in the middle of its clause splits it into one relation
    Given the article:
      """
      <text>
      """
    When I extract the attributions
    Then the statements "<first>" and "<second>" are one relation
    And each of them is said by "<speaker>"

    Examples:
      | text                                                                                             | first                                          | second                                         | speaker |
      | The difference now, he told me on Friday, is that he anchors a straight news program.            | The difference now                             | is that he anchors a straight news program     | he      |
      | Though that transition was relatively seamless, he said, replacing Clinton would be much more acrimonious. | Though that transition was relatively seamless | replacing Clinton would be much more acrimonious | he      |
      | Wilson-Raybould, according to the report, rebuffed the pressure from the office.                 | Wilson-Raybould                                | rebuffed the pressure from the office          | the report |

  Scenario: A quote inside the speaker's mention is not what the speaker said
    Given the article:
      """
      Critics of what is known as a “backstop” argue it could tie Britain to the EU for an indefinite period.
      """
    When I extract the attributions
    Then there is an indirect attribution "it could tie Britain to the EU for an indefinite period"
    And there is a term "backstop"

  Scenario Outline: What was said is found where the parser misread the sentence
    Given the article:
      """
      <text>
      """
    When I extract the attributions
    Then there is an attribution "<content>"
    And its speaker is "<speaker>"

    Examples:
      | text                                                                                   | content                                                      | speaker  |
      | Trump said after the convention he would not accept the endorsement if it were offered. | he would not accept the endorsement if it were offered        | Trump    |
      | The host repeatedly demeaned women on the set, according to show insiders.             | The host repeatedly demeaned women on the set                 | insiders |
