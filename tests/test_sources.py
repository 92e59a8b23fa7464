"""Who can be a source: a phrase content whose subject is a common noun never seen heading
a speaker reports an event ("The storm pushed the price of oil to a record."), not a
statement; names, pronouns, entities and the mined source nouns still speak."""
from __future__ import annotations

import pytest

import attribution
from attribution.model import Token
from attribution.sources import can_speak, source_nouns


def _cues(text: str) -> list[str]:
    return [a.cue.text for a in attribution.extract(text) if a.cue is not None]


def test_the_mined_nouns_hold_the_common_sources():
    nouns = source_nouns()
    assert {"official", "spokesman", "report", "poll"} <= nouns
    assert "storm" not in nouns


def _tok(text: str, upos: str, ent: str = "") -> Token:
    return Token(i=0, text=text, lemma=text.lower(), upos=upos, head=0, deprel="nsubj",
                 start_char=0, end_char=len(text), sent=0, ent_type=ent)


@pytest.mark.parametrize("tok, speaks", [
    (_tok("spokesman", "NOUN"), True),
    (_tok("storm", "NOUN"), False),
    (_tok("storm", "NOUN", "ORG"), True),  # a named entity, whatever its head
    (_tok("Healey", "PROPN"), True),
    (_tok("she", "PRON"), True),
])
def test_can_speak(tok, speaks):
    assert can_speak(tok) is speaks


def test_an_event_with_a_thing_for_subject_is_no_claim():
    assert _cues("The storm pushed the price of oil to a record.") == []


@pytest.mark.parametrize("text", [
    "The senator criticized the ministry for its slow response.",
    "The report criticized the ministry for its slow response.",
    "The union demanded higher wages for nurses.",
])
def test_a_source_still_speaks_in_a_phrase(text):
    assert len(_cues(text)) == 1


def test_clauses_are_not_judged_by_their_subject():
    # a clause content is a statement whoever states it: "the figures suggest that ..."
    assert _cues("The figures suggest that the economy is slowing.") == ["suggest"]


def test_a_verb_too_rare_as_a_cue_vouches_for_no_phrase():
    # "record" introduced speech once or twice in PolNeAR train: no evidence it reports one
    assert _cues("Jones recorded his first goal of the season in the third period.") == []


@pytest.mark.parametrize("text", [
    "The contractor promised to finish the bridge by March.",  # an agent noun PolNeAR never had
    "The ministry urged drivers to stay home.",  # a body the engine types
    "Next week Torres will urge the cabinet to release the fund.",  # a name tagged as a noun
])
def test_people_and_bodies_outside_the_mined_nouns_still_speak(text):
    assert len(_cues(text)) == 1


@pytest.mark.parametrize("text", [
    "This led to heavy losses and allowed the group to become a formidable force.",
    "The victory allows the government to push ahead with the bill.",  # parsed as a clause
])
def test_an_event_for_subject_reports_no_statement(text):
    assert _cues(text) == []


def test_a_person_asking_someone_to_act_still_speaks():
    assert _cues("The mayor asked residents to stay home.") == ["asked"]
