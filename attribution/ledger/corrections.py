"""Reviewers correct the machine: a claim's speaker or span, a claim the extraction missed,
and the corrections as training data.

Every correction is one event (``correct``, ``added``) whose ``before`` keeps what the
extraction said, so the original stays in the claim's history.  :func:`training_data`
gives the corrected articles in the shared gold JSONL format (``start``/``end`` offsets,
``speaker`` span, ``speaker_name``), so the engine can learn from them.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import ClaimNotFound, InputError, LedgerError
from ..model import KINDS, SPEAKER_TYPES
from . import events, queries, registry, repeats
from .db import Database
from .events import utc_now
from .ingest import REVIEWER, WITHDRAWN, new_claim_id
from .normalise import claim_text, speaker_identity
from .speakers import Link, link_claim, named_ref

# Actions a reviewer takes that tell the engine it was wrong.
CORRECTION_ACTIONS = ("correct", "added", "dismiss")
REVIEWER_CONFIDENCE = 1.0  # a claim a reviewer marked is certain
_QUOTE_MARKS = "“”\"‘’'«»"


def _span(text: str, start: int | None, end: int | None, what: str) -> tuple[int, int]:
    if start is None or end is None:
        raise InputError(f"Give both --{what}start and --{what}end (character offsets).")
    if not (0 <= start < end <= len(text)):
        raise InputError(
            f"The span {start}-{end} is outside the article's text (0-{len(text)}): give "
            f"0 <= --{what}start < --{what}end <= {len(text)}."
        )
    if not text[start:end].strip():
        raise InputError(f"The span {start}-{end} holds only white space: give the words' offsets.")
    return start, end


def _article(db: Database, article: str) -> dict[str, Any]:
    row = db.row(
        "SELECT a.id, a.current_version, v.text FROM articles a JOIN article_versions v "
        "ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ? OR a.url = ? "
        "ORDER BY a.id = ? DESC LIMIT 1",
        (article, article, article),
    )
    if row is None:
        raise ClaimNotFound(f"No article {article!r} in the ledger; list them with: attribution articles.")
    return row


def _mention(text: str, name: str, near: int, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The speaker's mention: the given span, else the occurrence of the name (or its last
    word) nearest to the claim, else None."""
    if start is not None or end is not None:
        return _span(text, start, end, "speaker-")
    for words in dict.fromkeys((name, name.split()[-1] if name.split() else name)):
        found = [m.start() for m in re.finditer(r"\b" + re.escape(words) + r"\b", text)]
        if found:
            best = min(found, key=lambda s: abs(s - near))
            return best, best + len(words)
    return None


def _speaker(db: Database, who: str, speaker_type: str | None, *, actor: str, now: str) -> tuple[Link, str, str]:
    """The registry speaker a reviewer named (an id or a name): its link, name and type."""
    who = " ".join((who or "").split())
    if speaker_type is not None and speaker_type not in SPEAKER_TYPES:
        raise InputError(f"Unknown speaker type {speaker_type!r}; choose one of: {', '.join(SPEAKER_TYPES)}.")
    if re.fullmatch(r"s_[0-9a-f]{4,}", who):
        sid = registry.canonical(db, registry.resolve(db, who))
        row = db.row("SELECT name, type FROM speakers WHERE id = ?", (sid,))
        assert row is not None  # resolved above
        return Link(sid, sid), row["name"], speaker_type or row["type"]
    kind = speaker_type or "person"
    ref = named_ref(who, kind)
    if ref is None:
        raise InputError(
            f"{who!r} names nobody: give the speaker's name (or speaker id), not a pronoun."
        )
    via = registry.ensure(db, ref, now=now)
    registry.auto_join(db, via, actor=actor, now=now)
    return Link(registry.canonical(db, via), via), ref.name, kind


def _reindex(db: Database, claim_id: str) -> None:
    """Keep the full-text index in step with a corrected claim (where there is one)."""
    if db.has_table("claims_fts"):
        row = db.row("SELECT text, speaker_names, speaker_mention FROM claims WHERE id = ?", (claim_id,))
        assert row is not None
        db.execute("DELETE FROM claims_fts WHERE claim_id = ?", (claim_id,))
        db.execute(
            "INSERT INTO claims_fts (claim_id, text, speakers) VALUES (?, ?, ?)",
            (claim_id, row["text"], row["speaker_names"] + " " + (row["speaker_mention"] or "")),
        )


