"""Writing one article's extraction into the ledger, all or nothing.

An article is identified by its id (given, its URL, or a hash of its normalised text; see
:mod:`ids`).  The same text again changes nothing; a different text becomes the next
version.  A claim is what was said and who said it, not where: a claim of the new version
whose normalised words and speaker match a claim of the article keeps that claim (same id,
status, verdict), its offsets moved to the new text (``seen_in_version`` event).  A claim
the new version no longer has is ``withdrawn`` (``withdrawn`` event); it comes back, with
its old status, if a later version has it again.  A claim a reviewer added stays as long
as its words are still in the text.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..errors import InputError, UsageError
from ..model import TERM_KIND, Attribution, Extraction
from . import events, repeats, speakers
from .db import Database
from .events import utc_now
from .ids import CLAIM_ID_LENGTHS, claim_id, content_hash
from .normalise import claim_text, speaker_identity
from .records import IngestResult

ARTICLE_FIELDS = ("url", "title", "outlet", "published")
WITHDRAWN = "withdrawn"
REVIEWER = "reviewer"  # origin of a claim a reviewer added
# Claims with more occurrences of the same words by the same speaker than this in one
# article are refused an id (it would take that many lookups to find a free one).
MAX_OCCURRENCES = 1000


def check_jobs(jobs: object) -> None:
    """Raises UsageError unless ``jobs`` is a whole number of processes, 1 or more."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"--jobs must be a whole number of processes, 1 or more, not {jobs!r}.")


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
    for attribution in extraction.attributions:
        check_offsets(attribution.start_char, attribution.end_char, attribution.text, text, article_id)
    with db.transaction():
        article = db.row("SELECT current_version FROM articles WHERE id = ?", (article_id,))
        if article is not None and current_hash(db, article_id) == digest:
            return IngestResult(article_id, "unchanged", int(article["current_version"]))
        now = utc_now()
        version, outcome = _write_version(db, article_id, article, extraction, meta, actor, now)
        counts = _store_claims(db, article_id, version, extraction, actor, now)
    return IngestResult(article_id, outcome, version, **counts)


def _write_version(
    db: Database, article_id: str, article: dict | None, extraction: Extraction,
    meta: dict[str, Any], actor: str, now: str,
) -> tuple[int, str]:
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
        (article_id, version, content_hash(extraction.text), extraction.text, extraction.parser,
         json.dumps(extra, ensure_ascii=False, default=str), now, actor),
    )
    return version, outcome


def check_offsets(start: int, end: int, words: str, text: str, article_id: str) -> None:
    """Raises InputError unless ``text[start:end] == words``."""
    if not (0 <= start <= end <= len(text)) or text[start:end] != words:
        raise InputError(
            f"Attribution {start}-{end} ({words[:40]!r}) does not match the text "
            f"of article {article_id!r}: offsets must index the article's own text."
        )


class _Pool:
    """The article's stored claims, found by (normalised words, speaker identity).  A claim
    is found under the identity its extraction gave and under the one a reviewer corrected
    it to; live claims come before withdrawn ones, earlier before later."""

    def __init__(self, db: Database, article_id: str):
        rows = db.rows(
            "SELECT * FROM claims WHERE article_id = ? "
            f"ORDER BY status = '{WITHDRAWN}', start_char, created_at, id",
            (article_id,),
        )
        self.rows = rows
        self.used: set[str] = set()
        self.index: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in rows:
            current = speaker_identity(json.loads(row["speaker_names"]), row["speaker_mention"])
            for key in dict.fromkeys((row["speaker_key"] or current, current)):
                self.index[(row["norm_text"], key)].append(row)

    def take(self, norm: str, speaker_key: str) -> dict | None:
        for row in self.index.get((norm, speaker_key), ()):
            if row["id"] not in self.used:
                self.used.add(row["id"])
                return row
        return None

    def left(self) -> list[dict]:
        return [r for r in self.rows if r["id"] not in self.used]


def _store_claims(
    db: Database, article_id: str, version: int, extraction: Extraction, actor: str, now: str,
) -> dict[str, int]:
    pool = _Pool(db, article_id)
    counts = {"claims_added": 0, "claims_kept": 0, "claims_withdrawn": 0}
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for a in sorted(extraction.attributions, key=lambda x: (x.start_char, x.end_char)):
        if a.kind == TERM_KIND:
            continue  # a quoted term ("a “phased” effort") is no claim and is not stored
        names = [n for n in a.speaker_names if n]
        key = speaker_identity(names, a.speaker.text if a.speaker else None)
        norm = claim_text(a.text)
        found = pool.take(norm, key)
        if found is not None:
            _keep(db, found, version, a, actor, now, same_speaker=_speaker_unchanged(found, key))
            counts["claims_kept"] += 1
            continue
        occurrence = seen[(norm, key)]
        seen[(norm, key)] += 1
        _store_claim(db, article_id, version, a, key, norm, occurrence, actor, now)
        counts["claims_added"] += 1
    text = extraction.text
    for row in pool.left():
        if row["status"] == WITHDRAWN:
            continue
        where = _relocate(row, text) if row["origin"] == REVIEWER else None
        if where is not None:
            _keep_span(db, row, version, where, actor, now)
            counts["claims_kept"] += 1
        else:
            _withdraw(db, row, version, actor, now)
            counts["claims_withdrawn"] += 1
    return counts


def _speaker_unchanged(row: dict, key: str) -> bool:
    return speaker_identity(json.loads(row["speaker_names"]), row["speaker_mention"]) == key


