"""Shared fixtures.

``ledger_target``: where a test's ledger lives, once on each backend — a SQLite file in
the test's folder, and a schema of its own on the PostgreSQL server named by
``$ATTRIBUTION_TEST_POSTGRES`` (a ``postgresql://`` URL; ``.ci/run`` starts a throw-away
cluster and sets it).  Without that variable the PostgreSQL half skips, saying so.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

POSTGRES_ENV = "ATTRIBUTION_TEST_POSTGRES"
LEDGER_BACKENDS = ("sqlite", "postgresql")


def postgres_dsn() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def _with_schema(dsn: str, schema: str) -> str:
    """``dsn`` whose connections use ``schema`` (libpq's ``options=-csearch_path=...``)."""
    parts = urlsplit(dsn)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture
def postgres_schema():
    """A fresh, empty schema on the test server; its URL.  Dropped afterwards."""
    dsn = postgres_dsn()
    if not dsn:
        pytest.skip(f"PostgreSQL tests need a server: set {POSTGRES_ENV}=postgresql://... "
                    "(.ci/run starts one)")
    import psycopg

    schema = "test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _with_schema(dsn, schema)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=LEDGER_BACKENDS)
def ledger_target(request, tmp_path) -> str:
    """A new, empty ledger location on each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("postgres_schema")
