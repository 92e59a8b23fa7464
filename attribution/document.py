"""Per-document state shared by the engine's stages: the tree, the quote spans, which
token lies in which quote, and the article's name index, each computed once."""
from __future__ import annotations

import bisect

from .model import ParsedDoc, Span
from .quotes import find_quotes
from .resolve import NameIndex, build_index
from .syntax import Tree


class DocState:
    """Per-document state shared by the stages."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.text = doc.text
        self.tree = Tree(doc)
        self.toks = doc.tokens
        self.quotes = find_quotes(doc.text)
        self.starts = [t.start_char for t in self.toks]
        n = len(self.toks)
        self.tq = [-1] * n
        for qi, q in enumerate(self.quotes):
            lo = bisect.bisect_left(self.starts, q.start_char)
            # a token that begins before the mark but covers it (rare) counts too
            if lo > 0 and self.toks[lo - 1].end_char > q.start_char:
                lo -= 1
            for k in range(lo, n):
                if self.toks[k].start_char >= q.end_char:
                    break
                self.tq[k] = qi
        self.in_quote = [q >= 0 for q in self.tq]
        self.index: NameIndex = build_index(self.tree)
        self.surnames = frozenset(self.index.by_last)
        self._orgs: list[tuple[int, int]] | None = None

    def organisations(self) -> list[tuple[int, int]]:
        """Token ranges [start, end) of ORG entities, computed once."""
        if self._orgs is None:
            self._orgs = []
            toks, k = self.toks, 0
            while k < len(toks):
                if toks[k].ent_type == "ORG" and toks[k].ent_iob == "B":
                    e = k + 1
                    while e < len(toks) and toks[e].ent_iob == "I":
                        e += 1
                    self._orgs.append((k, e))
                    k = e
                    continue
                k += 1
        return self._orgs

    def quote_tokens(self, qi: int) -> list[int]:
        q = self.quotes[qi]
        lo = bisect.bisect_left(self.starts, q.start_char)
        out = []
        for k in range(max(0, lo - 1), len(self.toks)):
            if self.toks[k].start_char >= q.end_char:
                break
            if self.tq[k] == qi:
                out.append(k)
        return out

    def token_at(self, char: int) -> int:
        """The index of the token that covers (or is the first after) ``char``."""
        return min(max(0, bisect.bisect_right(self.starts, char) - 1), len(self.toks) - 1)

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)
