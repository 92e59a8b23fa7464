"""A thin SQL layer over DB-API connections: one place that knows the database dialect.

The ledger writes portable SQL with ``?`` placeholders; :class:`Database` converts them to
the driver's parameter style, opens write transactions the way the backend wants, and
returns rows as plain dicts.  SQLite (stdlib ``sqlite3``) is the default; a PostgreSQL URL
(``postgresql://...``) uses ``psycopg`` when it is installed.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LedgerBusy, LedgerError, LedgerNotFound, NotALedger

BUSY_TIMEOUT_S = 30.0  # how long a write waits for another writer's lock before giving up
MARKER_TABLE = "schema_migrations"  # every attribution ledger has it; other databases do not


@dataclass(frozen=True)
class Dialect:
    """What differs between backends, and nothing else."""

    name: str
    paramstyle: str  # "qmark" (?) or "format" (%s)
    autoid: str  # column definition of an auto-incrementing integer primary key
    begin_write: str  # statement that opens a write transaction
    like: str  # case-insensitive LIKE operator

    def sql(self, query: str) -> str:
        """``query`` with ``?`` placeholders rewritten for this dialect's driver."""
        if self.paramstyle == "qmark":
            return query
        out: list[str] = []
        quoted = False
        for ch in query:
            if ch == "'":
                quoted = not quoted
            if ch == "%":
                out.append("%%")
            elif ch == "?" and not quoted:
                out.append("%s")
            else:
                out.append(ch)
        return "".join(out)


SQLITE = Dialect("sqlite", "qmark", "INTEGER PRIMARY KEY AUTOINCREMENT", "BEGIN IMMEDIATE", "LIKE")
POSTGRESQL = Dialect("postgresql", "format", "BIGSERIAL PRIMARY KEY", "BEGIN", "ILIKE")


