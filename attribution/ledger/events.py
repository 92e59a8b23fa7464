"""The append-only event log: every change to a claim, with who made it, when, and what
it changed (before and after, as JSON).  Rows are only ever inserted."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .db import Database


def utc_now() -> str:
    """The current UTC time as ISO 8601 with a ``Z`` suffix."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Event:
    """One change to one claim."""

    id: int
    claim_id: str
    action: str
    actor: str
    at: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "action": self.action,
            "actor": self.actor,
            "at": self.at,
            "before": self.before,
            "after": self.after,
        }


def record(
    db: Database,
    claim_id: str,
    action: str,
    actor: str,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    at: str | None = None,
) -> None:
    """Append one event.  Call inside the transaction that makes the change."""
    db.execute(
        "INSERT INTO events (claim_id, action, actor, at, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        (
            claim_id,
            action,
            actor,
            at or utc_now(),
            json.dumps(before, ensure_ascii=False, sort_keys=True),
            json.dumps(after, ensure_ascii=False, sort_keys=True),
        ),
    )


def history(db: Database, claim_id: str) -> list[Event]:
    """Every event of one claim, oldest first."""
    rows = db.rows(
        "SELECT id, claim_id, action, actor, at, before, after FROM events "
        "WHERE claim_id = ? ORDER BY id",
        (claim_id,),
    )
    return [
        Event(
            id=int(r["id"]),
            claim_id=r["claim_id"],
            action=r["action"],
            actor=r["actor"],
            at=r["at"],
            before=json.loads(r["before"]),
            after=json.loads(r["after"]),
        )
        for r in rows
    ]
