"""The library API: text in, :class:`Extraction` out.

``extract`` parses one text; ``extract_many`` streams many through ``nlp.pipe`` with one
loaded parser; ``extract_parsed`` runs the engine on an already-parsed document (any
backend, e.g. gold CoNLL-U).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Extraction, ParsedDoc
from .parse import Parser, get_parser


def _resolve_parser(parser: Parser | str | None) -> Parser:
    if parser is None:
        return get_parser("spacy")
    if isinstance(parser, str):
        return get_parser(parser)
    return parser


def extract(text: str, *, parser: Parser | str | None = None, id: str | None = None) -> Extraction:
    """Find every attribution in ``text``.

    Args:
        text: the article, as plain text.
        parser: a loaded :class:`~attribution.parse.Parser`, a backend name, or None for
            the embedded spaCy English pipeline (loaded once per process).
        id: carried through to the result.

    Raises:
        InputError: ``text`` is not a string.
        ParserNotAvailable: the parser cannot be loaded.
    """
    from .errors import InputError

    if not isinstance(text, str):
        raise InputError(f"extract() takes a str, not {type(text).__name__}; decode bytes first.")
    p = _resolve_parser(parser)
    if not text.strip():
        return Extraction(text=text, id=id, parser=p.name, warnings=["empty text"])
    return extract_parsed(p.parse(text), id=id)


def extract_many(
    texts: Iterable[str],
    *,
    parser: Parser | str | None = None,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Extract from many texts with one parser, batched through ``nlp.pipe``; yields in order."""
    p = _resolve_parser(parser)
    for doc in p.pipe(texts, batch_size=batch_size):
        yield extract_parsed(doc)


NOT_ENGLISH = ("the text does not look like English ({share:.0%} English function words); "
               "quotes in quote marks are reported unattributed and no speakers are guessed. "
               "The embedded parser reads English only")


def extract_parsed(doc: ParsedDoc, *, id: str | None = None) -> Extraction:
    """Run the attribution engine on a parsed document.

    Text that does not look like English gets a warning, and only its quotes in quote
    marks are reported, unattributed: the English rules would invent speakers."""
    from .engine import attribute
    from .language import english_share, looks_english

    if not looks_english(doc.text):
        from .engine import unattributed_quotes

        _, share = english_share(doc.text)
        return Extraction(text=doc.text, attributions=unattributed_quotes(doc), id=id, parser=doc.parser,
                          warnings=[NOT_ENGLISH.format(share=share)])
    return Extraction(text=doc.text, attributions=attribute(doc), id=id, parser=doc.parser)
