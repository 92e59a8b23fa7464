"""What is PostgreSQL's own: connection errors, foreign and empty databases, the writers'
lock, full-text search.  The rest of the ledger suite runs on PostgreSQL through
``ledger_target`` (tests/conftest.py); these need a server too, and skip without one."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import psycopg
import pytest

from attribution.errors import LedgerBusy, LedgerError, LedgerNotFound, NotALedger
from attribution.ledger import Ledger
from attribution.ledger import postgres as pg
from attribution.ledger.postgres import WRITE_LOCK_KEY, redact, search_condition

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"


def test_search_condition_needs_every_word_as_a_prefix():
    sql, params = search_condition("Bridge  by-June!")
    assert "to_tsquery('simple', ?)" in sql and "c.text" in sql
    assert params == ["Bridge:* & by:* & June:*"]
    assert search_condition("  -- '' ") is None


def test_passwords_are_never_shown():
    assert redact("postgresql://ana:s3cret@db.example.org:5432/checks") == "postgresql://ana:***@db.example.org:5432/checks"
    assert redact("postgresql://ana@db/checks") == "postgresql://ana@db/checks"


def test_an_unreachable_server_is_a_coded_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(LedgerError, match=r"^\[A040\] Cannot connect to the PostgreSQL ledger") as info:
        Ledger(f"postgresql://ana:s3cret@127.0.0.1:{port}/checks")
    assert "s3cret" not in str(info.value) and "***" in str(info.value)


def test_search_on_postgresql(postgres_schema):
    with Ledger(postgres_schema) as led:
        led.ingest_files([str(COUNCIL)])
        assert led.db.has_table("claims") and not led.db.has_table("claims_fts")
        bridge = {c.id for c in led.claims(search="bridge")}
        assert bridge and bridge == {c.id for c in led.claims(search="BRID")}  # prefix, any case
        assert {c.id for c in led.claims(search="bridge june")} < bridge  # every word
        assert led.claims(search="bridges") == []  # no stemming, as SQLite FTS5
        assert {c.id for c in led.claims(search="torres")} == {c.id for c in led.claims(speaker="Torres")}
        assert led.db.scalar(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'claims_search'") == 1


def test_another_programs_database_is_left_untouched(postgres_schema):
    with psycopg.connect(postgres_schema, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    for readonly in (False, True):
        with pytest.raises(NotALedger, match="another program"):
            Ledger(postgres_schema, readonly=readonly)
    with psycopg.connect(postgres_schema, autocommit=True) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    assert tables == {"invoices"}


def test_reading_an_empty_database_creates_nothing(postgres_schema):
    with pytest.raises(LedgerNotFound, match="empty database"):
        Ledger(postgres_schema, readonly=True)
    with Ledger(postgres_schema) as led:  # a write creates it
        led.ingest_files([str(COUNCIL)])
    with Ledger(postgres_schema, readonly=True) as led:
        assert led.count() == 7
        with pytest.raises(LedgerError, match="opened for reading"):
            led.start_review(led.claims()[0].id, actor="ines")


def test_a_writer_waits_for_another_then_gives_up_with_a_coded_error(postgres_schema, monkeypatch):
    monkeypatch.setattr(pg, "BUSY_TIMEOUT_S", 1.0)
    with Ledger(postgres_schema) as led:
        led.ingest_files([str(COUNCIL)])
        claim = led.claims()[0]
        with psycopg.connect(postgres_schema) as other:  # another process mid-write
            other.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            with pytest.raises(LedgerBusy, match=r"^\[A052\] .*stayed locked"):
                led.start_review(claim.id, actor="ines")
            assert led.claim(claim.id).status == "new"  # reads never wait
        led.start_review(claim.id, actor="ines")  # the other write is over
        assert led.claim(claim.id).status == "in_review"


def test_the_cli_on_postgresql(postgres_schema, capsys):
    from attribution.cli import main

    assert main(["ingest", "--ledger", postgres_schema, str(COUNCIL)]) == 0
    capsys.readouterr()
    assert main(["claims", "list", "--ledger", postgres_schema, "--search", "bridge", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    claims = listed["claims"] if isinstance(listed, dict) else listed
    assert claims and all("bridge" in c["text"].lower() for c in claims)
