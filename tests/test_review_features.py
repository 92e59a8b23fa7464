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


# -- identity, versions, corrections and the registry (issue 9) -------------------------
def _council_line(article: str) -> dict:
    for line in COUNCIL.read_text(encoding="utf-8").splitlines():
        if json.loads(line)["id"] == article:
            return json.loads(line)
    raise AssertionError(f"no council article {article}")


def _moved(span: dict | None, old: str, new: str) -> dict | None:
    """``span`` of ``old`` found again in ``new`` (the nearest occurrence of its words)."""
    if span is None:
        return None
    words = span["text"]
    found = [i for i in range(len(new)) if new.startswith(words, i)]
    start = min(found, key=lambda i: abs(i - span["start_char"]))
    return {**span, "start_char": start, "end_char": start + len(words)}


def _new_version(cli, tmp_path, article: str, edit, drop: str | None = None):
    line = _council_line(article)
    old, new = line["text"], edit(line["text"])
    quotes = []
    for q in line["quotes"]:
        if drop and q["text"].startswith(drop):
            continue
        moved = _moved(q, old, new)
        quotes.append({**moved, "speaker": _moved(q["speaker"], old, new), "cue": _moved(q["cue"], old, new)})
    path = tmp_path / f"{article}-v2.jsonl"
    path.write_text(json.dumps({**line, "text": new, "quotes": quotes}) + "\n", encoding="utf-8")
    return cli("ingest", path, "--format", "json")


@pytest.fixture
def corrected():
    return {}


@when(parsers.parse('I ingest the article file "{name}" from its folder'), target_fixture="first")
def ingest_relative(cli, name, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    return cli("ingest", name, "--format", "json").json()[0]


@when(parsers.parse('I ingest the article file "{name}" by its full path'), target_fixture="result")
def ingest_absolute(cli, name):
    return cli("ingest", (FIXTURES / name).resolve(), "--format", "json")


@then(parsers.parse('the second ingest reports the same article as "{outcome}"'))
def same_article(cli, first, result, outcome):
    second = result.json()[0]
    assert (second["article_id"], second["outcome"]) == (first["article_id"], outcome)
    assert len(cli("articles", "--format", "json").json()) == 1


@when(parsers.parse('a new version of "{article}" with a word added to its headline is ingested'),
      target_fixture="result")
def version_with_headline(cli, tmp_path, article):
    return _new_version(cli, tmp_path, article, lambda t: t.replace("approves the", "approves the new", 1))


@when(parsers.parse('a new version of "{article}" without Okafor\'s quote is ingested'), target_fixture="result")
def version_without_okafor(cli, tmp_path, article):
    quote = "“The old bridge carries twice the traffic it was built for,” said Councillor Ben Okafor.\n\n"
    return _new_version(cli, tmp_path, article, lambda t: t.replace(quote, ""), drop="The old bridge")


@then(parsers.parse("the new version kept {kept:d} claims and added none"))
def kept_claims(result, kept):
    [r] = result.json()
    assert (r["outcome"], r["claims_kept"], r["claims_added"], r["claims_withdrawn"]) == ("new_version", kept, 0, 0)


def _claim_with(cli, words: str) -> dict:
    found = [c for c in cli("claims", "list", "--limit", "0", "--format", "json").json() if c["text"].startswith(words)]
    assert len(found) == 1, found
    return cli("claims", "show", found[0]["id"], "--format", "json").json()


@then(parsers.parse('the claim "{words}" has the status "{status:w}"'), target_fixture="claim")
def claim_status(cli, words, status):
    claim = _claim_with(cli, words)
    assert claim["status"] == status
    return claim


@then(parsers.parse('its history ends with the event "{action}"'))
def history_ends(cli, claim, action):
    assert cli("claims", "history", claim["id"], "--format", "json").json()[-1]["action"] == action


@when(parsers.parse('I show the article "{article}"'), target_fixture="shown")
def show_article(cli, article):
    return cli("articles", "show", article, "--format", "json").json()


@then(parsers.parse("I see {count:d} versions, the second keeping {kept:d} claims and withdrawing {gone:d}"))
def versions_shown(shown, count, kept, gone):
    assert len(shown["history"]) == count
    second = shown["history"][1]
    assert (len(second["kept"]), len(second["withdrawn"])) == (kept, gone)


@given(parsers.parse('I have corrected the speaker of the mayor\'s claim to "{name}"'), target_fixture="claim")
@when(parsers.parse('I correct the speaker of the mayor\'s claim to "{name}"'), target_fixture="claim")
def correct_speaker(cli, name):
    claim = _mayor(cli)
    assert cli("claims", "correct", claim, "--speaker", name).rc == 0
    return cli("claims", "show", claim, "--format", "json").json()


@then(parsers.parse('the claim is by "{name}"'))
def claim_by(cli, claim, name):
    shown = cli("claims", "show", claim["id"], "--format", "json").json()
    assert shown["speaker_names"] == [name]
    assert name in cli("claims", "show", claim["id"]).out


@then(parsers.parse('its history keeps "{name}" as the speaker the extraction gave'))
def history_keeps(cli, claim, name):
    events = cli("claims", "history", claim["id"], "--format", "json").json()
    assert events[0]["after"]["speaker_names"] == [name]
    assert events[-1]["action"] == "correct" and events[-1]["before"]["speaker_names"] == [name]


@when(parsers.parse('I add the words "{words}" of "{article}" as a claim by "{name}"'), target_fixture="claim")
def add_claim(cli, words, article, name):
    start = _council_line(article)["text"].index(words)
    result = cli("claims", "add", article, "--start", start, "--end", start + len(words), "--speaker", name)
    assert result.rc == 0, result.err
    return _claim_with(cli, words)


@when("I export the corrections", target_fixture="exported")
def export_corrections(cli):
    result = cli("corrections")
    assert result.rc == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


@then(parsers.parse('I get "{article}" in the gold format with the mayor\'s words said by "{name}"'))
def gold_corrections(exported, article, name):
    [doc] = exported
    assert doc["id"] == article
    mayor = next(q for q in doc["quotes"] if MAYOR_WORDS in q["text"])
    assert doc["text"][mayor["start"] : mayor["end"]] == mayor["text"]
    assert (mayor["speaker_name"], mayor["corrected"]) == (name, True)


def _ingest_quote_by(cli, tmp_path, mention: str, names: list[str]) -> None:
    text = f"“The steel will come in May,” said {mention}.\n"
    words, s = "The steel will come in May,", text.index(mention)
    quote = {"start_char": 1, "end_char": 1 + len(words), "text": words, "kind": "direct",
             "speaker": {"start_char": s, "end_char": s + len(mention), "text": mention},
             "speaker_name": names, "speaker_type": "person"}
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps({"id": f"steel-{mention}", "text": text, "quotes": [quote]}) + "\n", encoding="utf-8")
    assert cli("ingest", path).rc == 0


