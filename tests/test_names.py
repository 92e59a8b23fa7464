"""Unit tests for naming speakers: genders, names as written, pronoun salience, bodies
behind organisations and documents (the user-visible cases are in
``features/speakers.feature``)."""
from __future__ import annotations

from pathlib import Path

import pytest

import attribution
from attribution.gender import (
    FEMALE,
    MALE,
    UNKNOWN,
    compatible,
    first_name_gender,
    honorific_gender,
    noun_gender,
)
from attribution.resolve import clean_name, first_name, surname

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _one(text: str, words: str) -> attribution.Attribution:
    found = [a for a in attribution.extract(text) if words in a.text]
    assert found, f"no attribution containing {words!r}"
    return found[0]


# --- gender --------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "gender"), [("Wendy", FEMALE), ("Andrew", MALE), ("Priya", FEMALE),
                                               ("Babatunji", UNKNOWN), ("", UNKNOWN), ("3M", UNKNOWN)])
def test_first_names_take_the_names_list_gender(first, gender):
    assert first_name_gender(first) == gender


def test_honorifics_and_nouns_state_a_gender():
    assert honorific_gender("Mr.") == MALE
    assert honorific_gender("Ms") == FEMALE
    assert honorific_gender("Dr.") == UNKNOWN
    assert noun_gender("mother") == FEMALE
    assert noun_gender("spokesman") == MALE
    assert noun_gender("official") == UNKNOWN


def test_an_unknown_gender_fits_any_pronoun():
    assert compatible(FEMALE, UNKNOWN)
    assert compatible(UNKNOWN, MALE)
    assert not compatible(FEMALE, MALE)


# --- names as written ----------------------------------------------------------------

def test_titles_known_to_nameparser_are_dropped_from_a_name():
    assert clean_name(["Prime", "Minister", "Justin", "Trudeau"]) == "Justin Trudeau"
    assert clean_name(["Mr.", "Scheer", "’s"]) == "Scheer"
    assert clean_name(["Coach", "Bill", "Peters"]) == "Bill Peters"


def test_surnames_skip_suffixes_and_first_names_skip_initials():
    assert surname("Martin Luther King Jr.") == "king"
    assert surname("Jody Wilson-Raybould") == "wilson-raybould"
    assert first_name("John F. Kennedy") == "John"
    assert first_name("Kody") == ""


def test_a_name_next_to_a_comma_and_a_number_stops_at_the_comma():
    a = _one("Khaled Belkacemi,60, was at the mosque. Belkacemi said the doors were open.", "doors were open")
    assert a.speaker_name == "Khaled Belkacemi"


# --- pronouns ------------------------------------------------------------------------

def test_a_pronoun_chain_keeps_its_person():
    text = ("Mayor Ana Torres toured the quay with Mark Ellison. She said the steel was in place. "
            "She added that the deck would follow in May.")
    assert _one(text, "the deck would follow").speaker_name == "Ana Torres"


def test_she_is_never_given_to_a_man_the_article_calls_he():
    text = ("Robin Hale spoke first. He said the budget was tight. "
            "Later she said the budget would be cut.")
    assert _one(text, "would be cut").speaker_name is None


def test_a_gendered_noun_says_who_a_pronoun_means():
    text = "Wendy Golden sat beside her son Kody Cook. He said the town had changed."
    assert _one(text, "the town had changed").speaker_name == "Kody Cook"


def test_a_pronoun_records_the_full_mention_it_was_resolved_through():
    text = "Conservative Leader Andrew Scheer visited the plant. He said the jobs would stay."
    a = _one(text, "the jobs would stay")
    assert a.resolved_from is not None
    assert text[a.resolved_from.start_char:a.resolved_from.end_char] == a.resolved_from.text
    assert "Scheer" in a.resolved_from.text


# --- organisations and bodies --------------------------------------------------------

def test_an_acronym_expands_to_the_name_whose_initials_it_is():
    text = ("The Parliamentary Budget Officer released new figures on Monday. "
            "The PBO said the deficit would grow.")
    assert _one(text, "the deficit would grow").speaker_name == "Parliamentary Budget Officer"


def test_a_possessive_document_names_its_author():
    text = "Shannon Phillips resigned on Friday. In her statement, she said the party had changed."
    assert _one(text, "the party had changed").speaker_name == "Shannon Phillips"


def test_a_report_by_a_body_names_it():
    text = "A report by the C.D. Howe Institute said housing starts would fall."
    a = _one(text, "housing starts would fall")
    assert a.speaker_type == "document"
    assert a.speaker_name and "C.D. Howe Institute" in a.speaker_name


def test_the_white_house_is_an_organisation():
    a = _one("The White House said the visit would go ahead.", "the visit would go ahead")
    assert a.speaker_type == "organisation"


def test_a_person_named_hall_is_still_a_person():
    a = _one("Stuart Hall said the vote was close.", "the vote was close")
    assert a.speaker_type == "person"


# --- never invented ------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_name_given_is_written_in_the_article(path):
    text = path.read_text(encoding="utf-8")
    for a in attribution.extract(text):
        for name in a.speaker_names:
            assert name in text, (a.text, name)


def test_a_name_ending_in_an_organisation_word_is_an_organisation():
    a = _one("Burnaby RCMP said the driver was arrested on Sunday.", "the driver was arrested")
    assert a.speaker_type == "organisation"
