"""A speaker described by a noun and named in the apposition after it ("said the
company's chief executive, Jane Morrow"): the apposition's name is the speaker's."""
from __future__ import annotations

import pytest
from naming_helpers import attribution_with


@pytest.mark.parametrize(("text", "name"), [
    ("“We will appeal the ruling,” said the company's chief executive, Jane Morrow.", "Jane Morrow"),
    ("“I never doubted him,” says the boy's father, Darrin.", "Darrin"),
])
def test_the_apposition_names_the_speaker(text, name):
    a = attribution_with(text, "“")
    assert a.speaker_names == [name]
    assert a.speaker_type == "person" and not a.anonymous
    assert a.speaker is not None and name not in a.speaker.text  # the mention stays as written


def test_an_apposition_that_is_no_name_gives_none():
    a = attribution_with("“We will appeal the ruling,” said the company's chief executive, a former banker.", "“")
    assert a.speaker_names == []


def test_a_name_further_on_is_not_the_apposition():
    text = ("“It took months,” says the self-taught artist, who sold 40 copies of his comic "
            "Forgotten Grunt: The Undead Soldier, inspired by old films.")
    a = attribution_with(text, "“")
    assert a.speaker_names == []
