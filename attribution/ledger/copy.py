"""Moving a ledger to another database: ``attribution ledger copy SRC DST``.

:func:`copy_ledger` copies every row of an attribution ledger (typically a newsroom's SQLite
file) into a new, empty ledger (typically PostgreSQL), table by table in an order that
respects the foreign keys, in one transaction on the destination: either all of it
arrives or nothing does.  Ids, timestamps, history and review state are kept as they are;
derived structures (SQLite's FTS5 table, PostgreSQL's search index) are rebuilt by the
destination, and PostgreSQL's id sequences are moved past the copied ids.  The source is
opened read-only and never changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import LedgerError
from .db import POSTGRESQL, Database
from .store import Ledger

__all__ = ["CopyReport", "copy_ledger", "COPY_ORDER"]

#: tables in an order where every row's foreign keys point at rows already copied; a
#: table a later migration adds and this list does not name is copied after these
COPY_ORDER = (
    "articles", "article_versions", "speakers", "speaker_aliases", "claims", "claim_speakers",
    "claim_tags", "notes", "events", "settings", "users", "api_tokens", "web_secrets",
    "speaker_events",
)
#: not copied: the migrations record (the destination has its own, at the same version)
#: and SQLite's full-text index (filled by its trigger as claims arrive)
NOT_COPIED = frozenset({"schema_migrations", "claims_fts"})
#: tables with an auto-incrementing ``id`` whose PostgreSQL sequence must follow the copy
AUTO_ID_TABLES = ("notes", "events", "speaker_events")
#: rows fetched and written at a time: a large ledger is never held in memory whole
BATCH_ROWS = 1000


@dataclass
class CopyReport:
    """Rows copied per table (in copy order)."""

    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables(db: Database) -> list[str]:
    if db.dialect is POSTGRESQL:
        query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    names = {r[0] for r in db.execute(query).fetchall()}
    found = [t for t in names if t not in NOT_COPIED and not t.startswith("claims_fts_")]
    return [t for t in COPY_ORDER if t in found] + sorted(t for t in found if t not in COPY_ORDER)


def _holds_anything(db: Database, tables: list[str]) -> dict[str, int]:
    counts = {t: int(db.scalar(f"SELECT count(*) FROM {t}") or 0) for t in tables}
    return {t: n for t, n in counts.items() if n}


def copy_ledger(source: str, destination: str) -> CopyReport:
    """Copy the ledger at ``source`` into the new ledger at ``destination`` (a path or a
    ``postgresql://`` URL), which is created and brought to the current schema first.

    Raises:
        LedgerNotFound, NotALedger: ``source`` is not an attribution ledger.
        LedgerError: ``source`` and ``destination`` are the same, ``source``'s schema is
            not this attribution's, or ``destination`` already holds data.
    """
    if str(source) == str(destination):
        raise LedgerError("The source and the destination are the same ledger; give two different ones.")
    report = CopyReport(str(source), str(destination))
    with Ledger(source, readonly=True) as src, Ledger(destination) as dst:
        tables = _tables(src.db)
        missing = [t for t in tables if not dst.db.has_table(t)]
        if missing:
            raise LedgerError(
                f"The destination has no table {missing[0]}: it was made by another version of "
                "attribution. Upgrade both to the same version and copy again."
            )
        held = _holds_anything(dst.db, tables)
        if held:
            what = ", ".join(f"{n} {t}" for t, n in held.items())
            raise LedgerError(
                f"The destination already holds data ({what}); copy into a new, empty ledger "
                "(a new file, or a PostgreSQL database or schema of its own)."
            )
        with dst.db.transaction():
            for table in tables:
                report.rows[table] = _copy_table(src.db, dst.db, table)
            if dst.db.dialect is POSTGRESQL:
                for table in AUTO_ID_TABLES:
                    if table in report.rows:
                        dst.db.execute(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                        )
    return report


def _copy_table(src: Database, dst: Database, table: str) -> int:
    """Every row of ``table`` (names from the schema, never user input), in batches."""
    cur = src.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cur.description]
    insert = dst.dialect.sql(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    )
    copied = 0
    writer = dst.connection.cursor()
    while True:
        rows: list[Any] = cur.fetchmany(BATCH_ROWS)
        if not rows:
            return copied
        writer.executemany(insert, [tuple(r) for r in rows])
        copied += len(rows)
