"""Exports of reviewed claims: schema.org ClaimReview (JSON-LD), CSV and JSONL."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from ..errors import LedgerError
from .records import Claim
from .review import BEST_RATING, WORST_RATING

FORMATS = ("claimreview", "csv", "jsonl")
ORGANISATION_TYPES = frozenset({"organisation", "group", "document"})
CSV_COLUMNS = (
    "id", "status", "article_id", "article_url", "outlet", "article_published", "speaker",
    "speaker_type", "anonymous", "kind", "text", "start_char", "end_char", "assignee",
    "rating", "rating_value", "reviewer", "factcheck_url", "verdict_at", "published_at",
    "tags", "group_id",
)


def reviewed_text(text: str) -> str:
    """The claim's words for ``claimReviewed``: without enclosing quotation marks or the
    comma that hands over to the speech verb."""
    text = text.strip()
    if len(text) > 1 and text[0] in "“‘\"'«" and text[-1] in "”’\"'»":
        text = text[1:-1]
    return text.strip().rstrip(",;:").strip()


def _date(timestamp: str | None) -> str | None:
    return timestamp[:10] if timestamp else None


def _party(name: str, organisation: bool) -> dict[str, str]:
    return {"@type": "Organization" if organisation else "Person", "name": name}


def claim_review(claim: Claim, *, publisher: str | None = None) -> dict[str, Any]:
    """One claim with a verdict as a schema.org ClaimReview object.

    The review's ``author`` is ``publisher`` (an Organization) when given, else the
    reviewer (a Person).  Numeric ratings use the 1 (False) to 5 (True) scale.

    Raises:
        LedgerError: the claim has no verdict yet.
    """
    if claim.rating is None or claim.reviewer is None:
        raise LedgerError(
            f"Claim {claim.id} has no verdict, so there is no ClaimReview to export: give one "
            f"with attribution claims verdict {claim.id} --rating TEXT."
        )
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.rating}
    if claim.rating_value is not None:
        value = claim.rating_value
        rating.update(
            ratingValue=int(value) if float(value).is_integer() else value,
            bestRating=BEST_RATING,
            worstRating=WORST_RATING,
        )
    speaker = claim.speaker or "Unknown speaker"
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if claim.article_url:
        appearance["url"] = claim.article_url
    if claim.article_title:
        appearance["headline"] = claim.article_title
    if claim.outlet:
        appearance["publisher"] = _party(claim.outlet, True)
    if claim.article_published:
        appearance["datePublished"] = claim.article_published
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _party(speaker, claim.speaker_type in ORGANISATION_TYPES),
        "appearance": appearance,
    }
    if claim.article_published:
        item["datePublished"] = claim.article_published
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": reviewed_text(claim.text),
        "reviewRating": rating,
        "itemReviewed": item,
        "author": _party(publisher, True) if publisher else _party(claim.reviewer, False),
        "datePublished": _date(claim.published_at or claim.verdict_at),
    }
    if claim.factcheck_url:
        review["url"] = claim.factcheck_url
    return review


def to_claimreview(claims: Iterable[Claim], *, publisher: str | None = None) -> str:
    """A JSON array of ClaimReview objects."""
    reviews = [claim_review(c, publisher=publisher) for c in claims]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def csv_row(claim: Claim) -> dict[str, Any]:
    d = claim.to_dict()
    row = {k: d.get(k) for k in CSV_COLUMNS}
    row["tags"] = ";".join(claim.tags)
    row["anonymous"] = int(claim.anonymous)
    return row


def to_csv(claims: Iterable[Claim]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow(csv_row(c))
    return out.getvalue()


def to_jsonl(claims: Iterable[Claim]) -> str:
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)


def render(claims: Iterable[Claim], fmt: str, *, publisher: str | None = None) -> str:
    """``claims`` in one of :data:`FORMATS`."""
    if fmt == "claimreview":
        return to_claimreview(claims, publisher=publisher)
    if fmt == "csv":
        return to_csv(claims)
    if fmt == "jsonl":
        return to_jsonl(claims)
    raise LedgerError(f"Unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