def _keep(db: Database, row: dict, version: int, a: Attribution, actor: str, now: str, *, same_speaker: bool) -> None:
    """The claim is in the new version: move it there (its offsets, its words as written;
    the speaker's mention too unless a reviewer corrected the speaker)."""
    values: dict[str, Any] = {
        "version": version, "last_version": version, "start_char": a.start_char,
        "end_char": a.end_char, "text": a.text, "relation": getattr(a, "relation", None),
    }
    if same_speaker:
        values.update(
            speaker_mention=a.speaker.text if a.speaker else None,
            speaker_start=a.speaker.start_char if a.speaker else None,
            speaker_end=a.speaker.end_char if a.speaker else None,
        )
    _update(db, row, values, "seen_in_version", actor, now)


def _keep_span(db: Database, row: dict, version: int, where: tuple[int, int], actor: str, now: str) -> None:
    values = {"version": version, "last_version": version, "start_char": where[0], "end_char": where[1]}
    _update(db, row, values, "seen_in_version", actor, now)


def _update(db: Database, row: dict, values: dict[str, Any], action: str, actor: str, now: str) -> None:
    if row["status"] == WITHDRAWN:
        values = {**values, "status": row["withdrawn_from"] or "new", "withdrawn_in": None, "withdrawn_from": None}
        action = "restored"
    changed = {k: v for k, v in values.items() if row[k] != v}
    if not changed:
        return
    sets = "".join(f"{k} = ?, " for k in changed)
    db.execute(f"UPDATE claims SET {sets}updated_at = ? WHERE id = ?", (*changed.values(), now, row["id"]))
    events.record(db, row["id"], action, actor, {k: row[k] for k in changed}, changed, at=now)


def _relocate(row: dict, text: str) -> tuple[int, int] | None:
    """Where a reviewer's claim's words are in the new text: the occurrence nearest to where
    they were, or None."""
    words = row["text"]
    starts, i = [], text.find(words)
    while i >= 0 and words:
        starts.append(i)
        i = text.find(words, i + 1)
    if not starts:
        return None
    best = min(starts, key=lambda s: abs(s - int(row["start_char"])))
    return best, best + len(words)


def _withdraw(db: Database, row: dict, version: int, actor: str, now: str) -> None:
    values = {"status": WITHDRAWN, "withdrawn_in": version, "withdrawn_from": row["status"]}
    db.execute(
        "UPDATE claims SET status = ?, withdrawn_in = ?, withdrawn_from = ?, updated_at = ? WHERE id = ?",
        (*values.values(), now, row["id"]),
    )
    before = {"status": row["status"]}
    after = {"status": WITHDRAWN, "withdrawn_in": version,
             "reason": f"version {version} of the article no longer has this claim"}
    events.record(db, row["id"], "withdrawn", actor, before, after, at=now)


def new_claim_id(db: Database, article_id: str, speaker_key: str, norm: str, occurrence: int = 0) -> str:
    """A free claim id for these words of this speaker in this article (a longer id, or
    the next occurrence, on a collision)."""
    for n in range(occurrence, occurrence + MAX_OCCURRENCES):
        for length in CLAIM_ID_LENGTHS:
            cid = claim_id(article_id, speaker_key, norm, n, length=length)
            if db.scalar("SELECT 1 FROM claims WHERE id = ?", (cid,)) is None:
                return cid
    raise InputError(f"Cannot give a unique id to a claim of article {article_id!r}.")


def _store_claim(
    db: Database, article_id: str, version: int, a: Attribution, speaker_key: str, norm: str,
    occurrence: int, actor: str, now: str,
) -> str:
    """Insert one claim found by the extraction; returns its id."""
    cid = new_claim_id(db, article_id, speaker_key, norm, occurrence)
    refs = speakers.speaker_refs(a, article_id)
    text = db.scalar("SELECT text FROM article_versions WHERE article_id = ? AND version = ?", (article_id, version))
    mention = a.speaker.text if a.speaker else None
    links = [speakers.store(db, ref, actor=actor, now=now, text=text, mention=mention) for ref in refs]
    primary = links[0].speaker_id if links else None
    group = repeats.find_group(db, primary, norm, article_id, version) or cid
    status = "new" if a.is_claim else "dismissed"
    cue = a.cue
    db.execute(
        "INSERT INTO claims (id, article_id, version, last_version, start_char, end_char, text, "
        "norm_text, kind, speaker_id, speaker_names, speaker_mention, speaker_start, speaker_end, "
        "speaker_type, anonymous, cue, cue_class, stance, confidence, status, group_id, "
        "created_at, updated_at, speaker_key, origin, relation) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            cid, article_id, version, version, a.start_char, a.end_char, a.text, norm, a.kind,
            primary, json.dumps(a.speaker_names, ensure_ascii=False),
            a.speaker.text if a.speaker else None,
            a.speaker.start_char if a.speaker else None,
            a.speaker.end_char if a.speaker else None,
            a.speaker_type, int(a.anonymous),
            cue.text if cue else None, cue.cue_class if cue else None, cue.stance if cue else None,
            float(a.confidence), status, group, now, now, speaker_key, "extraction",
            getattr(a, "relation", None),
        ),
    )
    speakers.link_claim(db, cid, links)
    after: dict[str, Any] = {
        "status": status, "article_id": article_id, "version": version, "text": a.text,
        "start_char": a.start_char, "end_char": a.end_char,
        "speaker_names": a.speaker_names, "speaker_mention": a.speaker.text if a.speaker else None,
        "kind": a.kind, "group_id": group,
    }
    joined = [link.reason for link in links if link.reason]
    if joined:
        after["speaker_joined"] = joined
    if status == "dismissed":
        after["reason"] = f"not a claim: the cue {cue.text!r} declines to comment" if cue else "not a claim"
    events.record(db, cid, "created", actor, {}, after, at=now)
    return cid
