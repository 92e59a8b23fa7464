"""The project's own test articles and their gold attributions.

First the gold itself: every line of ``fixtures/gold/*.jsonl`` is well formed, its offsets
reproduce its texts, and it is what ``fixtures/build_gold.py`` builds from the articles
(so nobody edits offsets by hand).  Then the engine on those articles: it never fails,
its spans are honest, it invents no names, and it scores at least the targets of the
project's issues under the reference protocol (``attribution.evaluate``).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import attribution
from attribution.evaluate import evaluate
from attribution.model import CUE_CLASSES, KINDS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
GOLD_DIR = FIXTURES / "gold"
GOLD_SPEAKER_TYPES = ("person", "organisation", "anonymous", "group", "document")

GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))
SLUGS = [p.stem for p in GOLD_FILES]


@lru_cache(maxsize=1)
def _load_build_gold():
    """fixtures/build_gold.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_gold", FIXTURES / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gold"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def _gold(slug: str) -> dict:
    lines = (GOLD_DIR / f"{slug}.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1, f"{slug}.jsonl should hold one document, has {len(lines)} lines"
    return json.loads(lines[0])


def _check_span(text: str, span: dict, what: str) -> None:
    assert set(span) == {"start", "end", "text"}, f"{what}: keys {sorted(span)}"
    assert 0 <= span["start"] < span["end"] <= len(text), f"{what}: offsets out of range"
    assert text[span["start"]:span["end"]] == span["text"], f"{what}: offsets miss the text"


# --- the gold -------------------------------------------------------------------------


def test_there_are_enough_fixture_articles():
    articles = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    assert 6 <= len(articles) <= 10
    assert articles == SLUGS, "every article needs its gold file and every gold file its article"


@pytest.mark.parametrize("slug", SLUGS)
def test_article_is_news_length(slug):
    words = len((ARTICLES / f"{slug}.txt").read_text(encoding="utf-8").split())
    assert 150 <= words <= 400, f"{slug} has {words} words"


@pytest.mark.parametrize("slug", SLUGS)
def test_gold_line_is_well_formed(slug):
    doc = _gold(slug)
    assert doc["id"] == f"fixtures/{slug}"
    text = doc["text"]
    assert text == (ARTICLES / f"{slug}.txt").read_text(encoding="utf-8")
    assert doc["quotes"], "a fixture article without attributions tests nothing"
    for i, q in enumerate(doc["quotes"]):
        what = f"{slug} quote {i} {q['text'][:30]!r}"
        _check_span(text, {k: q[k] for k in ("start", "end", "text")}, what)
        assert q["kind"] in KINDS, what
        assert q["cue_class"] in CUE_CLASSES, what
        for f in q.get("fragments", []):
            _check_span(text, f, f"{what} fragment")
            assert q["start"] <= f["start"] and f["end"] <= q["end"], f"{what}: fragment outside"
        if q["kind"] == "mixed":
            assert q.get("fragments"), f"{what}: a mixed attribution lists its quoted fragments"
        if q["speaker"] is None:
            assert q["speaker_name"] is None and q["speaker_type"] is None, what
        else:
            _check_span(text, q["speaker"], f"{what} speaker")
            assert q["speaker_type"] in GOLD_SPEAKER_TYPES, what
            overlap = min(q["end"], q["speaker"]["end"]) - max(q["start"], q["speaker"]["start"])
            if not q.get("fragments"):
                assert overlap <= 0, f"{what}: speaker inside its own content"
        name = q["speaker_name"]
        names = [] if name is None else [name] if isinstance(name, str) else name
        assert all(isinstance(n, str) and n for n in names), what
        if isinstance(name, list):
            assert len(name) >= 2, f"{what}: a list of names is for joint speakers"
        if q["speaker_type"] == "anonymous":
            assert name is None, f"{what}: an anonymous source has no name"
        if q["cue"] is not None:
            _check_span(text, q["cue"], f"{what} cue")


def test_gold_files_are_what_build_gold_builds():
    build_gold = _load_build_gold()
    docs = build_gold.build_all()
    assert sorted(docs) == SLUGS
    for slug, doc in docs.items():
        on_disk = (GOLD_DIR / f"{slug}.jsonl").read_text(encoding="utf-8")
        assert on_disk == build_gold.serialise(doc), (
            f"{slug}.jsonl is stale: run python fixtures/build_gold.py")


def test_build_gold_rejects_text_that_is_not_in_the_article():
    build_gold = _load_build_gold()
    bad = [build_gold.G("words the article never says", "indirect", "Torres", "Ana Torres",
                        "person", "said")]
    with pytest.raises(build_gold.GoldError, match="content not found"):
        build_gold.build_doc("x", "Torres said nothing of the kind.", bad)


def test_fixtures_cover_every_case():
    """Each case of issue 2 point 3 and issue 3 points 1-4 stands in some fixture gold."""
    quotes = [q for slug in SLUGS for q in _gold(slug)["quotes"]]
    texts = "".join(_gold(slug)["text"] for slug in SLUGS)
    direct = [q["text"] for q in quotes if q["kind"] == "direct"]
    for opening in "\"“‘«":
        assert any(t.startswith(opening) for t in direct), f"no direct quote opens with {opening}"
    for apostrophe in ("don’t", "Smiths’", "’90s", "don't"):
        assert apostrophe in texts
    assert any("\n\n" in t for t in direct), "a quote across paragraphs"
    assert any(q["speaker"] is None for q in quotes), "an unattributed quote"
    assert any(q["kind"] == "mixed" for q in quotes)
    assert any(isinstance(q["speaker_name"], list) for q in quotes), "joint speakers"
    assert {q["speaker_type"] for q in quotes} >= set(GOLD_SPEAKER_TYPES)
    assert {q["cue_class"] for q in quotes} == set(CUE_CLASSES)
    cues = {q["cue"]["text"].lower() for q in quotes if q["cue"]}
    assert {"according to", "has said", "denied", "claim", "repeated calls",
            "expressed relief", "believes", "urge"} <= cues
    pronouns = {q["speaker"]["text"].lower() for q in quotes if q["speaker"]}
    assert {"he", "she", "it"} <= pronouns


# --- the engine on the fixtures -------------------------------------------------------


@pytest.fixture(scope="module")
def extractions() -> dict[str, attribution.Extraction]:
    return {slug: attribution.extract(_gold(slug)["text"], id=f"fixtures/{slug}")
            for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_engine_spans_point_into_the_article(extractions, slug):
    ex = extractions[slug]
    text = _gold(slug)["text"]
    for a in ex:
        assert text[a.start_char:a.end_char] == a.text
        assert a.kind in KINDS
        for span in [a.speaker, a.resolved_from, *a.fragments]:
            if span is not None:
                assert text[span.start_char:span.end_char] == span.text
        if a.cue is not None:
            assert text[a.cue.start_char:a.cue.end_char] == a.cue.text


@pytest.mark.parametrize("slug", SLUGS)
def test_engine_invents_no_names(extractions, slug):
    """Every speaker name the engine gives is written somewhere in the article."""
    text = _gold(slug)["text"]
    for a in extractions[slug]:
        for name in a.speaker_names:
            assert name in text, f"{slug}: {name!r} (for {a.text[:40]!r}) is not in the article"


#: The bars issue 3 sets on PolNeAR dev (all kinds); the fixtures are cleaner prose.
TARGETS_ALL = {"quote_f1": 0.75, "speaker_span_acc": 0.88, "e2e_f1": 0.65}
#: Quotes that stand in quote marks (direct, mixed): issue 2 asks for these "done right".
DIRECT_MIXED_RECALL = 0.85


def test_engine_meets_the_targets_on_the_fixtures(extractions):
    gold = [_gold(slug) for slug in SLUGS]
    overall = evaluate(gold, list(extractions.values()))
    for key, floor in TARGETS_ALL.items():
        assert overall[key] is not None and overall[key] >= floor, (
            f"{key} = {overall[key]} on the fixtures, below {floor}: {overall}")


def test_engine_finds_the_quotes_in_quote_marks(extractions):
    gold = [_gold(slug) for slug in SLUGS]
    direct_mixed = evaluate(gold, list(extractions.values()), kinds=["direct", "mixed"])
    # Recall only: predictions of indirect speech are not errors here.
    assert direct_mixed["quote_r"] >= DIRECT_MIXED_RECALL, direct_mixed
