"""``attribution ledger copy SRC DST``: a reviewed SQLite ledger arrives whole in a new
ledger — PostgreSQL and SQLite, through ``ledger_target`` (tests/conftest.py) — with its
ids, history, notes, users and settings; it works there as it did; a destination that
already holds data is refused; a failure copies nothing."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.errors import LedgerError, LedgerNotFound
from attribution.ledger import Ledger
from attribution.ledger import copy as copy_module
from attribution.ledger.copy import copy_ledger
from attribution.ledger.users import Users

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COUNCIL = FIXTURES / "ledger" / "articles.jsonl"
PAGE = FIXTURES / "html" / "harbour-ferry.html"


@pytest.fixture
def source(tmp_path) -> str:
    """A newsroom's SQLite ledger after some work: two kinds of input, a review, a
    published verdict, notes, tags, a user and the publisher setting."""
    path = str(tmp_path / "newsroom.sqlite")
    with Ledger(path) as led:
        led.ingest_files([str(COUNCIL), str(PAGE)])
        led.set_config("publisher.name", "Valley Checks", actor="ines")
        Users(led.db).add("ines", "editor", "a long enough password")
        mayor = led.claims(speaker="Torres", kind="direct")[0]
        led.start_review(mayor.id, actor="ines")
        led.note(mayor.id, "Check the council minutes.", actor="ines")
        led.tag(mayor.id, "budget", "bridge", actor="ines")
        led.verdict(mayor.id, "Misleading", url="https://checks.example.org/bridge", actor="ines")
        led.publish(mayor.id, actor="ines")
        ferry = led.claims(speaker="Oyelaran")[0]
        led.assign(ferry.id, "tom", actor="ines")
    return path


def _state(led: Ledger) -> dict:
    claims = sorted(led.claims(), key=lambda c: c.id)
    return {
        "claims": [dataclasses.asdict(c) for c in claims],
        "history": {c.id: [dataclasses.asdict(e) for e in led.history(c.id)] for c in claims},
        "notes": {c.id: led.notes(c.id) for c in claims},
        "texts": {c.article_id: led.article_text(c.article_id) for c in claims},
        "search": sorted(c.id for c in led.claims(search="bridge")),
        "claimreview": json.loads(led.export("claimreview")),
        "users": [u.name for u in Users(led.db).list()],
        "config": led.config(),
    }


def test_a_ledger_arrives_whole_and_works(source, ledger_target):
    with Ledger(source, readonly=True) as src:
        before = _state(src)
    report = copy_ledger(source, ledger_target)
    assert report.rows["claims"] == len(before["claims"]) and report.rows["users"] == 1
    with Ledger(ledger_target) as dst:
        after = _state(dst)
        assert after == before
        assert before["search"] and before["claimreview"]
        # it works there: a new note gets a fresh id, the workflow goes on
        claim = dst.claims(status="new")[0]
        dst.note(claim.id, "Copied, then noted.", actor="tom")
        ids = [r["id"] for r in dst.db.rows("SELECT id FROM notes ORDER BY id")]
        assert len(ids) == len(set(ids)) == 2
        dst.start_review(claim.id, actor="tom")
        assert dst.claim(claim.id).status == "in_review"
    with Ledger(source, readonly=True) as src:
        assert _state(src) == before  # the source is untouched


def test_a_destination_with_data_is_refused(source, ledger_target):
    with Ledger(ledger_target) as dst:
        dst.ingest_files([str(PAGE)])
        held = dst.count()
    with pytest.raises(LedgerError, match="already holds data"):
        copy_ledger(source, ledger_target)
    with Ledger(ledger_target) as dst:
        assert dst.count() == held


def test_a_failure_copies_nothing(source, ledger_target, monkeypatch):
    real = copy_module._copy_table

    def fail_at_claims(src, dst, table):
        if table == "claims":
            raise RuntimeError("connection lost")
        return real(src, dst, table)

    monkeypatch.setattr(copy_module, "_copy_table", fail_at_claims)
    with pytest.raises(RuntimeError):
        copy_ledger(source, ledger_target)
    monkeypatch.setattr(copy_module, "_copy_table", real)
    with Ledger(ledger_target) as dst:
        assert dst.db.scalar("SELECT count(*) FROM articles") == 0
    assert copy_ledger(source, ledger_target).total > 0  # and it can be copied again


def test_a_missing_source_and_the_same_ledger_are_refused(tmp_path, source):
    with pytest.raises(LedgerNotFound):
        copy_ledger(str(tmp_path / "missing.sqlite"), str(tmp_path / "new.sqlite"))
    with pytest.raises(LedgerError, match="same ledger"):
        copy_ledger(source, source)


def test_cli_copy(source, ledger_target, capsys):
    assert main(["ledger", "copy", source, ledger_target]) == 0
    out, err = capsys.readouterr()
    assert "claims" in out and "rows copied" in err
    assert main(["ledger", "copy", source, ledger_target]) == 1
    assert "[A040]" in capsys.readouterr().err
