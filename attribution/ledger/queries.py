"""Reading claims: filters to SQL, rows to :class:`Claim` records."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import ClaimNotFound, LedgerError
from .db import POSTGRESQL, Database
from .postgres import search_condition
from .records import SORT_KEYS, Claim, ClaimFilter, LinkedClaim
from .review import STATUSES

_SELECT = (
    "SELECT c.*, a.url AS article_url, a.title AS article_title, a.outlet AS outlet, "
    "a.published AS article_published FROM claims c JOIN articles a ON a.id = c.article_id"
)
_ORDER = {
    "created": "c.created_at {d}, c.article_id {d}, c.start_char {d}, c.id {d}",
    "updated": "c.updated_at {d}, c.id {d}",
    "id": "c.id {d}",
    "status": "c.status {d}, c.created_at, c.id",
    "speaker": "lower(coalesce(c.speaker_names, '')) {d}, c.created_at, c.id",
    "article": "c.article_id {d}, c.start_char {d}",
    "position": "c.article_id {d}, c.version {d}, c.start_char {d}",
    "confidence": "c.confidence {d}, c.id",
}


# LIMIT and OFFSET are bound as SQLite's 64-bit integers; anything larger is no real page.
MAX_ROWS = 2**63 - 1
LIKE_ESCAPE = "\\"  # the escape character of every LIKE pattern built from user text
GROUPS_A_QUERY = 500  # repeat groups looked up at once: far below SQLite's 32,766 parameters


def like_pattern(text: str, *, contains: bool = True) -> str:
    """``text`` as a LIKE pattern that matches it literally (``%`` and ``_`` escaped), with
    ``%`` around it when ``contains``.  Use with ``ESCAPE '\\'``."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%" if contains else escaped


