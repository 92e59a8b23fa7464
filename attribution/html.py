"""Saved web pages: the article's main text and metadata, read with trafilatura.

:func:`read_article` keeps what a reader of the page would call the article — headline and
body paragraphs — and drops navigation, advertising, related links, comment threads and
footers.  Paragraphs are separated by a blank line.  Character offsets of everything found
later refer to this extracted text (which the ledger keeps), never to the HTML.

The page's metadata goes into the keys the rest of the package reads from
``Document.meta``: ``title``, ``url`` (the canonical URL), ``outlet`` (the site name),
``published`` (the date, ISO ``YYYY-MM-DD``) and ``author``.

Nothing is fetched: pages are read from files the user saved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import NoArticleText

__all__ = ["HtmlArticle", "MIN_PARAGRAPH_WORDS", "read_article", "is_url"]

#: A page whose longest extracted paragraph is shorter than this many words has no
#: article: what trafilatura keeps from a section front or a link list is a column of
#: headlines and menu words, none of them a sentence a quote could sit in.
MIN_PARAGRAPH_WORDS = 8

# trafilatura's metadata attribute -> the Document.meta key the ledger and exports read.
META_FROM_TRAFILATURA = {
    "title": "title",
    "url": "url",
    "sitename": "outlet",
    "date": "published",
    "author": "author",
}

# web addresses only: other schemes (s3://, gs://, hdfs://) are storage that the Ray engine
# reads through pyarrow (attribution.distributed), not pages to fetch
_URL = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@dataclass
class HtmlArticle:
    """The main text of a page (paragraphs separated by a blank line) and its metadata."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def is_url(name: str) -> bool:
    """True for a web address: ``http://...``, ``https://...`` or ``ftp://...``."""
    return bool(_URL.match(name.strip()))


def _paragraphs(text: str) -> list[str]:
    """trafilatura's text output puts one paragraph (or list item, or heading) a line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def read_article(html: str, *, source: str = "the page") -> HtmlArticle:
    """The article in a saved HTML page.

    Args:
        html: the page's HTML, decoded.
        source: how error messages name the page (a path, ``FILE:LINE``).

    Raises:
        NoArticleText: the page holds no article (a section front, a link list, an
            empty or script-only page).
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    paragraphs = _paragraphs(extracted.text or "") if extracted is not None else []
    longest = max((len(_WORD.findall(p)) for p in paragraphs), default=0)
    if longest < MIN_PARAGRAPH_WORDS:
        raise NoArticleText(
            f"{source}: no article text found in the HTML (only menus, links or headlines; "
            f"no paragraph of {MIN_PARAGRAPH_WORDS} words or more). Save the article's own "
            "page rather than a section front or index, or give its text as a .txt file."
        )
    meta = {}
    for attribute, key in META_FROM_TRAFILATURA.items():
        value = getattr(extracted, attribute, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return HtmlArticle(text="\n\n".join(paragraphs), meta=meta)
