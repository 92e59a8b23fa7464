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

from ..errors import ClaimNotFound, LedgerError
from . import events
from .db import Database
from .normalise import (
    PERSON_TYPES,
    fold,
    is_pronoun,
    looks_like_organisation,
    speaker_identity,
    surname_of,
)


def backfill(db: Database) -> None:
    """Fill the registry columns of a ledger written before they existed: each claim's
    speaker identity, each speaker's surname and (for anonymous sources) article."""
    for row in db.rows("SELECT id, speaker_names, speaker_mention FROM claims"):
        key = speaker_identity(json.loads(row["speaker_names"]), row["speaker_mention"])
        db.execute("UPDATE claims SET speaker_key = ? WHERE id = ?", (key, row["id"]))
    for row in db.rows("SELECT id, key, name, type FROM speakers"):
        article = row["key"][len("anon:"):].rsplit(":", 1)[0] if row["key"].startswith("anon:") else None
        db.execute(
            "UPDATE speakers SET surname = ?, article_id = ? WHERE id = ?",
            (surname_of(row["name"], row["type"]) if row["key"].startswith("name:") else None, article, row["id"]),
        )
    rekey(db, actor=MIGRATION_ACTOR)


MIGRATION_ACTOR = "attribution-migration"
REKEY_REASON = "the same name once titles, middle names and initials are left out"


def rekey(db: Database, *, actor: str) -> int:
    """Key every named speaker by today's :func:`normalise.name_key`: a speaker whose new
    key another speaker already has is merged into it ("Donald J. Trump" into "Donald
    Trump"), and lone surnames join their one full name.  Returns the merges made."""
    from .normalise import name_key

    now = events.utc_now()
    before = db.scalar("SELECT count(*) FROM speaker_events WHERE action = 'merge'")
    rows = db.rows("SELECT id, key, name, type FROM speakers WHERE key LIKE 'name:%' AND merged_into IS NULL ORDER BY created_at, id")
    for row in rows:
        key = "name:" + name_key(row["name"], row["type"])
        if key == row["key"] or key == "name:":
            continue
        holder = db.scalar("SELECT id FROM speakers WHERE key = ?", (key,))
        if holder is None:
            db.execute("UPDATE speakers SET key = ? WHERE id = ?", (key, row["id"]))
        elif canonical(db, holder) != canonical(db, row["id"]):
            merge(db, holder, row["id"], actor=actor, reason=REKEY_REASON, automatic=True, now=now)
    for row in db.rows("SELECT id FROM speakers WHERE key LIKE 'name:%' AND merged_into IS NULL ORDER BY created_at, id"):
        auto_join(db, row["id"], actor=actor, now=now)
    for row in db.rows("SELECT id, name FROM speakers WHERE merged_into IS NULL"):
        if is_pronoun(row["name"]):
            _forget(db, row["id"], actor=actor, now=now)
    return int(db.scalar("SELECT count(*) FROM speaker_events WHERE action = 'merge'")) - int(before)


# -- storing and joining ---------------------------------------------------------------
MAX_MERGE_DEPTH = 64  # merged_into chains longer than this mean a damaged registry


def ensure(db: Database, ref, *, now: str) -> str:
    """The row of ``ref``'s key (inserted if new, its type refined); its alias recorded.
    Returns the row's id."""
    row = db.row("SELECT id, type, name FROM speakers WHERE key = ?", (ref.key,))
    if row is None:
        sid = ref.id
        db.execute(
            "INSERT INTO speakers (id, key, name, type, anonymous, created_at, surname, article_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (sid, ref.key, ref.name, ref.type, int(ref.anonymous), now,
             surname_of(ref.name, ref.type) if ref.key.startswith("name:") else None, ref.article_id),
        )
    else:
        sid = row["id"]
        better = _refined_type(row["type"], ref.type, row["name"])
        if better != row["type"]:
            db.execute(
                "UPDATE speakers SET type = ?, surname = ? WHERE id = ?",
                (better, surname_of(row["name"], better), sid),
            )
    spellings = [ref.alias] if ref.alias else []
    if row is not None and ref.name != row["name"]:
        spellings.append(ref.name)  # "Donald J. Trump" keyed as the "Donald Trump" row
    for spelling in spellings:
        db.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (sid, spelling, "how an article named this speaker"),
        )
    return sid


