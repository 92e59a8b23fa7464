Feature: The review desk in a browser
  A newsroom reviews, corrects and publishes from a web page: a reviewer works the queue
  and gives verdicts, an editor signs them off, and the page is safe with hostile articles.

  Background:
    Given the Port Calder article is in the ledger with the desk's users
    And the review desk is running

  Scenario: Without logging in, the desk asks for a log-in
    When a visitor opens the queue
    Then the log-in form is shown

  Scenario: A reviewer logs in and sees the queue
    When "rita" logs in
    Then the queue lists the article's claims with counts per status

  Scenario: Filtering the queue by speaker
    Given "rita" is logged in
    When she filters the queue by the speaker "Vasconcelos"
    Then every claim listed is by "Rui Vasconcelos"

  Scenario: A claim is shown in its paragraph
    Given "rita" is logged in
    When she opens the claim "We lose a morning every time" from the queue
    Then the statement, the speaker mention "he" and the cue "said" are marked
    And the page says the pronoun was resolved to "Rui Vasconcelos"

  Scenario: Assigning a claim to oneself
    Given "rita" is logged in
    When she opens the claim "We lose a morning every time" from the queue
    And she assigns it to herself
    Then the claim's assignee is "rita"
    And the claim's history records "assign" by "rita"

  Scenario: Giving a verdict
    Given "rita" is logged in
    When she opens the claim "We lose a morning every time" from the queue
    And she starts the review
    And she gives the verdict "Mostly true" with the fact-check "https://checks.example.org/westhaven"
    Then the claim's status is "verdict_given"
    And the claim's verdict reads "Mostly true" by "rita"

  Scenario: A reviewer cannot publish
    Given "rita" has given the verdict "False" on the claim "June is a target, not a promise"
    And "rita" is logged in
    When she opens the claim "June is a target, not a promise" from the queue
    Then there is no publish button and the page says only editors publish
    And publishing it anyway is refused with 403

  Scenario: An editor publishes a reviewer's verdict and sees it in the ClaimReview export
    Given "rita" has given the verdict "False" on the claim "June is a target, not a promise"
    And "eddie" is logged in
    When he opens the claim "June is a target, not a promise" from the queue
    And he publishes it
    Then the claim's status is "published"
    And the ClaimReview export he downloads holds the claim with the rating "False"

  Scenario: A form sent without its CSRF token is refused
    Given "rita" is logged in
    When she opens the claim "We lose a morning every time" from the queue
    And she starts the review from a form stripped of its CSRF token
    Then the desk answers 403
    And the claim's status is still "new"

  Scenario: Hostile article text is shown as text, never run
    Given "rita" is logged in
    When she opens the hostile article's claim
    Then the script in the statement is shown as text
    And no script from the article ran

  Scenario: An editor does not publish a verdict they gave themselves
    Given "eddie" has given the verdict "False" on the claim "June is a target, not a promise"
    And "eddie" is logged in
    When he opens the claim "June is a target, not a promise" from the queue
    Then there is no publish button and the page says another editor signs off

  Scenario: Only admins manage users
    Given "rita" is logged in
    When she opens the users page
    Then the desk answers 403 with "Only admins"

  Scenario: A verdict linking a script is refused on the claim's page
    Given "rita" is logged in
    When she opens the claim "We lose a morning every time" from the queue
    And she starts the review
    And she gives the verdict "False" with the fact-check "javascript:alert(1)"
    Then the claim page says "[A053]"
    And the claim's status is "in_review"

  Scenario: Assigning several claims at once from the queue
    Given "rita" is logged in
    When she ticks the claims "We lose a morning every time" and "June is a target, not a promise" and assigns them to "eddie"
    Then the queue shows both claims assigned to "eddie"
