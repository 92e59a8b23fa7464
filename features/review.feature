Feature: A fact-checker's day with the claims ledger
  Extraction is where a fact-checker's work starts. The ledger keeps every quote as a
  claim that can be found, assigned, reviewed, given a verdict, published and exported,
  with a record of who did what.

  Background:
    Given an empty claims ledger
    And the acting reviewer is "Ines"
    And the ledger publishes as "Valley Fact Check" of "https://valley.example.org"

  Scenario: Ingesting an article stores its quotes as new claims
    When I ingest the article file "riverside-bridge.txt"
    Then the ledger holds a new claim by "Torres" saying "We will finish the bridge by June"

  Scenario: Ingesting the same articles twice adds nothing
    Given the council articles are in the ledger
    When I ingest the council articles again
    Then every article is reported as "unchanged"
    And the ledger holds 7 claims

  Scenario: Listing the new claims
    Given the council articles are in the ledger
    When I list the claims with status "new" as JSON
    Then I see 6 claims, each with an id and the status "new"

  Scenario: A non-claim is dismissed on arrival
    Given the council articles are in the ledger
    When I list the claims with status "dismissed" as JSON
    Then I see 1 claim, each with an id and the status "dismissed"

  Scenario: Assigning a claim to a colleague
    Given the council articles are in the ledger
    When I assign the mayor's claim to "Tom"
    Then the claims assigned to "Tom" are the mayor's claim

  Scenario: Giving a verdict
    Given the council articles are in the ledger
    And I have started reviewing the mayor's claim
    When I give the mayor's claim the verdict "Misleading" with value 2 and the fact-check "https://checks.example.org/bridge-june"
    Then the mayor's claim has the status "verdict_given" and the rating "Misleading"

  Scenario: A verdict is visible where the claim is repeated
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading"
    When I show the repeat of the mayor's claim in "riverside-bridge-steel"
    Then it shows the verdict "Misleading" given on the mayor's claim

  Scenario: Publishing without a verdict is refused
    Given the council articles are in the ledger
    When I publish the mayor's claim
    Then the command fails saying "give a verdict first"
    And the mayor's claim has the status "new"

  Scenario: Publishing a verdict
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading"
    When I publish the mayor's claim
    Then the mayor's claim has the status "published"

  Scenario: Exporting published verdicts as ClaimReview
    Given the council articles are in the ledger
    And the mayor's claim is published with the verdict "Misleading"
    When I export the published claims as ClaimReview
    Then the export holds one ClaimReview of "We will finish the bridge by June" by "Ana Torres" rated "Misleading"

  Scenario: Reading a claim's history
    Given the council articles are in the ledger
    And the mayor's claim is published with the verdict "Misleading"
    When I read the history of the mayor's claim as JSON
    Then the events are "created, review, verdict, publish", each with an actor and a UTC time

  Scenario: Changes need a named reviewer
    Given the council articles are in the ledger
    And no reviewer is named
    When I assign the mayor's claim to "Tom"
    Then the command fails saying "--actor"

  Scenario: Publishing needs a fact-check link
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading" without a fact-check link
    When I publish the mayor's claim
    Then the command fails saying "fact-check URL"
    And the mayor's claim has the status "verdict_given"

  Scenario: A link a browser would run is never published
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading" without a fact-check link
    When I publish the mayor's claim with the fact-check "javascript:alert(document.cookie)"
    Then the command fails saying "http(s)"
    And the mayor's claim has the status "verdict_given"

  Scenario: Publishing needs a configured publisher
    Given the council articles are in the ledger
    And no publisher is configured
    And the mayor's claim has the verdict "Misleading"
    When I publish the mayor's claim
    Then the command fails saying "publisher.name"

  Scenario: The publisher is the author of every ClaimReview
    Given the council articles are in the ledger
    And the mayor's claim is published with the verdict "Misleading"
    When I export the published claims as ClaimReview
    Then every ClaimReview's author is the organisation "Valley Fact Check" of "https://valley.example.org"

  Scenario: Only published claims are exported as ClaimReview, whatever the filter
    Given the council articles are in the ledger
    And the mayor's claim is published with the verdict "Misleading"
    And the repeat in "riverside-bridge-steel" has the verdict "False"
    When I export the claims of speaker "Torres" as ClaimReview
    Then the export holds one ClaimReview of "We will finish the bridge by June" by "Ana Torres" rated "Misleading"

  Scenario: A corrected verdict stays published and says when it changed
    Given the council articles are in the ledger
    And the mayor's claim is published with the verdict "Misleading"
    When I correct the mayor's verdict to "False"
    Then the mayor's claim has the status "published" and the rating "False"
    And its ClaimReview keeps the first publication date and gains a modification date

  Scenario: Conflicting verdicts on repeats are flagged
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading"
    And the repeat in "riverside-bridge-steel" has the verdict "False"
    When I list the claims with conflicting verdicts
    Then I see the mayor's claim and its repeat
    And showing the mayor's claim flags the conflict with "False"

  Scenario: A rating value must agree with the rating scale
    Given the council articles are in the ledger
    And I have started reviewing the mayor's claim
    When I give the mayor's claim the verdict "True" with value 1 and the fact-check "https://checks.example.org/bridge-june"
    Then the command fails saying "rating scale"
    And the mayor's claim has the status "in_review"

  Scenario: The same article read by another path is the same article
    When I ingest the article file "riverside-bridge.txt" from its folder
    And I ingest the article file "riverside-bridge.txt" by its full path
    Then the second ingest reports the same article as "unchanged"

  Scenario: A new version keeps the claims it still has, with their verdicts
    Given the council articles are in the ledger
    And the mayor's claim has the verdict "Misleading"
    When a new version of "riverside-bridge" with a word added to its headline is ingested
    Then the new version kept 4 claims and added none
    And the mayor's claim has the status "verdict_given" and the rating "Misleading"

  Scenario: A claim the new version no longer has is withdrawn
    Given the council articles are in the ledger
    When a new version of "riverside-bridge" without Okafor's quote is ingested
    Then the claim "The old bridge carries twice the traffic it was built for" has the status "withdrawn"
    And its history ends with the event "withdrawn"

  Scenario: An article's versions say what changed
    Given the council articles are in the ledger
    When a new version of "riverside-bridge" without Okafor's quote is ingested
    And I show the article "riverside-bridge"
    Then I see 2 versions, the second keeping 3 claims and withdrawing 1

  Scenario: Correcting the speaker of a claim
    Given the council articles are in the ledger
    When I correct the speaker of the mayor's claim to "Ben Okafor"
    Then the claim is by "Ben Okafor"
    And its history keeps "Ana Torres" as the speaker the extraction gave

  Scenario: Adding a claim the extraction missed
    Given the council articles are in the ledger
    When I add the words "a two-hour debate in a packed chamber" of "riverside-bridge" as a claim by "Ana Torres"
    Then the claim is by "Ana Torres"
    And its history ends with the event "added"

  Scenario: Corrections become training data
    Given the council articles are in the ledger
    And I have corrected the speaker of the mayor's claim to "Ben Okafor"
    When I export the corrections
    Then I get "riverside-bridge" in the gold format with the mayor's words said by "Ben Okafor"

  Scenario: A surname alone joins the one person of that surname
    Given the council articles are in the ledger
    When an article quoting "Okafor" alone is ingested
    Then the speakers list "Ben Okafor" once, with 3 claims
    And showing "Ben Okafor" explains that "Okafor" is the only person of that surname

  Scenario: Merging two speakers is explained and can be undone
    Given the council articles are in the ledger
    And an article quoting "A. Torres" is ingested
    When I merge "A. Torres" into "Ana Torres" because "initial of the mayor"
    Then showing "Ana Torres" lists "A. Torres" because "initial of the mayor"
    And splitting "A. Torres" off again gives two speakers
