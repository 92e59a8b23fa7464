"""Writers for extraction results: ``jsonl``, ``json``, ``csv`` and ``table``.

Each writer takes an iterable of :class:`~attribution.model.DocResult` and a text stream,
writes as results arrive (``table`` needs them all first, to size its columns) and returns
nothing.  A document that failed is still written: with ``"error"`` in ``jsonl``/``json``,
as a row with only ``id`` and ``error`` in ``csv`` and ``table``.

The ``jsonl`` line of one document::

    {"id": ..., "parser": ..., "quotes": [Attribution.to_dict(), ...],
     "warnings"?: [...], "meta"?: {...}, "error"?: "..."}
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from .model import Attribution, DocResult

__all__ = ["FORMATS", "result_to_dict", "quote_row", "write_results", "CSV_FIELDS"]

FORMATS = ("jsonl", "json", "csv", "table")

CSV_FIELDS = (
    "id", "start_char", "end_char", "kind", "text", "speaker", "speaker_start_char",
    "speaker_end_char", "speaker_name", "speaker_type", "cue", "cue_lemma", "confidence",
    "error",
)


def result_to_dict(result: DocResult, *, include_text: bool = False) -> dict[str, Any]:
    """The JSON object for one document (see the module docstring); with
    ``include_text`` it also holds the document's ``text`` (what the offsets index)."""
    meta = {k: v for k, v in result.meta.items() if k != "warnings"}
    warnings = list(result.meta.get("warnings", []))
    if result.extraction is not None:
        d = result.extraction.to_dict(include_text=include_text)
        d["id"] = result.id
        warnings += [w for w in d.pop("warnings", []) if w not in warnings]
    else:
        d = {"id": result.id, "quotes": []}
    if warnings:
        d["warnings"] = warnings
    if meta:
        d["meta"] = meta
    if result.error is not None:
        d["error"] = result.error
    return d


def _names(a: Attribution) -> str:
    return "; ".join(a.speaker_names)


def quote_row(doc_id: str, a: Attribution) -> dict[str, Any]:
    """One CSV row (a dict keyed by :data:`CSV_FIELDS`) for an attribution."""
    return {
        "id": doc_id,
        "start_char": a.start_char,
        "end_char": a.end_char,
        "kind": a.kind,
        "text": a.text,
        "speaker": a.speaker.text if a.speaker else "",
        "speaker_start_char": a.speaker.start_char if a.speaker else "",
        "speaker_end_char": a.speaker.end_char if a.speaker else "",
        "speaker_name": _names(a),
        "speaker_type": a.speaker_type,
        "cue": a.cue.text if a.cue else "",
        "cue_lemma": a.cue.lemma if a.cue else "",
        "confidence": round(a.confidence, 4),
        "error": "",
    }


def write_jsonl(results: Iterable[DocResult], out: TextIO, *, include_text: bool = False) -> None:
    for result in results:
        out.write(json.dumps(result_to_dict(result, include_text=include_text), ensure_ascii=False) + "\n")
        out.flush()


def write_json(results: Iterable[DocResult], out: TextIO, *, include_text: bool = False) -> None:
    out.write("[")
    first = True
    for result in results:
        out.write("\n" if first else ",\n")
        out.write(json.dumps(result_to_dict(result, include_text=include_text), ensure_ascii=False, indent=2))
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_csv(results: Iterable[DocResult], out: TextIO, **_: Any) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        if result.error is not None or result.extraction is None:
            writer.writerow({"id": result.id, "error": result.error or "no result"})
            continue
        for a in result.extraction.attributions:
            writer.writerow(quote_row(result.id, a))
        out.flush()


def write_table(results: Iterable[DocResult], out: TextIO, *, tablefmt: str = "simple", **_: Any) -> None:
    from .report import results_table

    out.write(results_table(list(results), tablefmt=tablefmt) + "\n")


_WRITERS: dict[str, Callable[..., None]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "csv": write_csv,
    "table": write_table,
}


def write_results(results: Iterable[DocResult], out: TextIO, fmt: str = "jsonl", *, include_text: bool = False) -> None:
    """Write every result to ``out`` in format ``fmt`` (one of :data:`FORMATS`);
    ``include_text`` keeps each document's text in ``jsonl``/``json`` output.

    Raises:
        ValueError: unknown format.
    """
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    writer(results, out, include_text=include_text)