class Database:
    """A connection plus its dialect.  Reads run as they come; writes go through
    :meth:`transaction`, which commits on success and rolls back on any exception."""

    def __init__(self, connection: Any, dialect: Dialect, *, target: str = ""):
        self.connection = connection
        self.dialect = dialect
        self.target = target
        self._depth = 0

    @classmethod
    def open(cls, target: str | Path, *, readonly: bool = False) -> Database:
        """Open ``:memory:``, a SQLite file path, or a ``postgresql://`` URL.

        ``readonly`` opens for reading only: nothing is created, written or migrated, and
        a missing ledger raises :class:`LedgerNotFound` naming the path.  Either way a
        database that is not an attribution ledger is refused (:class:`NotALedger`)
        before anything is written to it."""
        target = str(target)
        if target.startswith(("postgresql://", "postgres://")):
            from .postgres import open_postgresql  # the PostgreSQL backend (psycopg 3)

            return open_postgresql(target, readonly=readonly)
        if "\x00" in target:
            raise LedgerError("A ledger path cannot contain a NUL character; choose another path with --ledger.")
        if readonly:
            return cls._open_sqlite_readonly(target)
        return cls._open_sqlite(target)

    @classmethod
    def _open_sqlite(cls, path: str) -> Database:
        if path != ":memory:":
            parent = Path(path).expanduser().parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerError(
                    f"Cannot create the ledger's folder {parent}: {exc.strerror}. "
                    "Choose another path with --ledger or ATTRIBUTION_LEDGER."
                ) from exc
            path = str(Path(path).expanduser())
            if Path(path).is_dir():
                raise NotALedger(f"{path} is a folder, not a ledger file: give a file path with --ledger.")
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(
                f"Cannot open the ledger {path}: {exc}. Choose another path with --ledger."
            ) from exc
        db = cls(conn, SQLITE, target=path)
        db.refuse_foreign(allow_empty=True)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if path != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # a power cut may lose the last commits, never consistency
        return db

    @classmethod
    def _open_sqlite_readonly(cls, path: str) -> Database:
        file = Path(path).expanduser()
        if path == ":memory:" or not file.is_file():
            what = "a folder" if file.is_dir() else "no ledger"
            raise LedgerNotFound(
                f"There is {what} at {file}; reading never creates one. Create it with "
                f"attribution init --ledger {file} (or ingest articles into it), or choose "
                "another path with --ledger or ATTRIBUTION_LEDGER."
            )
        try:
            conn = sqlite3.connect(
                file.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise LedgerError(f"Cannot open the ledger {file} for reading: {exc}.") from exc
        db = cls(conn, SQLITE, target=str(file))
        db.refuse_foreign(allow_empty=False)
        db.execute("PRAGMA query_only = ON")
        return db

    def refuse_foreign(self, *, allow_empty: bool) -> None:
        """Raise :class:`NotALedger` unless this database is an attribution ledger (or,
        with ``allow_empty``, has no tables yet).  Reads only."""
        try:
            tables = {r[0] for r in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            self.connection.close()
            if "unable to open" in str(exc):
                raise LedgerError(
                    f"Cannot open the ledger {self.target} ({exc}): check that you may read the "
                    "file and write to its folder (SQLite keeps a -shm file beside it)."
                ) from exc
            raise NotALedger(
                f"{self.target} is not a SQLite database ({exc}); it was left untouched. "
                "Choose the ledger's path with --ledger."
            ) from exc
        if MARKER_TABLE in tables or (allow_empty and not tables):
            return
        self.connection.close()
        if not tables:
            raise LedgerNotFound(
                f"{self.target} is an empty database, not yet a ledger; reading never creates one. "
                f"Create it with attribution init --ledger {self.target}."
            )
        raise NotALedger(
            f"{self.target} is a SQLite database of another program ({len(tables)} tables, none of "
            "them an attribution ledger's); it was left untouched. Choose the ledger's path with --ledger."
        )

    # -- statements -------------------------------------------------------------------
    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        cur = self.connection.cursor()
        try:
            cur.execute(self.dialect.sql(query), tuple(params))
        except sqlite3.OperationalError as exc:
            raise self._explained(exc) from exc
        return cur

    def _explained(self, exc: sqlite3.OperationalError) -> Exception:
        """A lock wait that ran out or a write to a read-only ledger as a coded error;
        anything else (a bug) as it is."""
        message = str(exc)
        if "locked" in message or "busy" in message:
            return LedgerBusy(
                f"The ledger {self.target} stayed locked by another process's write for "
                f"{BUSY_TIMEOUT_S:g} s. Try again when that write (an ingest, a migration) has "
                "finished; reads (claims list, show, export) never wait for it."
            )
        if "readonly" in message:
            return LedgerError(
                f"The ledger {self.target} was opened for reading, or its file or folder is "
                "read-only for you; check its permissions."
            )
        return exc

    def script(self, statements: Sequence[str]) -> None:
        """Run several parameterless statements (DDL) in order."""
        for statement in statements:
            self.execute(statement)

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(query, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def row(self, query: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(query, params)
        return found[0] if found else None

    def scalar(self, query: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(query, params).fetchone()
        return None if row is None else row[0]

    # -- transactions -----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write.  Nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.execute(self.dialect.begin_write)
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.execute("ROLLBACK")
            raise
        self._depth = 0
        self.execute("COMMIT")

    def grouped(self, table: str, key: str, value: str, keys: Sequence[str]) -> dict[str, list[Any]]:
        """``{key: [value, ...]}`` from ``table`` for the given keys, values sorted.
        ``table``, ``key`` and ``value`` are names from the code, never user input."""
        found: dict[str, list[Any]] = {}
        if keys:
            marks = ", ".join("?" for _ in keys)
            query = f"SELECT {key}, {value} FROM {table} WHERE {key} IN ({marks}) ORDER BY {value}"
            for k, v in self.execute(query, list(keys)).fetchall():
                found.setdefault(k, []).append(v)
        return found

    def has_table(self, name: str) -> bool:
        if self.dialect is SQLITE:
            query = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
        else:
            query = "SELECT 1 FROM information_schema.tables WHERE table_name = ?"
        return self.scalar(query, (name,)) is not None

    def has_fts5(self) -> bool:
        """Whether this SQLite build can create FTS5 full-text indexes."""
        if self.dialect is not SQLITE:
            return False
        try:
            self.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
            self.execute("DROP TABLE temp._fts5_probe")
        except sqlite3.OperationalError:
            return False
        return True

    def close(self) -> None:
        self.connection.close()
