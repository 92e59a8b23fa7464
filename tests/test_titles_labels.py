"""Quoted titles, transcript labels, stage directions and headline furniture, on the
real parser and engine (issue 8: a claim is a statement by someone)."""
from __future__ import annotations

from functools import lru_cache

import pytest

import attribution
from attribution.document import DocState
from attribution.furniture import (
    PULL_QUOTE_HEADLINE,
    QUOTED_SUBHEAD,
    SOCIAL_PROMO,
    furniture_paragraphs,
)
from attribution.linking import inner_tokens, transcript_label
from attribution.model import Extraction
from attribution.parse import get_parser


@lru_cache(maxsize=32)
def _extract(text: str) -> Extraction:
    return attribution.extract(text)


def _state(text: str) -> DocState:
    return DocState(get_parser("spacy").parse(text))


def _claims(ex: Extraction) -> list:
    return [a for a in ex if a.is_claim]


def _offsets_hold(ex: Extraction) -> None:
    for a in ex:
        assert ex.text[a.start_char:a.end_char] == a.text
        if a.speaker is not None:
            assert ex.text[a.speaker.start_char:a.speaker.end_char] == a.speaker.text


# --- titles -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("The film, titled “The Kid Who Would Be King,” opens Friday.", "“The Kid Who Would Be King,”"),
    ("On Tuesday's episode of “The Morning Show,” the senator spoke.", "“The Morning Show,”"),
    ("They joined a rally called “Barack Obama Day,” on Nov. 1.", "“Barack Obama Day,”"),
    ("The mayor and her deputy are taking part in \"Clean Rivers Awareness Day,\" a day of events on June 1.",
     "\"Clean Rivers Awareness Day,\""),
])
def test_a_title_with_its_closing_comma_inside_the_marks_is_a_term(text, title):
    ex = _extract(text)
    _offsets_hold(ex)
    assert [a.text for a in ex if a.kind == "term"] == [title]
    assert not _claims(ex)


def test_a_title_case_quote_with_a_subject_of_its_own_is_a_statement():
    ex = _extract("Smith said: “The Best Is Yet To Come.”")
    [claim] = _claims(ex)
    assert claim.kind == "direct" and claim.speaker.text == "Smith"


def test_a_naming_verb_with_a_speaker_keeps_the_speakers_own_words():
    ex = _extract("The senator called the plan “A Recipe For Disaster.”")
    [claim] = _claims(ex)
    assert claim.speaker.text == "The senator"


@pytest.mark.parametrize("text, quote", [
    ("“Never again,” she said.", "“Never again,”"),
    ("“Yes,” replied the senator.", "“Yes,”"),
])
def test_short_statements_a_speech_cue_introduces_stay_claims(text, quote):
    assert [a.text for a in _claims(_extract(text))] == [quote]


# --- transcript labels --------------------------------------------------------------------

INTERVIEW = ("Chris Wallace interviewed Gov. Mike Pence on Sunday.\n\n"
             "\"WALLACE: But, Governor, you said the plan would work.\n\n"
             "\"PENCE: Well, look, it will work. We have the votes.\n\n"
             "\"(CROSSTALK.)\n\n"
             "\"And the people of Indiana know it.\"")


def test_each_label_of_a_transcript_is_the_speaker_of_its_paragraph():
    ex = _extract(INTERVIEW)
    _offsets_hold(ex)
    said = [(a.text, a.speaker.text, a.speaker_name) for a in _claims(ex)]
    assert said == [("But, Governor, you said the plan would work.", "WALLACE", "Chris Wallace"),
                    ("Well, look, it will work. We have the votes.", "PENCE", "Mike Pence"),
                    ("\"And the people of Indiana know it.\"", "PENCE", "Mike Pence")]


def test_a_stage_direction_is_a_term():
    ex = _extract(INTERVIEW)
    assert [a.text for a in ex if a.kind == "term"] == ["\"(CROSSTALK.)"]


def test_a_label_in_a_quote_of_its_own_paragraph():
    text = "Chris Wallace interviewed Gov. Mike Pence.\n\n\"PENCE: Well, the question really should be why.\""
    ex = _extract(text)
    [claim] = _claims(ex)
    assert claim.text == "Well, the question really should be why.\""
    assert claim.speaker.text == "PENCE" and claim.cue.text == ":"


def test_question_and_answer_labels_are_the_speakers():
    ex = _extract("The mayor took questions.\n\n\"Q: Will the bridge reopen?\n\n\"A: It will reopen in March.\"")
    _offsets_hold(ex)
    assert [(a.text, a.speaker.text) for a in _claims(ex)] == [
        ("Will the bridge reopen?", "Q"), ("It will reopen in March.\"", "A")]


