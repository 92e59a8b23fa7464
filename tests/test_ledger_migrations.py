"""Schema migrations: a new ledger, an old one upgraded, a newer one refused; connection settings."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from attribution.errors import LedgerError
from attribution.ledger import Ledger
from attribution.ledger.db import POSTGRESQL, SQLITE, Database
from attribution.ledger.inputs import read_inputs
from attribution.ledger.migrations import LATEST, MIGRATIONS, current_version, migrate

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"


def test_new_ledger_is_at_the_latest_version_with_every_migration_recorded(ledger_target):
    with Ledger(ledger_target) as ledger:  # a SQLite file, then a PostgreSQL schema
        rows = ledger.db.rows("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert all(r["name"] and r["applied_at"] for r in rows)


def _write_as_version_1(db: Database, article_id: str, extraction) -> None:
    """Store an article the way the version-1 code did: claim ids from offsets, speakers
    keyed by their folded names, no registry columns."""
    import hashlib
    import json
    import re

    def digest(*parts):
        return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()

    now = "2025-01-01T00:00:00Z"
    with db.transaction():
        db.execute(
            "INSERT INTO articles (id, current_version, created_at, updated_at) VALUES (?, 1, ?, ?)",
            (article_id, now, now),
        )
        db.execute(
            "INSERT INTO article_versions (article_id, version, content_hash, text, parser, meta, ingested_at, "
            "ingested_by) VALUES (?, 1, ?, ?, '', '{}', ?, 'old')",
            (article_id, hashlib.sha256(extraction.text.encode()).hexdigest(), extraction.text, now),
        )
        for a in extraction.attributions:
            cid = "c_" + digest(article_id, a.start_char, a.end_char, a.text)[:10]
            name = (a.speaker_names or [a.speaker.text if a.speaker else "unknown"])[0]
            key = "name:" + " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())
            sid = "s_" + digest(key)[:10]
            db.execute(
                "INSERT INTO speakers (id, key, name, type, anonymous, created_at) VALUES (?, ?, ?, ?, 0, ?) "
                "ON CONFLICT DO NOTHING", (sid, key, name, a.speaker_type, now),
            )
            db.execute(
                "INSERT INTO claims (id, article_id, version, last_version, start_char, end_char, text, norm_text, "
                "kind, speaker_id, speaker_names, speaker_mention, speaker_type, anonymous, confidence, status, "
                "group_id, created_at, updated_at) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0.9, 'new', ?, ?, ?)",
                (cid, article_id, a.start_char, a.end_char, a.text, " ".join(re.sub(r"[^\w\s]", " ", a.text.lower()).split()),
                 a.kind, sid, json.dumps(a.speaker_names), a.speaker.text if a.speaker else None, a.speaker_type,
                 cid, now, now),
            )
            db.execute("INSERT INTO claim_speakers (claim_id, speaker_id, position) VALUES (?, ?, 0)", (cid, sid))
            db.execute(
                "INSERT INTO events (claim_id, action, actor, at, before, after) VALUES (?, 'created', 'old', ?, '{}', '{}')",
                (cid, now),
            )


def test_an_old_database_is_upgraded_and_keeps_its_data(ledger_target):
    path = ledger_target
    db = Database.open(path)
    assert migrate(db, target=1) == [1]
    assert current_version(db) == 1 and not db.has_table("claims_fts")
    items = list(read_inputs([str(COUNCIL)]))
    for item in items:
        _write_as_version_1(db, item.document.id, item.extraction)
    db.close()

    with Ledger(path) as ledger:
        assert current_version(ledger.db) == LATEST
        assert ledger.count() == 7
        # the search index added by migration 2 covers the claims stored before it
        assert [c.text for c in ledger.claims(search="steel ordered")] == ["The steel has not been ordered yet,"]
        # and new claims are indexed too
        ledger.ingest_files([str(COUNCIL)])
        assert ledger.count(search="bridge june") == 2
        # the claims' speaker identities were filled in: a new version of an old article
        # keeps its claims (same ids) wherever their offsets moved
        old = {c.id for c in ledger.claims(article="riverside-bridge")}
        item = items[0]
        moved = item.extraction
        from dataclasses import replace

        shift = len("UPDATED ")
        new_text = "UPDATED " + moved.text
        moved = replace(moved, text=new_text, attributions=[
            replace(a, start_char=a.start_char + shift, end_char=a.end_char + shift,
                    speaker=replace(a.speaker, start_char=a.speaker.start_char + shift,
                                    end_char=a.speaker.end_char + shift) if a.speaker else None)
            for a in moved.attributions
        ])
        result = ledger.ingest_extraction(moved, article_id="riverside-bridge")
        assert (result.claims_added, result.claims_kept, result.claims_withdrawn) == (0, len(old), 0)
        assert {c.id for c in ledger.claims(article="riverside-bridge")} == old


def test_an_old_registry_is_keyed_again_and_its_duplicates_merged(ledger_target):
    from attribution.model import Attribution, Extraction, Span

    path = ledger_target
    db = Database.open(path)
    migrate(db, target=1)
    for n, name in enumerate(["Donald Trump", "Donald J. Trump", "Trump", "Mayor Ana Torres", "that"]):
        text = f"“We act,” said {name}."
        a = Attribution(1, 7, "We act", "direct", speaker=Span.of(text, 15, 15 + len(name)),
                        speaker_names=[name], speaker_type="person")
        _write_as_version_1(db, f"a{n}", Extraction(text, [a]))
    db.close()
    with Ledger(path) as ledger:
        speakers = {s.name: s for s in ledger.speakers()}
        assert set(speakers) == {"Donald Trump", "Mayor Ana Torres"}  # "that" is no speaker
        assert speakers["Donald Trump"].claims == 3
        [that] = ledger.claims(article="a4")
        assert (that.speaker_id, that.speaker_mention) == (None, "that")
        assert ledger.history(that.id)[-1].after["speaker_id"] is None
        merged = ledger.speaker("Donald Trump")["merged"]
        assert {m["name"] for m in merged} == {"Donald J. Trump", "Trump"}
        # new mentions find the re-keyed speakers
        text = "“We act,” said Ana Torres."
        a = Attribution(1, 7, "We act", "direct", speaker=Span.of(text, 15, 25), speaker_names=["Ana Torres"])
        ledger.ingest_extraction(Extraction(text, [a]), article_id="b1")
        assert {s.name: s.claims for s in ledger.speakers()}["Mayor Ana Torres"] == 2


def test_reopening_applies_nothing(ledger_target):
    Ledger(ledger_target).close()
    db = Database.open(ledger_target)
    assert migrate(db) == []
    db.close()


def test_a_newer_schema_is_refused_with_advice(tmp_path):
    path = tmp_path / "future.sqlite"
    Ledger(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')", (LATEST + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="Upgrade attribution"):
        Ledger(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some text that is long enough to look like a header\n" * 20)
    with pytest.raises(LedgerError, match="--ledger"):
        Ledger(path)


def test_wal_mode_and_foreign_keys(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.db.scalar("PRAGMA journal_mode") == "wal"
        assert ledger.db.scalar("PRAGMA foreign_keys") == 1
        with pytest.raises(sqlite3.IntegrityError):
            with ledger.db.transaction():
                ledger.db.execute(
                    "INSERT INTO events (claim_id, action, actor, at, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                    ("c_missing", "note", "x", "2025-01-01T00:00:00Z", "{}", "{}"),
                )


def test_default_ledger_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "ledger.sqlite"
    Ledger(path).close()
    assert path.exists()


def test_dialects_adapt_parameters_in_one_place():
    query = "SELECT * FROM claims WHERE id = ? AND text LIKE '%?%' AND x = ?"
    assert SQLITE.sql(query) == query
    assert POSTGRESQL.sql(query) == "SELECT * FROM claims WHERE id = %s AND text LIKE '%%?%%' AND x = %s"


def test_a_failed_transaction_rolls_back(tmp_path):
    db = Database.open(":memory:")
    db.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.execute("INSERT INTO t VALUES (1)")
            with db.transaction():  # nested: joins the outer transaction
                db.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM t") == 0
    with db.transaction():
        db.execute("INSERT INTO t VALUES (3)")
    assert db.scalar("SELECT count(*) FROM t") == 1
