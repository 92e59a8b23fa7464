"""Reading articles to ingest: plain-text files, ``-`` for standard input, or JSONL.

A JSONL line is ``{"id", "text", "url"?, "title"?, "outlet"?, "published"?, "meta"?}``.
A line that also carries ``quotes`` (the output of ``attribution extract`` with the text
kept) is stored as extracted, without running the extractor again.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..model import Document, Extraction

JSONL_SUFFIXES = (".jsonl", ".ndjson")
META_FIELDS = ("url", "title", "outlet", "published")


@dataclass
class ArticleInput:
    """One article to ingest, with its extraction when the input already had one."""

    document: Document
    extraction: Extraction | None = None


def read_inputs(paths: Iterable[str], *, article_id: str | None = None, stdin: IO[str] | None = None) -> Iterator[ArticleInput]:
    """Articles from each path in order.  Problems become ``Document.error`` so that one bad
    file never stops the rest.  ``article_id`` names a single plain-text input."""
    for name in paths:
        if name == "-":
            text = (stdin or sys.stdin).read()
            if text.lstrip().startswith("{"):
                yield from _jsonl(text.splitlines(), "stdin")
            else:
                yield ArticleInput(Document(article_id or "stdin", text))
            continue
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield ArticleInput(Document(article_id or name, error=f"cannot read {name}: {exc.strerror}"))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield ArticleInput(Document(article_id or name, error=f"{name} is not UTF-8 text; convert it first (e.g. iconv -t UTF-8)."))
            continue
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl(text.splitlines(), name)
        else:
            yield ArticleInput(Document(article_id or name, text))


def _jsonl(lines: list[str], source: str) -> Iterator[ArticleInput]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleInput(Document(where, error=f"{where}: not valid JSON ({exc.msg}); one JSON object a line."))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ArticleInput(Document(where, error=f"{where}: each line needs a \"text\" string."))
            continue
        doc_id = str(obj.get("id") or obj.get("url") or where)
        meta = dict(obj.get("meta") or {})
        meta.update({k: obj[k] for k in META_FIELDS if obj.get(k) is not None})
        doc = Document(doc_id, obj["text"], meta)
        extraction = None
        if isinstance(obj.get("quotes"), list):
            try:
                quotes = [_extraction_quote(q) for q in obj["quotes"]]
                extraction = Extraction.from_dict({**obj, "quotes": quotes, "id": doc_id}, text=obj["text"])
            except (KeyError, TypeError, ValueError) as exc:
                doc.error = (
                    f"{where}: malformed quote ({type(exc).__name__}: {exc}); quotes take the "
                    "form attribution extract writes (start_char, end_char, text, kind)."
                )
        yield ArticleInput(doc, extraction)


def _extraction_quote(q: dict) -> dict:
    """Accept the gold format's ``start``/``end`` as well as ``start_char``/``end_char``."""
    q = dict(q)
    for short, full in (("start", "start_char"), ("end", "end_char")):
        if full not in q and short in q:
            q[full] = q.pop(short)
    for key in ("speaker", "cue"):
        if isinstance(q.get(key), dict):
            q[key] = _span(q[key])
    q["fragments"] = [_span(f) for f in q.get("fragments") or []]
    if isinstance(q.get("cue"), dict) and "lemma" not in q["cue"]:
        cue = q["cue"]
        q["cue"] = {**cue, "lemma": cue["text"].lower()}
    return q


def _span(span: dict) -> dict:
    if "start_char" in span or "start" not in span:
        return span
    rest = {k: v for k, v in span.items() if k not in ("start", "end")}
    return {**rest, "start_char": span["start"], "end_char": span["end"]}
