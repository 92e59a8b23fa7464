"""The Stanza and CoNLL-U parse backends, and the ClearNLP -> UD mapping they are held to.

GUM news gold parses (../shared/data/gum-news) exercise the CoNLL-U path end to end;
tests that need them skip with a visible reason when ../shared is absent.  No Stanza
model is needed: stanza builds Documents from CoNLL-U, and StanzaParser takes an
injected pipeline.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from attribution.errors import InputError, OffsetError, ParserNotAvailable
from attribution.parse import get_parser
from attribution.parse.conllu_backend import (
    ConlluParser,
    conllu_to_stanza,
    gold_entities,
    read_conllu,
    read_conllu_file,
    split_documents,
)
from attribution.parse.stanza_backend import StanzaParser, from_stanza
from attribution.parse.ud_labels import to_ud

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GUM_DIR = SHARED / "data" / "gum-news"
GUM_FILES = sorted(GUM_DIR.glob("*.conllu")) if GUM_DIR.is_dir() else []
AGREEMENT = ROOT / "fixtures" / "parses" / "ud_agreement.conllu"

needs_gum = pytest.mark.skipif(not GUM_FILES, reason=f"GUM news gold parses not found in {GUM_DIR}")

UD_RELATIONS = set(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det "
    "discourse dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl "
    "orphan parataxis punct reparandum root vocative xcomp".split()
)


def _word_lines(conllu: str) -> list[list[str]]:
    """The syntactic word lines of a CoNLL-U text, read independently of the backend,
    with heads made absolute (a root points at itself)."""
    rows, start = [], 0
    for line in conllu.splitlines():
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue
        if cols[0] == "1":
            start = len(rows)
        head = int(cols[6])
        cols[6] = str(len(rows) if head == 0 else start + head - 1)
        rows.append(cols)
    return rows


@functools.cache
def _gum(name: str):
    path = GUM_DIR / name
    return path.read_text(encoding="utf-8"), read_conllu(path)


def _check_doc(p) -> None:
    text = p.text
    assert p.tokens, "no tokens"
    covered = [i for s, e in p.sentences for i in range(s, e)]
    assert covered == list(range(len(p.tokens))), "sentences must tile the tokens"
    for t in p.tokens:
        assert text[t.start_char:t.end_char] == t.text, (t.i, t.text)
    for k, (s, e) in enumerate(p.sentences):
        roots = [t for t in p.tokens[s:e] if t.head == t.i]
        assert len(roots) == 1 and roots[0].deprel == "root", (k, [r.text for r in roots])
        for t in p.tokens[s:e]:
            assert s <= t.head < e and t.sent == k, (k, t.text)
            assert t.dep in UD_RELATIONS, (t.text, t.deprel)
            assert (t.deprel == "root") == (t.head == t.i), (t.text, t.deprel)
    assert [t.para for t in p.tokens] == sorted(t.para for t in p.tokens)


# (a) every GUM news document converts --------------------------------------------------

@needs_gum
@pytest.mark.parametrize("name", [p.name for p in GUM_FILES])
def test_gum_document_converts_with_consistent_offsets_and_trees(name):
    conllu, docs = _gum(name)
    assert len(docs) == conllu.count("# newdoc id =") == 1
    doc = docs[0]
    assert doc.id == name.removesuffix(".conllu")
    p = doc.parsed
    _check_doc(p)
    rows = _word_lines(conllu)
    assert [(t.text, t.lemma, t.upos, t.tag, t.deprel, str(t.head)) for t in p.tokens] == [
        (c[1], c[2] if c[2] != "_" else c[1], c[3], c[4], c[7], c[6]) for c in rows  # no lemma: the form
    ]
    # every `# text` sentence is in the rebuilt text, paragraphs apart by a blank line
    stated = [ln.split("=", 1)[1].strip() for ln in conllu.splitlines() if ln.startswith("# text =")]
    assert [p.text[p.tokens[s].start_char:p.tokens[e - 1].end_char] for s, e in p.sentences] == stated
    assert p.text.count("\n\n") == conllu.count("# newpar\n") - 1
    assert max(t.para for t in p.tokens) == p.text.count("\n\n")


@needs_gum
@pytest.mark.parametrize("name", [p.name for p in GUM_FILES])
def test_gum_entity_brackets_become_gold_mentions(name):
    conllu, docs = _gum(name)
    p, mentions = docs[0].parsed, docs[0].mentions
    opened = sum(v.count("(") for v in re.findall(r"Entity=([^|\t\n]*)", conllu))
    assert len(mentions) == opened, "every opened bracket closes into one mention"
    for m in mentions:
        assert p.text[m.start_char:m.end_char] == m.text
        assert (m.start_char, m.end_char) == (p.tokens[m.start].start_char, p.tokens[m.end - 1].end_char)
        assert m.etype and m.entity
    # spaCy-style names: only proper names (and numbers in dates) carry an entity type
    named = [t for t in p.tokens if t.ent_type]
    assert named and all(t.upos in ("PROPN", "NUM", "PUNCT", "DET", "PART") for t in named)
    assert all(t.ent_iob in "BI" for t in named)
    assert all(t.ent_iob == "O" for t in p.tokens if not t.ent_type)


@needs_gum
def test_gum_names_and_coreference_are_read():
    _, docs = _gum("GUM_news_defector.conllu")
    p = docs[0].parsed
    ents = []
    for t in p.tokens:
        if t.ent_iob == "B":
            ents.append((t.ent_type, [t.text]))
        elif t.ent_iob == "I":
            ents[-1][1].append(t.text)
    ents = [(label, " ".join(words)) for label, words in ents]
    assert ("PERSON", "Daniel Montalvo") in ents
    assert ("ORG", "Sea Org") in ents
    assert ("GPE", "California") in ents
    chains = gold_entities(GUM_DIR / "GUM_news_korea.conllu")[0]
    north_korea = [m for m in chains if m.identity == "North_Korea"]
    assert len({m.entity for m in north_korea}) == 1 and len(north_korea) >= 5
    assert {"North Korea", "the DPRK"} <= {m.text for m in north_korea}


@needs_gum
def test_the_engine_runs_on_every_gum_parse():
    from attribution.pipeline import extract_parsed

    for path in GUM_FILES:
        _, docs = _gum(path.name)
        ex = extract_parsed(docs[0].parsed, id=docs[0].id)
        for a in ex.attributions:
            assert ex.text[a.start_char:a.end_char] == a.text
            if a.speaker:
                assert ex.text[a.speaker.start_char:a.speaker.end_char] == a.speaker.text


@needs_gum
def test_read_conllu_file_splits_documents_on_newdoc(tmp_path):
    a, b = GUM_FILES[0], GUM_FILES[1]
    both = tmp_path / "two.conllu"
    both.write_text(a.read_text(encoding="utf-8") + "\n" + b.read_text(encoding="utf-8"),
                    encoding="utf-8")
    docs = read_conllu_file(both)
    assert [d.text for d in docs] == [_gum(a.name)[1][0].parsed.text, _gum(b.name)[1][0].parsed.text]


# (b) a stanza Document built from CoNLL-U round-trips through from_stanza ---------------

@needs_gum
@pytest.mark.parametrize("name", [p.name for p in GUM_FILES[:6]])
def test_stanza_document_from_conllu_round_trips(name):
    from stanza.utils.conll import CoNLL

    conllu, docs = _gum(name)
    doc = CoNLL.conll2doc(input_str=conllu, reconstruct_text=True)  # stanza's own offsets
    p = from_stanza(doc)
    _check_doc(p)
    assert p.text == doc.text
    rows = _word_lines(conllu)
    assert [(t.text, t.lemma, t.upos, t.morph, t.deprel, str(t.head)) for t in p.tokens] == [
        (c[1], c[2] if c[2] != "_" else c[1], c[3], c[5] if c[5] != "_" else "", c[7], c[6])
        for c in rows
    ]
    ours = docs[0].parsed  # same words, text laid out with paragraph breaks
    assert [(t.text, t.head, t.deprel) for t in ours.tokens] == [(t.text, t.head, t.deprel) for t in p.tokens]
    assert re.sub(r"\s+", " ", ours.text) == re.sub(r"\s+", " ", p.text)


# (c) no Stanza models: a message that says what to do ------------------------------------

def _assert_helpful(exc: ParserNotAvailable, where: Path) -> None:
    msg = str(exc)
    assert "--model-dir" in msg and "--parser spacy" in msg and "resources.json" in msg
    assert str(where) in msg


def test_stanza_without_models_says_how_to_get_them(tmp_path):
    with pytest.raises(ParserNotAvailable) as err:
        StanzaParser(model_dir=tmp_path)
    _assert_helpful(err.value, tmp_path)


def test_stanza_with_empty_resources_json_but_no_models_fails_helpfully(tmp_path):
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ParserNotAvailable) as err:
        get_parser("stanza", model_dir=str(tmp_path))
    _assert_helpful(err.value, tmp_path)


def test_stanza_model_dir_comes_from_the_environment(tmp_path, monkeypatch):
    missing = tmp_path / "not-there"
    monkeypatch.setenv("ATTRIBUTION_STANZA_DIR", str(missing))
    with pytest.raises(ParserNotAvailable) as err:
        StanzaParser()
    _assert_helpful(err.value, missing)
    assert "does not exist" in str(err.value)


# (d) a literal CoNLL-U document ----------------------------------------------------------

LITERAL = """\
# newdoc id = literal
# newpar
# sent_id = 1
# text = “We won't stop,” said Ana Torres.
1	“	“	PUNCT	``	_	5	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	_	5	nsubj	_	Entity=(1-person)
3-4	won't	_	_	_	_	_	_	_	_
3	wo	will	AUX	MD	VerbForm=Fin	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	stop	stop	VERB	VB	VerbForm=Inf	0	root	_	SpaceAfter=No
6	,	,	PUNCT	,	_	5	punct	_	SpaceAfter=No
7	”	”	PUNCT	''	_	5	punct	_	_
8	said	say	VERB	VBD	_	5	parataxis	_	_
9	Ana	Ana	PROPN	NNP	_	8	nsubj	_	Entity=(2-person
10	Torres	Torres	PROPN	NNP	_	9	flat	_	Entity=2)|SpaceAfter=No
11	.	.	PUNCT	.	_	5	punct	_	_