def _refined_type(old: str, new: str, name: str) -> str:
    """An ``unknown`` type takes the first known one; a one-word "organisation" without an
    organisation's word ("Sanders") becomes a person once an article says it is one."""
    if old == "unknown" and new != "unknown":
        return new
    if old == "organisation" and new == "person" and " " not in name.strip() and not looks_like_organisation(name):
        return "person"
    return old


def _compatible(a: str, b: str, one_word_name: str) -> bool:
    """Whether a one-word name of type ``a`` may be the person of type ``b``: same type,
    either unknown, or a lone surname tagged as an organisation (taggers often do)."""
    if a == b or "unknown" in (a, b):
        return True
    return {a, b} == {"person", "organisation"} and not looks_like_organisation(one_word_name)


def canonical(db: Database, speaker_id: str) -> str:
    """The speaker ``speaker_id`` counts as: follows ``merged_into`` to the end."""
    sid = speaker_id
    for _ in range(MAX_MERGE_DEPTH):
        into = db.scalar("SELECT merged_into FROM speakers WHERE id = ?", (sid,))
        if not into:
            return sid
        sid = into
    raise LedgerError(f"The speakers registry has a merge chain without end at {speaker_id}.")


def _was_split(db: Database, speaker_id: str) -> bool:
    """A reviewer split this speaker off: it is never joined automatically again."""
    return db.scalar(
        "SELECT 1 FROM speaker_events WHERE speaker_id = ? AND action = 'split'", (speaker_id,)
    ) is not None


def _persons_of_surname(db: Database, last: str, exclude: str) -> list[dict]:
    return db.rows(
        "SELECT id, name, type, key FROM speakers WHERE surname = ? AND merged_into IS NULL "
        "AND anonymous = 0 AND type IN ('person', 'unknown') AND key LIKE 'name:% %' AND id <> ? ORDER BY id",
        (last, exclude),
    )


def auto_join(db: Database, speaker_id: str, *, actor: str, now: str) -> str | None:
    """Join a one-word name to the one full name of that surname, or a new full name to
    the one-word row of its surname, when the evidence agrees.  Returns the reason of a
    join made, else None."""
    row = db.row("SELECT id, key, name, type, merged_into, surname, anonymous FROM speakers WHERE id = ?", (speaker_id,))
    if row is None or row["merged_into"] or row["anonymous"] or not row["surname"] or _was_split(db, speaker_id):
        return None
    words = row["key"][len("name:"):].split()
    if len(words) == 1:
        found = [
            c for c in _persons_of_surname(db, row["surname"], speaker_id)
            if _compatible(row["type"], c["type"], row["name"])
        ]
        if len(found) != 1:
            return None
        keep = found[0]
        reason = (f"“{row['name']}” is the surname of {keep['name']}, the only person of that "
                  "surname in the registry")
        merge(db, keep["id"], speaker_id, actor=actor, reason=reason, automatic=True, now=now)
        return reason
    if len(words) >= 2 and row["type"] in PERSON_TYPES:
        if _persons_of_surname(db, row["surname"], speaker_id):
            return None  # another full name has this surname: a lone surname stays apart
        lone_rows = db.rows(
            "SELECT id, name, type FROM speakers WHERE surname = ? AND merged_into IS NULL AND anonymous = 0 "
            "AND key NOT LIKE 'name:% %' AND id <> ? ORDER BY id",
            (row["surname"], speaker_id),
        )
        for lone in lone_rows:  # "Blasio" and "De Blasio" both join "Bill de Blasio"
            if not _compatible(lone["type"], row["type"], lone["name"]) or _was_split(db, lone["id"]):
                continue
            reason = (f"“{lone['name']}” is the surname of {row['name']}, the only person of that "
                      "surname in the registry")
            merge(db, speaker_id, lone["id"], actor=actor, reason=reason, automatic=True, now=now)
    return None


def _forget(db: Database, speaker_id: str, *, actor: str, now: str) -> None:
    """A pronoun stored as a speaker by an older attribution: its claims keep their mention
    and lose the speaker (an event each); the speaker goes."""
    reason = "a pronoun names nobody: it is no speaker in the registry"
    for r in db.rows("SELECT claim_id FROM claim_speakers WHERE speaker_id = ?", (speaker_id,)):
        db.execute("UPDATE claims SET speaker_id = NULL, updated_at = ? WHERE id = ? AND speaker_id = ?",
                   (now, r["claim_id"], speaker_id))
        events.record(db, r["claim_id"], "speaker", actor, {"speaker_id": speaker_id},
                      {"speaker_id": None, "reason": reason}, at=now)
    for table, column in (("claim_speakers", "speaker_id"), ("speaker_aliases", "speaker_id"), ("speakers", "id")):
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", (speaker_id,))


