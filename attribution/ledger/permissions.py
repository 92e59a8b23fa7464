"""Who may do what: the review desk's role rules, beside the workflow rules of
:mod:`attribution.ledger.review` (which say what may happen to a claim in each status).

Reviewers review, correct and annotate; only editors publish, and an editor does not
publish a verdict they gave themselves unless the ledger is set up as a one-person desk
(setting ``desk.one_person`` = ``true``); admins manage users (and may do all the rest).
"""
from __future__ import annotations

from ..errors import LedgerError, PermissionDenied
from .db import Database
from .records import Claim
from .review import TRANSITIONS
from .users import User

# The least role each action needs (roles are ranked, see users.ROLES).
ACTION_ROLES: dict[str, str] = {
    "assign": "reviewer",
    "review": "reviewer",
    "verdict": "reviewer",
    "dismiss": "reviewer",
    "note": "reviewer",
    "tag": "reviewer",
    "untag": "reviewer",
    "correct": "reviewer",
    "merge_speakers": "reviewer",
    "split_speakers": "reviewer",
    "rename_speaker": "reviewer",
    "publish": "editor",
    "manage_users": "admin",
}
# Actions that are not steps of the status workflow and so are open in every status.
ANYTIME_ACTIONS = ("assign", "note", "tag", "untag", "correct")
ONE_PERSON_DESK_SETTING = "desk.one_person"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def check_flag(value: str) -> str:
    """A yes/no setting as ``true`` or ``false``.

    Raises:
        LedgerError: anything else.
    """
    v = (value or "").strip().casefold()
    if v not in _TRUE | _FALSE:
        raise LedgerError(f"{ONE_PERSON_DESK_SETTING} is true or false, not {value[:40]!r}.")
    return "true" if v in _TRUE else "false"


def one_person_desk(db: Database) -> bool:
    """Whether the ledger is set up for a one-person desk (an editor may publish their own
    verdicts).  Set with ``attribution config set desk.one_person true``."""
    if not db.has_table("settings"):
        return False
    value = db.scalar("SELECT value FROM settings WHERE key = ?", (ONE_PERSON_DESK_SETTING,))
    return str(value or "").strip().casefold() in _TRUE


def refusal(user: User, action: str, claim: Claim | None = None, *, solo_desk: bool = False) -> str | None:
    """Why ``user`` may not do ``action`` (on ``claim``), or None when they may."""
    if not user.active:
        return f"The account {user.name!r} has been removed."
    needed = ACTION_ROLES.get(action)
    if needed is None:
        return f"Unknown action {action!r}."
    if not user.can(needed):
        return f"Only {needed}s may {action.replace('_', ' ')}; {user.name!r} is a {user.role}."
    if action == "publish" and claim is not None and claim.reviewer == user.name and not solo_desk:
        return (
            f"{user.name!r} gave this verdict and cannot also publish it: another editor signs off "
            f"(or set up a one-person desk: attribution config set {ONE_PERSON_DESK_SETTING} true)."
        )
    return None


def check(user: User, action: str, claim: Claim | None = None, *, solo_desk: bool = False) -> None:
    """Raises:
    PermissionDenied: the user's role (or authorship of the verdict) forbids the action."""
    reason = refusal(user, action, claim, solo_desk=solo_desk)
    if reason:
        raise PermissionDenied(reason)


def workflow_actions(status: str) -> list[str]:
    """The status-changing actions the workflow allows from ``status``, in workflow order."""
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def claim_actions(user: User, claim: Claim, *, solo_desk: bool = False) -> list[str]:
    """Every action ``user`` may take on ``claim`` now: those its status allows and the
    user's role permits."""
    actions = [*workflow_actions(claim.status), *ANYTIME_ACTIONS]
    return [a for a in actions if refusal(user, a, claim, solo_desk=solo_desk) is None]
