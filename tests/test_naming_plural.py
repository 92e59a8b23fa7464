"""Plural pronoun speakers ("they said") resolved to the group the article named just
before: a plural noun phrase, a body, or a coordination of names; left unresolved when
the evidence is weak.  Names are never invented."""
from __future__ import annotations

from naming_helpers import attribution_with

from attribution.document import DocState
from attribution.parse import get_parser
from attribution.pronouns import plural_antecedent


def _antecedent(text: str, nth: int = 0) -> str | None:
    d = DocState(get_parser("spacy").parse(text))
    they = [t.i for t in d.toks if t.text.lower() == "they"][nth]
    head = plural_antecedent(d, they)
    return None if head is None else d.toks[head].text


def test_they_resolves_to_a_coordination_of_names():
    a = attribution_with("Maria Lopez and Tom Reed toured the plant on Monday. They said the jobs would stay in town.",
                 "the jobs would stay")
    assert a.speaker is not None and a.speaker.text == "They"
    assert a.speaker_names == ["Maria Lopez", "Tom Reed"]
    assert a.resolved_from is not None and a.resolved_from.text == "Maria Lopez and Tom Reed"
    assert a.speaker_type == "person"


def test_they_resolves_to_a_plural_noun_phrase_without_a_name():
    a = attribution_with("Nurses at the county hospital walked out on Friday. They said the wards were understaffed.",
                 "the wards were understaffed")
    assert a.resolved_from is not None and "Nurses" in a.resolved_from.text
    assert a.speaker_names == []  # a description, not a name: nothing is invented


def test_they_resolves_to_police():
    assert _antecedent("Police closed the bridge after the crash. They said it would reopen on Sunday.") == "Police"


def test_they_is_not_resolved_to_things():
    a = attribution_with("The new figures came out on Monday. They said nothing about the cuts, the union claimed.",
                 "nothing about the cuts")
    assert a.speaker is None or a.speaker.text != "They" or a.resolved_from is None


def test_they_is_unresolved_when_two_groups_are_equally_likely():
    text = "Farmers blocked the road while teachers marched downtown. They said the talks had failed."
    assert _antecedent(text) is None


def test_they_is_unresolved_when_the_group_was_named_long_before():
    text = ("Residents of the valley met on Monday. The meeting ran late. The roof leaked. "
            "The hall closed at ten. They said the dam was unsafe.")
    assert _antecedent(text) is None


def test_they_follows_a_chain():
    """The second "they" is too far from the names (two sentences back), but not from
    the first "they"."""
    text = ("Maria Lopez and Tom Reed toured the plant on Monday. They praised the workers. "
            "They added that the new line would open in spring.")
    assert _antecedent(text, 0) == "Lopez"
    assert _antecedent(text, 1) == "Lopez"


def test_a_group_is_not_the_antecedent_of_its_own_coargument():
    """"The managers showed them": them is not the managers."""
    text = "The inspectors arrived on Friday. The managers showed them every room."
    d = DocState(get_parser("spacy").parse(text))
    them = next(t.i for t in d.toks if t.text == "them")
    head = plural_antecedent(d, them)
    assert head is not None and d.toks[head].text == "inspectors"
