"""Linking repeated claims: the same speaker saying near-identical words in several articles
(or several versions of one article) share a ``group_id``, so a verdict on one is visible on
the others."""
from __future__ import annotations

from .db import Database
from .normalise import is_repeat


def find_group(db: Database, speaker_id: str | None, norm_text: str, article_id: str, version: int) -> str | None:
    """The group of an earlier claim that this one repeats, or None.

    Candidates are the speaker's claims outside this article version; the oldest match wins,
    so every repeat joins the group of the first time the words were stored."""
    if speaker_id is None or not norm_text:
        return None
    rows = db.rows(
        "SELECT c.group_id, c.norm_text FROM claim_speakers cs JOIN claims c ON c.id = cs.claim_id "
        "WHERE cs.speaker_id = ? AND NOT (c.article_id = ? AND c.version = ?) "
        "ORDER BY c.created_at, c.id",
        (speaker_id, article_id, version),
    )
    for row in rows:
        if is_repeat(norm_text, row["norm_text"]):
            return row["group_id"]
    return None


def regroup(db: Database, claim_id: str, speaker_id: str | None, norm_text: str, article_id: str, version: int) -> str:
    """The group a corrected claim belongs to now (its speaker or words changed): the
    claims that joined its old group through it keep their group without it.  Returns the
    new group id (call inside the correction's transaction, then store it)."""
    old = db.scalar("SELECT group_id FROM claims WHERE id = ?", (claim_id,))
    if old == claim_id:
        heir = db.scalar(
            "SELECT id FROM claims WHERE group_id = ? AND id <> ? ORDER BY created_at, id", (claim_id, claim_id)
        )
        if heir is not None:
            db.execute("UPDATE claims SET group_id = ? WHERE group_id = ? AND id <> ?", (heir, claim_id, claim_id))
    return find_group(db, speaker_id, norm_text, article_id, version) or claim_id
