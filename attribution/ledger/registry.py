"""The speakers registry: one canonical speaker per person across articles.

Every name the extraction gives has its own row, keyed by :func:`normalise.name_key`.  A row
may be *merged into* another (``merged_into``): its claims then count for the row it was
merged into, and ``claim_speakers.via`` remembers the row the mention named, so that every
merge can be explained (``speaker_events``, alias reasons) and undone (:func:`split`).

Automatic joins, when evidence agrees:

* a one-word name ("Trump", "President Trump") joins the one full name of that surname the
  registry holds, of a compatible type ("Bush" stays apart while two Bushes are known);
* a full name arriving later takes in the one-word row of its surname, on the same terms.

Pronouns never become speakers, joint mentions link to each person (never aliases), and
anonymous sources are speakers of one article each.
"""
from __future__ import annotations

import json

from .db import Database
from .normalise import PERSON_TYPES, speaker_identity, surname


def _key_surname(key: str, speaker_type: str) -> str | None:
    if not key.startswith("name:") or speaker_type not in PERSON_TYPES | {"organisation"}:
        return None
    return surname(key[len("name:"):]) or None


def backfill(db: Database) -> None:
    """Fill the registry columns of a ledger written before they existed: each claim's
    speaker identity, each speaker's surname and (for anonymous sources) article."""
    for row in db.rows("SELECT id, speaker_names, speaker_mention FROM claims"):
        key = speaker_identity(json.loads(row["speaker_names"]), row["speaker_mention"])
        db.execute("UPDATE claims SET speaker_key = ? WHERE id = ?", (key, row["id"]))
    for row in db.rows("SELECT id, key, type FROM speakers"):
        article = row["key"][len("anon:"):].rsplit(":", 1)[0] if row["key"].startswith("anon:") else None
        db.execute(
            "UPDATE speakers SET surname = ?, article_id = ? WHERE id = ?",
            (_key_surname(row["key"], row["type"]), article, row["id"]),
        )
