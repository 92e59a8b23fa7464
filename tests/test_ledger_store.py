"""The ledger's store: ingest (idempotent, versioned, atomic per article), speakers, repeats,
finding claims, context."""
from __future__ import annotations

from pathlib import Path

import pytest

from attribution.errors import ClaimNotFound, InputError, LedgerError
from attribution.ledger import Ledger
from attribution.ledger.ids import claim_id
from attribution.model import Attribution, Cue, Extraction, Span

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
TEXT = (
    "Budget day\n\n"
    "“We will finish the bridge by June,” said Mayor Ana Torres.\n\n"
    "Torres said the council had approved the budget.\n"
)


def quote(text: str, words: str, speaker: str, names: list[str], **kw) -> Attribution:
    """An attribution of ``words`` to the mention ``speaker`` (both found in ``text``)."""
    start = text.index(words)
    s = text.index(speaker)
    cue = text.index("said", min(s, start))
    return Attribution(
        start, start + len(words), words, kw.pop("kind", "direct"),
        speaker=Span.of(text, s, s + len(speaker)), speaker_names=names,
        speaker_type=kw.pop("speaker_type", "person"), cue=Cue(cue, cue + 4, "said", "say"), **kw,
    )


def budget_extraction(text: str = TEXT) -> Extraction:
    return Extraction(
        text,
        [
            quote(text, "We will finish the bridge by June,", "Mayor Ana Torres", ["Ana Torres"]),
            quote(text, "the council had approved the budget", "Torres", ["Ana Torres"], kind="indirect"),
        ],
    )


@pytest.fixture
def ledger(ledger_target):  # once on SQLite, once on PostgreSQL (tests/conftest.py)
    with Ledger(ledger_target) as led:
        yield led


@pytest.fixture
def council(ledger):
    results = ledger.ingest_files([str(COUNCIL)])
    assert [r.outcome for r in results] == ["added", "added"]
    return ledger


def test_ingest_stores_article_claims_and_speakers(ledger):
    result = ledger.ingest_extraction(budget_extraction(), article_id="a1", meta={"url": "https://x.example/a1"})
    assert (result.outcome, result.version, result.claims_added) == ("added", 1, 2)
    claims = ledger.claims(sort="position")
    assert [c.text for c in claims] == ["We will finish the bridge by June,", "the council had approved the budget"]
    assert all(c.status == "new" and c.article_url == "https://x.example/a1" for c in claims)
    assert TEXT[claims[0].start_char : claims[0].end_char] == claims[0].text
    [torres] = ledger.speakers()
    assert (torres.name, torres.claims, torres.articles) == ("Ana Torres", 2, 1)
    assert torres.aliases == ["Mayor Ana Torres", "Torres"]


def test_claim_ids_are_short_stable_and_content_derived(ledger):
    ledger.ingest_extraction(budget_extraction(), article_id="a1")
    first = ledger.claims(sort="position")[0]
    assert first.id == claim_id("a1", "ana torres", "we will finish the bridge by june")
    assert first.id.startswith("c_") and len(first.id) == 12
    with Ledger(":memory:") as other:
        other.ingest_extraction(budget_extraction(), article_id="a1")
        assert [c.id for c in other.claims(sort="position")] == [c.id for c in ledger.claims(sort="position")]


def test_same_article_twice_adds_nothing(ledger):
    ledger.ingest_extraction(budget_extraction(), article_id="a1")
    before = (ledger.count(), ledger.db.scalar("SELECT count(*) FROM events"))
    again = ledger.ingest_extraction(budget_extraction(), article_id="a1")
    assert (again.outcome, again.claims_added) == ("unchanged", 0)
    assert (ledger.count(), ledger.db.scalar("SELECT count(*) FROM events")) == before


def test_changed_article_is_a_new_version_that_keeps_claims_whose_offsets_moved(ledger):
    ledger.ingest_extraction(budget_extraction(), article_id="a1")
    old = ledger.claims(sort="position")[0]
    ledger.start_review(old.id, actor="ines")
    ledger.verdict(old.id, "Misleading", actor="ines")
    changed = TEXT.replace("Budget day", "Budget day, updated") + "\n“It is a good day,” said Mayor Ana Torres.\n"
    extraction = budget_extraction(changed)
    extraction.attributions.append(quote(changed, "It is a good day,", "Mayor Ana Torres", ["Ana Torres"]))
    result = ledger.ingest_extraction(extraction, article_id="a1")
    assert (result.outcome, result.version, result.claims_added, result.claims_kept) == ("new_version", 2, 1, 2)
    assert ledger.count(article="a1") == 3
    kept = ledger.claim(old.id)  # same id, status and verdict; offsets into the new text
    assert (kept.version, kept.status, kept.rating) == (2, "verdict_given", "Misleading")
    assert kept.start_char == old.start_char + len(", updated")
    assert changed[kept.start_char : kept.end_char] == kept.text
    assert [e.action for e in ledger.history(old.id)] == ["created", "review", "verdict", "seen_in_version"]
    assert ledger.article_text("a1", 1) == TEXT and ledger.article_text("a1") == changed


