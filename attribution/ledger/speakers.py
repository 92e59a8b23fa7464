"""Speakers as attributions name them, stored in the registry (see :mod:`registry`).

Named speakers are keyed by their normalised name (people by first name and surname), so
``John Healey`` in two articles is one speaker.  Anonymous sources ("one British official")
are keyed per article: two articles' "senior officials" are not known to be the same person,
and the listing says which article each is from.  Pronouns ("he", "that", "which") are never
speakers; a joint mention ("Barack Obama and Hillary Clinton") links the claim to each
person and is nobody's alias.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Attribution
from . import registry
from .db import Database
from .ids import speaker_id
from .normalise import is_pronoun, joint_parts, name_key
from .records import Speaker


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as one attribution names it, before it is stored."""

    key: str
    name: str
    type: str
    anonymous: bool
    alias: str | None
    article_id: str | None = None  # where an anonymous source was quoted

    @property
    def id(self) -> str:
        return speaker_id(self.key)


@dataclass(frozen=True)
class Link:
    """A claim's speaker: the registry's canonical speaker, the row the mention named
    (``via``), and why they differ when they do."""

    speaker_id: str
    via: str
    reason: str | None = None


def named_ref(name: str, speaker_type: str, *, alias: str | None = None) -> SpeakerRef | None:
    """The registry entry a name stands for, or None for no name (a pronoun, punctuation)."""
    if is_pronoun(name):
        return None
    key = name_key(name, speaker_type)
    if not key:
        return None
    return SpeakerRef(f"name:{key}", name, speaker_type, False, alias if alias != name else None)


def speaker_refs(attribution: Attribution, article_id: str) -> list[SpeakerRef]:
    """The speakers of one attribution (several for a joint statement, none when unknown)."""
    mention = attribution.speaker.text if attribution.speaker else None
    if mention and is_pronoun(mention):
        mention = None
    kind = attribution.speaker_type
    names = [n for n in attribution.speaker_names if n and not is_pronoun(n)]
    parts = joint_parts(mention) if mention else []
    if len(parts) > 1 and len(names) <= 1 and not attribution.anonymous:
        names = parts  # the mention names more people than the extraction did
    joint = len(names) > 1
    if names:
        refs = [named_ref(n, kind if not joint else _joint_type(kind), alias=None if joint else mention) for n in names]
        return [r for r in refs if r is not None]
    if attribution.anonymous:
        label = mention or "anonymous source"
        key = f"anon:{article_id}:{name_key(label, 'anonymous')}"
        return [SpeakerRef(key, label, "anonymous", True, mention, article_id)]
    if mention:
        ref = named_ref(mention, kind)
        return [ref] if ref else []
    return []


def _joint_type(kind: str) -> str:
    return "person" if kind in ("group", "unknown") else kind


def store(
    db: Database, ref: SpeakerRef, *, actor: str, now: str, text: str | None = None, mention: str | None = None,
) -> Link:
    """Store the speaker (if new) and its alias; join it to the person the registry already
    holds where the evidence agrees.  A lone surname that several people of the registry
    have is the one of them the article (``text``) means, as the claim's ``mention`` says
    (see :func:`registry.named_in_article`).
    Returns the claim's :class:`Link`."""
    via = registry.ensure(db, ref, now=now)
    reason = registry.auto_join(db, via, actor=actor, now=now)
    canonical = registry.canonical(db, via)
    if canonical == via and text:
        chosen = registry.named_in_article(db, via, text, mention=mention or ref.alias or ref.name)
        if chosen is not None:
            person, why = chosen
            return Link(registry.canonical(db, person), person, why)
    return Link(canonical, via, reason if canonical != via else None)


def link_claim(db: Database, claim_id: str, links: list[Link]) -> None:
    """Record each speaker of a claim (a joint statement has several)."""
    for position, link in enumerate(links):
        db.execute(
            "INSERT INTO claim_speakers (claim_id, speaker_id, position, via) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (claim_id, link.speaker_id, position, link.via),
        )


def list_speakers(
    db: Database,
    *,
    search: str | None = None,
    anonymous: bool | None = None,
    sort: str = "claims",
    limit: int | None = None,
    offset: int = 0,
) -> list[Speaker]:
    """Canonical speakers (not those merged into another) with their claim and article
    counts (withdrawn claims not counted), most quoted first (or by ``name``)."""
    where, params = ["s.merged_into IS NULL"], []
    if search:
        like = db.dialect.like
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            f"(s.name {like} ? ESCAPE '\\' OR s.id = ? OR EXISTS (SELECT 1 FROM speaker_aliases a "
            f"WHERE a.speaker_id = s.id AND a.alias {like} ? ESCAPE '\\'))"
        )
        params += [pattern, search, pattern]
    if anonymous is not None:
        where.append("s.anonymous = ?")
        params.append(int(anonymous))
    order = "lower(s.name), s.id" if sort == "name" else "claims DESC, lower(s.name), s.id"
    query = (
        "SELECT s.id, s.name, s.type, s.anonymous, s.article_id, count(c.id) AS claims, "
        "count(DISTINCT c.article_id) AS articles FROM speakers s "
        "LEFT JOIN claim_speakers cs ON cs.speaker_id = s.id "
        "LEFT JOIN claims c ON c.id = cs.claim_id AND c.status <> 'withdrawn' "
        f"WHERE {' AND '.join(where)} "
        "GROUP BY s.id, s.name, s.type, s.anonymous, s.article_id "
        f"ORDER BY {order}"
    )
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = db.rows(query, params)
    aliases = registry.aliases_of(db, [r["id"] for r in rows])
    return [
        Speaker(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            anonymous=bool(r["anonymous"]),
            aliases=aliases.get(r["id"], []),
            claims=int(r["claims"]),
            articles=int(r["articles"]),
            article_id=r["article_id"],
        )
        for r in rows
    ]