def named_in_article(db: Database, speaker_id: str, text: str, *, mention: str | None = None) -> tuple[str, str] | None:
    """For a lone surname several people of the registry have ("Clinton" beside Hillary and
    Bill Clinton), the person the article means, with the reason, or None.  Evidence: the
    only one of them the article names; else, of those it names, the only one whose first
    name's gender fits the mention's honorific or pronoun ("Mrs. Clinton", "she")."""
    row = db.row("SELECT key, name, type, surname, anonymous FROM speakers WHERE id = ?", (speaker_id,))
    if row is None or row["anonymous"] or not row["surname"] or " " in row["key"]:
        return None
    found = [c for c in _persons_of_surname(db, row["surname"], speaker_id) if _compatible(row["type"], c["type"], row["name"])]
    if len(found) < 2:
        return None
    folded = f" {fold(text)} "
    named = [c for c in found if f" {c['key'][len('name:'):]} " in folded]
    if not named:
        return None
    person, why = named[0], "the article names {name} and no other person of that surname"
    if len(named) > 1:
        person, why = _gender_fit(named, mention or row["name"])
        if person is None:
            return None
    reason = f"“{row['name']}” is {person['name']}: " + why.format(name=person["name"])
    db.execute(
        "INSERT INTO speaker_aliases (speaker_id, alias, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (person["id"], row["name"], "a surname; an article naming this person said it"),
    )
    return person["id"], reason


def _gender_fit(named: list[dict], mention: str) -> tuple[dict | None, str]:
    """Among people of one surname an article names, the one whose first name's gender
    fits what the mention says ("Mrs. Clinton", "she"), if only one does."""
    from ..gender import PRONOUN_GENDER, UNKNOWN, first_name_gender, honorific_gender

    said = [honorific_gender(w) or PRONOUN_GENDER.get(w.lower(), UNKNOWN) for w in mention.split()]
    wanted = next((g for g in said if g != UNKNOWN), UNKNOWN)
    if wanted == UNKNOWN:
        return None, ""
    fits = [c for c in named if first_name_gender(c["key"][len("name:"):].split()[0]) == wanted]
    if len(fits) != 1:
        return None, ""
    return fits[0], "the article names {name}, the one of that surname “" + mention + "” fits"


# -- reviewers' changes ------------------------------------------------------------------
def _record(db: Database, speaker_id: str, action: str, actor: str, now: str, details: dict) -> None:
    db.execute(
        "INSERT INTO speaker_events (speaker_id, action, actor, at, details) VALUES (?, ?, ?, ?, ?)",
        (speaker_id, action, actor, now, json.dumps(details, ensure_ascii=False, sort_keys=True)),
    )


def _subtree(db: Database, root: str) -> set[str]:
    """``root`` and every row merged into it, directly or not."""
    found, frontier = {root}, [root]
    while frontier:
        rows = db.rows(
            "SELECT id FROM speakers WHERE merged_into IN (" + ", ".join("?" for _ in frontier) + ")", frontier
        )
        frontier = [r["id"] for r in rows if r["id"] not in found]
        found.update(frontier)
    return found


def _relink(db: Database, vias: set[str], to: str, *, actor: str, now: str, reason: str) -> list[str]:
    """Point the claims whose mentions named one of ``vias`` at ``to``; an event on each
    claim whose primary speaker changes.  Returns the ids of the claims moved."""
    if not vias:
        return []
    marks = ", ".join("?" for _ in vias)
    rows = db.rows(
        f"SELECT cs.claim_id, cs.speaker_id, cs.position, c.speaker_id AS primary_id FROM claim_speakers cs "
        f"JOIN claims c ON c.id = cs.claim_id WHERE cs.via IN ({marks}) AND cs.speaker_id <> ?",
        [*vias, to],
    )
    moved: list[str] = []
    for r in rows:
        clash = db.scalar(
            "SELECT 1 FROM claim_speakers WHERE claim_id = ? AND speaker_id = ?", (r["claim_id"], to)
        )
        if clash:  # a joint statement of both: the claim keeps one link to the person
            db.execute(
                "DELETE FROM claim_speakers WHERE claim_id = ? AND speaker_id = ?", (r["claim_id"], r["speaker_id"])
            )
        else:
            db.execute(
                "UPDATE claim_speakers SET speaker_id = ? WHERE claim_id = ? AND speaker_id = ?",
                (to, r["claim_id"], r["speaker_id"]),
            )
        if r["position"] == 0 or r["primary_id"] == r["speaker_id"]:
            db.execute("UPDATE claims SET speaker_id = ?, updated_at = ? WHERE id = ?", (to, now, r["claim_id"]))
            events.record(db, r["claim_id"], "speaker", actor, {"speaker_id": r["speaker_id"]},
                          {"speaker_id": to, "reason": reason}, at=now)
        moved.append(r["claim_id"])
    return moved