# newpar
# sent_id = 2
1	She	she	PRON	PRP	_	2	nsubj	_	Entity=(2-person)
2	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 3
1	It	it	PRON	PRP	_	2	expl	_	_
2	rained	rain	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_
"""


def test_literal_conllu_parses_to_the_expected_tokens():
    p = ConlluParser().parse(LITERAL)
    assert p.text == "“We won't stop,” said Ana Torres.\n\nShe left. It rained."
    assert p.parser == "conllu"
    assert [t.text for t in p.tokens] == [
        "“", "We", "wo", "n't", "stop", ",", "”", "said", "Ana", "Torres", ".",
        "She", "left", ".", "It", "rained", ".",
    ]
    assert [(t.start_char, t.end_char) for t in p.tokens[1:5]] == [(1, 3), (4, 6), (6, 9), (10, 14)]
    assert [t.lemma for t in p.tokens[2:4]] == ["will", "not"]
    assert p.sentences == [(0, 11), (11, 14), (14, 17)]
    assert [t.para for t in p.tokens] == [0] * 11 + [1] * 6
    assert [t.sent for t in p.tokens] == [0] * 11 + [1] * 3 + [2] * 3
    heads = {t.text: (p.tokens[t.head].text, t.deprel) for t in p.tokens if t.text.isalpha()}
    assert heads["said"] == ("stop", "parataxis")
    assert heads["Torres"] == ("Ana", "flat")
    assert heads["left"] == ("left", "root") and p.tokens[15].head == 15
    assert p.tokens[2].morph == "VerbForm=Fin" and p.tokens[2].tag == "MD"
    assert [(t.text, t.ent_type, t.ent_iob) for t in p.tokens if t.ent_type] == [
        ("Ana", "PERSON", "B"), ("Torres", "PERSON", "I"),
    ]
    _check_doc(p)


def test_literal_conllu_gold_mentions_chain_a_pronoun_to_its_name():
    (mentions,) = gold_entities(LITERAL)
    assert [(m.entity, m.etype, m.text, m.start, m.end) for m in mentions] == [
        ("1", "person", "We", 1, 2), ("2", "person", "Ana Torres", 8, 10), ("2", "person", "She", 11, 12),
    ]
    text = ConlluParser().parse(LITERAL).text
    assert all(text[m.start_char:m.end_char] == m.text for m in mentions)


def test_conllu_documents_split_and_bad_input_is_refused():
    two = LITERAL + "\n# newdoc id = second\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    assert [i for i, _ in split_documents(two)] == ["literal", "second"]
    assert [d.parsed.text for d in read_conllu(two)][1] == "Hi"
    with pytest.raises(InputError):
        ConlluParser().parse("# just a comment\n")
    with pytest.raises(InputError):
        ConlluParser().parse("1\tbroken line\n")


def test_from_stanza_refuses_offsets_that_drift_from_the_text():
    doc = conllu_to_stanza(LITERAL)
    assert from_stanza(doc).text == doc.text
    with pytest.raises(OffsetError, match="drifted"):
        from_stanza(doc, doc.text.replace("We", "Us"))
    with pytest.raises(OffsetError):
        from_stanza(doc, "x" + doc.text)


def test_from_stanza_lays_tokens_over_the_text_when_a_document_has_no_offsets():
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=LITERAL)  # no text, no offsets
    text = "“We won't stop,” said Ana Torres.\nShe left.  It rained."
    p = from_stanza(doc, text)
    _check_doc(p)
    assert [t.para for t in p.tokens] == [0] * 11 + [1] * 6
    with pytest.raises(OffsetError, match="cannot be found"):
        from_stanza(doc, "We will not stop.")


def test_a_multiword_token_whose_words_do_not_spell_it_keeps_the_token_text():
    conllu = LITERAL.replace("3\two\twill", "3\twill\twill").replace("4\tn't\tnot", "4\tnot\tnot")
    p = ConlluParser().parse(conllu)
    assert [(t.text, t.lemma, t.start_char, t.end_char) for t in p.tokens[2:4]] == [
        ("won't", "will", 4, 9), ("won't", "not", 4, 9),
    ]
    _check_doc(p)


# StanzaParser with a stand-in pipeline: paragraphs, offsets, NER labels -----------------

class _CannedPipeline:
    """Stands in for stanza.Pipeline: returns gold Documents for known paragraphs."""

    def __init__(self, parses: dict[str, str]):
        self.parses = parses
        self.calls: list[list[str]] = []

    def bulk_process(self, texts):
        from stanza.utils.conll import CoNLL

        self.calls.append(list(texts))
        docs = []
        for text in texts:
            doc = CoNLL.conll2doc(input_str=self.parses[text], reconstruct_text=True)
            assert doc.text == text
            for tok in doc.iter_tokens():
                tok.ner = "S-PER" if tok.text == "Torres" else "O"
            docs.append(doc)
        return docs


def test_stanza_parser_parses_paragraphs_apart_and_maps_ner_labels():
    canned = {d.parsed.text: part for (_, part), d in
              zip(split_documents(AGREEMENT.read_text(encoding="utf-8")), read_conllu(AGREEMENT))}
    first, second = "Torres said the council approved the budget.", "The budget was approved by the council."
    parser = StanzaParser(pipeline=_CannedPipeline(canned))
    text = f"{first}\n\n{second}\n"
    p = parser.parse(text)
    assert parser.nlp.calls == [[first, second]]
    assert p.parser.startswith("stanza:en-")
    _check_doc(p)
    assert p.sentences == [(0, 8), (8, 16)]
    assert [t.para for t in p.tokens] == [0] * 8 + [1] * 8
    council = p.tokens[14]
    assert (council.text, council.deprel, p.tokens[council.head].text) == ("council", "obl:agent", "approved")
    assert council.head == 11
    assert [(t.text, t.ent_type, t.ent_iob) for t in p.tokens if t.ent_type] == [("Torres", "PERSON", "B")]
    assert [d.text for d in parser.pipe([second, first], batch_size=1)] == [second, first]


# (e) spaCy + ud_labels agree with hand-written UD where the parsers agree ----------------

AGREEMENT_DOCS = read_conllu(AGREEMENT)


@pytest.mark.parametrize("gold", AGREEMENT_DOCS, ids=[d.id for d in AGREEMENT_DOCS])
def test_spacy_relations_mapped_to_ud_match_hand_written_ud(gold):
    spacy_doc = get_parser("spacy").parse(gold.parsed.text)
    got = [(t.text, t.upos, t.deprel, t.head if t.dep != "punct" else None) for t in spacy_doc.tokens]
    want = [(t.text, t.upos, t.deprel, t.head if t.dep != "punct" else None) for t in gold.parsed.tokens]
    assert got == want


def test_ud_mapping_restructures_copulas_coordination_and_prepositions():
    # "She is proud of Ana , Ben and Cy ." as spaCy's ClearNLP tree
    words = "She is proud of Ana , Ben and Cy .".split()
    labels = ["nsubj", "ROOT", "acomp", "prep", "pobj", "punct", "conj", "cc", "conj", "punct"]
    heads = [1, 1, 1, 2, 3, 4, 4, 6, 6, 1]
    upos = ["PRON", "AUX", "ADJ", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    deps, new = to_ud(labels, heads, upos)
    got = {w: (words[h], d) for w, h, d in zip(words, new, deps)}
    assert got["proud"] == ("proud", "root")
    assert got["is"] == ("proud", "cop") and got["She"] == ("proud", "nsubj")
    assert got["Ana"] == ("proud", "obl") and got["of"] == ("Ana", "case")
    assert got["Ben"] == ("Ana", "conj") and got["Cy"] == ("Ana", "conj")
    assert got["and"] == ("Cy", "cc")
    assert got["."] == ("proud", "punct")


def test_ud_mapping_of_infinitival_to_expletives_and_datives():
    words = "There was time to give it to them .".split()
    labels = ["expl", "ROOT", "attr", "aux", "relcl", "dobj", "dative", "pobj", "punct"]
    heads = [1, 1, 1, 4, 2, 4, 4, 6, 1]
    upos = ["PRON", "VERB", "NOUN", "PART", "VERB", "PRON", "ADP", "PRON", "PUNCT"]
    deps, new = to_ud(labels, heads, upos)
    got = [(w, words[h], d) for w, h, d in zip(words, new, deps)]
    assert got[2] == ("time", "was", "nsubj") and got[1] == ("was", "was", "root")
    assert got[3] == ("to", "give", "mark") and got[4] == ("give", "time", "acl:relcl")
    assert got[7] == ("them", "give", "obl") and got[6] == ("to", "them", "case")
    assert got[5] == ("it", "give", "obj")