def correct(
    db: Database,
    claim_id: str,
    *,
    actor: str,
    speaker: str | None = None,
    speaker_type: str | None = None,
    start: int | None = None,
    end: int | None = None,
    speaker_start: int | None = None,
    speaker_end: int | None = None,
) -> str:
    """Correct a claim's speaker (a name or speaker id) and/or its span (offsets into the
    text of the version the claim is in).  One ``correct`` event holds what changed, before
    and after.  Returns the claim id.

    Raises:
        InputError: nothing to correct, a span outside the text, a pronoun as speaker.
        LedgerError: the claim is withdrawn.
    """
    if speaker is None and start is None and end is None and speaker_start is None and speaker_end is None:
        raise InputError("Say what to correct: --speaker NAME and/or --start N --end N.")
    now = utc_now()
    with db.transaction():
        cid = queries.resolve_id(db, claim_id)
        row = db.row("SELECT * FROM claims WHERE id = ?", (cid,))
        assert row is not None  # resolved above
        if row["status"] == WITHDRAWN:
            raise LedgerError(
                f"Claim {cid} is withdrawn: the article's current version no longer has it, so "
                "there is nothing to correct. Add the claim to the current version with attribution claims add."
            )
        text = db.scalar(
            "SELECT text FROM article_versions WHERE article_id = ? AND version = ?", (row["article_id"], row["version"])
        )
        values: dict[str, Any] = {}
        if start is not None or end is not None:
            s, e = _span(text, row["start_char"] if start is None else start, row["end_char"] if end is None else end, "")
            values.update(start_char=s, end_char=e, text=text[s:e], norm_text=claim_text(text[s:e]))
        links: list[Link] | None = None
        if speaker is not None:
            link, name, kind = _speaker(db, speaker, speaker_type, actor=actor, now=now)
            links = [link]
            mention = _mention(text, name, values.get("start_char", row["start_char"]), speaker_start, speaker_end)
            values.update(
                speaker_id=link.speaker_id, speaker_names=json.dumps([name], ensure_ascii=False),
                speaker_type=kind, anonymous=0,
                speaker_mention=text[mention[0]:mention[1]] if mention else None,
                speaker_start=mention[0] if mention else None, speaker_end=mention[1] if mention else None,
            )
        elif speaker_start is not None or speaker_end is not None:
            s, e = _span(text, speaker_start, speaker_end, "speaker-")
            values.update(speaker_mention=text[s:e], speaker_start=s, speaker_end=e)
        if "speaker_id" in values or "norm_text" in values:
            values["group_id"] = repeats.regroup(
                db, cid, values.get("speaker_id", row["speaker_id"]), values.get("norm_text", row["norm_text"]),
                row["article_id"], row["version"],
            )
        changed = {k: v for k, v in values.items() if row[k] != v}
        if not changed:
            return cid
        sets = "".join(f"{k} = ?, " for k in changed)
        db.execute(f"UPDATE claims SET {sets}updated_at = ? WHERE id = ?", (*changed.values(), now, cid))
        if links is not None:
            db.execute("DELETE FROM claim_speakers WHERE claim_id = ?", (cid,))
            link_claim(db, cid, links)
        _reindex(db, cid)
        shown = {k: json.loads(v) if k == "speaker_names" else v for k, v in changed.items() if k != "norm_text"}
        before = {k: json.loads(row[k]) if k == "speaker_names" else row[k] for k in shown}
        events.record(db, cid, "correct", actor, before, shown, at=now)
    return cid


def _default_kind(words: str) -> str:
    w = words.strip()
    if len(w) > 1 and w[0] in _QUOTE_MARKS and w[-1] in _QUOTE_MARKS + ",.":
        return "direct"
    return "indirect"


