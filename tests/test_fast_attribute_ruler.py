"""The indexed attribute-ruler match finds exactly what spaCy's Matcher finds."""
from __future__ import annotations

import pytest

from attribution.parse.fast_attribute_ruler import _Index, speed_up
from attribution.parse.spacy_backend import load_spacy_model

TEXTS = [
    "“We will finish the bridge by June,” said Mayor Ana Torres.",
    "There is nothin' y'all can do, and there's no way they ain't gonna let's go.",
    "I got ta say it: that plan, which they said they'd drop, is the one that got them.",
    "Do you have it? She did, but he has not, and those who had it gave it to him.",
    "C'mon, y all know that whether or not it works, the council will vote.\n\n  Next.",
    "A spokesperson for the Ministry of Finance declined to comment on the tax reform.",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def nlp():
    return load_spacy_model()


@pytest.fixture(scope="module")
def unruled(nlp):
    """The texts run through the pipeline up to (not including) the attribute ruler."""
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[: names.index("attribute_ruler")]):
        return list(nlp.pipe(TEXTS))


def test_the_index_finds_the_same_matches_in_the_same_order(nlp, unruled):
    ruler = nlp.get_pipe("attribute_ruler")
    index = _Index(ruler)
    assert index.residual is None  # every pattern of the English pipeline is indexed
    total = 0
    for doc in unruled:
        expected = ruler.match(doc)
        assert index.match(doc) == expected
        total += len(expected)
    assert total > sum(len(d) for d in unruled)  # exceptions matched on top of tag rules


def test_a_sped_up_pipeline_annotates_exactly_like_the_stock_one(nlp):
    fast = load_spacy_model()
    assert speed_up(fast)
    for a, b in zip(nlp.pipe(TEXTS), fast.pipe(TEXTS)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in a] \
            == [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in b]


def test_patterns_it_cannot_index_go_through_a_matcher(nlp, unruled):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "there"}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": {"IN": ["is", "'s"]}}]],
              {"LEMMA": "THERE-BE"}, index=0)
    ruler.add([[{"LENGTH": {">": 8}}]], {"NORM": "long"})  # attribute not indexed
    ruler.add([[{"TAG": "NN"}]], {"MORPH": "Number=Sing"})
    index = _Index(ruler)
    assert index.residual is not None and len(index.residual) == 2
    for doc in unruled:
        assert index.match(doc) == ruler.match(doc)


def test_patterns_added_later_are_used(nlp, unruled):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"MORPH": "Number=Sing"})
    index = _Index(ruler)
    ruler.add([[{"LOWER": {"REGEX": "^th"}}]], {"NORM": "th-word"})
    doc = unruled[2]
    assert index.match(doc) == ruler.match(doc)
    assert any(attr_id == 1 for attr_id, *_ in index.match(doc))