def _fts_query(text: str) -> str:
    """Words of a user's search as an FTS5 query: every word must appear (prefixes match)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words)


def _where(db: Database, f: ClaimFilter) -> tuple[list[str], list[Any]]:
    like = db.dialect.like
    esc = f"ESCAPE '{LIKE_ESCAPE}'"
    where: list[str] = []
    params: list[Any] = []
    if f.status:
        if f.status not in STATUSES:
            raise LedgerError(f"Unknown status {f.status!r}; choose one of: {', '.join(STATUSES)}.")
        where.append("c.status = ?")
        params.append(f.status)
    if f.speaker:
        where.append(
            "EXISTS (SELECT 1 FROM claim_speakers cs JOIN speakers s ON s.id = cs.speaker_id "
            f"WHERE cs.claim_id = c.id AND (s.id = ? OR s.name {like} ? {esc} OR EXISTS "
            f"(SELECT 1 FROM speaker_aliases sa WHERE sa.speaker_id = s.id AND sa.alias {like} ? {esc})))"
        )
        params += [f.speaker, like_pattern(f.speaker), like_pattern(f.speaker)]
    if f.article:
        where.append("(c.article_id = ? OR a.url = ?)")
        params += [f.article, f.article]
    if f.outlet:
        where.append(f"a.outlet {like} ? {esc}")
        params.append(like_pattern(f.outlet, contains=False))
    if f.kind:
        where.append("c.kind = ?")
        params.append(f.kind)
    if f.anonymous is not None:
        where.append("c.anonymous = ?")
        params.append(int(f.anonymous))
    if f.assignee:
        where.append("c.assignee = ?")
        params.append(f.assignee)
    if f.unassigned:
        where.append("c.assignee IS NULL")
    if f.conflicts:
        where.append(
            "c.rating IS NOT NULL AND EXISTS (SELECT 1 FROM claims o WHERE o.group_id = c.group_id "
            "AND o.id <> c.id AND o.rating IS NOT NULL AND lower(o.rating) <> lower(c.rating))"
        )
    if f.tag:
        where.append("EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = c.id AND t.tag = ?)")
        params.append(f.tag)
    if f.ids is not None:
        where.append("c.id IN (" + ", ".join("?" for _ in f.ids) + ")" if f.ids else "1 = 0")
        params += list(f.ids)
    if f.search and f.search.strip():
        query = _fts_query(f.search)
        found = search_condition(f.search) if db.dialect is POSTGRESQL else None
        if found is not None:  # PostgreSQL's own full-text search
            where.append(found[0])
            params += found[1]
        elif db.has_table("claims_fts") and query:
            where.append("c.id IN (SELECT claim_id FROM claims_fts WHERE claims_fts MATCH ?)")
            params.append(query)
        else:
            where.append(f"(c.text {like} ? {esc} OR c.speaker_names {like} ? {esc} OR c.speaker_mention {like} ? {esc})")
            params += [like_pattern(f.search.strip())] * 3
    return where, params


def list_claims(db: Database, f: ClaimFilter) -> list[Claim]:
    if f.sort not in _ORDER:
        raise LedgerError(f"Cannot sort by {f.sort!r}; choose one of: {', '.join(SORT_KEYS)}.")
    for name, value in (("limit", f.limit), ("offset", f.offset)):
        if value is not None and not 0 <= value <= MAX_ROWS:
            raise LedgerError(f"The {name} must be between 0 and {MAX_ROWS}, not {value}.")
    where, params = _where(db, f)
    query = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    query += " ORDER BY " + _ORDER[f.sort].format(d="DESC" if f.descending else "ASC")
    if f.limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [int(f.limit), int(f.offset)]
    elif f.offset:
        query += " LIMIT -1 OFFSET ?" if db.dialect.name == "sqlite" else " OFFSET ?"
        params.append(int(f.offset))
    return _claims(db, db.rows(query, params))


def count_claims(db: Database, f: ClaimFilter) -> int:
    where, params = _where(db, f)
    query = "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id"
    return int(db.scalar(query + (" WHERE " + " AND ".join(where) if where else ""), params))


def resolve_id(db: Database, claim_id: str) -> str:
    """The full id of a claim given its id or a unique prefix of at least 4 hex digits.

    Raises:
        ClaimNotFound: no claim, or more than one, matches.
    """
    claim_id = claim_id.strip()
    if db.scalar("SELECT 1 FROM claims WHERE id = ?", (claim_id,)):
        return claim_id
    if re.fullmatch(r"c_[0-9a-f]{4,}", claim_id):
        found = [r["id"] for r in db.rows("SELECT id FROM claims WHERE id LIKE ? LIMIT 3", (claim_id + "%",))]
        if len(found) == 1:
            return found[0]
        if found:
            raise ClaimNotFound(
                f"Claim id {claim_id!r} is ambiguous ({', '.join(found)}...): give more digits."
            )
    raise ClaimNotFound(
        f"No claim {claim_id!r} in the ledger {db.target}. List claims with: attribution claims list."
    )


def get_claim(db: Database, claim_id: str) -> Claim:
    cid = resolve_id(db, claim_id)
    return _claims(db, db.rows(_SELECT + " WHERE c.id = ?", (cid,)))[0]


def _claims(db: Database, rows: list[dict[str, Any]]) -> list[Claim]:
    tags = db.grouped("claim_tags", "claim_id", "tag", [r["id"] for r in rows])
    linked = _linked(db, rows)
    return [_claim(r, tags.get(r["id"], []), linked[r["id"]]) for r in rows]


def _linked(db: Database, rows: list[dict[str, Any]]) -> dict[str, list[LinkedClaim]]:
    """Each row's repeats (the other claims of its group, oldest first), read with one query
    per :data:`GROUPS_A_QUERY` groups instead of one a claim."""
    groups = sorted({r["group_id"] for r in rows})
    members: dict[str, list[LinkedClaim]] = {}
    for start in range(0, len(groups), GROUPS_A_QUERY):
        chunk = groups[start : start + GROUPS_A_QUERY]
        query = (
            "SELECT id, article_id, status, rating, rating_value, group_id FROM claims "
            f"WHERE group_id IN ({', '.join('?' for _ in chunk)}) ORDER BY created_at, id"
        )
        for m in db.rows(query, chunk):
            members.setdefault(m["group_id"], []).append(
                LinkedClaim(m["id"], m["article_id"], m["status"], m["rating"], m["rating_value"])
            )
    return {r["id"]: [c for c in members.get(r["group_id"], []) if c.id != r["id"]] for r in rows}


def _claim(r: dict[str, Any], tags: list[str], linked: list[LinkedClaim]) -> Claim:
    return Claim(
        id=r["id"],
        article_id=r["article_id"],
        version=int(r["version"]),
        start_char=int(r["start_char"]),
        end_char=int(r["end_char"]),
        text=r["text"],
        kind=r["kind"],
        speaker_id=r["speaker_id"],
        speaker_names=json.loads(r["speaker_names"]),
        speaker_mention=r["speaker_mention"],
        speaker_type=r["speaker_type"],
        anonymous=bool(r["anonymous"]),
        cue=r["cue"],
        cue_class=r["cue_class"],
        stance=r["stance"],
        confidence=float(r["confidence"]),
        status=r["status"],
        assignee=r["assignee"],
        rating=r["rating"],
        rating_value=None if r["rating_value"] is None else float(r["rating_value"]),
        reviewer=r["reviewer"],
        factcheck_url=r["factcheck_url"],
        verdict_at=r["verdict_at"],
        published_at=r["published_at"],
        modified_at=r.get("modified_at"),
        group_id=r["group_id"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        article_url=r["article_url"],
        article_title=r["article_title"],
        outlet=r["outlet"],
        article_published=r["article_published"],
        tags=tags,
        linked=linked,
        origin=r.get("origin") or "extraction",
        relation=r.get("relation"),
        withdrawn_in=r.get("withdrawn_in"),
    )
