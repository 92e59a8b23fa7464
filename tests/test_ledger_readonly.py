"""Reads never write: read commands open the ledger read-only, never create or migrate it,
never wait for a writer, and refuse a database that is not a ledger without touching it.
A write that waits too long for a lock ends in a coded error."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from ledger_cli_helpers import cli_runner

from attribution.errors import LedgerError, LedgerNotFound, NotALedger
from attribution.ledger import Ledger, db
from attribution.ledger.migrations import LATEST, current_version, migrate

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
READS = (
    ("claims", "list"),
    ("claims", "list", "--format", "json"),
    ("export", "--format", "csv"),
    ("export", "--format", "claimreview"),
    ("config", "list"),
    ("speakers",),
)


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.delenv("ATTRIBUTION_LEDGER", raising=False)
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    return cli_runner(capsys)


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Ledger(path) as ledger:
        ledger.ingest_files([str(COUNCIL)])
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("argv", READS)
def test_a_read_never_creates_a_ledger(run, tmp_path, argv):
    missing = tmp_path / "typo" / "ledgr.sqlite"
    rc, out, err = run(*argv, "--ledger", missing)
    assert rc == 1 and out == ""
    assert "[A050]" in err and str(missing) in err and "attribution init" in err
    assert not missing.parent.exists()


def test_init_and_the_first_write_create_the_ledger(run, tmp_path):
    for argv in (("init",), ("config", "set", "publisher.name", "Valley")):
        path = tmp_path / argv[0] / "ledger.sqlite"
        assert run(*argv, "--ledger", path)[0] == 0
        assert path.is_file()
        assert run("claims", "list", "--ledger", path)[0] == 0


@pytest.mark.parametrize("argv", [*READS, ("init",), ("config", "set", "publisher.name", "Valley")])
def test_another_programs_database_is_refused_untouched(run, tmp_path, argv):
    other = tmp_path / "other-app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
        conn.execute("INSERT INTO accounts (owner) VALUES ('ana')")
    conn.close()
    before = digest(other)
    rc, _, err = run(*argv, "--ledger", other)
    assert rc == 1 and "[A051]" in err and "untouched" in err
    assert digest(other) == before
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["accounts"]
    conn.close()


@pytest.mark.parametrize("readonly", [True, False])
def test_a_file_that_is_no_database_is_refused_untouched(tmp_path, readonly):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(NotALedger, match="not a SQLite database"):
        Ledger(notes, readonly=readonly)
    assert notes.read_text(encoding="utf-8") == "not a database\n" * 100


def test_reads_leave_the_ledger_file_as_it_was(run, ledger_file):
    before = digest(ledger_file)
    claim = json.loads(run("claims", "list", "--format", "json", "--ledger", ledger_file)[1])[0]["id"]
    for argv in (*READS, ("claims", "show", claim), ("claims", "history", claim)):
        assert run(*argv, "--ledger", ledger_file)[0] == 0
    assert digest(ledger_file) == before


def test_reads_do_not_wait_for_a_writer(run, ledger_file, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    writer = sqlite3.connect(ledger_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    writer.execute("UPDATE claims SET assignee = 'tom'")
    try:
        rc, out, err = run("claims", "list", "--format", "json", "--ledger", ledger_file)
        assert rc == 0, err
        assert {c["assignee"] for c in json.loads(out)} == {None}  # the last committed state
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_that_waits_too_long_ends_in_a_coded_error(run, ledger_file, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    claim = json.loads(run("claims", "list", "--format", "json", "--ledger", ledger_file)[1])[0]["id"]
    writer = sqlite3.connect(ledger_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        rc, _, err = run("claims", "assign", claim, "--to", "tom", "--ledger", ledger_file)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert rc == 1 and "[A052]" in err and "Try again" in err and "Traceback" not in err
    assert run("claims", "assign", claim, "--to", "tom", "--ledger", ledger_file)[0] == 0


def test_reads_never_migrate_an_older_ledger(run, tmp_path):
    path = tmp_path / "old.sqlite"
    old = db.Database.open(path)
    migrate(old, target=2)
    old.close()
    rc, _, err = run("claims", "list", "--ledger", path)
    assert rc == 1 and "schema version 2" in err and "attribution init" in err
    check = db.Database.open(path, readonly=True)
    assert current_version(check) == 2
    check.close()
    assert run("init", "--ledger", path)[0] == 0
    assert run("claims", "list", "--ledger", path)[0] == 0


def test_library_read_only_open(tmp_path, ledger_file):
    with pytest.raises(LedgerNotFound):
        Ledger(tmp_path / "missing.sqlite", readonly=True)
    assert not (tmp_path / "missing.sqlite").exists()
    with Ledger(ledger_file, readonly=True) as ledger:
        assert ledger.count() == 7
        assert current_version(ledger.db) == LATEST
        with pytest.raises(Exception, match="read"):
            ledger.assign(ledger.claims()[0].id, "tom", actor="ines")


@pytest.mark.parametrize("readonly", [True, False])
def test_a_path_with_a_nul_character_is_a_coded_error(readonly):
    with pytest.raises(LedgerError, match="NUL"):
        Ledger("ledger\x00.sqlite", readonly=readonly)
