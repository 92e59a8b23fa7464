Feature: Read articles from saved web pages
  Fact-checkers save the pages they check. `attribution extract` and `report` read a saved
  page's article — its headline and paragraphs, without menus, adverts or comments — and
  its title, address, site name and date. Nothing is fetched from the web.

  Scenario: A saved news page gives its article's quotes
    Given the saved page "harbour-ferry.html"
    When I run "attribution extract harbour-ferry.html"
    Then the command succeeds
    And line 1 has the id "harbour-ferry.html" and no error
    And line 1 has a direct quote "“We have held fares for six years and we cannot hold them any longer,”" by "Margaret Oyelaran"

  Scenario: The page's title, address, site and date come with the article
    Given the saved page "harbour-ferry.html"
    When I run "attribution extract harbour-ferry.html"
    Then line 1 has "outlet" "The Calder Gazette" in its metadata
    And line 1 has "published" "2024-03-14" in its metadata
    And line 1 has "url" "https://www.caldergazette.example/news/2024/03/14/ferry-fares-rise" in its metadata

  Scenario: Comments and adverts around the article are left out
    Given the saved page "harbour-ferry.html"
    When I run "attribution extract --include-text harbour-ferry.html"
    Then the text of line 1 does not contain "Disgraceful service"
    And the text of line 1 does not contain "Holidays in the sun"

  Scenario: A page saved without .html is read as a page with --input html
    Given the saved page "harbour-ferry.html" as "ferry-page"
    When I run "attribution extract --input html ferry-page"
    Then line 1 has "title" "Ferry fares to rise by a fifth, council says" in its metadata

  Scenario: A page with no article is reported and the batch goes on
    Given the saved page "no-article.html"
    And the saved page "opinion-libraries.html"
    When I run "attribution extract no-article.html opinion-libraries.html"
    Then the command succeeds
    And line 1 has the id "no-article.html" and an error saying "[A010] no-article.html: no article text"
    And line 2 has the id "opinion-libraries.html" and no error
    And stderr says "1 failed"

  Scenario: A web address is refused plainly
    When I run "attribution report https://www.caldergazette.example/news/story"
    Then the command fails with status 1
    And stderr says "[A011]"
    And stderr says "reads saved pages and files only"
