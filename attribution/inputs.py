"""Reading documents for batch work: text files, saved web pages, ``-`` for standard input,
or JSONL.

Every reader yields :class:`~attribution.model.Document` objects and never raises on bad
input: a problem with one document becomes that document's ``error`` so that the rest of
the batch goes on.  The outcomes are fixed:

================================  =========================================================
input                             outcome
================================  =========================================================
file that does not exist          ``error``: "cannot read PATH: No such file or directory"
empty or whitespace-only text     ``error``: "empty document: ..." (a failure, so the
                                  batch summary counts it; the library's ``extract("")``
                                  instead returns an empty :class:`Extraction`)
binary data (NUL bytes, mostly    ``error``: "... looks binary (...); give a text file"
control characters)
bytes that are not valid in the   ``error`` naming the byte offset and suggesting
encoding (UTF-8 by default)       ``--encoding latin-1``
HTML given as text                tags stripped and entities unescaped (stdlib
                                  :mod:`html.parser`); ``meta["warnings"]`` says so.
                                  Character offsets then refer to the stripped text.
saved web page (``.html``/``.htm``  the article's main text and metadata (title, canonical
file, ``--input html``, a JSONL   URL, site name, date, author) read by trafilatura
line with ``html`` for ``text``)  (:mod:`attribution.html`); offsets refer to that text
saved page with no article text   ``error``: "[A010] ... no article text found ..."
a web address (``http://...``)    :class:`~attribution.errors.UrlNotSupported` before
                                  anything is read: only saved pages and files are read
JSONL line that is not JSON, is   ``error`` naming the line number and source; the document
not an object or lacks ``text``   id is ``SOURCE:LINE`` (or the line's ``id`` when it has one)
a very large article              read as is (the parse layer splits long texts)
================================  =========================================================

A JSONL line is ``{"id": ..., "text": ..., "url"?, "title"?, "outlet"?, "published"?,
"meta"?}``, or carries ``"html"`` (a saved page) instead of ``"text"``; the optional fields
are kept in ``Document.meta`` (a line's own fields win over the page's metadata).  Without
an ``id`` the line's ``url`` is used, then ``SOURCE:LINE``.
"""
from __future__ import annotations

import codecs
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from .errors import InputError, NoArticleText, UrlNotSupported
from .html import is_url, read_article
from .model import Document

__all__ = [
    "INPUT_FORMATS",
    "META_FIELDS",
    "read_documents",
    "read_text_file",
    "read_stdin_bytes",
    "read_jsonl",
    "document_from_text",
    "document_from_html",
    "check_not_urls",
    "is_html_path",
    "decode_bytes",
    "looks_binary",
    "looks_like_html",
    "strip_html",
]

INPUT_FORMATS = ("text", "jsonl", "html")
#: file names read as saved web pages whatever --input says (except jsonl)
HTML_SUFFIXES = (".html", ".htm")
META_FIELDS = ("url", "title", "outlet", "published")
STDIN = "-"

#: share of control characters above which decoded text is taken for binary data
BINARY_CONTROL_SHARE = 0.10
_SAMPLE = 8192
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")

HTML_WARNING = (
    "input looked like HTML: tags were removed and entities unescaped; character "
    "offsets refer to the stripped text"
)


# --------------------------------------------------------------------------- checks


def looks_binary(text: str) -> bool:
    """True when decoded text is evidently not prose: a NUL character, or more than
    ``BINARY_CONTROL_SHARE`` of its first 8,192 characters are control characters."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(
        1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls / len(sample) > BINARY_CONTROL_SHARE


_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|head|body|p|div|span|br|hr|a|b|i|u|em|strong|h[1-6]"
    r"|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|q|cite|script|style|meta|link|img"
    r"|figure|figcaption|section|article|header|footer|nav|aside|main|title|time"
    r"|iframe|noscript|picture|source|small|sup|sub)\b[^<>]*?/?)>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup: a doctype, or at least two HTML tags."""
    sample = text[: 20 * _SAMPLE]
    found = 0
    for m in _HTML_TAG.finditer(sample):
        if m.group(0).lower().startswith("<!doctype"):
            return True
        found += 1
        if found >= 2:
            return True
    return False


# --------------------------------------------------------------------------- HTML


