"""Step definitions for features/review.feature: the reviewer's day, through the CLI."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from attribution.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "ledger"
COUNCIL = FIXTURES / "articles.jsonl"
MAYOR_WORDS = "We will finish the bridge by June"

scenarios(str(ROOT / "features" / "review.feature"))


@dataclass
class Run:
    rc: int
    out: str
    err: str

    def json(self):
        assert self.rc == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def cli(capsys):
    def run(*argv: str) -> Run:
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return Run(rc, out, err)

    return run


def _claim_id(cli, article: str) -> str:
    found = cli(
        "claims", "list", "--article", article, "--speaker", "Torres", "--kind", "direct", "--format", "json"
    ).json()
    assert len(found) == 1, found
    return found[0]["id"]


def _mayor(cli) -> str:
    return _claim_id(cli, "riverside-bridge")


# -- given ------------------------------------------------------------------------------
@given("an empty claims ledger")
def empty_ledger(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.delenv("ATTRIBUTION_ACTOR", raising=False)


@given(parsers.parse('the acting reviewer is "{name}"'))
def acting_reviewer(monkeypatch, name):
    monkeypatch.setenv("ATTRIBUTION_ACTOR", name)


@given("no reviewer is named")
def no_reviewer(monkeypatch):
    monkeypatch.delenv("ATTRIBUTION_ACTOR", raising=False)


@given("the council articles are in the ledger")
def council_articles(cli):
    result = cli("ingest", COUNCIL, "--format", "json").json()
    assert [r["outcome"] for r in result] == ["added", "added"]


@given("I have started reviewing the mayor's claim")
def started_review(cli):
    assert cli("claims", "review", _mayor(cli)).rc == 0


@given(parsers.parse('the ledger publishes as "{name}" of "{url}"'))
def publisher(cli, name, url):
    assert cli("config", "set", "publisher.name", name, "--actor", "admin").rc == 0
    assert cli("config", "set", "publisher.url", url, "--actor", "admin").rc == 0


@given("no publisher is configured")
def no_publisher(cli):
    assert cli("config", "set", "publisher.name", "", "--actor", "admin").rc == 0


def _give_verdict(cli, claim: str, rating: str, *link: str) -> None:
    assert cli("claims", "review", claim).rc == 0
    result = cli("claims", "verdict", claim, "--rating", rating, *link)
    assert result.rc == 0, result.err


@given(parsers.parse('the mayor\'s claim has the verdict "{rating}" without a fact-check link'))
def has_verdict_without_link(cli, rating):
    _give_verdict(cli, _mayor(cli), rating)


@given(parsers.parse('the mayor\'s claim has the verdict "{rating}"'))
def has_verdict(cli, rating):
    _give_verdict(cli, _mayor(cli), rating, "--url", "https://checks.example.org/bridge-june")


@given(parsers.parse('the repeat in "{article}" has the verdict "{rating}"'))
def repeat_has_verdict(cli, article, rating):
    _give_verdict(cli, _claim_id(cli, article), rating, "--url", f"https://checks.example.org/{article}")


@given(parsers.parse('the mayor\'s claim is published with the verdict "{rating}"'))
def published(cli, rating):
    has_verdict(cli, rating)
    assert cli("claims", "publish", _mayor(cli)).rc == 0


# -- when -------------------------------------------------------------------------------
@when(parsers.parse('I ingest the article file "{name}"'), target_fixture="result")
def ingest_file(cli, name):
    return cli("ingest", FIXTURES / name, "--format", "json")


@when("I ingest the council articles again", target_fixture="result")
def ingest_again(cli):
    return cli("ingest", COUNCIL, "--format", "json")


@when(parsers.parse('I list the claims with status "{status:w}" as JSON'), target_fixture="listed")
def list_claims(cli, status):
    return cli("claims", "list", "--status", status, "--format", "json").json()


@when(parsers.parse('I assign the mayor\'s claim to "{name}"'), target_fixture="result")
def assign(cli, name):
    return cli("claims", "assign", _mayor(cli), "--to", name)


@when(
    parsers.parse('I give the mayor\'s claim the verdict "{rating}" with value {value:d} and the fact-check "{url}"'),
    target_fixture="result",
)
def give_verdict(cli, rating, value, url):
    return cli("claims", "verdict", _mayor(cli), "--rating", rating, "--value", value, "--url", url)


@when(parsers.parse('I show the repeat of the mayor\'s claim in "{article}"'), target_fixture="shown")
def show_repeat(cli, article):
    return cli("claims", "show", _claim_id(cli, article), "--format", "json").json()


@when("I publish the mayor's claim", target_fixture="result")
def publish(cli):
    return cli("claims", "publish", _mayor(cli))


@when(parsers.parse('I publish the mayor\'s claim with the fact-check "{url}"'), target_fixture="result")
def publish_with_link(cli, url):
    return cli("claims", "publish", _mayor(cli), "--url", url)


@when(parsers.parse('I export the claims of speaker "{speaker}" as ClaimReview'), target_fixture="exported")
def export_filtered(cli, speaker):
    return cli("export", "--format", "claimreview", "--speaker", speaker).json()


@when(parsers.parse('I correct the mayor\'s verdict to "{rating}"'), target_fixture="result")
def correct_verdict(cli, rating):
    result = cli("claims", "verdict", _mayor(cli), "--rating", rating)
    assert result.rc == 0, result.err
    return result


@when("I list the claims with conflicting verdicts", target_fixture="listed")
def list_conflicts(cli):
    return cli("claims", "list", "--conflicts", "--format", "json").json()


@when("I export the published claims as ClaimReview", target_fixture="exported")
def export_claimreview(cli):
    return cli("export", "--format", "claimreview").json()


@when("I read the history of the mayor's claim as JSON", target_fixture="events")
def read_history(cli):
    return cli("claims", "history", _mayor(cli), "--format", "json").json()


# -- then -------------------------------------------------------------------------------
@then(parsers.parse('the ledger holds a new claim by "{speaker}" saying "{words}"'))
def holds_claim(cli, result, speaker, words):
    assert result.json()[0]["outcome"] == "added"
    claims = cli("claims", "list", "--speaker", speaker, "--status", "new", "--format", "json").json()
    assert any(words in c["text"] for c in claims), claims


@then(parsers.parse('every article is reported as "{outcome}"'))
def every_article(result, outcome):
    outcomes = [r["outcome"] for r in result.json()]
    assert outcomes and set(outcomes) == {outcome}


@then(parsers.parse("the ledger holds {count:d} claims"))
def holds_count(cli, count):
    assert len(cli("claims", "list", "--limit", "0", "--format", "json").json()) == count


@then(parsers.re(r'I see (?P<count>\d+) claims?, each with an id and the status "(?P<status>\w+)"'))
def see_claims(listed, count, status):
    assert len(listed) == int(count)
    assert all(c["id"].startswith("c_") and c["status"] == status for c in listed)


@then(parsers.parse('the claims assigned to "{name}" are the mayor\'s claim'))
def assigned_to(cli, result, name):
    assert result.rc == 0, result.err
    found = cli("claims", "list", "--assignee", name, "--format", "json").json()
    assert [c["id"] for c in found] == [_mayor(cli)]


@then(parsers.parse('the mayor\'s claim has the status "{status:w}" and the rating "{rating}"'))
def status_and_rating(cli, status, rating):
    claim = cli("claims", "show", _mayor(cli), "--format", "json").json()
    assert (claim["status"], claim["rating"]) == (status, rating)


@then(parsers.parse('the mayor\'s claim has the status "{status:w}"'))
def has_status(cli, status):
    assert cli("claims", "show", _mayor(cli), "--format", "json").json()["status"] == status


@then(parsers.parse('it shows the verdict "{rating}" given on the mayor\'s claim'))
def shows_linked_verdict(cli, shown, rating):
    assert shown["rating"] is None
    assert shown["linked_verdict"]["rating"] == rating
    assert shown["linked_verdict"]["id"] == _mayor(cli)


@then(parsers.parse('the command fails saying "{words}"'))
def fails(result, words):
    assert result.rc != 0
    assert words in result.err


@then(parsers.parse('the export holds one ClaimReview of "{words}" by "{speaker}" rated "{rating}"'))
def one_claimreview(exported, words, speaker, rating):
    assert len(exported) == 1
    review = exported[0]
    assert review["@type"] == "ClaimReview"
    assert words in review["claimReviewed"]
    assert review["itemReviewed"]["author"]["name"] == speaker
    assert review["reviewRating"]["alternateName"] == rating


@then(parsers.parse('the events are "{actions}", each with an actor and a UTC time'))
def events_are(events, actions):
    assert [e["action"] for e in events] == [a.strip() for a in actions.split(",")]
    for e in events:
        assert e["actor"]
        assert datetime.fromisoformat(e["at"]).utcoffset() == UTC.utcoffset(None)


@then(parsers.parse('every ClaimReview\'s author is the organisation "{name}" of "{url}"'))
def authored_by(exported, name, url):
    assert exported
    assert all(r["author"] == {"@type": "Organization", "name": name, "url": url} for r in exported)


@then("its ClaimReview keeps the first publication date and gains a modification date")
def keeps_first_date(cli):
    history = cli("claims", "history", _mayor(cli), "--format", "json").json()
    published_on = next(e["at"] for e in history if e["action"] == "publish")[:10]
    [review] = cli("export", "--format", "claimreview").json()
    assert review["datePublished"] == published_on
    assert review["dateModified"] == history[-1]["at"][:10]
    assert history[-1]["action"] == "verdict" and history[-1]["after"]["rating"] == "False"


@then("I see the mayor's claim and its repeat")
def see_mayor_and_repeat(cli, listed):
    assert sorted(c["id"] for c in listed) == sorted([_mayor(cli), _claim_id(cli, "riverside-bridge-steel")])
    assert all(c["conflict_ids"] for c in listed)


@then(parsers.parse('showing the mayor\'s claim flags the conflict with "{rating}"'))
def show_flags_conflict(cli, rating):
    shown = cli("claims", "show", _mayor(cli))
    assert shown.rc == 0
    assert f"CONFLICT:  rated Misleading here but {rating} on its repeat" in shown.out
