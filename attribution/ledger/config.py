"""Ledger settings, kept in the ledger itself (table ``settings``) so that every reviewer
and every export of one ledger agrees on them.  Only the keys in :data:`KEYS` exist."""
from __future__ import annotations

from collections.abc import Callable

from ..errors import LedgerError, PublishingError
from .db import Database
from .events import utc_now
from .permissions import ONE_PERSON_DESK_SETTING, check_flag
from .publishing import Publisher, check_name, check_url

PUBLISHER_NAME = "publisher.name"
PUBLISHER_URL = "publisher.url"

# key -> (what it is, how a value is checked and normalised)
KEYS: dict[str, tuple[str, Callable[[str], str]]] = {
    PUBLISHER_NAME: ("the organisation named as the author of every published ClaimReview", check_name),
    PUBLISHER_URL: ("the organisation's website (http or https)", lambda v: check_url(v, what="publisher URL")),
    ONE_PERSON_DESK_SETTING: ("true lets an editor publish verdicts they gave themselves (a one-person desk)", check_flag),
}


def _known(key: str) -> str:
    if key not in KEYS:
        raise LedgerError(f"Unknown setting {key!r}; the settings are: {', '.join(KEYS)}.")
    return key


def settings(db: Database) -> dict[str, str]:
    """Every setting that has a value."""
    return {r["key"]: r["value"] for r in db.rows("SELECT key, value FROM settings ORDER BY key")}


def get(db: Database, key: str) -> str | None:
    """One setting's value, or None when unset.  Raises LedgerError for an unknown key."""
    return db.scalar("SELECT value FROM settings WHERE key = ?", (_known(key),))


def put(db: Database, key: str, value: str | None, *, actor: str) -> str | None:
    """Set ``key`` (checked by its rule), or unset it when ``value`` is None or blank.
    Returns the value stored."""
    _, check = KEYS[_known(key)]
    stored = check(value) if value and value.strip() else None
    with db.transaction():
        db.execute("DELETE FROM settings WHERE key = ?", (key,))
        if stored is not None:
            db.execute(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                (key, stored, utc_now(), actor),
            )
    return stored


def publisher(db: Database) -> Publisher | None:
    """The configured publisher, or None when ``publisher.name`` is unset."""
    found = settings(db)
    name = found.get(PUBLISHER_NAME)
    return Publisher(name, found.get(PUBLISHER_URL)) if name else None


def require_publisher(db: Database) -> Publisher:
    """The configured publisher.

    Raises:
        PublishingError: none configured; the message says how to set one.
    """
    found = publisher(db)
    if found is None:
        raise PublishingError(
            "No publisher is configured, and a published verdict needs one (the ClaimReview's "
            "author): attribution config set publisher.name 'Your Fact Check' "
            "(and publisher.url https://...)."
        )
    return found
