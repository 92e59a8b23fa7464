"""The body behind a document published on its website or page ("a statement on the
ministry's website"): the owner of the place, as the article names it."""
from __future__ import annotations

import pytest
from naming_helpers import attribution_with


@pytest.mark.parametrize(("text", "name"), [
    ("A notice on the Northern Rail website said trains would be late.", "Northern Rail"),
    ("Northern Rail apologised on Monday. A notice on its website said trains would be late.", "Northern Rail"),
    ("The Ministry of Transport apologised on Monday. A notice on the ministry's website said trains would be late.",
     "Ministry of Transport"),
    ("Maria Lopez apologised on Monday. A notice on her blog said trains would be late.", "Maria Lopez"),
])
def test_a_document_on_a_website_speaks_for_its_owner(text, name):
    a = attribution_with(text, "trains would be late")
    assert a.speaker_type == "document"
    assert a.speaker_names == [name]


def test_a_website_owner_the_article_has_not_named_is_not_invented():
    a = attribution_with("A notice on the ministry's website said trains would be late.", "trains would be late")
    assert a.speaker_names == []