_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr",
        "blockquote", "section", "article", "header", "footer", "nav", "aside", "main",
        "figure", "figcaption", "hr", "pre", "dl", "dt", "dd", "title", "body",
    }
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Plain text from HTML: tags removed, entities unescaped, the contents of
    ``script``/``style``/``head`` dropped, block elements turned into paragraph breaks
    (a blank line) and runs of spaces collapsed."""
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    raw = "".join(collector.parts).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


# --------------------------------------------------------------------------- decoding


def _normal_encoding(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, "
            "latin-1 or cp1252"
        ) from None
    return name


def decode_bytes(raw: bytes, encoding: str = "utf-8", *, source: str = "input") -> tuple[str | None, str | None]:
    """Decode ``raw`` and return ``(text, None)`` or ``(None, error message)``.

    UTF-8 input may start with a byte-order mark (it is dropped).  Binary data is
    reported as such rather than as an encoding problem.
    """
    codec = _normal_encoding(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return None, (
                f"{source} looks like UTF-16 text (it starts with a byte-order mark); "
                "rerun with --encoding utf-16"
            )
        if b"\x00" in raw[:_SAMPLE]:
            return None, f"{source} looks binary (it contains NUL bytes); give a text file"
        bad = raw[exc.start : exc.start + 1].hex()
        return None, (
            f"{source} is not valid {encoding} text: byte 0x{bad} at byte offset "
            f"{exc.start} cannot be decoded ({exc.reason}); if the file is Latin-1 or "
            "Windows-1252, rerun with --encoding latin-1 (or --encoding cp1252)"
        )
    return text, None


def document_from_text(doc_id: str, text: str, meta: dict | None = None, *, source: str | None = None) -> Document:
    """Apply the checks every document goes through (binary, HTML, empty) and return a
    :class:`Document`, with ``error`` set or warnings in ``meta["warnings"]``.
    ``source`` (e.g. ``FILE:LINE``) prefixes error messages."""
    meta = dict(meta or {})
    prefix = f"{source}: " if source else ""
    if looks_binary(text):
        return Document(
            doc_id, meta=meta,
            error=f"{prefix}looks binary (NUL or control characters); give a text file",
        )
    if looks_like_html(text):
        text = strip_html(text)
        meta.setdefault("warnings", []).append(HTML_WARNING)
    if not text.strip():
        return Document(
            doc_id, text=text, meta=meta,
            error=f"{prefix}empty document: there is no text to extract from",
        )
    return Document(doc_id, text=text, meta=meta)


def document_from_html(doc_id: str, html: str, meta: dict | None = None, *, source: str | None = None) -> Document:
    """A saved page's article as a :class:`Document`: its main text, with the page's
    metadata under ``meta`` (keys the caller gives win).  A page with no article text
    gets ``error`` ("[A010] ...")."""
    given = dict(meta or {})
    if looks_binary(html):
        return Document(
            doc_id, meta=given,
            error=f"{source or doc_id}: looks binary (NUL or control characters); give an HTML file",
        )
    try:
        article = read_article(html, source=source or doc_id)
    except NoArticleText as exc:
        return Document(doc_id, meta=given, error=str(exc))
    return Document(doc_id, text=article.text, meta={**article.meta, **given})


def is_html_path(name: str) -> bool:
    """True for a file name ending ``.html`` or ``.htm`` (any case)."""
    return Path(name).suffix.lower() in HTML_SUFFIXES


def check_not_urls(paths: Iterable[str]) -> None:
    """Raise :class:`UrlNotSupported` for the first web address among ``paths``."""
    for name in paths:
        if is_url(name):
            raise UrlNotSupported(
                f"{name} is a web address; attribution reads saved pages and files only and "
                "never fetches anything. Save the page first (your browser's Save Page As, "
                "or `curl -o article.html URL`) and give the saved file."
            )


# --------------------------------------------------------------------------- readers


def read_text_file(
    path: str | Path, *, encoding: str = "utf-8", doc_id: str | None = None, html: bool | None = None
) -> Document:
    """One file as a :class:`Document` whose id is the path as given.  ``html``: read it as
    a saved web page (default: when its name ends ``.html`` or ``.htm``)."""
    name = str(path)
    doc_id = doc_id or name
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Document(doc_id, error=f"cannot read {name}: {reason}")
    text, error = decode_bytes(raw, encoding, source="the file")
    if error:
        return Document(doc_id, error=error)
    if html if html is not None else is_html_path(name):
        return document_from_html(doc_id, text, source=name)  # type: ignore[arg-type]
    return document_from_text(doc_id, text)  # type: ignore[arg-type]


def _jsonl_document(line: str, number: int, source: str) -> Document:
    where = f"{source}:{number}"
    line_of = f"line {number} of {source}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Document(
            where, error=f"{line_of} is not valid JSON ({exc.msg}); give one JSON object a line"
        )
    if not isinstance(obj, dict):
        return Document(where, error=f"{line_of} is not a JSON object; give one JSON object a line")
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id is not None else str(obj.get("url") or where)
    meta = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
    meta.update({k: obj[k] for k in META_FIELDS if obj.get(k) is not None})
    text = obj.get("text")
    if text is None and isinstance(obj.get("html"), str):
        return document_from_html(doc_id, obj["html"], meta, source=line_of)
    if not isinstance(text, str):
        what = "lacks a \"text\" field" if text is None else "has a \"text\" that is not a string"
        return Document(
            doc_id, meta=meta,
            error=f"{line_of} {what}; each line needs {{\"id\": ..., \"text\": ...}} "
            "(or \"html\": a saved page)",
        )
    return document_from_text(doc_id, text, meta, source=line_of)


def read_jsonl(lines: Iterable[str], *, source: str = "stdin") -> Iterator[Document]:
    """Documents from JSONL lines (blank lines skipped); ``source`` names them in errors."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        yield _jsonl_document(line, number, source)


