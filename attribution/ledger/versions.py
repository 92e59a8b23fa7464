"""Articles and their versions: what each version added, kept and withdrawn, and how its
text changed."""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import ClaimNotFound
from .db import Database

MAX_DIFF_LINES = 20  # changed lines shown per version; the rest are counted
MAX_LINE_CHARS = 160  # a changed line longer than this is cut


@dataclass(frozen=True)
class ArticleSummary:
    """One article: its current version and how many claims it has."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    versions: int
    claims: int  # claims in the current version
    withdrawn: int  # claims later versions no longer have
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class VersionChanges:
    """One version of an article and what it changed."""

    version: int
    ingested_at: str
    ingested_by: str
    content_hash: str
    chars: int
    source: str | None
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    text_changes: list[str] = field(default_factory=list)  # "- old line" / "+ new line"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_articles(
    db: Database, *, limit: int | None = None, offset: int = 0, article_id: str | None = None,
) -> list[ArticleSummary]:
    """Articles (or the one ``article_id``), most recently changed first."""
    query = (
        "SELECT a.id, a.url, a.title, a.outlet, a.current_version, a.updated_at, "
        "sum(CASE WHEN c.status <> 'withdrawn' AND c.version = a.current_version THEN 1 ELSE 0 END) AS live, "
        "sum(CASE WHEN c.status = 'withdrawn' THEN 1 ELSE 0 END) AS gone "
        "FROM articles a LEFT JOIN claims c ON c.article_id = a.id "
        + ("WHERE a.id = ? " if article_id is not None else "")
        + "GROUP BY a.id, a.url, a.title, a.outlet, a.current_version, a.updated_at "
        "ORDER BY a.updated_at DESC, a.id"
    )
    params: list[Any] = [] if article_id is None else [article_id]
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [
        ArticleSummary(r["id"], r["url"], r["title"], r["outlet"], int(r["current_version"]),
                       int(r["live"] or 0), int(r["gone"] or 0), r["updated_at"])
        for r in db.rows(query, params)
    ]


def resolve_article(db: Database, article: str) -> str:
    """An article's id from its id or URL.  Raises ClaimNotFound."""
    found = db.scalar(
        "SELECT id FROM articles WHERE id = ? OR url = ? ORDER BY id = ? DESC LIMIT 1", (article, article, article)
    )
    if found is None:
        raise ClaimNotFound(f"No article {article!r} in the ledger; list them with: attribution articles.")
    return found


def article_versions(db: Database, article: str) -> tuple[ArticleSummary, list[VersionChanges]]:
    """An article and each of its versions with the claims it added, kept, withdrew and
    restored (from the claims' events) and the lines of text it changed."""
    article_id = resolve_article(db, article)
    [summary] = list_articles(db, article_id=article_id)
    rows = db.rows(
        "SELECT version, content_hash, text, meta, ingested_at, ingested_by FROM article_versions "
        "WHERE article_id = ? ORDER BY version",
        (article_id,),
    )
    versions: dict[int, VersionChanges] = {}
    previous: str | None = None
    for r in rows:
        meta = json.loads(r["meta"] or "{}")
        v = VersionChanges(int(r["version"]), r["ingested_at"], r["ingested_by"], r["content_hash"],
                           len(r["text"]), meta.get("source") if isinstance(meta, dict) else None)
        if previous is not None:
            v.text_changes = text_changes(previous, r["text"])
        previous = r["text"]
        versions[v.version] = v
    for e in db.rows(
        "SELECT e.claim_id, e.action, e.after FROM events e JOIN claims c ON c.id = e.claim_id "
        "WHERE c.article_id = ? AND e.action IN ('created', 'added', 'seen_in_version', 'withdrawn', 'restored') "
        "ORDER BY e.id",
        (article_id,),
    ):
        after = json.loads(e["after"])
        version = after.get("withdrawn_in") or after.get("last_version") or after.get("version")
        bucket = {"created": "added", "added": "added", "seen_in_version": "kept",
                  "withdrawn": "withdrawn", "restored": "restored"}[e["action"]]
        if version in versions and e["claim_id"] not in getattr(versions[version], bucket):
            getattr(versions[version], bucket).append(e["claim_id"])
    for v in versions.values():  # a claim unchanged by a version has no event: it was kept
        if v.version > 1:
            v.kept = sorted(set(v.kept) | _unchanged(db, article_id, v.version) - set(v.added) - set(v.restored))
    return summary, list(versions.values())


def _unchanged(db: Database, article_id: str, version: int) -> set[str]:
    return {
        r["id"] for r in db.rows(
            "SELECT id FROM claims WHERE article_id = ? AND version < ? AND last_version >= ? AND status <> 'withdrawn'",
            (article_id, version, version),
        )
    }


def text_changes(old: str, new: str) -> list[str]:
    """The lines ``new`` changed of ``old``: ``- removed`` and ``+ added``, at most
    :data:`MAX_DIFF_LINES` (then how many more)."""
    lines = [
        line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---")) and line[1:].strip()
    ]
    shown = [f"{line[0]} {_cut(line[1:])}" for line in lines[:MAX_DIFF_LINES]]
    if len(lines) > MAX_DIFF_LINES:
        shown.append(f"… {len(lines) - MAX_DIFF_LINES} more changed lines")
    return shown


def _cut(line: str) -> str:
    line = line.strip()
    return line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 1] + "…"
