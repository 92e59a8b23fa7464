"""Review actions as the web sends them: a name and string fields, checked against the
user's role (:mod:`attribution.ledger.permissions`) and run by the :class:`Ledger`, with
the logged-in user as the actor.  Pages and the JSON API share this one table, which
mirrors the CLI's ``claims`` commands; the workflow rules themselves live in the ledger."""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import InputError, UserError
from ..ledger import Claim, Ledger
from ..ledger import permissions as perms
from ..ledger.users import User, Users

Fields = Mapping[str, Any]
ME, NOBODY = "me", "none"
MAX_OFFSET_DIGITS = 12  # no article is a terabyte long; keeps offsets inside SQLite integers


def _text(fields: Fields, name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise InputError(f"{name} must be text.")
    return str(value)


def _value(fields: Fields) -> float | None:
    raw = _text(fields, "value").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"The rating value must be a number from 1 to 5, not {raw[:40]!r}.") from None
    if not math.isfinite(value):
        raise InputError("The rating value must be a number from 1 to 5.")
    return value


def assignee(ledger: Ledger, user: User, to: str) -> str | None:
    """Whom ``to`` names: ``me``, ``none`` (nobody) or an active user of the desk."""
    to = to.strip()
    if to == ME:
        return user.name
    if to in ("", NOBODY):
        return None
    found = Users(ledger.db).get(to)
    if found is None or not found.active:
        raise UserError(f"No user {to[:64]!r} to assign to; choose one of the desk's users.")
    return found.name


def _offset(fields: Fields, name: str) -> int | None:
    raw = _text(fields, name).strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > MAX_OFFSET_DIGITS:
        raise InputError(f"{name} must be a character offset (a whole number of 0 or more), not {raw[:20]!r}.")
    return int(raw)


def _correct(ledger: Ledger, user: User, claim_id: str, fields: Fields) -> Claim:
    speaker = _text(fields, "speaker").strip() or None
    kind = _text(fields, "speaker_type").strip() or None
    return ledger.correct(
        claim_id, actor=user.name, speaker=speaker, speaker_type=kind,
        start=_offset(fields, "start"), end=_offset(fields, "end"),
        speaker_start=_offset(fields, "speaker_start"), speaker_end=_offset(fields, "speaker_end"),
    )


def _tags(fields: Fields) -> list[str]:
    raw = fields.get("tags", fields.get("tag", ""))
    items = raw if isinstance(raw, list) else str(raw or "").split(",")
    return [str(t).strip() for t in items if str(t).strip()]


_RUN: dict[str, Callable[[Ledger, User, str, Fields], Claim]] = {
    "assign": lambda lg, u, cid, f: lg.assign(cid, assignee(lg, u, _text(f, "to")), actor=u.name),
    "review": lambda lg, u, cid, f: lg.start_review(cid, actor=u.name),
    "verdict": lambda lg, u, cid, f: lg.verdict(
        cid, _text(f, "rating"), value=_value(f), url=_text(f, "url").strip() or None, actor=u.name
    ),
    "publish": lambda lg, u, cid, f: lg.publish(cid, actor=u.name, url=_text(f, "url").strip() or None),
    "dismiss": lambda lg, u, cid, f: lg.dismiss(cid, actor=u.name, reason=_text(f, "reason").strip() or None),
    "note": lambda lg, u, cid, f: lg.note(cid, _text(f, "text"), actor=u.name),
    "tag": lambda lg, u, cid, f: lg.tag(cid, *_tags(f), actor=u.name),
    "untag": lambda lg, u, cid, f: lg.tag(cid, *_tags(f), actor=u.name, remove=True),
    "correct": _correct,
}
CLAIM_ACTIONS = tuple(_RUN)

# Registry actions: (permission, run) -> the speaker's details after the change.
_SPEAKER_RUN: dict[str, tuple[str, Callable[[Ledger, User, Fields], dict[str, Any]]]] = {
    "merge": ("merge_speakers", lambda lg, u, f: lg.merge_speakers(
        _text(f, "keep").strip(), _text(f, "other").strip(), actor=u.name, reason=_text(f, "reason").strip() or None)),
    "split": ("split_speakers", lambda lg, u, f: lg.split_speaker(
        _text(f, "speaker").strip(), actor=u.name, reason=_text(f, "reason").strip() or None)),
    "rename": ("rename_speaker", lambda lg, u, f: lg.rename_speaker(
        _text(f, "speaker").strip(), _text(f, "name").strip(), actor=u.name)),
}
SPEAKER_ACTIONS = tuple(_SPEAKER_RUN)


def run(ledger: Ledger, user: User, claim_id: str, action: str, fields: Fields) -> Claim:
    """Do ``action`` on the claim as ``user``.

    Raises:
        ClaimNotFound: no such claim (or action).
        PermissionDenied: the user's role forbids it.
        IllegalTransition, InvalidVerdict, PublishingError, InputError: the ledger refused.
    """
    if action not in _RUN:
        raise InputError(f"Unknown action {action[:40]!r}; the actions are: {', '.join(CLAIM_ACTIONS)}.")
    claim = ledger.claim(claim_id)
    perms.check(user, action, claim, solo_desk=perms.one_person_desk(ledger.db))
    return _RUN[action](ledger, user, claim.id, fields)


def run_speaker(ledger: Ledger, user: User, action: str, fields: Fields) -> dict[str, Any]:
    """Merge, split or rename speakers in the registry as ``user``."""
    if action not in _SPEAKER_RUN:
        raise InputError(f"Unknown speaker action {action[:40]!r}; the actions are: {', '.join(SPEAKER_ACTIONS)}.")
    permission, do = _SPEAKER_RUN[action]
    perms.check(user, permission)
    return do(ledger, user, fields)


def assign_many(ledger: Ledger, user: User, claim_ids: list[str], to: str) -> list[Claim]:
    """Assign several claims at once (all or none)."""
    perms.check(user, "assign")
    if not claim_ids:
        raise InputError("Tick at least one claim to assign.")
    return ledger.assign_many(claim_ids, assignee(ledger, user, to), actor=user.name)