_WIDE_CODECS = ("utf-16", "utf-32")  # newline bytes cannot be split on before decoding


def _jsonl_from_path(name: str, encoding: str, stdin: IO | None) -> Iterator[Document]:
    """Stream one JSONL file (or standard input) line by line: a file of any size is
    never held whole, and one undecodable line does not lose the rest."""
    if name == STDIN:
        yield from _jsonl_from_stream(_stdin_lines(stdin), "stdin", encoding)
        return
    try:
        fh = open(name, "rb")
    except OSError as exc:
        yield Document(name, error=f"cannot read {name}: {exc.strerror or exc}")
        return
    with fh:
        yield from _jsonl_from_stream(fh, name, encoding)


def _jsonl_from_stream(raw_lines: Iterable[bytes], source: str, encoding: str) -> Iterator[Document]:
    codec = _normal_encoding(encoding)
    if codec.startswith(_WIDE_CODECS):
        text, error = decode_bytes(b"".join(raw_lines), encoding, source=source)
        if error:
            yield Document(source, error=error)
            return
        yield from read_jsonl((line.rstrip("\r") for line in text.split("\n")), source=source)  # type: ignore[union-attr]
        return
    for number, raw_line in enumerate(raw_lines, 1):
        if not raw_line.strip():
            continue
        line, error = decode_bytes(raw_line.rstrip(b"\r\n"), encoding, source=f"line {number} of {source}")
        if error:
            yield Document(f"{source}:{number}", error=error)
            continue
        if not line.strip():  # a line of non-ASCII white space ("\u00a0") is blank too
            continue
        yield _jsonl_document(line, number, source)  # type: ignore[arg-type]


def _stdin_lines(stdin: IO | None) -> Iterator[bytes]:
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", None) or stream
    for line in stream:
        yield line.encode("utf-8") if isinstance(line, str) else line


def read_stdin_bytes(stdin: IO | None) -> bytes:
    """All of standard input (or ``stdin``) as bytes, whether it is a text or a byte stream."""
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    data = (buffer if buffer is not None else stream).read()
    if isinstance(data, str):
        return data.encode("utf-8")
    return data


def read_documents(
    paths: Iterable[str],
    *,
    input_format: str = "text",
    encoding: str = "utf-8",
    stdin: IO | None = None,
) -> Iterator[Document]:
    """Documents from each path, in order.

    Args:
        paths: file paths; ``-`` reads standard input (or ``stdin``).
        input_format: ``text`` (one document per file, id = the path, ``stdin`` for ``-``;
            ``.html``/``.htm`` files are read as saved pages), ``html`` (every file, and
            standard input, is a saved page) or ``jsonl`` (one document per line).
        encoding: how to decode the bytes (default UTF-8).
        stdin: a stream to read for ``-`` (binary or text); default ``sys.stdin``.

    Raises:
        InputError: unknown ``input_format`` or ``encoding`` (checked before reading).
        UrlNotSupported: a path is a web address (nothing is fetched).
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(
            f"unknown input format {input_format!r}; choose text, jsonl or html"
        )
    _normal_encoding(encoding)
    paths = list(paths)
    check_not_urls(paths)
    return _read(paths, input_format, encoding, stdin)


def _read(paths: list[str], input_format: str, encoding: str, stdin) -> Iterator[Document]:
    for name in paths:
        if input_format == "jsonl":
            yield from _jsonl_from_path(name, encoding, stdin)
        elif name == STDIN:
            text, error = decode_bytes(read_stdin_bytes(stdin), encoding, source="standard input")
            if error:
                yield Document("stdin", error=error)
            elif input_format == "html":
                yield document_from_html("stdin", text, source="standard input")  # type: ignore[arg-type]
            else:
                yield document_from_text("stdin", text)  # type: ignore[arg-type]
        else:
            yield read_text_file(name, encoding=encoding, html=True if input_format == "html" else None)
