Feature: Speakers: whole, typed and resolved
  A fact-checker sees who is speaking: the mention as it stands in the article, the
  canonical name it refers to, and what kind of source it is. Anonymous sourcing is
  flagged. Pronouns, titles and surnames resolve to a person named elsewhere in the
  article, and a speaker the article never names is left without a name.

  Scenario: A named person is typed as a person
    Given the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"
    And its speaker type is "person"

  Scenario: The speaker mention keeps the title
    Given the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"
    And its speaker mention is exactly "Mayor Ana Torres"

  Scenario: The speaker name drops the title
    Given the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"
    And its speaker name is "Ana Torres"

  Scenario: A named person is not flagged anonymous
    Given the article:
      """
      “We will finish the bridge by June,” said Mayor Ana Torres.
      """
    When I extract the attributions
    Then there is a direct quote "We will finish the bridge by June"
    And it is not flagged anonymous

  Scenario: An institution is an organisation
    Given the article:
      """
      City Hall said the contractor would bear the extra cost.
      """
    When I extract the attributions
    Then there is an indirect attribution "the contractor would bear the extra cost"
    And its speaker type is "organisation"

  Scenario: A named institution keeps its name
    Given the article:
      """
      City Hall said the contractor would bear the extra cost.
      """
    When I extract the attributions
    Then there is an indirect attribution "the contractor would bear the extra cost"
    And its speaker name is "City Hall"

  Scenario: A ministry is an organisation
    Given the article:
      """
      In a statement, the ministry said no decision would be taken before the consultation closes in May.
      """
    When I extract the attributions
    Then there is an indirect attribution "no decision would be taken before the consultation closes in May"
    And its speaker type is "organisation"

  Scenario: An unnamed official is an anonymous source
    Given the article:
      """
      “June is a target, not a promise,” admitted one senior official.
      """
    When I extract the attributions
    Then there is a direct quote "June is a target, not a promise"
    And its speaker type is "anonymous"

  Scenario: An anonymous source is flagged
    Given the article:
      """
      “June is a target, not a promise,” admitted one senior official.
      """
    When I extract the attributions
    Then there is a direct quote "June is a target, not a promise"
    And it is flagged anonymous

  Scenario: People familiar with the talks are an anonymous source
    Given the article:
      """
      The crossing will stay open to lorries through the winter, according to people familiar with the talks.
      """
    When I extract the attributions
    Then there is an indirect attribution "The crossing will stay open to lorries through the winter"
    And it is flagged anonymous

  Scenario: Anonymous sources get no name
    Given the article:
      """
      “June is a target, not a promise,” admitted one senior official. Council officials confirmed that the budget had risen by 12 per cent.
      """
    When I extract the attributions
    Then no attribution has a speaker name

  Scenario: Protesters are a group
    Given the article:
      """
      The protesters demanded that the council commission an independent inquiry into its flood planning.
      """
    When I extract the attributions
    Then there is an indirect attribution "the council commission an independent inquiry into its flood planning"
    And its speaker type is "group"

  Scenario: A report is a document
    Given the article:
      """
      The report found that small rural schools cost almost twice as much per pupil as schools in the county town.
      """
    When I extract the attributions
    Then there is an indirect attribution "small rural schools cost almost twice as much per pupil"
    And its speaker type is "document"

  Scenario: A coordinated subject is several speakers
    Given the article:
      """
      Mayor Ana Torres and Governor Luis Ortega said they would sign the agreement on Friday.
      """
    When I extract the attributions
    Then there is an indirect attribution "they would sign the agreement on Friday"
    And its speaker names are "Ana Torres" and "Luis Ortega"

  Scenario: The mention of joint speakers covers the whole coordination
    Given the article:
      """
      Mayor Ana Torres and Governor Luis Ortega said they would sign the agreement on Friday.
      """
    When I extract the attributions
    Then there is an indirect attribution "they would sign the agreement on Friday"
    And its speaker is "Mayor Ana Torres and Governor Luis Ortega"

  Scenario: Joint speakers in a fixture article
    Given the fixture article "kessel-crossing"
    When I extract the attributions
    Then there is an indirect attribution "they would sign the agreement in Kessel on Friday"
    And its speaker names are "Tomas Reuter" and "Elin Varga"

  Scenario: A pronoun speaker resolves to the person named before it
    Given the article:
      """
      Mayor Ana Torres spoke to reporters on the quay. She added: “The steel is in place.”
      """
    When I extract the attributions
    Then there is a direct quote "The steel is in place."
    And its speaker name is "Ana Torres"

  Scenario: A pronoun speaker keeps the pronoun as its mention
    Given the article:
      """
      Mayor Ana Torres spoke to reporters on the quay. She added: “The steel is in place.”
      """
    When I extract the attributions
    Then there is a direct quote "The steel is in place."
    And its speaker mention is exactly "She"
    And it was resolved through "Ana Torres"

  Scenario: A pronoun resolves to the right person, not merely the nearest one
    Given the article:
      """
      “The contract is clear about who pays for an overrun,” Mark Ellison said, holding up a letter from Priya Nair. He added: “I would rather give councillors a date we can keep.”
      """
    When I extract the attributions
    Then there is a direct quote "I would rather give councillors a date we can keep."
    And its speaker name is "Mark Ellison"

  Scenario: A pronoun in a split quote resolves to the person who spoke before it
    Given the fixture article "port-calder-bridge"
    When I extract the attributions
    Then there is a direct quote "and the fish don’t wait for us"
    And its speaker name is "Rui Vasconcelos"

  Scenario: A pronoun after another person's name resolves in a fixture article
    Given the fixture article "aldmouth-tram"
    When I extract the attributions
    Then there is a direct quote "I would rather give councillors a date we can keep."
    And its speaker name is "Mark Ellison"

  Scenario: A title resolves through a title and name given elsewhere
    Given the article:
      """
      Transport chief Mark Ellison opened the hearing. Later, the city’s transport chief said the closures would follow a phased plan.
      """
    When I extract the attributions
    Then there is an indirect attribution "the closures would follow a phased plan"
    And its speaker is "the city’s transport chief"
    And its speaker name is "Mark Ellison"

  Scenario: A title resolves in a fixture article
    Given the fixture article "aldmouth-tram"
    When I extract the attributions
    Then there is a mixed attribution "the closures along Canal Street would follow a “phased” plan"
    And its speaker name is "Mark Ellison"

  Scenario: A title resolves through a name given later in the article
    Given the fixture article "port-calder-bridge"
    When I extract the attributions
    Then there is an indirect attribution "Port Calder’s harbour bridge will reopen to traffic before the summer"
    And its speaker name is "Ana Torres"

  Scenario: A surname resolves to the full name
    Given the article:
      """
      Transport chief Mark Ellison opened the hearing. Ellison said the line would open a year late.
      """
    When I extract the attributions
    Then there is an indirect attribution "the line would open a year late"
    And its speaker name is "Mark Ellison"

  Scenario: A surname resolves to the full name in a fixture article
    Given the fixture article "aldmouth-tram"
    When I extract the attributions
    Then there is a direct quote "The contract is clear about who pays for an overrun"
    And its speaker name is "Mark Ellison"

  Scenario: A pronoun for an organisation resolves to the organisation
    Given the fixture article "hillcrest-school"
    When I extract the attributions
    Then there is an indirect attribution "closing the school was being considered"
    And its speaker name is "Ministry of Education"

  Scenario: An unresolved pronoun stays unresolved
    Given the article:
      """
      He said the plant would close in May.
      """
    When I extract the attributions
    Then there is an indirect attribution "the plant would close in May"
    And its speaker mention is exactly "He"
    And it has no speaker name

  Scenario: A pronoun for an unnamed person is not given another person's name
    Given the fixture article "millbrook-flood"
    When I extract the attributions
    Then there is a direct quote "We lost everything below the counter"
    And it has no speaker name
