"""Property: whatever text comes in, ``extract`` returns, and every span it reports is
the slice of the text its offsets name."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import attribution
from attribution.model import Extraction

QUOTE_MARKS = list("\"'“”‘’«»„‚‹›「」")
WORDS = [
    "said", "says", "told reporters", "according to", "Ana Torres", "the minister", "He", "she",
    "one official", "We will finish the bridge by June", "added", "Mr. Lee", "denied", "that",
    "It's", "don't", "the '90s", "rock 'n' roll", "O'Neil", "—", "…", ":", ";",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\t", ", ", ". ", "! ", "? "]

pieces = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(SEPARATORS),
    st.text(max_size=6),  # any unicode: accents, CJK, emoji, combining marks, controls
)
texts = st.lists(pieces, max_size=60).map("".join)


def _spans(ex: Extraction):
    for a in ex.attributions:
        yield "quote", a
        if a.speaker is not None:
            yield "speaker", a.speaker
        if a.cue is not None:
            yield "cue", a.cue
        for f in a.fragments:
            yield "fragment", f
        if a.resolved_from is not None:
            yield "resolved_from", a.resolved_from


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_raises_and_every_span_is_its_slice(text):
    ex = attribution.extract(text)
    assert ex.text == text
    for what, span in _spans(ex):
        assert 0 <= span.start_char <= span.end_char <= len(text), (what, span)
        assert text[span.start_char:span.end_char] == span.text, (what, span)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_MARKS + [" ", "said Ana Torres", "\n"]), max_size=200).map("".join))
def test_quote_mark_storms_never_raise(text):
    ex = attribution.extract(text)
    for what, span in _spans(ex):
        assert text[span.start_char:span.end_char] == span.text, (what, span)
