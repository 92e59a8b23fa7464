"""Batch extraction: many documents, one parser per process, results in input order.

One bad document never loses the rest: its :class:`DocResult` carries ``error``.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .errors import AttributionError
from .model import DocResult, Document
from .parse import Parser


def extract_batch(
    docs: Iterable[Document],
    *,
    parser: Parser | str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
) -> Iterator[DocResult]:
    """Extract attributions from every document; yields one :class:`DocResult` per input,
    in input order.  ``jobs > 1`` is not implemented yet (runs in one process)."""
    from .pipeline import extract

    for doc in docs:
        if doc.error:
            yield DocResult(id=doc.id, error=doc.error, meta=doc.meta)
            continue
        try:
            ex = extract(doc.text, parser=parser, id=doc.id)
        except AttributionError as exc:
            yield DocResult(id=doc.id, error=exc.message, meta=doc.meta)
            continue
        yield DocResult(id=doc.id, extraction=ex, meta=doc.meta)
