Feature: Score extraction against gold attributions
  An engine developer runs `attribution evaluate GOLD.jsonl` and reads quote precision,
  recall and F1, speaker accuracy and end-to-end scores, overall and by kind, computed
  with the same protocol as the project's reference scorer.

  Background:
    Given a gold file "gold.jsonl" for the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    And its gold quote "“We will finish the bridge by June,”" is direct, spoken by "Mayor Ana Torres" named "Ana Torres"

  Scenario: Extraction runs on the gold texts and the scores are printed
    When I run "attribution evaluate gold.jsonl"
    Then the command succeeds
    And the output contains "documents: 1"
    And the "all" row shows quote recall "100.0"
    And the "direct" row shows quote recall "100.0"

  Scenario: Predictions can come from a file, and JSON is for machines
    Given a prediction file "pred.jsonl" with no quotes for the article
    When I run "attribution evaluate gold.jsonl --pred pred.jsonl --format json"
    Then the command succeeds
    And the JSON output has "gold_quotes" 1, "pred_quotes" 0 and "quote_r" 0.0

  Scenario: The output of extract can be scored later
    When I run "attribution extract --input jsonl gold.jsonl -o pred.jsonl"
    And I run "attribution evaluate gold.jsonl --pred pred.jsonl --format json"
    Then the JSON output has "gold_quotes" 1, "pred_quotes" 1 and "quote_r" 1.0

  Scenario: Misses are listed in an errors file
    Given a prediction file "pred.jsonl" with no quotes for the article
    When I run "attribution evaluate gold.jsonl --pred pred.jsonl --errors errors.jsonl"
    Then "errors.jsonl" lists the quote "“We will finish the bridge by June,”" as a miss

  Scenario: Only some kinds can be scored
    When I run "attribution evaluate gold.jsonl --kinds indirect --format json"
    Then the JSON output has "gold_quotes" 0
