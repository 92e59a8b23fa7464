"""Loading the shards of ``attribution extract --engine ray --include-text`` into the ledger,
in batches, idempotently.

Each shard line is what ``attribution extract --include-text`` writes, so it is read by the
ledger's own JSONL reader (:func:`attribution.ledger.inputs.read_inputs`) and stored by
:meth:`Ledger.ingest <attribution.ledger.store.Ledger.ingest>` as already extracted: the
ledger's rules for article identity and versions apply unchanged.  Each article is one
transaction, so a crash loses at most the article being stored; running the same command
again finds the articles already there (same text: ``unchanged``) and adds nothing twice.

A line with an ``error`` (the document failed to extract) is reported, never stored as an
article without claims.  ``part=(k, n)`` takes every n-th shard from the k-th, so that n
ingests can share a folder (with PostgreSQL, at the same time).
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..distributed import read_shard, shard_paths
from ..errors import InputError, UsageError
from .inputs import read_inputs
from .records import IngestResult

if TYPE_CHECKING:
    from .store import Ledger

__all__ = ["INGEST_BATCH", "ingest_shards", "parse_part"]

#: articles handed to Ledger.ingest at once: each is still its own transaction; the batch
#: only bounds the memory a run holds (a few MB of text) however large the folder
INGEST_BATCH = 200


def parse_part(text: str) -> tuple[int, int]:
    """``K/N`` (1-based, as a user writes it) as ``(k, n)`` with ``0 <= k < n``.

    Raises:
        UsageError: not of the form K/N with 1 <= K <= N.
    """
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UsageError(f"--part {text!r}: give K/N, e.g. 1/4 for the first of four ingests") from None
    if not 1 <= k <= n:
        raise UsageError(f"--part {text}: K must be between 1 and N")
    return k - 1, n


def ingest_shards(
    ledger: Ledger,
    folder: str,
    *,
    actor: str,
    batch_size: int = INGEST_BATCH,
    part: tuple[int, int] = (0, 1),
    filesystem: Any = None,
) -> Iterator[IngestResult]:
    """Store every document of the shards in ``folder``; yields one
    :class:`~attribution.ledger.records.IngestResult` per shard line, shard by shard.

    Raises:
        InputError: the folder holds no shards, or a shard was written without the
            documents' text (``--include-text``).
        UsageError: ``batch_size`` below 1 or a bad ``part``.
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be 1 or more, not {batch_size}")
    k, n = part
    if not 0 <= k < n:
        raise UsageError(f"part must be (k, n) with 0 <= k < n, not {part}")
    batch: list[str] = []
    for shard in shard_paths(folder, filesystem=filesystem)[k::n]:
        for line in read_shard(shard, filesystem=filesystem):
            batch.append(_checked(shard, line))
            if len(batch) >= batch_size:
                yield from _store(ledger, batch, actor)
                batch = []
    yield from _store(ledger, batch, actor)


def _checked(shard: str, line: str) -> str:
    obj = json.loads(line)
    if "error" not in obj and not isinstance(obj.get("text"), str):
        raise InputError(
            f"{shard}: the line of {obj.get('id')!r} has no text; the ledger stores each "
            "article's text, so extract again with --include-text"
        )
    return line


def _store(ledger: Ledger, lines: list[str], actor: str) -> list[IngestResult]:
    """Store one batch through the ledger's JSONL reader; failed documents are reported."""
    if not lines:
        return []
    results: list[IngestResult | None] = []
    good: list[str] = []
    for line in lines:
        obj = json.loads(line)
        if "error" in obj:
            results.append(IngestResult(str(obj.get("id")), "error", error=str(obj["error"])))
        else:
            results.append(None)
            good.append(line)
    stored: Iterator[IngestResult] = iter(())
    if good:
        data = ("\n".join(good) + "\n").encode("utf-8")
        items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
        stored = iter(ledger.ingest(items, actor=actor))
    return [r if r is not None else next(stored) for r in results]
