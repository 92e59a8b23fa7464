"""Reviewers correct the machine (issue 9, Deliver 2): a claim's speaker and span, a missed
claim, each an event that keeps the original; the corrections as gold-format training data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.errors import ClaimNotFound, InputError, LedgerError
from attribution.ledger import Ledger
from attribution.model import Attribution, Extraction, Span

TEXT = (
    "Budget day\n\n"
    "“We will finish the bridge by June,” said Mayor Ana Torres.\n\n"
    "Councillor Ben Okafor disagreed. “The money is not there,” he said.\n"
)
MAYOR = "We will finish the bridge by June,"
MISSED = "The money is not there,"


def extraction(text: str = TEXT) -> Extraction:
    start, s = text.index(MAYOR), text.index("Mayor Ana Torres")
    wrong = text.index("Budget day")  # the machine names the headline as the speaker
    return Extraction(text, [
        Attribution(start, start + len(MAYOR), MAYOR, "direct", speaker=Span.of(text, wrong, wrong + 10),
                    speaker_names=["Budget Day"], speaker_type="person"),
        Attribution(text.index("Ana"), text.index("Ana") + 3, "Ana", "indirect",
                    speaker=Span.of(text, s, s + 16), speaker_names=["Ana Torres"]),
    ])


@pytest.fixture
def ledger(ledger_target):  # once on SQLite, once on PostgreSQL (tests/conftest.py)
    with Ledger(ledger_target) as led:
        led.ingest_extraction(extraction(), article_id="a1", meta={"url": "https://news.example.org/a1"})
        yield led


def mayor_claim(ledger):
    return next(c for c in ledger.claims() if c.text == MAYOR)


def test_correcting_the_speaker_is_an_event_that_keeps_the_extractions_original(ledger):
    claim = mayor_claim(ledger)
    fixed = ledger.correct(claim.id, speaker="Ana Torres", actor="ines")
    assert fixed.speaker_names == ["Ana Torres"]
    assert TEXT[fixed_mention(ledger, fixed.id)] == "Ana Torres"
    event = ledger.history(claim.id)[-1]
    assert (event.action, event.actor) == ("correct", "ines")
    assert event.before["speaker_names"] == ["Budget Day"] and event.after["speaker_names"] == ["Ana Torres"]
    assert ledger.history(claim.id)[0].after["speaker_names"] == ["Budget Day"]  # the original stays
    torres = ledger.speakers(search="Ana Torres")[0]
    assert torres.claims == 2 and fixed.speaker_id == torres.id
    assert ledger.claims(speaker="Budget") == []


def fixed_mention(ledger, claim_id):
    row = ledger.db.row("SELECT speaker_start, speaker_end FROM claims WHERE id = ?", (claim_id,))
    return slice(row["speaker_start"], row["speaker_end"])


def test_correcting_the_span(ledger):
    wrong = next(c for c in ledger.claims() if c.text == "Ana")
    start = TEXT.index("Mayor Ana Torres")
    fixed = ledger.correct(wrong.id, start=start, end=start + len("Mayor Ana Torres"), actor="ines")
    assert (fixed.text, fixed.start_char) == ("Mayor Ana Torres", start)
    assert ledger.history(wrong.id)[-1].before == {"start_char": wrong.start_char, "end_char": wrong.end_char, "text": "Ana"}
    assert ledger.claims(search="Mayor Ana Torres")  # the search index follows the correction


@pytest.mark.parametrize("start, end", [(-1, 4), (5, 5), (10, 10**6), (10, 12)])
def test_a_span_outside_the_text_or_of_white_space_is_refused(ledger, start, end):
    claim = mayor_claim(ledger)
    blank = TEXT.index("\n\n")
    if (start, end) == (10, 12):
        start, end = blank, blank + 2
    with pytest.raises(InputError):
        ledger.correct(claim.id, start=start, end=end, actor="ines")
    assert ledger.claim(claim.id).text == MAYOR


def test_a_pronoun_is_no_correction_and_nothing_to_correct_is_refused(ledger):
    claim = mayor_claim(ledger)
    with pytest.raises(InputError, match="pronoun"):
        ledger.correct(claim.id, speaker="he", actor="ines")
    with pytest.raises(InputError, match="Say what to correct"):
        ledger.correct(claim.id, actor="ines")


def test_adding_a_missed_claim(ledger):
    start = TEXT.index(MISSED)
    added = ledger.add_claim("a1", start=start, end=start + len(MISSED) + 1, speaker="Ben Okafor", actor="ines")
    expected = TEXT[start : start + len(MISSED) + 1]
    assert (added.text, added.status, added.origin, added.confidence) == (expected, "new", "reviewer", 1.0)
    assert added.speaker_names == ["Ben Okafor"]
    assert [e.action for e in ledger.history(added.id)] == ["added"]
    with pytest.raises(LedgerError, match="already has this claim"):
        ledger.add_claim("a1", start=start, end=start + len(MISSED) + 1, speaker="Ben Okafor", actor="ines")
    with pytest.raises(ClaimNotFound):
        ledger.add_claim("no-such-article", start=0, end=4, speaker="Ben Okafor", actor="ines")


def test_a_reviewers_claim_stays_in_a_new_version_that_still_has_its_words(ledger):
    start = TEXT.index(MISSED)
    added = ledger.add_claim("a1", start=start, end=start + len(MISSED), speaker="Ben Okafor", actor="ines")
    changed = "Update: " + TEXT
    ledger.ingest_extraction(extraction(changed), article_id="a1")
    kept = ledger.claim(added.id)
    assert (kept.status, kept.version, changed[kept.start_char : kept.end_char]) == ("new", 2, MISSED)
    ledger.ingest_extraction(extraction(changed.replace(MISSED, "We have no money,")), article_id="a1")
    assert ledger.claim(added.id).status == "withdrawn"


def test_a_corrected_speaker_survives_a_new_version(ledger):
    claim = mayor_claim(ledger)
    ledger.correct(claim.id, speaker="Ana Torres", actor="ines")
    ledger.ingest_extraction(extraction("Update: " + TEXT), article_id="a1")  # the machine errs again
    kept = ledger.claim(claim.id)
    assert (kept.status, kept.speaker_names, kept.version) == ("new", ["Ana Torres"], 2)


def test_corrections_are_training_data_in_the_shared_gold_format(ledger):
    claim = mayor_claim(ledger)
    ledger.correct(claim.id, speaker="Ana Torres", actor="ines")
    start = TEXT.index(MISSED)
    ledger.add_claim("a1", start=start, end=start + len(MISSED), speaker="Ben Okafor", actor="tom",
                     speaker_start=TEXT.index("Ben Okafor"), speaker_end=TEXT.index("Ben Okafor") + 10)
    wrong = next(c for c in ledger.claims() if c.text == "Ana")
    ledger.dismiss(wrong.id, actor="tom", reason="not a claim")
    [doc] = ledger.corrections()
    assert (doc["id"], doc["text"]) == ("a1", TEXT)
    assert doc["meta"]["reviewers"] == ["ines", "tom"] and doc["meta"]["dismissed"] == [wrong.id]
    quotes = {q["text"]: q for q in doc["quotes"]}
    assert set(quotes) == {MAYOR, MISSED}  # the dismissed non-claim is left out
    for q in doc["quotes"]:
        assert TEXT[q["start"] : q["end"]] == q["text"]
        if q["speaker"]:
            assert TEXT[q["speaker"]["start"] : q["speaker"]["end"]] == q["speaker"]["text"]
    assert quotes[MAYOR]["speaker_name"] == "Ana Torres" and quotes[MAYOR]["corrected"] is True
    assert quotes[MISSED]["speaker"]["text"] == "Ben Okafor" and quotes[MISSED]["origin"] == "reviewer"


def test_the_correction_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "l.sqlite"))
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    lines = tmp_path / "a.jsonl"
    quotes = [a.to_dict() for a in extraction().attributions]
    lines.write_text(json.dumps({"id": "a1", "text": TEXT, "quotes": quotes}) + "\n", encoding="utf-8")

    def run(*argv):
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return rc, out, err

    assert run("ingest", lines)[0] == 0
    claim = json.loads(run("claims", "list", "--search", "bridge June", "--format", "json")[1])[0]["id"]
    rc, out, err = run("claims", "correct", claim, "--speaker", "Ana Torres")
    assert rc == 0 and "Ana Torres" in out, err
    start = TEXT.index(MISSED)
    rc, out, err = run("claims", "add", "a1", "--start", start, "--end", start + len(MISSED), "--speaker", "Ben Okafor")
    assert rc == 0 and "new" in out, err
    rc, out, err = run("claims", "add", "a1", "--start", 10**6, "--end", 10**6 + 1, "--speaker", "Ben Okafor")
    assert rc == 1 and "[A002]" in err and "outside the article's text" in err
    rc, out, _ = run("claims", "history", claim, "--format", "json")
    assert [e["action"] for e in json.loads(out)] == ["created", "correct"]
    out_file = tmp_path / "corrections.jsonl"
    assert run("corrections", "-o", out_file)[0] == 0
    [doc] = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert {q["text"] for q in doc["quotes"]} >= {MAYOR, MISSED}
    rc, _, err = run("corrections", "-o", tmp_path / "no" / "dir" / "x.jsonl")
    assert rc != 0 and "Traceback" not in err


def test_speaker_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "l.sqlite"))
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    with Ledger(tmp_path / "l.sqlite") as led:
        led.ingest_extraction(extraction(), article_id="a1")

    def run(*argv):
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return rc, out, err

    speakers = {s["name"]: s["id"] for s in json.loads(run("speakers", "--format", "json")[1])}
    rc, out, err = run("speakers", "merge", speakers["Ana Torres"], speakers["Budget Day"], "--reason", "headline")
    assert rc == 0 and "headline" in out, err
    rc, out, _ = run("speakers", "show", "Ana Torres")
    assert "merged" in out and "Budget Day" in out and "headline" in out
    rc, out, _ = run("speakers", "split", speakers["Budget Day"])
    assert rc == 0
    rc, out, _ = run("speakers", "rename", speakers["Ana Torres"], "Ana", "Torres", "Ruiz")
    assert rc == 0 and "Ana Torres Ruiz" in out
    rc, out, err = run("speakers", "show", "s_nobody")
    assert rc == 1 and "[A041]" in err
    assert run("speakers", "merge", speakers["Ana Torres"], speakers["Ana Torres"])[0] == 1


def test_a_corrected_speaker_leaves_the_repeats_of_the_old_one(tmp_path):
    council = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
    with Ledger(":memory:") as led:
        led.ingest_files([str(council)])
        first, repeat = led.claims(search="finish bridge June", sort="created")
        assert first.group_id == repeat.group_id and [c.id for c in first.linked] == [repeat.id]
        fixed = led.correct(first.id, speaker="Ben Okafor", actor="ines")
        assert fixed.linked == [] and led.claim(repeat.id).linked == []
        led.correct(first.id, speaker="Ana Torres", actor="ines")  # corrected back: linked again
        assert [c.id for c in led.claim(first.id).linked] == [repeat.id]