def test_unchanged_claim_in_new_version_is_marked_seen(ledger):
    ledger.ingest_extraction(budget_extraction(), article_id="a1")
    extended = TEXT + "\nThe meeting ended at nine.\n"
    result = ledger.ingest_extraction(budget_extraction(extended), article_id="a1")
    assert (result.claims_added, result.claims_kept) == (0, 2)
    claim = ledger.claims(sort="position")[0]
    last = ledger.history(claim.id)[-1]
    moved = {"last_version": 2, "version": 2}
    assert (last.action, last.before, last.after) == ("seen_in_version", {"last_version": 1, "version": 1}, moved)


def test_offsets_that_do_not_match_the_text_store_nothing(ledger):
    bad = budget_extraction()
    bad.attributions[1].start_char += 1
    with pytest.raises(InputError, match="does not match the text"):
        ledger.ingest_extraction(bad, article_id="a1")
    assert ledger.db.scalar("SELECT count(*) FROM articles") == 0
    assert ledger.count() == 0


def test_ingest_of_text_documents_skips_extraction_when_unchanged(ledger, monkeypatch):
    import attribution.batch

    calls = []

    def fake_batch(docs, **kw):
        for doc in docs:
            calls.append(doc.id)
            from attribution.model import DocResult

            yield DocResult(doc.id, extraction=budget_extraction(doc.text))

    monkeypatch.setattr(attribution.batch, "extract_batch", fake_batch)
    from attribution.model import Document

    first = ledger.ingest([Document("a1", TEXT), Document("empty", "  ")])
    assert [r.outcome for r in first] == ["added", "error"]
    second = ledger.ingest([Document("a1", TEXT)])
    assert second[0].outcome == "unchanged"
    assert calls == ["a1"]


def test_one_speaker_across_articles(council):
    speakers = {s.name: s for s in council.speakers()}
    torres = speakers["Ana Torres"]
    assert (torres.claims, torres.articles, torres.type, torres.anonymous) == (3, 2, "person", False)
    official = speakers["one council official"]
    assert official.anonymous and official.type == "anonymous"
    assert [s.name for s in council.speakers(anonymous=True)] == ["one council official"]
    assert [s.name for s in council.speakers(search="councillor")] == ["Ben Okafor"]


def test_anonymous_sources_are_not_merged_across_articles(ledger):
    text = "“Costs are rising,” said a senior official.\n"
    for article in ("a1", "a2"):
        a = quote(text, "Costs are rising,", "a senior official", [], speaker_type="anonymous", anonymous=True)
        ledger.ingest_extraction(Extraction(text, [a]), article_id=article)
    assert [(s.name, s.claims) for s in ledger.speakers()] == [("a senior official", 1)] * 2


def test_joint_statement_counts_for_each_speaker(ledger):
    text = "“We agree,” said Ana Torres and Ben Okafor.\n"
    a = quote(text, "We agree,", "Ana Torres and Ben Okafor", ["Ana Torres", "Ben Okafor"], speaker_type="group")
    ledger.ingest_extraction(Extraction(text, [a]), article_id="a1")
    assert sorted(s.name for s in ledger.speakers()) == ["Ana Torres", "Ben Okafor"]
    assert [c.speaker for c in ledger.claims(speaker="Okafor")] == ["Ana Torres & Ben Okafor"]


def test_declined_to_comment_is_dismissed_on_arrival(council):
    [dismissed] = council.claims(status="dismissed")
    assert dismissed.text == "declined to comment"
    assert "declines to comment" in council.history(dismissed.id)[0].after["reason"]


