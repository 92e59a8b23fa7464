"""Writing one article's extraction into the ledger, all or nothing.

An article is identified by its id.  The same text again changes nothing; a different text
becomes the next version, whose claims are stored beside the old ones (which keep their
history).  A claim found at the same place with the same words in the new version is the
same claim (same id): it is marked as seen in that version.
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..model import Attribution, Extraction
from . import events, repeats, speakers
from .db import Database
from .events import utc_now
from .ids import CLAIM_ID_LENGTHS, claim_id, content_hash
from .normalise import claim_text
from .records import IngestResult

ARTICLE_FIELDS = ("url", "title", "outlet", "published")


def current_hash(db: Database, article_id: str) -> str | None:
    """The content hash of the article's current version, or None if it is not stored."""
    return db.scalar(
        "SELECT v.content_hash FROM articles a JOIN article_versions v "
        "ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?",
        (article_id,),
    )


def store_extraction(
    db: Database,
    article_id: str,
    extraction: Extraction,
    *,
    actor: str,
    meta: dict[str, Any] | None = None,
) -> IngestResult:
    """Store an article (its text is ``extraction.text``) and its attributions as claims,
    in one transaction.

    Raises:
        InputError: an attribution's offsets do not match the text (nothing is stored).
    """
    meta = dict(meta or {})
    text = extraction.text
    digest = content_hash(text)
    with db.transaction():
        article = db.row("SELECT current_version FROM articles WHERE id = ?", (article_id,))
        if article is not None and current_hash(db, article_id) == digest:
            return IngestResult(article_id, "unchanged", int(article["current_version"]))
        now = utc_now()
        fields = [meta.get(f) for f in ARTICLE_FIELDS]
        if article is None:
            version, outcome = 1, "added"
            db.execute(
                "INSERT INTO articles (id, url, title, outlet, published, current_version, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, *fields, version, now, now),
            )
        else:
            version, outcome = int(article["current_version"]) + 1, "new_version"
            db.execute(
                "UPDATE articles SET url = coalesce(?, url), title = coalesce(?, title), "
                "outlet = coalesce(?, outlet), published = coalesce(?, published), "
                "current_version = ?, updated_at = ? WHERE id = ?",
                (*fields, version, now, article_id),
            )
        extra = {k: v for k, v in meta.items() if k not in ARTICLE_FIELDS}
        db.execute(
            "INSERT INTO article_versions (article_id, version, content_hash, text, parser, meta, "
            "ingested_at, ingested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, version, digest, text, extraction.parser,
             json.dumps(extra, ensure_ascii=False, default=str), now, actor),
        )
        added = kept = 0
        for attribution in extraction.attributions:
            _check_offsets(attribution, text, article_id)
            if _store_claim(db, article_id, version, attribution, actor, now):
                added += 1
            else:
                kept += 1
    return IngestResult(article_id, outcome, version, claims_added=added, claims_kept=kept)


def _check_offsets(a: Attribution, text: str, article_id: str) -> None:
    if not (0 <= a.start_char <= a.end_char <= len(text)) or text[a.start_char : a.end_char] != a.text:
        raise InputError(
            f"Attribution {a.start_char}-{a.end_char} ({a.text[:40]!r}) does not match the text "
            f"of article {article_id!r}: offsets must index the article's own text."
        )


def _claim_id(db: Database, article_id: str, a: Attribution) -> tuple[str, bool]:
    """The claim's id and whether it is already stored (a longer id is used on a collision)."""
    for length in CLAIM_ID_LENGTHS:
        cid = claim_id(article_id, a.start_char, a.end_char, a.text, length=length)
        row = db.row("SELECT article_id, start_char, end_char, text FROM claims WHERE id = ?", (cid,))
        if row is None:
            return cid, False
        if (row["article_id"], row["start_char"], row["end_char"], row["text"]) == (
            article_id, a.start_char, a.end_char, a.text,
        ):
            return cid, True
    raise InputError(f"Cannot give a unique id to a claim of article {article_id!r}.")


def _store_claim(db: Database, article_id: str, version: int, a: Attribution, actor: str, now: str) -> bool:
    """Insert one claim (True), or mark an existing one as seen in this version (False)."""
    cid, exists = _claim_id(db, article_id, a)
    if exists:
        before = db.scalar("SELECT last_version FROM claims WHERE id = ?", (cid,))
        db.execute("UPDATE claims SET last_version = ?, updated_at = ? WHERE id = ?", (version, now, cid))
        events.record(db, cid, "seen_in_version", actor, {"last_version": before}, {"last_version": version}, at=now)
        return False
    refs = speakers.speaker_refs(a, article_id)
    speaker_ids = [speakers.store(db, ref) for ref in refs]
    primary = speaker_ids[0] if speaker_ids else None
    norm = claim_text(a.text)
    group = repeats.find_group(db, primary, norm, article_id, version) or cid
    status = "new" if a.is_claim else "dismissed"
    cue = a.cue
    db.execute(
        "INSERT INTO claims (id, article_id, version, last_version, start_char, end_char, text, "
        "norm_text, kind, speaker_id, speaker_names, speaker_mention, speaker_start, speaker_end, "
        "speaker_type, anonymous, cue, cue_class, stance, confidence, status, group_id, "
        "created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            cid, article_id, version, version, a.start_char, a.end_char, a.text, norm, a.kind,
            primary, json.dumps(a.speaker_names, ensure_ascii=False),
            a.speaker.text if a.speaker else None,
            a.speaker.start_char if a.speaker else None,
            a.speaker.end_char if a.speaker else None,
            a.speaker_type, int(a.anonymous),
            cue.text if cue else None, cue.cue_class if cue else None, cue.stance if cue else None,
            float(a.confidence), status, group, now, now,
        ),
    )
    for position, sid in enumerate(speaker_ids):
        db.execute(
            "INSERT INTO claim_speakers (claim_id, speaker_id, position) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (cid, sid, position),
        )
    after: dict[str, Any] = {
        "status": status, "article_id": article_id, "version": version, "text": a.text,
        "speaker_names": a.speaker_names, "kind": a.kind, "group_id": group,
    }
    if status == "dismissed":
        after["reason"] = f"not a claim: the cue {cue.text!r} declines to comment" if cue else "not a claim"
    events.record(db, cid, "created", actor, {}, after, at=now)
    return True
