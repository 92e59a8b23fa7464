"""The review workflow: statuses, which action may move a claim where, and verdict ratings.

::

    new ──review──▶ in_review ──verdict──▶ verdict_given ──publish──▶ published ─┐
     │                  │                     │                             ▲      │
     └──dismiss──▶ dismissed ◀──dismiss───────┘                             └──────┘
                      │                                  verdict (a correction stays published)
                      └──review──▶ in_review   (a dismissed claim can be taken up again)
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import IllegalTransition, InputError, InvalidVerdict
from .records import LinkedClaim

# "withdrawn": a later version of the article no longer has the claim (set by ingest only;
# no review action applies until a version has it again).
STATUSES = ("new", "in_review", "verdict_given", "published", "dismissed", "withdrawn")

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "review": (frozenset({"new", "dismissed"}), "in_review"),
    "verdict": (frozenset({"in_review", "verdict_given", "published"}), "verdict_given"),
    "publish": (frozenset({"verdict_given"}), "published"),
    "dismiss": (frozenset({"new", "in_review", "verdict_given"}), "dismissed"),
}
# (action, status) pairs that keep the status: a corrected published verdict stays on the
# website (with dateModified) instead of vanishing until someone publishes it again.
STAYS = frozenset({("verdict", "published")})

# A reviewer's note: a long memo fits; a document does not (link it from the note instead).
MAX_NOTE_CHARS = 20_000

_HINTS = {
    ("verdict", "new"): "start the review first (attribution claims review {id}).",
    ("verdict", "dismissed"): "take it up again first (attribution claims review {id}).",
    ("publish", "new"): "review it and give a verdict first "
    "(attribution claims review {id}; attribution claims verdict {id} --rating TEXT).",
    ("publish", "in_review"): "give a verdict first (attribution claims verdict {id} --rating TEXT).",
    ("publish", "published"): "it is already published.",
    ("publish", "dismissed"): "it was dismissed as not a claim; take it up again with "
    "attribution claims review {id}.",
    ("review", "in_review"): "it is already in review.",
    ("review", "verdict_given"): "it already has a verdict; give a new one with "
    "attribution claims verdict {id} --rating TEXT.",
    ("review", "published"): "it is published; correct it with attribution claims verdict {id} --rating TEXT.",
    ("dismiss", "published"): "a published verdict stays on record; give a corrected verdict instead.",
    ("dismiss", "dismissed"): "it is already dismissed.",
    **{
        (action, "withdrawn"): "the article's current version no longer has it "
        "(attribution articles show ARTICLE tells what changed)."
        for action in ("review", "verdict", "publish", "dismiss")
    },
}


def next_status(action: str, status: str, claim_id: str) -> str:
    """The status ``action`` leads to from ``status``.

    Raises:
        IllegalTransition: the action is not allowed from ``status``; the message says
            what to do instead.
    """
    sources, target = TRANSITIONS[action]
    if status not in sources:
        hint = _HINTS.get((action, status), "allowed from: " + ", ".join(sorted(sources)) + ".")
        raise IllegalTransition(
            f"Cannot {action} claim {claim_id} while it is {status}: {hint.format(id=claim_id)}"
        )
    return status if (action, status) in STAYS else target


# The numeric rating scale (schema.org Rating: worstRating 1, bestRating 5).
WORST_RATING = 1
BEST_RATING = 5
RATING_SCALE: dict[str, int | None] = {
    "True": 5,
    "Mostly true": 4,
    "Half true": 3,
    "Mixed": 3,
    "Mostly false": 2,
    "Misleading": 2,
    "False": 1,
    "Unverifiable": None,
}


def check_verdict(rating: str, value: float | None) -> tuple[str, float | None]:
    """The verdict to store: the rating text (standard labels in their canonical spelling)
    and a numeric value (given, or the standard label's value, or None).

    Raises:
        InvalidVerdict: empty rating, or a value outside the 1-5 scale.
    """
    rating = " ".join((rating or "").split())
    if not rating:
        raise InvalidVerdict(
            "A verdict needs a rating text, e.g. --rating 'Mostly true' "
            f"(standard ratings: {', '.join(RATING_SCALE)})."
        )
    standard = {label.casefold(): label for label in RATING_SCALE}
    label = standard.get(rating.casefold(), rating)
    if value is None:
        scale_value = RATING_SCALE.get(label)
        return label, None if scale_value is None else float(scale_value)
    if math.isnan(value) or not WORST_RATING <= value <= BEST_RATING:
        raise InvalidVerdict(
            f"Rating value {value:g} is outside the scale {WORST_RATING}-{BEST_RATING} "
            f"({WORST_RATING} = False, {BEST_RATING} = True); omit --value for unscaled ratings."
        )
    if label in RATING_SCALE and RATING_SCALE[label] != value:
        expected = RATING_SCALE[label]
        fix = "it has no value on the scale" if expected is None else f"its value is {expected}"
        raise InvalidVerdict(
            f"Rating {label!r} with value {value:g} contradicts the rating scale: {fix}. "
            "Omit --value for a standard rating, or give your own rating text with a value."
        )
    return label, float(value)


def same_rating(a: str | None, b: str | None) -> bool:
    """Whether two verdict ratings agree (labels compared without case)."""
    return (a or "").casefold() == (b or "").casefold()


def conflicting(rating: str | None, linked: Sequence[LinkedClaim]) -> list[LinkedClaim]:
    """The linked repeats whose verdict differs from ``rating`` (none without a rating):
    the same words by the same speaker rated two ways, which a desk should reconcile."""
    if rating is None:
        return []
    return [c for c in linked if c.rating is not None and not same_rating(c.rating, rating)]


def check_note(text: str) -> str:
    """A note's text as typed, stripped of surrounding blank space.

    Raises:
        InputError: empty, or longer than :data:`MAX_NOTE_CHARS`.
    """
    text = (text or "").strip()
    if not text:
        raise InputError("A note needs some text.")
    if len(text) > MAX_NOTE_CHARS:
        raise InputError(
            f"The note has {len(text):,} characters, more than the {MAX_NOTE_CHARS:,} a note may "
            "hold; shorten it, or keep the document elsewhere and link it from the note."
        )
    return text