def add_claim(
    db: Database,
    article: str,
    *,
    start: int,
    end: int,
    speaker: str,
    actor: str,
    speaker_type: str | None = None,
    kind: str | None = None,
    speaker_start: int | None = None,
    speaker_end: int | None = None,
) -> str:
    """Add a claim the extraction missed, at ``start``-``end`` of the article's current
    version, said by ``speaker`` (a name or speaker id).  Returns the new claim's id.

    Raises:
        ClaimNotFound: no such article.  InputError: bad span, kind or speaker.
        LedgerError: the article already has this claim.
    """
    if kind is not None and kind not in KINDS:
        raise InputError(f"Unknown kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    now = utc_now()
    with db.transaction():
        art = _article(db, article)
        text, version = art["text"], int(art["current_version"])
        s, e = _span(text, start, end, "")
        words = text[s:e]
        link, name, stype = _speaker(db, speaker, speaker_type, actor=actor, now=now)
        mention = _mention(text, name, s, speaker_start, speaker_end)
        mention_text = text[mention[0]:mention[1]] if mention else None
        norm, key = claim_text(words), speaker_identity([name], mention_text)
        same = db.scalar(
            "SELECT id FROM claims WHERE article_id = ? AND norm_text = ? AND status <> ? AND "
            "(speaker_key = ? OR speaker_id = ?) AND start_char = ?",
            (art["id"], norm, WITHDRAWN, key, link.speaker_id, s),
        )
        if same:
            raise LedgerError(f"The article already has this claim: {same}. Correct it with attribution claims correct {same}.")
        cid = new_claim_id(db, art["id"], key, norm)
        group = repeats.find_group(db, link.speaker_id, norm, art["id"], version) or cid
        db.execute(
            "INSERT INTO claims (id, article_id, version, last_version, start_char, end_char, text, "
            "norm_text, kind, speaker_id, speaker_names, speaker_mention, speaker_start, speaker_end, "
            "speaker_type, anonymous, cue, cue_class, stance, confidence, status, group_id, "
            "created_at, updated_at, speaker_key, origin) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, ?, 'new', ?, ?, ?, ?, ?)",
            (
                cid, art["id"], version, version, s, e, words, norm, kind or _default_kind(words),
                link.speaker_id, json.dumps([name], ensure_ascii=False), mention_text,
                mention[0] if mention else None, mention[1] if mention else None, stype,
                REVIEWER_CONFIDENCE, group, now, now, key, REVIEWER,
            ),
        )
        link_claim(db, cid, [link])
        after = {
            "status": "new", "article_id": art["id"], "version": version, "text": words, "start_char": s,
            "end_char": e, "speaker_names": [name], "kind": kind or _default_kind(words), "origin": REVIEWER,
            "group_id": group,
        }
        events.record(db, cid, "added", actor, {}, after, at=now)
    return cid


# -- training data -------------------------------------------------------------------------
def corrected_articles(db: Database, article: str | None = None) -> list[str]:
    """Articles whose current version has a claim a reviewer corrected, added or dismissed."""
    marks = ", ".join("?" for _ in CORRECTION_ACTIONS)
    query = (
        "SELECT DISTINCT c.article_id FROM events e JOIN claims c ON c.id = e.claim_id "
        "JOIN articles a ON a.id = c.article_id "
        f"WHERE e.action IN ({marks}) AND c.version = a.current_version"
    )
    params: list[Any] = list(CORRECTION_ACTIONS)
    if article:
        query += " AND (a.id = ? OR a.url = ?)"
        params += [article, article]
    return [r["article_id"] for r in db.rows(query + " ORDER BY c.article_id", params)]


def training_data(db: Database, article: str | None = None) -> list[dict[str, Any]]:
    """The corrected articles in the shared gold format, one object per article: the text
    of the current version and every claim in it as reviewed (withdrawn and dismissed
    claims left out; what reviewers dismissed is listed in ``meta["dismissed"]``).  Each
    quote carries ``claim_id``, ``origin`` and ``corrected`` besides the gold fields."""
    docs = []
    for article_id in corrected_articles(db, article):
        art = _article(db, article_id)
        rows = db.rows(
            "SELECT * FROM claims WHERE article_id = ? AND version = ? ORDER BY start_char, id",
            (article_id, art["current_version"]),
        )
        changed = _changed(db, [r["id"] for r in rows])
        quotes = [_gold_quote(db, r, r["id"] in changed.get("correct", set())) for r in rows
                  if r["status"] not in (WITHDRAWN, "dismissed")]
        docs.append({
            "id": article_id,
            "text": art["text"],
            "meta": {
                "source": "attribution ledger corrections",
                "version": int(art["current_version"]),
                "corrected": sorted(changed.get("correct", ())),
                "added": sorted(changed.get("added", ())),
                "dismissed": sorted(changed.get("dismiss", ())),
                "reviewers": sorted(changed.get("actors", ())),
            },
            "quotes": quotes,
        })
    return docs


def _changed(db: Database, claim_ids: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if not claim_ids:
        return out
    marks = ", ".join("?" for _ in claim_ids)
    actions = ", ".join("?" for _ in CORRECTION_ACTIONS)
    for r in db.rows(
        f"SELECT claim_id, action, actor FROM events WHERE claim_id IN ({marks}) AND action IN ({actions})",
        [*claim_ids, *CORRECTION_ACTIONS],
    ):
        out.setdefault(r["action"], set()).add(r["claim_id"])
        out.setdefault("actors", set()).add(r["actor"])
    return out


def _gold_quote(db: Database, r: dict[str, Any], corrected: bool) -> dict[str, Any]:
    names = [
        x["name"] for x in db.rows(
            "SELECT s.name FROM claim_speakers cs JOIN speakers s ON s.id = cs.speaker_id "
            "WHERE cs.claim_id = ? AND s.anonymous = 0 ORDER BY cs.position", (r["id"],),
        )
    ] or json.loads(r["speaker_names"])
    speaker = None
    if r["speaker_start"] is not None and r["speaker_mention"] is not None:
        speaker = {"start": r["speaker_start"], "end": r["speaker_end"], "text": r["speaker_mention"]}
    return {
        "start": r["start_char"], "end": r["end_char"], "text": r["text"], "kind": r["kind"],
        "speaker": speaker,
        "speaker_name": (names[0] if len(names) == 1 else names) if names else None,
        "cue": None,
        "claim_id": r["id"], "origin": r["origin"], "corrected": corrected,
    }


def to_jsonl(docs: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)

