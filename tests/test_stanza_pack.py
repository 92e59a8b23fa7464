"""The real ``stanza.Pipeline`` through the Stanza backend, on the tiny English pack the
project ships (``fixtures/stanza-pack``, trained by ``scripts/train_stanza_pack.py`` from
GUM; see docs/stanza.md).  Accuracy is beside the point: what is checked is that the
pipeline runs end to end and that its output keeps the backend's promises — offsets into
the original text, sentences inside paragraphs, one UD tree a sentence — and that the
engine finds attributions in an article parsed this way.  The pack has no NER model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution import extract
from attribution.cli import main
from attribution.inputs import read_documents
from attribution.parse import get_parser, paragraph_index
from attribution.parse.stanza_backend import DEFAULT_PROCESSORS, StanzaParser, available_processors

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "fixtures" / "stanza-pack"
ARTICLE = ROOT / "fixtures" / "articles" / "port-calder-bridge.txt"
PAGE = ROOT / "fixtures" / "html" / "harbour-ferry.html"

UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}
# The universal relations (UD v2); a subtype (nsubj:pass) counts as its universal part.
UD_RELATIONS = {
    "acl", "advcl", "advmod", "amod", "appos", "aux", "case", "cc", "ccomp", "clf", "compound",
    "conj", "cop", "csubj", "dep", "det", "discourse", "dislocated", "expl", "fixed", "flat",
    "goeswith", "iobj", "list", "mark", "nmod", "nsubj", "nummod", "obj", "obl", "orphan",
    "parataxis", "punct", "reparandum", "root", "vocative", "xcomp",
}
SPEECH_LEMMAS = {"say", "tell", "add", "insist", "warn", "claim", "argue", "explain", "announce"}


@pytest.fixture(scope="module")
def parser() -> StanzaParser:
    assert (PACK / "resources.json").exists(), "the shipped pack is missing: see docs/stanza.md"
    return get_parser("stanza", model_dir=str(PACK))


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(parser, article):
    return parser.parse(article)


def test_the_real_pipeline_is_loaded_without_ner(parser):
    import stanza

    assert isinstance(parser.nlp, stanza.Pipeline)
    assert set(parser.nlp.processors) == {"tokenize", "mwt", "pos", "lemma", "depparse"}
    assert parser.name == f"stanza:en-{stanza.__version__}"


def test_every_token_points_at_its_text(parsed, article):
    assert parsed.text == article and len(parsed.tokens) > 200
    for t in parsed.tokens:
        assert article[t.start_char:t.end_char] == t.text, t
    starts = [t.start_char for t in parsed.tokens]
    assert starts == sorted(starts)
    # every word of the article is covered by a token
    covered = {i for t in parsed.tokens for i in range(t.start_char, t.end_char)}
    assert all(i in covered for i, ch in enumerate(article) if not ch.isspace())


def test_sentences_cover_the_tokens_and_stay_inside_paragraphs(parsed, article):
    assert parsed.sentences[0][0] == 0 and parsed.sentences[-1][1] == len(parsed.tokens)
    for (_, end), (start, _) in zip(parsed.sentences, parsed.sentences[1:]):
        assert end == start
    paragraphs = [p for p in article.split("\n") if p.strip()]
    seen = set()
    for start, end in parsed.sentences:
        paras = {t.para for t in parsed.tokens[start:end]}
        assert len(paras) == 1, [t.text for t in parsed.tokens[start:end]]
        seen |= paras
    assert len(seen) == len(paragraphs)
    assert [t.para for t in parsed.tokens] == paragraph_index(article, [t.start_char for t in parsed.tokens])
    assert len(parsed.sentences) >= len(paragraphs)


def test_each_sentence_is_one_ud_tree(parsed):
    for number, (start, end) in enumerate(parsed.sentences):
        roots = [t for t in parsed.tokens[start:end] if t.head == t.i]
        assert len(roots) == 1 and roots[0].deprel == "root", number
        for t in parsed.tokens[start:end]:
            assert t.sent == number
            assert start <= t.head < end
            assert t.upos in UPOS, t
            assert t.deprel.split(":")[0] in UD_RELATIONS, t
            # following heads reaches the root: no cycles
            seen, k = set(), t.i
            while parsed.tokens[k].head != k:
                assert k not in seen
                seen.add(k)
                k = parsed.tokens[k].head


def test_no_entities_without_an_ner_model(parsed):
    assert all(t.ent_type == "" and t.ent_iob == "O" for t in parsed.tokens)


def test_the_parse_is_a_parse(parsed):
    """Not accuracy: the tiny pack must still tag and attach like a parser of English."""
    said = [t for t in parsed.tokens if t.text == "said"]
    assert said and sum(t.lemma == "say" for t in said) >= len(said) // 2
    assert sum(t.upos == "PUNCT" for t in parsed.tokens if t.text in {".", ","}) >= 0.9 * sum(
        t.text in {".", ","} for t in parsed.tokens)
    assert {t.deprel.split(":")[0] for t in parsed.tokens} >= {"nsubj", "punct", "det", "root"}


def test_attributions_are_found(parser, article):
    result = extract(article, parser=parser)
    assert len(result.attributions) >= 3
    for a in result.attributions:
        assert article[a.start_char:a.end_char] == a.text
        for span in (a.speaker, a.cue):
            if span is not None:
                assert article[span.start_char:span.end_char] == span.text
    assert any(a.kind == "direct" and a.speaker is not None for a in result.attributions)
    assert any(a.cue is not None and a.cue.lemma in SPEECH_LEMMAS for a in result.attributions)
    # the last paragraph's quote, its speaker and cue, as the article has them
    last = article.index("“I would rather be late")
    [torres] = [a for a in result.attributions if a.start_char == last]
    assert (torres.kind, torres.speaker.text, torres.cue.lemma) == ("direct", "Torres", "say")


def test_a_saved_page_through_the_cli(capsys):
    status = main(["extract", "--parser", "stanza", "--model-dir", str(PACK), "--include-text", str(PAGE)])
    out, err = capsys.readouterr()
    assert status == 0, err
    [line] = [json.loads(x) for x in out.splitlines()]
    assert line["parser"].startswith("stanza:en-")
    assert line["meta"]["outlet"] == "The Calder Gazette"
    assert line["quotes"]
    for q in line["quotes"]:
        assert line["text"][q["start_char"]:q["end_char"]] == q["text"]
    [doc] = read_documents([str(PAGE)])
    assert line["text"] == doc.text


def test_processors_follow_the_model_directory(tmp_path):
    assert available_processors(PACK) == "tokenize,mwt,pos,lemma,depparse"
    (tmp_path / "resources.json").write_text("{}")
    assert available_processors(tmp_path) == DEFAULT_PROCESSORS  # model paths given as options
    official = {"en": {p: {"combined": {}} for p in DEFAULT_PROCESSORS.split(",")}}
    (tmp_path / "resources.json").write_text(json.dumps(official))
    assert available_processors(tmp_path) == DEFAULT_PROCESSORS
    assert available_processors(tmp_path / "missing") == DEFAULT_PROCESSORS
