"""Naming a speaker gives a frozen result the engine builds each attribution from once:
nothing is filled in on an attribution after it is built."""
from __future__ import annotations

import dataclasses

import pytest

from attribution.document import DocState
from attribution.naming import NO_SPEAKER, Naming, name_speaker
from attribution.parse import get_parser
from attribution.speakers import build_mention


def _state(text: str) -> DocState:
    return DocState(get_parser("spacy").parse(text))


def _token(d: DocState, word: str) -> int:
    return next(t.i for t in d.toks if t.text == word)


def test_naming_is_frozen():
    d = _state("Maria Lopez, the mayor of Springfield, said the bridge would reopen in May.")
    n = name_speaker(d, _token(d, "Lopez"), cue=_token(d, "said"), cue_class="speech")
    assert isinstance(n, Naming)
    assert n.names == ("Maria Lopez",) and n.state == "named" and n.type == "person"
    assert n.speaker is not None and d.text[n.speaker.start_char:n.speaker.end_char] == n.speaker.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.names = ("Someone Else",)  # type: ignore[misc]


def test_mentions_are_frozen():
    d = _state("The council said the road would close.")
    m = build_mention(d.tree, _token(d, "council"), cue=_token(d, "said"))
    assert m.type == "organisation"
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.type = "person"  # type: ignore[misc]


def test_no_speaker_is_unnamed():
    assert NO_SPEAKER.speaker is None and NO_SPEAKER.names == () and NO_SPEAKER.state == "none"


def test_relative_pronoun_speaker_is_named_through_its_antecedent():
    text = ("Maria Lopez, who said the bridge would reopen in May, thanked the crews.")
    d = _state(text)
    n = name_speaker(d, _token(d, "who"), cue=_token(d, "said"), cue_class="speech")
    assert n.names == ("Maria Lopez",)
    assert n.resolved_from is not None and "Lopez" in n.resolved_from.text


def test_it_names_a_body_only_for_a_speech_cue():
    text = "The Ontario Transit Agency opened a new line on Monday. It said more trains would follow."
    d = _state(text)
    it = next(t.i for t in d.toks if t.text == "It")
    said = _token(d, "said")
    assert name_speaker(d, it, cue=said, cue_class="speech").type == "organisation"
    assert name_speaker(d, it, cue=said, cue_class=None).state == "unresolved_pronoun"