def test_repeats_across_articles_are_linked_and_share_verdicts(council):
    first, repeat = council.claims(speaker="Ana Torres", kind="direct", sort="created")
    assert first.article_id != repeat.article_id
    assert repeat.group_id == first.group_id == first.id
    council.start_review(first.id, actor="ines")
    council.verdict(first.id, "Misleading", actor="ines")
    seen = council.claim(repeat.id)
    assert seen.rating is None
    assert (seen.linked_verdict.id, seen.linked_verdict.rating) == (first.id, "Misleading")


def test_different_words_by_the_same_speaker_are_not_linked(council):
    claims = council.claims(speaker="Ana Torres")
    groups = {c.group_id for c in claims}
    assert len(claims) == 3 and len(groups) == 2


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"status": "dismissed"}, 1),
        ({"speaker": "Okafor"}, 2),
        ({"article": "riverside-bridge-steel"}, 3),
        ({"article": "https://news.example.org/riverside/bridge-budget"}, 4),
        ({"outlet": "valley radio"}, 3),
        ({"kind": "indirect"}, 3),
        ({"anonymous": True}, 1),
        ({"anonymous": False}, 6),
        ({"search": "bridge june"}, 2),
        ({"search": "Okafor"}, 2),
        ({"search": "steel ordered"}, 1),
        ({"search": "nonexistentword"}, 0),
        ({"speaker": "Okafor", "kind": "direct"}, 1),
    ],
)
def test_filters(council, filters, expected):
    assert len(council.claims(**filters)) == expected
    assert council.count(**filters) == expected


def test_assignee_and_tag_filters(council):
    first = council.claims(sort="position")[0]
    council.assign(first.id, "tom", actor="ines")
    council.tag(first.id, "budget", actor="ines")
    assert [c.id for c in council.claims(assignee="tom")] == [first.id]
    assert [c.id for c in council.claims(tag="budget")] == [first.id]


def test_search_falls_back_to_like_without_fts5(monkeypatch):
    from attribution.ledger.db import Database

    monkeypatch.setattr(Database, "has_fts5", lambda self: False)
    with Ledger(":memory:") as ledger:
        ledger.ingest_files([str(COUNCIL)])
        assert not ledger.db.has_table("claims_fts")
        assert [c.text for c in ledger.claims(search="steel has not")] == ["The steel has not been ordered yet,"]


def test_sorting_and_pagination(council):
    everything = council.claims(sort="id")
    assert [c.id for c in everything] == sorted(c.id for c in everything)
    assert [c.id for c in council.claims(sort="id", descending=True)] == sorted((c.id for c in everything), reverse=True)
    pages = [council.claims(sort="id", limit=3, offset=o) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [c.id for p in pages for c in p] == [c.id for c in everything]
    with pytest.raises(LedgerError, match="Cannot sort by"):
        council.claims(sort="colour")


def test_claim_by_unique_prefix_and_unknown_id(council):
    claim = council.claims()[0]
    assert council.claim(claim.id[:8]).id == claim.id
    with pytest.raises(ClaimNotFound, match="attribution claims list"):
        council.claim("c_0000000000")


def test_context_is_the_paragraph_with_the_claim_marked(council):
    claim = council.claims(speaker="Okafor", kind="direct")[0]
    context = council.context(claim.id)
    assert context.marked() == "“⟦The old bridge carries twice the traffic it was built for,⟧” said Councillor Ben Okafor."
    text = council.article_text(claim.article_id)
    assert text[context.start_char + context.claim_start : context.start_char + context.claim_end] == claim.text


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Mayor Ana Torres", "Ana Torres", True),
        ("Dr. Ana  Torres", "ana torres", True),
        ("Prime Minister Keir Starmer", "Keir Starmer", True),
        ("Torres’s", "Torres", True),
        ("President Trump", "Trump", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Harbourmaster Tomas Reyes", "Tomas Reyes", True),
        ("Donald Trump", "Trump", False),
        ("Ana Torres", "Ana Torrez", False),
    ],
)
def test_speaker_name_keys(a, b, same):
    from attribution.ledger.normalise import name_key

    assert (name_key(a) == name_key(b)) is same


def test_titled_and_plain_names_are_one_speaker(ledger):
    for article, names in (("a1", ["Mayor Ana Torres"]), ("a2", ["Ana Torres"])):
        a = quote(TEXT, "We will finish the bridge by June,", "Mayor Ana Torres", names)
        ledger.ingest_extraction(Extraction(TEXT, [a]), article_id=article)
    [speaker] = ledger.speakers()
    assert (speaker.claims, speaker.articles) == (2, 2)
    first, second = ledger.claims(sort="created")
    assert second.group_id == first.id
