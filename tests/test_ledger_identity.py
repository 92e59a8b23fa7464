"""Stable identity (issue 9, Found 1): an article is its id, URL or text, never the path it
was read from; a claim is what was said and who said it, kept across versions wherever its
offsets moved; a claim a new version no longer has is withdrawn."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.errors import UsageError
from attribution.ledger import Ledger
from attribution.model import Attribution, Cue, Extraction, Span

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "fixtures" / "ledger" / "riverside-bridge.txt"
TEXT = (
    "Budget day\n\n"
    "“We will finish the bridge by June,” said Mayor Ana Torres.\n\n"
    "“The old bridge is tired,” said Councillor Ben Okafor.\n"
)


def quote(text: str, words: str, speaker: str, names: list[str], **kw) -> Attribution:
    start, s = text.index(words), text.index(speaker)
    cue = text.index("said", start)
    return Attribution(
        start, start + len(words), words, kw.pop("kind", "direct"),
        speaker=Span.of(text, s, s + len(speaker)), speaker_names=names, speaker_type="person",
        cue=Cue(cue, cue + 4, "said", "say"), **kw,
    )


def extraction(text: str, *, okafor: bool = True) -> Extraction:
    found = [quote(text, "We will finish the bridge by June,", "Mayor Ana Torres", ["Ana Torres"])]
    if okafor:
        found.append(quote(text, "The old bridge is tired,", "Councillor Ben Okafor", ["Ben Okafor"]))
    return Extraction(text, found)


@pytest.fixture
def ledger(ledger_target):  # once on SQLite, once on PostgreSQL (tests/conftest.py)
    with Ledger(ledger_target) as led:
        yield led


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")

    def run(*argv, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return rc, out, err

    return run


# -- articles ------------------------------------------------------------------------------
def test_the_same_file_by_two_spellings_of_its_path_is_one_article(cli, tmp_path, monkeypatch):
    copy = tmp_path / "a.txt"
    copy.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, out, err = cli("ingest", "a.txt", "--format", "json")
    assert rc == 0, err
    [first] = json.loads(out)
    rc, out, _ = cli("ingest", copy.resolve(), "--format", "json")
    [again] = json.loads(out)
    assert (again["article_id"], again["outcome"]) == (first["article_id"], "unchanged")
    rc, out, _ = cli("articles", "--format", "json")
    assert [a["id"] for a in json.loads(out)] == [first["article_id"]]


def test_two_unrelated_texts_on_standard_input_are_two_articles(cli):
    rc, out, err = cli("ingest", "-", "--format", "json", stdin="The council met on Tuesday.\n")
    assert rc == 0, err
    rc, out2, err = cli("ingest", "-", "--format", "json", stdin="A storm closed the harbour.\n")
    first, second = json.loads(out)[0], json.loads(out2)[0]
    assert (first["outcome"], second["outcome"]) == ("added", "added")
    assert first["article_id"] != second["article_id"]


def test_id_with_several_inputs_is_a_coded_error(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One article.\n", encoding="utf-8")
    b.write_text("Another article.\n", encoding="utf-8")
    rc, out, err = cli("ingest", "--id", "x", a, b)
    assert rc != 0 and "[A055]" in err and "names one article" in err and "Traceback" not in err
    rc, out, _ = cli("articles", "--format", "json")
    assert rc == 0 and json.loads(out) == []  # nothing was stored


# -- claims across versions ----------------------------------------------------------------
def test_a_word_added_to_the_headline_keeps_every_claim_with_its_status_and_verdict(ledger):
    ledger.ingest_extraction(extraction(TEXT), article_id="a1")
    mayor = ledger.claims(speaker="Torres")[0]
    ledger.start_review(mayor.id, actor="ines")
    ledger.verdict(mayor.id, "Misleading", url="https://checks.example.org/1", actor="ines")
    changed = TEXT.replace("Budget day", "Budget day in Riverside")
    result = ledger.ingest_extraction(extraction(changed), article_id="a1")
    assert (result.outcome, result.claims_added, result.claims_kept, result.claims_withdrawn) == ("new_version", 0, 2, 0)
    kept = ledger.claim(mayor.id)
    assert (kept.status, kept.rating, kept.version) == ("verdict_given", "Misleading", 2)
    assert changed[kept.start_char : kept.end_char] == kept.text
    assert ledger.count() == 2


def test_a_claim_a_new_version_drops_is_withdrawn_with_an_event_and_comes_back_with_its_status(ledger):
    ledger.ingest_extraction(extraction(TEXT), article_id="a1")
    okafor = ledger.claims(speaker="Okafor")[0]
    ledger.start_review(okafor.id, actor="ines")
    shorter = TEXT.split("“The old")[0]
    result = ledger.ingest_extraction(extraction(shorter, okafor=False), article_id="a1")
    assert (result.claims_kept, result.claims_withdrawn) == (1, 1)
    gone = ledger.claim(okafor.id)
    assert (gone.status, gone.withdrawn_in) == ("withdrawn", 2)
    event = ledger.history(okafor.id)[-1]
    assert (event.action, event.before, event.after["status"]) == ("withdrawn", {"status": "in_review"}, "withdrawn")
    assert [c.id for c in ledger.claims(status="withdrawn")] == [okafor.id]
    assert ledger.speakers(search="Okafor")[0].claims == 0  # a withdrawn claim no longer counts
    # a third version has it again: it comes back as it was
    ledger.ingest_extraction(extraction(TEXT + "\nMore."), article_id="a1")
    back = ledger.claim(okafor.id)
    assert (back.status, back.withdrawn_in, back.version) == ("in_review", None, 3)
    assert ledger.history(okafor.id)[-1].action == "restored"


def test_the_same_words_said_twice_are_two_claims_matched_in_order(ledger):
    text = "“Yes,” said Ana Torres. Later: “Yes,” said Ana Torres again.\n"
    first = text.index("“Yes,”")
    second = text.index("“Yes,”", first + 1)

    def two(t: str, shift: int = 0) -> Extraction:
        found = []
        for start in (first + shift, second + shift):
            s = t.index("Ana Torres", start)
            found.append(Attribution(start, start + 6, t[start:start + 6], "direct",
                                     speaker=Span.of(t, s, s + 10), speaker_names=["Ana Torres"]))
        return Extraction(t, found)

    ledger.ingest_extraction(two(text), article_id="a1")
    ids = [c.id for c in ledger.claims(sort="position")]
    assert len(set(ids)) == 2
    ledger.ingest_extraction(two("Update. " + text, shift=len("Update. ")), article_id="a1")
    assert [c.id for c in ledger.claims(sort="position")] == ids


def test_articles_list_and_show_tell_versions_and_what_changed(cli, tmp_path):
    lines = tmp_path / "a.jsonl"

    def write(text: str, okafor: bool = True) -> None:
        quotes = [a.to_dict() for a in extraction(text, okafor=okafor).attributions]
        lines.write_text(json.dumps({"id": "a1", "text": text, "quotes": quotes}) + "\n", encoding="utf-8")

    write(TEXT)
    assert cli("ingest", lines)[0] == 0
    write(TEXT.replace("Budget day", "Budget day, updated").split("“The old")[0], okafor=False)
    rc, out, err = cli("ingest", lines, "--format", "json")
    assert rc == 0, err
    assert json.loads(out)[0]["claims_withdrawn"] == 1
    rc, out, _ = cli("articles", "--format", "json")
    [article] = json.loads(out)
    assert (article["id"], article["versions"], article["claims"], article["withdrawn"]) == ("a1", 2, 1, 1)
    rc, out, _ = cli("articles", "show", "a1", "--format", "json")
    shown = json.loads(out)
    v2 = shown["history"][1]
    assert (len(v2["kept"]), len(v2["withdrawn"]), v2["added"]) == (1, 1, [])
    assert "- Budget day" in v2["text_changes"] and "+ Budget day, updated" in v2["text_changes"]
    rc, out, _ = cli("articles", "show", "a1")
    assert "Version 2" in out and "withdrawn:" in out
    rc, out, _ = cli("claims", "list", "--status", "withdrawn")
    assert "withdrawn" in out and "Okafor" in out
    gone = json.loads(cli("claims", "list", "--status", "withdrawn", "--format", "json")[1])[0]["id"]
    rc, out, _ = cli("claims", "show", gone)
    assert "[withdrawn]" in out and "WITHDRAWN: version 2 of the article no longer has this claim" in out


def test_a_relation_the_extraction_gives_is_stored_and_shown_as_context(ledger):
    found = extraction(TEXT).attributions
    for a in found:
        a.relation = 7  # the two are parts of one attribution relation
    ledger.ingest_extraction(Extraction(TEXT, found), article_id="a1")
    mayor, okafor = ledger.claims(sort="position")
    assert (mayor.relation, okafor.relation) == (7, 7)
    context = ledger.context(mayor.id)
    assert (context.relation, context.related) == (7, [okafor.id])
    assert okafor.id in context.relation_note


def test_show_tells_the_relation(cli, tmp_path):
    found = extraction(TEXT).attributions
    quotes = [{**a.to_dict(), "relation": 7} for a in found]
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"id": "a1", "text": TEXT, "quotes": quotes}) + "\n", encoding="utf-8")
    assert cli("ingest", lines)[0] == 0
    claim = json.loads(cli("claims", "list", "--speaker", "Torres", "--format", "json")[1])[0]["id"]
    rc, out, _ = cli("claims", "show", claim)
    assert "Relation:  relation 7: part of one attribution with c_" in out


def test_ingest_with_jobs_goes_through_the_worker_pool_and_reports_progress(cli, tmp_path):
    paths = []
    for n, words in enumerate(("The council met on Tuesday.", "“We are ready,” said Ana Torres.")):
        path = tmp_path / f"{n}.txt"
        path.write_text(words + "\n", encoding="utf-8")
        paths.append(path)
    rc, out, err = cli("ingest", *paths, "--jobs", "2", "--progress", "--format", "json")
    assert rc == 0, err
    assert [r["outcome"] for r in json.loads(out)] == ["added", "added"]
    assert "ingest: 1/2" in err and "ingest: 2/2" in err
    with pytest.raises(SystemExit) as refused:
        cli("ingest", *paths, "--jobs", "0")
    assert refused.value.code == 2
    with pytest.raises(UsageError, match="--jobs"):
        Ledger(":memory:").ingest([], jobs=0)
