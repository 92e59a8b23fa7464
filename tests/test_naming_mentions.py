"""A speaker mention ends at a dash set off by spaces as it ends at a comma ("Tom Kall --
co-editor of a book -- said"), keeps hyphenated names whole, and drops a dateline before
it ("BRUSSELS - European leaders")."""
from __future__ import annotations

import pytest
from naming_helpers import attribution_with


@pytest.mark.parametrize(("text", "content", "mention"), [
    ("Tom Kall -- co-editor of a book on debates -- said the answer was weak.", "the answer was weak", "Tom Kall"),
    ("BRUSSELS - European leaders said the bloc would act.", "the bloc would act", "European leaders"),
    ("Anna Lopez-Garcia said the bridge would reopen.", "the bridge would reopen", "Anna Lopez-Garcia"),
    ("WASHINGTON -- President Obama said the bill would pass.", "the bill would pass", "President Obama"),
])
def test_the_mention_as_a_reader_would_mark_it(text, content, mention):
    a = attribution_with(text, content)
    assert a.speaker is not None and a.speaker.text == mention
    assert text[a.speaker.start_char:a.speaker.end_char] == mention
