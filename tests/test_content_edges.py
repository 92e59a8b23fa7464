"""Where a phrase content ends: it runs on through the cue's later dependents ("criticized
X for Y") but stops at one that says something of its own -- a coordinated verb or a
clause set off by a comma -- which is a statement of its own, not more of this one."""
from __future__ import annotations

import pytest

import attribution


def _contents(text: str) -> dict[str, str]:
    ex = attribution.extract(text)
    for a in ex:
        assert ex.text[a.start_char:a.end_char] == a.text
    return {a.cue.text: a.text for a in ex if a.cue is not None}


@pytest.mark.parametrize("text, cue, content", [
    ("The senator accused the agency of negligence, saying the response came too late.",
     "accused", "the agency of negligence"),
    ("The senator accused the agency of negligence, saying the response came too late.",
     "saying", "the response came too late"),
    ("The administration has promised a veto and attempted to persuade members of both "
     "parties.", "has promised", "a veto"),
])
def test_content_stops_at_a_predicate_of_its_own(text, cue, content):
    assert _contents(text)[cue] == content


@pytest.mark.parametrize("text, cue, content", [
    ("The senator criticized the agency for its slow response.", "criticized",
     "the agency for its slow response"),
    ("She urged lawmakers to act before the recess.", "urged", "lawmakers to act before the recess"),
])
def test_content_keeps_the_cues_own_later_dependents(text, cue, content):
    assert _contents(text)[cue] == content


@pytest.mark.parametrize("text, cue, content", [
    # the parser hangs the "that"-clause on the time phrase as a relative clause
    ("Trump tweeted in the early morning hours that Machado was disgusting.", "tweeted",
     "Machado was disgusting"),
    # and swallows the clause into a long source as its apposition
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear and "
     "desperation.", "According to", "the move reeks of fear and desperation"),
])
def test_a_misattached_content_is_found(text, cue, content):
    assert _contents(text)[cue] == content


def test_a_real_relative_clause_stays_in_its_phrase():
    assert _contents("He recalled the hours that he spent in the lobby.")["recalled"] == \
        "the hours that he spent in the lobby"
