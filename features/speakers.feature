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

  Scenario: A pronoun goes to the person whose gender it fits, not the nearest subject
    Given the article:
      """
      Mark Ellison met Priya Nair at the depot on Monday. She said the trams would run again by June.
      """
    When I extract the attributions
    Then there is an indirect attribution "the trams would run again by June"
    And its speaker name is "Priya Nair"

  Scenario: A pronoun is never given a person of the other gender
    Given the article:
      """
      Councillor Tom Baker opened the meeting on Monday. She said the trams would run again by June.
      """
    When I extract the attributions
    Then there is an indirect attribution "the trams would run again by June"
    And it has no speaker name

  Scenario: An honorific in the article says whom a pronoun means
    Given the article:
      """
      Ms. Sam Ortiz spoke after Mr. Robin Hale. He said the depot would close in May.
      """
    When I extract the attributions
    Then there is an indirect attribution "the depot would close in May"
    And its speaker name is "Robin Hale"

  Scenario: A pronoun two sentences after a name resolves to it
    Given the article:
      """
      Conservative Leader Andrew Scheer visited the plant on Friday. The plant employs 400 people. “We will keep these jobs here,” he said.
      """
    When I extract the attributions
    Then there is a direct quote "We will keep these jobs here"
    And its speaker name is "Andrew Scheer"

  Scenario: A statement names the body it comes from
    Given the article:
      """
      The RCMP statement said two men were arrested at the border on Sunday.
      """
    When I extract the attributions
    Then there is an indirect attribution "two men were arrested at the border on Sunday"
    And its speaker type is "document"
    And its speaker name is "RCMP"

  Scenario: A spokesperson names the body they speak for
    Given the article:
      """
      A spokesperson for Health Canada said the review would be finished in May.
      """
    When I extract the attributions
    Then there is an indirect attribution "the review would be finished in May"
    And its speaker name is "Health Canada"

  Scenario: A document named before is tied to whoever released it
    Given the article:
      """
      Canadian Pacific Railway released a white paper on winter operations last week. The white paper said cold weather forces trains to run shorter.
      """
    When I extract the attributions
    Then there is an indirect attribution "cold weather forces trains to run shorter"
    And its speaker name is "Canadian Pacific Railway"

  Scenario: A surname with a middle initial in the full name expands to it
    Given the article:
      """
      The award went to John F. Keller on Tuesday. Keller said the prize belonged to his team.
      """
    When I extract the attributions
    Then there is an indirect attribution "the prize belonged to his team"
    And its speaker name is "John F. Keller"

  Scenario: A first name alone expands to the one full name that has it
    Given the article:
      """
      Wendy Golden lives in Amherst with her son Kody Cook. Kody said the town had changed.
      """
    When I extract the attributions
    Then there is an indirect attribution "the town had changed"
    And its speaker name is "Kody Cook"

  Scenario: A seat of government is an organisation
    Given the article:
      """
      Downing Street said the talks would continue next week.
      """
    When I extract the attributions
    Then there is an indirect attribution "the talks would continue next week"
    And its speaker type is "organisation"

  Scenario: An organisation renamed by a common noun keeps the name given just before
    Given the article:
      """
      Air Canada cancelled 40 flights on Monday. The company said the storm had closed two runways.
      """
    When I extract the attributions
    Then there is an indirect attribution "the storm had closed two runways"
    And its speaker name is "Air Canada"

  Scenario: A short form of an organisation's name expands to the full name in the article
    Given the article:
      """
      The Parole Board of Canada met on Monday. The parole board said the risk was too high.
      """
    When I extract the attributions
    Then there is an indirect attribution "the risk was too high"
    And its speaker name is "Parole Board of Canada"

  Scenario: A hyphenated name is given whole, as the article writes it
    Given the article:
      """
      Former attorney general Jody Wilson-Raybould resigned on Tuesday. Wilson-Raybould said she would keep her seat.
      """
    When I extract the attributions
    Then there is an indirect attribution "she would keep her seat"
    And its speaker name is "Jody Wilson-Raybould"

  Scenario: A pronoun whose person the article names only by surname gets that surname
    Given the article:
      """
      Mr. Hale opened the hearing on Monday. He said the line would open a year late.
      """
    When I extract the attributions
    Then there is an indirect attribution "the line would open a year late"
    And its speaker name is "Hale"

  Scenario: A description that renames the person just named resolves to them
    Given the article:
      """
      Sven Baertschi has four goals since the trade. The 26-year-old winger said his new teammates create chances for him.
      """
    When I extract the attributions
    Then there is an indirect attribution "his new teammates create chances for him"
    And its speaker name is "Sven Baertschi"

  Scenario: A relative named with the person they belong to resolves to that name
    Given the article:
      """
      Andre Campbell opened the shop in May with his partner, Jason Louth. Campbell’s partner said sales had doubled since June.
      """
    When I extract the attributions
    Then there is an indirect attribution "sales had doubled since June"
    And its speaker name is "Jason Louth"

  Scenario: A plural pronoun speaker resolves to the people named just before it
    Given the article:
      """
      Maria Lopez and Tom Reed toured the plant on Monday. They said the jobs would stay in town.
      """
    When I extract the attributions
    Then there is an indirect attribution "the jobs would stay in town"
    And its speaker mention is exactly "They"
    And its speaker names are "Maria Lopez" and "Tom Reed"

  Scenario: The speaker of a quote is the subject outside its quote marks
    Given the article:
      """
      “The plan is in trouble. Real trouble,” said Dana Whitfield, a council member.
      """
    When I extract the attributions
    Then there is a direct quote "The plan is in trouble. Real trouble,"
    And its speaker mention is exactly "Dana Whitfield"

  Scenario: The dummy "it" of "it is clear that" is nobody
    Given the article:
      """
      By now it should be obvious that the bridge needs repairs.
      """
    When I extract the attributions
    Then there is an indirect attribution "the bridge needs repairs"
    And it has no speaker

  Scenario: A document on a body's website speaks for that body
    Given the article:
      """
      Northern Rail apologised on Monday. A notice on its website said trains would be late.
      """
    When I extract the attributions
    Then there is an indirect attribution "trains would be late"
    And its speaker name is "Northern Rail"

  Scenario: A speaker named in the apposition after its description takes that name
    Given the article:
      """
      “We will appeal the ruling,” said the company's chief executive, Jane Morrow.
      """
    When I extract the attributions
    Then there is a direct quote "We will appeal the ruling,"
    And its speaker name is "Jane Morrow"
