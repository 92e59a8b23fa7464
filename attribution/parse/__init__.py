"""The parse layer: one small interface, several sources, one representation.

Every backend turns text into a :class:`attribution.model.ParsedDoc` whose tokens carry
Universal Dependencies relations and character offsets into the original text.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from ..errors import ParserNotAvailable
from ..model import ParsedDoc

__all__ = ["Parser", "get_parser", "available_parsers", "paragraph_index"]


@runtime_checkable
class Parser(Protocol):
    name: str

    def parse(self, text: str) -> ParsedDoc: ...

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[ParsedDoc]: ...


_CACHE: dict[tuple, Parser] = {}


def available_parsers() -> tuple[str, ...]:
    return ("spacy", "stanza", "conllu")


def get_parser(name: str = "spacy", **options) -> Parser:
    """Return a loaded parser, reusing one instance per (name, options) in this process.

    Args:
        name: ``spacy`` (default, the embedded English pipeline), ``stanza`` (official
            Stanza models from a model directory) or ``conllu`` (pre-parsed UD input).
        **options: passed to the backend (``model=`` for spaCy, ``model_dir=`` for Stanza).

    Raises:
        ParserNotAvailable: the backend or its models are not installed; the message
            says how to install them or which backend to use instead.
    """
    key = (name, tuple(sorted(options.items())))
    if key in _CACHE:
        return _CACHE[key]
    if name == "spacy":
        from .spacy_backend import SpacyParser

        parser: Parser = SpacyParser(**options)
    elif name == "stanza":
        from .stanza_backend import StanzaParser

        parser = StanzaParser(**options)
    elif name == "conllu":
        from .conllu_backend import ConlluParser

        parser = ConlluParser(**options)
    else:
        raise ParserNotAvailable(
            f"Unknown parser {name!r}. Choose one of: {', '.join(available_parsers())}."
        )
    _CACHE[key] = parser
    return parser


def paragraph_index(text: str, offsets: list[int]) -> list[int]:
    """Paragraph number for each character offset; paragraphs are split by blank lines
    (or single newlines, as news text often uses one newline per paragraph)."""
    import bisect
    import re

    breaks = [m.end() for m in re.finditer(r"\n\s*", text)]
    return [bisect.bisect_right(breaks, o) for o in offsets]
