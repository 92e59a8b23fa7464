"""Who is behind "the report": the person the article said wrote it comes before the body
it was written for; and a name written after a person's title in lower case ("economist
Dana Whitfield") is a person's even where the tagger made it an organisation's."""
from __future__ import annotations

from naming_helpers import attribution_with

from attribution.document import DocState
from attribution.parse import get_parser
from attribution.speakers import build_mention, titled_name

TEXT = ("“Spending has not risen as promised,” economist Dana Whitfield wrote in a recent report for the "
        "Ridgeway Institute.\n\nSince 2016, spending on roads has increased only 8 per cent, the report said.")


def test_the_report_speaks_for_its_writer_before_the_body_it_was_written_for():
    a = attribution_with(TEXT, "spending on roads")
    assert a.speaker is not None and a.speaker.text == "the report"
    assert a.speaker_names == ["Dana Whitfield"]


def test_a_titled_name_is_a_person_whatever_the_tagger_says():
    doc = get_parser("spacy").parse(TEXT)
    for t in doc.tokens:
        if t.text in ("Dana", "Whitfield"):  # the tagger's mistake, as it makes it on real articles
            t.ent_type, t.ent_iob = "ORG", ("B" if t.text == "Dana" else "I")
    d = DocState(doc)
    head = next(t.i for t in d.toks if t.text == "Whitfield")
    assert build_mention(d.tree, head).type == "person"


def test_a_name_after_a_noun_that_is_no_title_is_not_made_a_person():
    d = DocState(get_parser("spacy").parse("The newspaper Daily Ledger said the mayor would resign."))
    head = next(t.i for t in d.toks if t.text == "Ledger")
    assert not titled_name(d.tree, head)