_COPIED = "merged from "  # the reason of an alias copied from a merged speaker, then its id


def _copy_names(db: Database, other: str, keep: str) -> None:
    """Copy ``other``'s name and aliases (and those of speakers merged into it) to ``keep``,
    so that claims are found under every name; :func:`split` takes them back."""
    for sid in _subtree(db, other):
        names = [r["alias"] for r in db.rows("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (sid,))]
        names.append(db.scalar("SELECT name FROM speakers WHERE id = ?", (sid,)))
        for name in names:
            db.execute(
                "INSERT INTO speaker_aliases (speaker_id, alias, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (keep, name, _COPIED + other),
            )


def merge(
    db: Database, keep: str, other: str, *, actor: str, reason: str, automatic: bool = False, now: str | None = None,
) -> list[str]:
    """Merge ``other`` into ``keep`` (both resolved to their canonical rows): ``other``'s
    claims count for ``keep``.  Undone by :func:`split`.  Returns the claims moved.

    Raises:
        LedgerError: the two are already one speaker.
    """
    now = now or events.utc_now()
    keep_c, other_c = canonical(db, keep), canonical(db, other)
    if keep_c == other_c:
        raise LedgerError(f"{other} is already the speaker {keep_c}; nothing to merge.")
    with db.transaction():
        db.execute("UPDATE speakers SET merged_into = ? WHERE id = ?", (keep_c, other_c))
        moved = _relink(db, _subtree(db, other_c), keep_c, actor=actor, now=now, reason=reason)
        _copy_names(db, other_c, keep_c)
        name = db.scalar("SELECT name FROM speakers WHERE id = ?", (other_c,))
        details = {"other": other_c, "other_name": name, "reason": reason, "automatic": automatic, "claims": len(moved)}
        _record(db, keep_c, "merge", actor, now, details)
        _record(db, other_c, "merged_into", actor, now, {"into": keep_c, "reason": reason, "automatic": automatic})
    return moved


def split(db: Database, speaker_id: str, *, actor: str, reason: str | None = None) -> tuple[str, list[str]]:
    """Undo the merge of ``speaker_id`` into another: it is its own speaker again, with the
    claims whose mentions named it (and the rows merged into it).  Returns the speaker it
    was merged into and the claims moved back.

    Raises:
        LedgerError: the speaker was not merged into another.
    """
    now = events.utc_now()
    with db.transaction():
        into = db.scalar("SELECT merged_into FROM speakers WHERE id = ?", (speaker_id,))
        if not into:
            raise LedgerError(
                f"Speaker {speaker_id} is not merged into another, so there is nothing to split; "
                "see which speakers were merged into one with attribution speakers show ID."
            )
        db.execute("UPDATE speakers SET merged_into = NULL WHERE id = ?", (speaker_id,))
        db.execute(
            "DELETE FROM speaker_aliases WHERE reason = ?", (_COPIED + speaker_id,)
        )
        why = reason or f"split from {into} by a reviewer"
        moved = _relink(db, _subtree(db, speaker_id), speaker_id, actor=actor, now=now, reason=why)
        _record(db, speaker_id, "split", actor, now, {"from": into, "reason": why, "claims": len(moved)})
        _record(db, into, "split_off", actor, now, {"other": speaker_id, "reason": why, "claims": len(moved)})
    return into, moved


def rename(db: Database, speaker_id: str, name: str, *, actor: str) -> str:
    """Give a speaker another display name; the old one stays as an alias.  Returns the
    canonical id renamed."""
    name = " ".join((name or "").split())
    if not name:
        raise LedgerError("Give the new name: attribution speakers rename ID NAME.")
    sid = canonical(db, speaker_id)
    now = events.utc_now()
    with db.transaction():
        old = db.scalar("SELECT name FROM speakers WHERE id = ?", (sid,))
        if old == name:
            return sid
        db.execute("UPDATE speakers SET name = ? WHERE id = ?", (name, sid))
        db.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (sid, old, f"former name, renamed by {actor}"),
        )
        _record(db, sid, "rename", actor, now, {"before": old, "after": name})
    return sid


# -- reading -------------------------------------------------------------------------------
def resolve(db: Database, ident: str, *, merged: bool = False) -> str:
    """A speaker's id from its id, a unique prefix of it (``s_`` and 4 digits or more), or
    its exact name or alias (one canonical speaker; with ``merged``, the speaker merged into
    another that has that name, where there is one).

    Raises:
        ClaimNotFound: no speaker, or several, match.
    """
    ident = (ident or "").strip()
    if db.scalar("SELECT 1 FROM speakers WHERE id = ?", (ident,)):
        return ident
    found: list[str] = []
    if len(ident) >= 6 and ident.startswith("s_") and all(ch in "0123456789abcdef" for ch in ident[2:]):
        found = [r["id"] for r in db.rows("SELECT id FROM speakers WHERE id LIKE ? LIMIT 3", (ident + "%",))]
    if not found and ident:
        rows = db.rows(
            "SELECT id FROM speakers WHERE lower(name) = lower(?) UNION "
            "SELECT speaker_id AS id FROM speaker_aliases WHERE lower(alias) = lower(?)",
            (ident, ident),
        )
        raw = {r["id"] for r in rows}
        undone = {sid for sid in raw if merged and db.scalar("SELECT merged_into FROM speakers WHERE id = ?", (sid,))}
        found = sorted(undone or {canonical(db, sid) for sid in raw})
    if len(found) == 1:
        return found[0]
    if found:
        raise ClaimNotFound(f"{ident!r} names several speakers ({', '.join(found[:5])}): give the id.")
    raise ClaimNotFound(f"No speaker {ident!r} in the ledger; list them with: attribution speakers.")


def aliases_of(db: Database, ids: list[str]) -> dict[str, list[str]]:
    """Each canonical speaker's aliases: its own and those of every row merged into it
    (with those rows' names), sorted, without its own name."""
    out: dict[str, list[str]] = {}
    for sid in ids:
        rows = _subtree(db, sid)
        marks = ", ".join("?" for _ in rows)
        names = {r["alias"] for r in db.rows(f"SELECT alias FROM speaker_aliases WHERE speaker_id IN ({marks})", list(rows))}
        names |= {r["name"] for r in db.rows(f"SELECT name FROM speakers WHERE id IN ({marks}) AND id <> ?", [*rows, sid])}
        own = db.scalar("SELECT name FROM speakers WHERE id = ?", (sid,))
        out[sid] = sorted(names - {own})
    return out


def details(db: Database, speaker_id: str) -> dict:
    """One speaker as ``speakers show`` tells it: the row, its aliases and why each is one,
    the speakers merged into it (and why), and its registry history."""
    sid = resolve(db, speaker_id)
    row = db.row("SELECT id, key, name, type, anonymous, article_id, merged_into, created_at FROM speakers WHERE id = ?", (sid,))
    assert row is not None  # resolved above
    alias_rows = db.rows(
        "SELECT alias, reason FROM speaker_aliases WHERE speaker_id = ? AND coalesce(reason, '') NOT LIKE ? ORDER BY alias",
        (sid, _COPIED + "%"),
    )
    merged = db.rows("SELECT id, name, type FROM speakers WHERE merged_into = ? ORDER BY name", (sid,))
    reasons = {}
    for r in db.rows("SELECT details FROM speaker_events WHERE speaker_id = ? AND action = 'merge' ORDER BY id", (sid,)):
        d = json.loads(r["details"])
        reasons[d.get("other")] = d.get("reason")
    history = [
        {"action": r["action"], "actor": r["actor"], "at": r["at"], **json.loads(r["details"])}
        for r in db.rows("SELECT action, actor, at, details FROM speaker_events WHERE speaker_id = ? ORDER BY id", (sid,))
    ]
    claims = db.scalar(
        "SELECT count(*) FROM claim_speakers cs JOIN claims c ON c.id = cs.claim_id "
        "WHERE cs.speaker_id = ? AND c.status <> 'withdrawn'", (sid,),
    )
    return {
        **row,
        "anonymous": bool(row["anonymous"]),
        "claims": int(claims or 0),
        "aliases": [{"alias": r["alias"], "reason": r["reason"] or "how an article named this speaker"} for r in alias_rows],
        "merged": [
            {**m, "reason": reasons.get(m["id"]) or "merged", "aliases": [
                a["alias"] for a in db.rows("SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", (m["id"],))
            ]}
            for m in merged
        ],
        "history": history,
    }
