"""The rules speak UD, not one parser's quirks: the same article through the spaCy path
and through the same parse read back as CoNLL-U (the gold-parse path) gives the same
attributions."""
from __future__ import annotations

from dataclasses import replace

import pytest

import attribution
from attribution.parse import get_parser
from attribution.parse.conllu_backend import ConlluParser
from attribution.parse.conllu_writer import to_conllu

# Written for the project: one space between sentences, a blank line between paragraphs,
# the layout the CoNLL-U reader rebuilds, so offsets agree too.
ARTICLES = [
    "“We will finish the bridge by June,” said Mayor Ana Torres. She added that the crews "
    "were working double shifts.\n\nCouncil officials confirmed that the budget had risen. "
    "The repairs are on schedule, according to people familiar with the works.",
    "Transport chief Mark Ellison told reporters the line would open a year late. "
    "“The contract is clear,” Ellison said.\n\nThe ministry denied that the school would close. "
    "Residents say the drains have not been cleared in years.",
]


def _without_entities(doc):
    return replace(doc, tokens=[replace(t, ent_type="", ent_iob="O") for t in doc.tokens])


def _key(ex):
    return [(a.start_char, a.end_char, a.kind, a.speaker and (a.speaker.start_char, a.speaker.end_char),
             a.speaker_names, a.cue and a.cue.lemma) for a in ex]


@pytest.mark.parametrize("text", ARTICLES)
def test_spacy_and_conllu_paths_agree(text):
    parsed = _without_entities(get_parser("spacy").parse(text))
    reread = ConlluParser().parse(to_conllu(parsed))
    assert reread.text == text
    assert [(t.start_char, t.end_char, t.deprel, t.head) for t in reread.tokens] == \
        [(t.start_char, t.end_char, t.deprel, t.head) for t in parsed.tokens]
    from_spacy = attribution.extract_parsed(parsed)
    from_conllu = attribution.extract_parsed(reread)
    assert len(from_spacy) >= 3
    assert _key(from_conllu) == _key(from_spacy)


def test_conllu_writer_marks_paragraphs_and_roots():
    parsed = get_parser("spacy").parse(ARTICLES[0])
    out = to_conllu(parsed)
    assert out.count("# newpar") == 2
    assert out.count("\troot\t") == len(parsed.sentences)
