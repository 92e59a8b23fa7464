"""Hard text for the engine itself: quote marks by the thousand, unbalanced and nested
marks, another language.  Each gets a defined outcome, and spans stay true to the text."""
from __future__ import annotations

import time

import pytest

import attribution


def _spans_true(ex):
    text = ex.text
    for a in ex:
        assert text[a.start_char:a.end_char] == a.text
        for span in [a.speaker, a.cue, a.resolved_from, *a.fragments]:
            if span is not None:
                assert text[span.start_char:span.end_char] == span.text


def test_ten_thousand_quote_marks_finish_and_keep_true_spans():
    text = ("He said \"yes\" and \"no\" " * 2500) + "\"" * 5
    assert text.count('"') > 10_000
    start = time.perf_counter()
    ex = attribution.extract(text)
    assert time.perf_counter() - start < 120
    _spans_true(ex)


def test_an_unmatched_mark_degrades_only_its_own_quote():
    text = ("“We will not back down,” the minister said.\n\n"
            "Critics said the plan was “reckless.\n\n"
            "“The budget is balanced,” said Finance Minister Ana Ruiz.")
    ex = attribution.extract(text)
    _spans_true(ex)
    texts = [a.text for a in ex]
    assert "“We will not back down,”" in texts
    budget = [a for a in ex if a.text == "“The budget is balanced,”"]
    assert budget and budget[0].speaker_names == ["Ana Ruiz"]


def test_a_nested_quote_stays_inside_its_quote():
    text = "“He told me ‘no’ twice,” said Maria Lopez, a local teacher."
    [a] = [a for a in attribution.extract(text) if a.kind == "direct"]
    assert a.text == "“He told me ‘no’ twice,”"
    assert a.speaker_names == ["Maria Lopez"]


def test_text_in_another_language_is_flagged_and_gets_no_speakers():
    text = ("«Nous ne reculerons pas», a déclaré le ministre mardi. Le gouvernement a confirmé "
            "que la réforme serait présentée au Parlement la semaine prochaine.")
    ex = attribution.extract(text)
    assert any("English" in w for w in ex.warnings)
    assert [a.text for a in ex] == ["«Nous ne reculerons pas»"]
    assert all(a.speaker is None and not a.speaker_names for a in ex)


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x00\x01\x02 binary-ish \x07", "\"", "“", "’’’"])
def test_degenerate_text_never_raises(text):
    ex = attribution.extract(text)
    _spans_true(ex)