@given(parsers.parse('an article quoting "{mention}" is ingested'))
@when(parsers.parse('an article quoting "{mention}" alone is ingested'))
def article_quoting(cli, tmp_path, mention):
    _ingest_quote_by(cli, tmp_path, mention, [mention])


def _speaker(cli, name: str) -> dict:
    [found] = [s for s in cli("speakers", "--format", "json").json() if s["name"] == name]
    return found


@then(parsers.parse('the speakers list "{name}" once, with {count:d} claims'))
def speakers_once(cli, name, count):
    assert _speaker(cli, name)["claims"] == count


@then(parsers.parse('showing "{name}" explains that "{alias}" is the only person of that surname'))
def show_explains(cli, name, alias):
    shown = cli("speakers", "show", name, "--format", "json").json()
    [merged] = [m for m in shown["merged"] if m["name"] == alias]
    assert "only person of that surname" in merged["reason"]


@when(parsers.parse('I merge "{other}" into "{keep}" because "{reason}"'))
def merge_speakers(cli, other, keep, reason):
    result = cli("speakers", "merge", _speaker(cli, keep)["id"], _speaker(cli, other)["id"], "--reason", reason)
    assert result.rc == 0, result.err


@then(parsers.parse('showing "{name}" lists "{other}" because "{reason}"'))
def show_lists(cli, name, other, reason):
    shown = cli("speakers", "show", name, "--format", "json").json()
    assert any(m["name"] == other and m["reason"] == reason for m in shown["merged"])


@then(parsers.parse('splitting "{other}" off again gives two speakers'))
def split_again(cli, other):
    assert cli("speakers", "split", other).rc == 0
    names = {s["name"] for s in cli("speakers", "--format", "json").json()}
    assert {"Ana Torres", other} <= names