@pytest.mark.parametrize("text", [
    "“We will win: the people are with us,” she said.",  # a colon inside a statement
    "She said: “NATO and the EU: partners for peace.”",  # not all capitals before the colon
    "“I: wait, wait,” she said.",  # a one-letter word that is no Q or A label
    "The council met. “NOTE: the bridge stays shut,” the mayor said.",  # not opening its paragraph
    "“FRIDAY: the bridge stays shut,” the mayor said.",  # a date heads no transcript
])
def test_no_label_where_the_words_before_the_colon_are_not_a_name_in_capitals(text):
    d = _state(text)
    assert [transcript_label(d, inner_tokens(d, q.start_char, q.end_char)) for q in d.quotes] == [None]


# --- headlines and subheads ---------------------------------------------------------------

def test_a_pull_quote_headline_holds_no_claim():
    ex = _extract("'Life-changing and heartbreaking': Family recalls the night the river rose\n\n"
                  "The river rose overnight and flooded the lower town.")
    assert not _claims(ex)


def test_a_quote_then_colon_in_a_long_paragraph_is_prose():
    text = ("“We are ready”: that was the message the mayor gave on Monday to the council, which had met "
            "for six hours to hear residents, engineers and the contractor argue over the bridge.")
    assert PULL_QUOTE_HEADLINE.match(text)
    assert not furniture_paragraphs(_state(text))


@pytest.mark.parametrize("para, subhead", [
    ("‘WASHED AWAY’", True),
    ("“DIVIDED, ANGRY AND TIRED”", True),
    ("“NO!”", False),  # a shouted answer ends in a mark of its own
    ("“Washed away”", False),
])
def test_a_quoted_subhead_is_in_capitals_alone(para, subhead):
    assert bool(QUOTED_SUBHEAD.match(para)) is subhead


def test_a_label_opening_a_paragraph_outside_quote_marks_is_its_speaker():
    text = ("The mayor took questions from reporters on Monday.\n\n"
            "Q: Will the bridge reopen in March?\n\n"
            "A: It will reopen in March, once the repairs are done.")
    ex = _extract(text)
    _offsets_hold(ex)
    [answer] = [a for a in ex if a.speaker is not None and a.speaker.text == "A"]
    assert answer.text == "It will reopen in March, once the repairs are done"
    assert answer.cue.text == ":"


def test_the_speaker_mention_of_a_label_is_the_label_alone():
    text = ("Chris Wallace interviewed Gov. Mike Pence on Sunday.\n\n"
            "\"WALLACE: If I may, sir, because we have got limited time.\n\n"
            "\"PENCE: And that is why the governor is on his way to the White House.\"")
    ex = _extract(text)
    _offsets_hold(ex)
    assert [(a.speaker.text, a.speaker_name) for a in _claims(ex)] == [
        ("WALLACE", "Chris Wallace"), ("PENCE", "Mike Pence")]


def test_a_call_to_follow_the_writer_closing_a_transcript_is_no_claim():
    text = ("Chris Wallace interviewed Gov. Mike Pence on Sunday.\n\n"
            "\"PENCE: And that is why the governor is on his way to the White House.\n\n"
            "\"Follow Dana Reyes on Twitter @danareyes.\"")
    ex = _extract(text)
    assert [a.text for a in _claims(ex)] == ["And that is why the governor is on his way to the White House."]


@pytest.mark.parametrize("para, promo", [
    ("Follow Dana Reyes on Twitter @danareyes.", True),
    ("“Follow Dana Reyes on Instagram.”", True),
    ("Follow the money, the senator said on Twitter.", False),  # no name to follow: a statement
])
def test_a_social_media_promo_is_furniture(para, promo):
    assert bool(SOCIAL_PROMO.match(para)) is promo


def test_a_label_with_a_title_and_its_point():
    text = ("Senator John Smith spoke on Tuesday.\n\n"
            "“SEN. JOHN SMITH: And we will balance the budget.”")
    ex = _extract(text)
    _offsets_hold(ex)
    [claim] = _claims(ex)
    assert claim.text == "And we will balance the budget.”"
    assert claim.speaker.text == "SEN. JOHN SMITH" and claim.speaker_name == "John Smith"


def test_a_label_with_a_title_opening_a_paragraph_outside_quote_marks():
    ex = _extract("The committee released the transcript.\n\nMR. TRUMP: We are going to win so much.")
    [claim] = _claims(ex)
    assert claim.text == "We are going to win so much" and "TRUMP" in claim.speaker.text


@pytest.mark.parametrize("direction", ["\"(Crosstalk.)\"", "“[Laughter.]”"])
def test_a_stage_direction_in_either_bracket_alone_is_a_term(direction):
    ex = _extract(f"The hearing began at nine.\n\n{direction}\n\nThe hearing ended at noon.")
    assert [(a.kind, a.text) for a in ex] == [("term", direction)]
