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


# --- names given -------------------------------------------------------------------

NAMED = [
    # a token the tokeniser ran on past a comma ends at it
    ("Khaled Belkacemi,60, was at the mosque. Belkacemi said the doors were open.",
     "doors were open", "Khaled Belkacemi"),
    # a pronoun chain keeps its person
    ("Mayor Ana Torres toured the quay with Mark Ellison. She said the steel was in place. "
     "She added that the deck would follow in May.", "the deck would follow", "Ana Torres"),
    # a gendered noun says whom a pronoun means
    ("Wendy Golden sat beside her son Kody Cook. He said the town had changed.",
     "the town had changed", "Kody Cook"),
    # an acronym expands to the name whose initials it is
    ("The Parliamentary Budget Officer released new figures on Monday. The PBO said the deficit would grow.",
     "the deficit would grow", "Parliamentary Budget Officer"),
    # a possessive document names its author
    ("Shannon Phillips resigned on Friday. In her statement, she said the party had changed.",
     "the party had changed", "Shannon Phillips"),
]


@pytest.mark.parametrize(("text", "words", "name"), NAMED, ids=[n for _, _, n in NAMED])
def test_the_speaker_gets_the_name_the_article_gives(text, words, name):
    assert _one(text, words).speaker_name == name


# --- pronouns ------------------------------------------------------------------------

def test_she_is_never_given_to_a_man_the_article_calls_he():
    text = ("Robin Hale spoke first. He said the budget was tight. "
            "Later she said the budget would be cut.")
    assert _one(text, "would be cut").speaker_name is None


def test_a_pronoun_records_the_full_mention_it_was_resolved_through():
    text = "Conservative Leader Andrew Scheer visited the plant. He said the jobs would stay."
    a = _one(text, "the jobs would stay")
    assert a.resolved_from is not None
    assert text[a.resolved_from.start_char:a.resolved_from.end_char] == a.resolved_from.text
    assert "Scheer" in a.resolved_from.text


# --- organisations and bodies --------------------------------------------------------

def test_a_report_by_a_body_names_it():
    text = "A report by the C.D. Howe Institute said housing starts would fall."
    a = _one(text, "housing starts would fall")
    assert a.speaker_type == "document"
    assert a.speaker_name and "C.D. Howe Institute" in a.speaker_name


TYPED = [
    ("The White House said the visit would go ahead.", "the visit would go ahead", "organisation"),
    ("Stuart Hall said the vote was close.", "the vote was close", "person"),  # Hall: a surname
    ("Burnaby RCMP said the driver was arrested on Sunday.", "the driver was arrested", "organisation"),
]


@pytest.mark.parametrize(("text", "words", "kind"), TYPED, ids=[t.split(" said")[0] for t, _, _ in TYPED])
def test_the_speaker_is_typed_by_what_its_name_says(text, words, kind):
    assert _one(text, words).speaker_type == kind


# --- never invented ------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_name_given_is_written_in_the_article(path):
    text = path.read_text(encoding="utf-8")
    for a in attribution.extract(text):
        for name in a.speaker_names:
            assert name in text, (a.text, name)

