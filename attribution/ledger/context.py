"""The passage around a claim, so a reviewer reads the claim where it was said."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_CONTEXT_CHARS = 1200
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Context:
    """The paragraph(s) holding a claim; ``claim_start``/``claim_end`` index ``text``,
    ``start_char`` is where ``text`` begins in the article."""

    text: str
    start_char: int
    claim_start: int
    claim_end: int
    relation: int | None = None  # the extraction's attribution relation, where it gave one
    related: list[str] = field(default_factory=list)  # other claims of that relation

    @property
    def relation_note(self) -> str | None:
        """One line on the relation: which other claims are parts of the same statement."""
        if self.relation is None:
            return None
        others = ", ".join(self.related) if self.related else "no other claim"
        return f"relation {self.relation}: part of one attribution with {others}"

    def marked(self, open_mark: str = "⟦", close_mark: str = "⟧") -> str:
        """The passage with the claim between marks."""
        t = self.text
        return t[: self.claim_start] + open_mark + t[self.claim_start : self.claim_end] + close_mark + t[self.claim_end :]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def claim_context(
    article_text: str, start_char: int, end_char: int, *, relation: int | None = None, related: list[str] | None = None,
) -> Context:
    """The paragraphs from the one where the claim starts to the one where it ends,
    trimmed to about :data:`MAX_CONTEXT_CHARS` around the claim; ``relation`` and
    ``related`` (other claims of the same attribution relation) are carried along."""
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(article_text)]
    begin = max((e for s, e in breaks if e <= start_char), default=0)
    end = min((s for s, e in breaks if s >= end_char), default=len(article_text))
    slack = max(0, MAX_CONTEXT_CHARS - (end_char - start_char)) // 2
    begin = max(begin, start_char - slack)
    end = min(end, end_char + slack)
    return Context(
        article_text[begin:end], begin, start_char - begin, end_char - begin, relation, list(related or []),
    )
