"""Which mention names a cue's speaker: a subject outside quote marks rather than a word
of the quote the parser also took for a subject; and nobody at all for the dummy "it" of
an extraposed clause ("it is clear that ...": the writer's own words)."""
from __future__ import annotations

import pytest
from naming_helpers import attribution_with


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    ("“The plan is in trouble. Real trouble,” said Dana Whitfield, a council member.",
     "The plan is in trouble", "Dana Whitfield"),
    ("“My answer, that was unfair,” the mayor's former chief of staff said in an interview.",
     "My answer", "the mayor's former chief of staff"),
])
def test_the_speaker_is_the_subject_outside_the_quote(text, quote, speaker):
    a = attribution_with(text, quote)
    assert a.speaker is not None and a.speaker.text == speaker
    assert text[a.speaker.start_char:a.speaker.end_char] == a.speaker.text


@pytest.mark.parametrize(("text", "content"), [
    ("By now it should be obvious that the bridge needs repairs.", "the bridge needs repairs"),
    ("It is unclear whether the council will approve the budget.", "the council will approve"),
    ("Often, it appeared that the minister was unable to answer.", "the minister was unable"),
])
def test_an_extraposed_it_is_nobody(text, content):
    a = attribution_with(text, content)
    assert a.speaker is None and a.speaker_names == []


def test_it_that_stands_for_a_body_still_speaks():
    text = "The Ontario Transit Agency opened a new line on Monday. It said more trains would follow."
    a = attribution_with(text, "more trains would follow")
    assert a.speaker is not None and a.speaker.text == "It"
    assert a.speaker_names == ["Ontario Transit Agency"]


def test_it_ready_to_argue_is_not_extraposed():
    """A body that "was prepared to argue that ..." is a subject, not a dummy "it"."""
    text = "The Ontario Transit Agency met on Monday. It was prepared to argue that the fare was legal."
    a = attribution_with(text, "the fare was legal")
    assert a.speaker is not None and a.speaker.text == "It"


def test_the_subject_of_seems_to_is_nobody_where_no_speech_follows():
    """"She seems to have left": the impression is the writer's."""
    a = attribution_with("By Friday the mayor seemed to have left the city for good.", "to have left")
    assert a.speaker is None


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The mayor appeared to suggest that the tax would rise.", "the tax would rise", "The mayor"),
    ("The mayor appears set to veto the bill on the new tax.", "the bill", "The mayor"),
])
def test_the_subject_of_seems_to_speaks_where_a_cue_follows(text, content, speaker):
    a = attribution_with(text, content)
    assert a.speaker is not None and a.speaker.text == speaker
