"""The speakers registry: one row per canonical speaker across articles, with aliases.

Named speakers are keyed by their normalised name, so ``John Healey`` in two articles is one
speaker.  Anonymous sources ("one British official") are keyed per article: two articles'
"senior officials" are not known to be the same person.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Attribution
from .db import Database
from .events import utc_now
from .ids import speaker_id
from .normalise import is_pronoun, name_key
from .records import Speaker


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as one attribution names it, before it is stored."""

    key: str
    name: str
    type: str
    anonymous: bool
    alias: str | None

    @property
    def id(self) -> str:
        return speaker_id(self.key)


def speaker_refs(attribution: Attribution, article_id: str) -> list[SpeakerRef]:
    """The speakers of one attribution (several for a joint statement, none when unknown)."""
    mention = attribution.speaker.text if attribution.speaker else None
    alias = mention if mention and not is_pronoun(mention) else None
    kind = attribution.speaker_type
    names = [n for n in attribution.speaker_names if name_key(n)]
    if names:
        return [
            SpeakerRef(f"name:{name_key(n)}", n, kind, attribution.anonymous, alias if alias != n else None)
            for n in names
        ]
    if attribution.anonymous:
        label = alias or "anonymous source"
        return [SpeakerRef(f"anon:{article_id}:{name_key(label)}", label, "anonymous", True, alias)]
    if alias:
        return [SpeakerRef(f"name:{name_key(alias)}", alias, kind, False, None)]
    return []


def store(db: Database, ref: SpeakerRef) -> str:
    """Insert the speaker if new (refining an ``unknown`` type), record the alias; returns its id."""
    db.execute(
        "INSERT INTO speakers (id, key, name, type, anonymous, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        (ref.id, ref.key, ref.name, ref.type, int(ref.anonymous), utc_now()),
    )
    if ref.type != "unknown":
        db.execute(
            "UPDATE speakers SET type = ? WHERE id = ? AND type = 'unknown'", (ref.type, ref.id)
        )
    if ref.alias:
        db.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (ref.id, ref.alias),
        )
    return ref.id


def list_speakers(
    db: Database,
    *,
    search: str | None = None,
    anonymous: bool | None = None,
    sort: str = "claims",
    limit: int | None = None,
    offset: int = 0,
) -> list[Speaker]:
    """Speakers with their claim and article counts, most quoted first (or by ``name``)."""
    where, params = [], []
    if search:
        where.append(
            f"(s.name {db.dialect.like} ? OR s.id = ? OR EXISTS (SELECT 1 FROM speaker_aliases a "
            f"WHERE a.speaker_id = s.id AND a.alias {db.dialect.like} ?))"
        )
        params += [f"%{search}%", search, f"%{search}%"]
    if anonymous is not None:
        where.append("s.anonymous = ?")
        params.append(int(anonymous))
    order = "lower(s.name), s.id" if sort == "name" else "claims DESC, lower(s.name), s.id"
    query = (
        "SELECT s.id, s.name, s.type, s.anonymous, count(cs.claim_id) AS claims, "
        "count(DISTINCT c.article_id) AS articles FROM speakers s "
        "LEFT JOIN claim_speakers cs ON cs.speaker_id = s.id "
        "LEFT JOIN claims c ON c.id = cs.claim_id "
        + (f"WHERE {' AND '.join(where)} " if where else "")
        + f"GROUP BY s.id, s.name, s.type, s.anonymous ORDER BY {order}"
    )
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = db.rows(query, params)
    aliases = db.grouped("speaker_aliases", "speaker_id", "alias", [r["id"] for r in rows])
    return [
        Speaker(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            anonymous=bool(r["anonymous"]),
            aliases=aliases.get(r["id"], []),
            claims=int(r["claims"]),
            articles=int(r["articles"]),
        )
        for r in rows
    ]
