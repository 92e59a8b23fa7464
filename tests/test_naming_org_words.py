"""A lone word the tagger took for a person that begins an organisation's name in the
article ("Studiocomix" of "Studiocomix Press") is the organisation: no person a pronoun or
description can be given."""
from __future__ import annotations

from attribution.document import DocState
from attribution.parse import get_parser
from attribution.pronouns import _mentions

TEXT = ("Brightline Comics opened in the mall in 2010. Customers love Brightline, which stocks local artists. "
        "Maria Lopez runs the shop.")


def _parsed(person_word: bool):
    doc = get_parser("spacy").parse(TEXT)
    lone = [t for t in doc.tokens if t.text == "Brightline"][1]
    if person_word:  # the tagger's mistake, as it makes it on real articles
        lone.ent_type, lone.ent_iob = "PERSON", "B"
    return DocState(doc)


def test_a_lone_word_of_an_organisation_name_is_no_person():
    names = [m.name for m in _mentions(_parsed(person_word=True))[0]]
    assert "Brightline" not in names
    assert "Maria Lopez" in names


def test_the_organisation_is_recognised_without_the_mistake_too():
    names = [m.name for m in _mentions(_parsed(person_word=False))[0]]
    assert "Brightline" not in names
