"""Read-only helpers over a :class:`ParsedDoc`'s dependency tree (UD relations)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import ParsedDoc, Span, Token, universal_relation

MAX_SUBTREE = 2_000


@dataclass
class Tree:
    """Children lists and other indexes over one parsed document, built once."""

    doc: ParsedDoc
    children: list[list[int]] = field(default_factory=list)
    #: each token's relation and its universal part, read by :meth:`kids` many times over
    relations: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self):
        n = len(self.doc.tokens)
        self.children = [[] for _ in range(n)]
        for t in self.doc.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.relations = [(t.deprel, universal_relation(t.deprel)) for t in self.doc.tokens]

    @property
    def tokens(self) -> list[Token]:
        return self.doc.tokens

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i``, optionally only those whose relation (or its universal part)
        is one of ``deps``."""
        if not deps:
            return self.children[i]
        rel = self.relations
        return [c for c in self.children[i] if rel[c][0] in deps or rel[c][1] in deps]

    def subtree(self, i: int, *, exclude: set[int] | frozenset[int] = frozenset(),
                limit: int = MAX_SUBTREE) -> list[int]:
        """Token indices of ``i``'s subtree in order, skipping subtrees rooted in ``exclude``.
        At most ``limit`` tokens, nearest levels first: a parse of run-on junk text can
        chain thousands of tokens, and no attribution is that long."""
        out, stack = [], [i]
        while stack and len(out) < limit:
            j = stack.pop()
            if j in exclude and j != i:
                continue
            out.append(j)
            stack.extend(self.children[j])
        out.sort()
        return out

    def ancestors(self, i: int, limit: int | None = None) -> list[int]:
        out = []
        toks = self.doc.tokens
        seen = {i}
        while toks[i].head != i and (limit is None or len(out) < limit):
            i = toks[i].head
            if i in seen:  # a malformed tree: stop rather than loop
                break
            seen.add(i)
            out.append(i)
        return out

    def is_under(self, i: int, ancestor: int) -> bool:
        return i == ancestor or ancestor in self.ancestors(i)

    def span(self, first: int, last: int) -> Span:
        """The character span from token ``first`` to token ``last`` (inclusive)."""
        toks = self.doc.tokens
        return Span.of(self.doc.text, toks[first].start_char, toks[last].end_char)


PUNCT_EDGE = set(",;:—–-()[]") | {"--"}


def trim(tree: Tree, idx: list[int], *, keep_quotes: bool = True) -> list[int]:
    """Drop punctuation, conjunctions and markers from both edges of a token list."""
    toks = tree.tokens
    lo, hi = 0, len(idx)

    def droppable(t: Token, left: bool) -> bool:
        if t.upos == "PUNCT":
            if keep_quotes and is_quote_token(t.text):
                return False
            return True
        if left and t.dep in ("cc", "mark") and t.lemma.lower() in ("that", "and", "but", "whether", "if", "or"):
            return True
        return False

    while lo < hi and droppable(toks[idx[lo]], True):
        lo += 1
    while hi > lo and droppable(toks[idx[hi - 1]], False):
        hi -= 1
    return idx[lo:hi]


QUOTE_CHARS = set("\"“”„«»‹›‘’'")


def is_quote_token(s: str) -> bool:
    return bool(s) and all(c in QUOTE_CHARS for c in s)
