"""The ledger on PostgreSQL (``--ledger postgresql://...``), through psycopg 3.

The same SQL and migrations as on SQLite (:mod:`attribution.ledger.db` rewrites the
placeholders); what differs lives here:

* **writes one at a time**, as on SQLite: every write transaction first takes one
  transaction-level advisory lock, so that two processes reviewing the same claim behave
  exactly as with SQLite's ``BEGIN IMMEDIATE`` (the second waits, then sees the first's
  change).  A wait longer than :data:`~attribution.ledger.db.BUSY_TIMEOUT_S` is a
  :class:`~attribution.errors.LedgerBusy`; reads never wait.
* **full-text search** with PostgreSQL's own ``to_tsvector``/``to_tsquery`` (the ``simple``
  configuration: words as written, no stemming, like SQLite's FTS5), every word required,
  prefixes matching; a GIN index on the same expression (migration 2) keeps it fast.
* **read-only opens** set ``default_transaction_read_only``; a database with tables but
  no ``schema_migrations`` is another program's and is refused untouched.
* ``REAL`` columns become ``DOUBLE PRECISION`` (PostgreSQL's ``real`` is 4 bytes, SQLite's
  8), so a confidence reads back as it was written.

A URL may name a schema with ``?options=-csearch_path%3DNAME`` (the tests do, one schema
a test); the ledger's tables are looked up in the current schema.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import LedgerBusy, LedgerError, LedgerNotFound, NotALedger
from .db import BUSY_TIMEOUT_S, MARKER_TABLE, POSTGRESQL, Database

__all__ = ["PostgresDatabase", "open_postgresql", "is_postgresql_url", "search_condition", "redact"]

URL_SCHEMES = ("postgresql://", "postgres://")
#: the advisory lock every write transaction holds: one writer at a time, as on SQLite
#: (an arbitrary 64-bit key; "attr" in ASCII, so that it reads as ours in pg_locks)
WRITE_LOCK_KEY = 0x61747472
#: PostgreSQL's text search configuration: words as written, as SQLite FTS5 indexes them
SEARCH_CONFIG = "simple"
#: the searched document of a claim ({p}: a table alias and a dot, or nothing); the GIN
#: index of migration 2 is on this expression without an alias
SEARCH_DOCUMENT = (
    "to_tsvector('" + SEARCH_CONFIG + "', {p}text || ' ' || {p}speaker_names || ' ' || "
    "coalesce({p}speaker_mention, ''))"
)
_WORD = re.compile(r"\w+")
_REAL = re.compile(r"\bREAL\b")


def is_postgresql_url(target: str) -> bool:
    return target.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def search_condition(search: str, alias: str = "c") -> tuple[str, list[Any]] | None:
    """A WHERE condition matching claims whose text, speaker names or mention hold every
    word of ``search`` (as a prefix), with its parameters; None when it has no words."""
    words = _WORD.findall(search)
    if not words:
        return None
    document = SEARCH_DOCUMENT.format(p=f"{alias}." if alias else "")
    return f"{document} @@ to_tsquery('{SEARCH_CONFIG}', ?)", [" & ".join(f"{w}:*" for w in words)]


class PostgresDatabase(Database):
    """:class:`Database` on a psycopg 3 connection in autocommit mode (transactions are
    opened by :meth:`Database.transaction`)."""

    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        cur = self._run(query, params)
        if query == self.dialect.begin_write:
            try:
                self._run("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
            except BaseException:  # the transaction never started, as a failed BEGIN IMMEDIATE
                self._run("ROLLBACK", ())
                raise
        return cur

    def _run(self, query: str, params: Sequence[Any]) -> Any:
        import psycopg

        cur = self.connection.cursor()
        try:
            cur.execute(self.dialect.sql(query), tuple(params))
        except psycopg.errors.LockNotAvailable as exc:
            raise LedgerBusy(
                f"The ledger {redact(self.target)} stayed locked by another process's write for "
                f"{BUSY_TIMEOUT_S:g} s. Try again when that write (an ingest, a migration) has "
                "finished; reads (claims list, show, export) never wait for it."
            ) from exc
        except psycopg.errors.ReadOnlySqlTransaction as exc:
            raise LedgerError(
                f"The ledger {redact(self.target)} was opened for reading; nothing was written."
            ) from exc
        except psycopg.OperationalError as exc:
            raise LedgerError(
                f"The PostgreSQL ledger {redact(self.target)} stopped answering ({exc}). "
                "Check that the server is running and try again."
            ) from exc
        return cur

    def script(self, statements: Sequence[str]) -> None:
        for statement in statements:
            self.execute(_REAL.sub("DOUBLE PRECISION", statement))

    def has_table(self, name: str) -> bool:
        query = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        return self.scalar(query, (name,)) is not None

    def tables(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {r[0] for r in rows}

    def refuse_foreign(self, *, allow_empty: bool) -> None:
        tables = self.tables()
        if MARKER_TABLE in tables or (allow_empty and not tables):
            return
        self.connection.close()
        where = redact(self.target)
        if not tables:
            raise LedgerNotFound(
                f"{where} is an empty database, not yet a ledger; reading never creates one. "
                f"Create it with attribution init --ledger '{where}'."
            )
        raise NotALedger(
            f"{where} is a PostgreSQL database of another program ({len(tables)} tables, none of "
            "them an attribution ledger's); it was left untouched. Choose the ledger's URL with "
            "--ledger, or a schema of its own (?options=-csearch_path%3Dattribution)."
        )


def open_postgresql(url: str, *, readonly: bool = False) -> PostgresDatabase:
    """Connect to the PostgreSQL ledger at ``url``.

    Raises:
        LedgerError: psycopg is not installed, or the server cannot be reached.
        LedgerNotFound, NotALedger: as for SQLite (see :meth:`Database.open`).
    """
    try:
        import psycopg
    except ImportError as exc:
        raise LedgerError(
            "A PostgreSQL ledger needs the psycopg package: pip install 'attribution[postgres]' "
            "(or pip install 'psycopg[binary]')."
        ) from exc
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=int(BUSY_TIMEOUT_S))
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LedgerError(
            f"Cannot connect to the PostgreSQL ledger {redact(url)}: {reason}. Check the URL "
            "(postgresql://USER:PASSWORD@HOST:PORT/DATABASE) and that the server is running."
        ) from exc
    db = PostgresDatabase(conn, POSTGRESQL, target=url)
    db.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'")
    if readonly:
        db.execute("SET default_transaction_read_only = on")
    db.refuse_foreign(allow_empty=not readonly)
    return db
