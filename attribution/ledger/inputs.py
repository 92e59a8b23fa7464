"""Articles to ingest: what :mod:`attribution.inputs` reads (text files, ``-`` for standard
input, JSONL), plus the extraction a JSONL line may already carry.

A JSONL line is ``{"id", "text", "url"?, "title"?, "outlet"?, "published"?, "meta"?}``.
A line that also has ``quotes`` (what ``attribution extract`` writes, with the text kept;
the gold format's ``start``/``end`` is accepted too) is stored as extracted, without running
the extractor again.  Standard input holding JSON objects is read as JSONL.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import UsageError
from ..inputs import (
    check_not_urls,
    decode_bytes,
    read_documents,
    read_stdin_bytes,
    read_text_file,
)
from ..model import Document, Extraction
from .ids import article_id_for_text
from .normalise import article_text

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class ArticleInput:
    """One article to ingest, with its extraction when the input already had one."""

    document: Document
    extraction: Extraction | None = None


def read_inputs(
    paths: Iterable[str],
    *,
    article_id: str | None = None,
    encoding: str = "utf-8",
    stdin: IO | None = None,
    html: bool = False,
) -> Iterator[ArticleInput]:
    """Articles from each path in order (``html``: every plain file, and standard input,
    is a saved web page, whatever its name).  Problems become ``Document.error`` so that one bad
    file never stops the rest.  A web address raises
    :class:`~attribution.errors.UrlNotSupported` before anything is read; ``.html``/``.htm``
    files are read as saved pages.

    An article is identified by ``article_id`` (one plain-text input only), else by its URL
    (a JSONL line's ``url``, a saved page's address), else by its normalised text
    (:func:`ids.article_id_for_text`), never by the path it was read from: the same text
    read as ``a.txt`` and ``/abs/a.txt`` is one article, and two different texts on
    standard input are two.  The path goes into ``meta["source"]``.

    Raises:
        UsageError: ``article_id`` with more than one input, or with a JSONL input.
    """
    paths = list(paths)
    check_not_urls(paths)
    if article_id is not None:
        _check_single(paths, article_id)
    for name in paths:
        if name == "-":
            raw = read_stdin_bytes(stdin)
            text, _ = decode_bytes(raw, encoding, source="stdin")
            if not html and text is not None and text.lstrip().startswith("{"):
                if article_id is not None:
                    raise UsageError(_ID_WITH_JSONL.format(name="standard input"))
                yield from _jsonl(io.BytesIO(raw), "-", encoding)
            else:
                for doc in read_documents(["-"], input_format="html" if html else "text",
                                          encoding=encoding, stdin=io.BytesIO(raw)):
                    yield ArticleInput(_identified(doc, article_id, "stdin"))
        elif Path(name).suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl(None, name, encoding)
        else:
            doc = read_text_file(name, encoding=encoding, doc_id=article_id, html=html or None)
            yield ArticleInput(_identified(doc, article_id, name))


_ID_WITH_JSONL = (
    "--id names one plain-text article, but {name} is JSONL: each line carries its own "
    '"id" (or "url"); drop --id.'
)


def _check_single(paths: list[str], article_id: str) -> None:
    if not article_id.strip():
        raise UsageError("--id needs a non-empty article id.")
    if len(paths) != 1:
        raise UsageError(
            f"--id {article_id!r} names one article, but {len(paths)} inputs were given; "
            "ingest them one at a time with --id, or without --id (each is then identified "
            "by its URL or its text)."
        )
    if Path(paths[0]).suffix.lower() in JSONL_SUFFIXES:
        raise UsageError(_ID_WITH_JSONL.format(name=paths[0]))


def _identified(doc: Document, article_id: str | None, source: str) -> Document:
    """``doc`` named by ``article_id``, else its URL, else its text; ``source`` kept in meta."""
    if doc.error is None:
        doc.meta = {**(doc.meta or {}), "source": source}
    if article_id:
        doc.id = article_id
    elif doc.error is None:
        url = (doc.meta or {}).get("url")
        doc.id = str(url) if url else article_id_for_text(article_text(doc.text))
    return doc


def _jsonl(stream: IO[bytes] | None, name: str, encoding: str) -> Iterator[ArticleInput]:
    """Documents from :func:`read_documents`, paired with the ``quotes`` of their lines
    (the lines are split exactly as that reader splits them)."""
    if isinstance(stream, io.BytesIO):
        raw = stream.getvalue()
    else:
        try:
            raw = Path(name).read_bytes()
        except OSError:
            raw = b""
    text, _ = decode_bytes(raw, encoding)
    if text is not None:
        lines: list[str | bytes] = [line for line in text.split("\n") if line.strip()]
    else:
        lines = [line for line in raw.split(b"\n") if line.strip()]
    docs = read_documents([name], input_format="jsonl", encoding=encoding, stdin=stream)
    for number, doc in enumerate(docs):
        extraction = None
        if doc.error is None and number < len(lines):
            if not _names_itself(lines[number]):
                doc.id = article_id_for_text(article_text(doc.text))
            extraction = _extraction(lines[number], doc)
        yield ArticleInput(doc, extraction)


def _names_itself(line: str | bytes) -> bool:
    """Whether a JSONL line gives its article an ``id`` or a ``url``."""
    try:
        obj = json.loads(line)
    except ValueError:
        return True
    return isinstance(obj, dict) and (obj.get("id") is not None or bool(obj.get("url")))


def _extraction(line: str | bytes, doc: Document) -> Extraction | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    quotes = obj.get("quotes") if isinstance(obj, dict) else None
    if not isinstance(quotes, list):
        return None
    if obj.get("text") != doc.text:
        doc.error = (
            f"{doc.id}: its quotes index the text as written, but the text was changed on "
            "reading (HTML removed); give plain text, or drop the quotes to extract again."
        )
        return None
    try:
        converted = [_extraction_quote(q) for q in quotes]
        return Extraction.from_dict({"quotes": converted, "id": doc.id}, text=doc.text)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        doc.error = (
            f"{doc.id}: malformed quote ({type(exc).__name__}: {exc}); quotes take the "
            "form attribution extract writes (start_char, end_char, text, kind)."
        )
        return None


def _extraction_quote(q: dict) -> dict:
    """Accept the gold format's ``start``/``end`` as well as ``start_char``/``end_char``."""
    q = _span(dict(q))
    for key in ("speaker", "cue"):
        if isinstance(q.get(key), dict):
            q[key] = _span(q[key])
    q["fragments"] = [_span(f) for f in q.get("fragments") or []]
    if isinstance(q.get("cue"), dict) and "lemma" not in q["cue"]:
        q["cue"] = {**q["cue"], "lemma": q["cue"]["text"].lower()}
    return q


def _span(span: dict) -> dict:
    if "start_char" in span or "start" not in span:
        return span
    rest = {k: v for k, v in span.items() if k not in ("start", "end")}
    return {**rest, "start_char": span["start"], "end_char": span["end"]}
