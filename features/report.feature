Feature: A table report of who said what
  A fact-checker runs `attribution report` on an article and reads a table: one row per
  attribution (speaker, type, cue, kind, the quote shortened), then who spoke how often.

  Background:
    Given a text file "bridge.txt":
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.

      Torres said the council had approved the budget.
      """

  Scenario: Each attribution is a row of the table
    When I run "attribution report bridge.txt"
    Then the command succeeds
    And the report has the columns "# speaker type cue kind quote"
    And the report has a row with speaker "Ana Torres", cue "said" and kind "direct"

  Scenario: A summary per speaker follows the table
    When I run "attribution report bridge.txt"
    Then the speaker summary shows "Ana Torres" with 2 quotes

  Scenario: Long quotes are shortened with an ellipsis
    Given a text file "long.txt":
      """
      “We will finish the bridge by June, and then the tunnel, the station and the new harbour wall before the winter storms arrive,” said Mayor Ana Torres.
      """
    When I run "attribution report long.txt"
    Then the report shows a quote ending in "…" no longer than 60 characters

  Scenario Outline: Any tabulate format can be asked for
    When I run "attribution report --tablefmt <format> bridge.txt"
    Then the command succeeds
    And the output contains "<marker>"

    Examples:
      | format | marker           |
      | github | \|---            |
      | grid   | +===             |
      | html   | <table>          |
      | latex  | \\begin{tabular} |

  Scenario: An unknown table format is refused with the list of formats
    When I run "attribution report --tablefmt fancy bridge.txt"
    Then the command fails with status 2
    And stderr says "unknown table format 'fancy'"
    And stderr says "github"
