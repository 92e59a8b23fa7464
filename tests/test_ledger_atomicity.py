"""Atomic writes: a crash in the middle of an ingest leaves no half-written article, and two
processes reviewing at once lose nothing."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from attribution.errors import IllegalTransition
from attribution.ledger import Ledger
from attribution.ledger import ingest as ingest_module

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
TABLES = ("articles", "article_versions", "claims", "claim_speakers", "speakers", "speaker_aliases", "events")


def counts(ledger):
    return {t: ledger.db.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


class Crash(Exception):
    pass


def test_a_crash_mid_ingest_leaves_no_half_written_article(ledger_target, monkeypatch):
    path = ledger_target  # a SQLite file, then a PostgreSQL schema (tests/conftest.py)
    real = ingest_module._store_claim
    stored = []

    def crash_on_third_claim(*args, **kwargs):
        if len(stored) == 2:
            raise Crash("power cut")
        stored.append(real(*args, **kwargs))
        return stored[-1]

    monkeypatch.setattr(ingest_module, "_store_claim", crash_on_third_claim)
    with Ledger(path) as ledger:
        with pytest.raises(Crash):
            ledger.ingest_files([str(COUNCIL)])
        assert len(stored) == 2  # two claims were written inside the transaction
    with Ledger(path) as reopened:  # a fresh connection sees what was committed: nothing
        assert set(counts(reopened).values()) == {0}
        assert reopened.claims(search="bridge") == []

    monkeypatch.setattr(ingest_module, "_store_claim", real)
    with Ledger(path) as ledger:
        assert [r.outcome for r in ledger.ingest_files([str(COUNCIL)])] == ["added", "added"]
        assert ledger.count() == 7


def test_a_crash_in_the_second_article_keeps_the_first(ledger_target, monkeypatch):
    real = ingest_module._store_claim

    def crash_in_steel_article(db, article_id, *args, **kwargs):
        if article_id == "riverside-bridge-steel":
            raise Crash("disk full")
        return real(db, article_id, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "_store_claim", crash_in_steel_article)
    with Ledger(ledger_target) as ledger:
        with pytest.raises(Crash):
            ledger.ingest_files([str(COUNCIL)])
        assert ledger.db.rows("SELECT id FROM articles") == [{"id": "riverside-bridge"}]
        assert ledger.count() == 4
        assert ledger.db.scalar("SELECT count(*) FROM article_versions WHERE article_id = 'riverside-bridge-steel'") == 0


ROUNDS = 15


def _reviewer(path: str, name: str, claim_ids: list[str], start, results) -> None:
    """One reviewer process: waits for the start signal, then notes, tags and races to review."""
    start.wait(30)
    won = 0
    with Ledger(path) as ledger:
        for i in range(ROUNDS):
            for cid in claim_ids:
                ledger.note(cid, f"{name} note {i}", actor=name)
            ledger.tag(claim_ids[i % len(claim_ids)], f"{name}-{i}", actor=name)
        for cid in claim_ids:
            try:
                ledger.start_review(cid, actor=name)
                won += 1
            except IllegalTransition:
                pass
    results.put((name, won))


def test_two_processes_reviewing_at_once_lose_nothing(ledger_target):
    path = ledger_target
    with Ledger(path) as ledger:
        ledger.ingest_files([str(COUNCIL)])
        ids = [c.id for c in ledger.claims(status="new")]
        events_before = ledger.db.scalar("SELECT count(*) FROM events")
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_reviewer, args=(path, name, ids, start, results)) for name in ("ines", "tom")]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(120)
    assert all(w.exitcode == 0 for w in workers), [w.exitcode for w in workers]
    won = dict(results.get(timeout=5) for _ in workers)

    with Ledger(path) as ledger:
        for name in ("ines", "tom"):
            notes = ledger.db.scalar("SELECT count(*) FROM notes WHERE actor = ?", (name,))
            assert notes == ROUNDS * len(ids)
            tags = ledger.db.scalar("SELECT count(*) FROM claim_tags WHERE tag LIKE ?", (f"{name}-%",))
            assert tags == ROUNDS
        # every claim was taken up for review exactly once, by one of the two
        assert sum(won.values()) == len(ids)
        assert {c.status for c in ledger.claims(ids=ids)} == {"in_review"}
        reviews = ledger.db.scalar("SELECT count(*) FROM events WHERE action = 'review'")
        assert reviews == len(ids)
        expected = events_before + 2 * (ROUNDS * len(ids) + ROUNDS) + len(ids)
        assert ledger.db.scalar("SELECT count(*) FROM events") == expected
