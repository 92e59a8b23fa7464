"""Exports of reviewed claims: schema.org ClaimReview (JSON-LD), CSV and JSONL."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, fields, replace
from typing import Any

from ..errors import LedgerError, PublishingError
from .publishing import Publisher, check_url, is_safe_url
from .records import Claim
from .review import BEST_RATING, WORST_RATING, conflicting

FORMATS = ("claimreview", "csv", "jsonl")
ORGANISATION_TYPES = frozenset({"organisation", "group", "document"})
# Columns first in the CSV, in this order; every other claim field follows (see csv_columns).
CSV_LEADING = (
    "id", "status", "article_id", "article_url", "outlet", "article_published", "speaker",
    "speaker_type", "anonymous", "kind", "text", "start_char", "end_char", "assignee",
    "rating", "rating_value", "reviewer", "factcheck_url", "verdict_at", "published_at",
    "modified_at", "tags", "group_id",
)
# OWASP CSV injection rule: a cell starting with one of these is read as a formula by
# spreadsheets, so it is prefixed with a single quote (shown as text, never evaluated).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Repeats named in a listing record: enough to follow, while 400 syndicated copies of one
# article do not make every record list 399 others (the counts are complete; show lists all).
MAX_LISTED_LINKS = 20


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


def claim_review(claim: Claim, *, publisher: Publisher) -> dict[str, Any]:
    """One published claim as a schema.org ClaimReview object.

    The review's ``author`` is the ``publisher`` (an Organization); ``datePublished`` is
    the day it was first published and ``dateModified`` the day its verdict was last
    corrected.  Numeric ratings use the 1 (False) to 5 (True) scale.

    Raises:
        PublishingError: the claim is not published (or has no verdict or URL).
    """
    if claim.status != "published" or claim.rating is None:
        raise PublishingError(
            f"Claim {claim.id} is {claim.status}, not published, so it has no ClaimReview: "
            f"publish it first (attribution claims publish {claim.id} --url https://...)."
        )
    fix = f"correct it with attribution claims verdict {claim.id} --rating '{claim.rating}' --url https://..."
    if not claim.factcheck_url:  # published before publishing needed a link
        raise PublishingError(f"Published claim {claim.id} has no fact-check URL: {fix}")
    try:  # a link stored before links were checked is checked again, never exported unsafe
        check_url(claim.factcheck_url)
    except PublishingError as exc:
        raise PublishingError(f"Published claim {claim.id}: {exc.message} To fix it, {fix}") from exc
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
    if is_safe_url(claim.article_url):  # an article's own url could be javascript: too
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
        "author": publisher.to_schema(),
        "datePublished": _date(claim.published_at),
        "url": claim.factcheck_url,
    }
    if claim.modified_at:
        review["dateModified"] = _date(claim.modified_at)
    return review


def to_claimreview(claims: Iterable[Claim], *, publisher: Publisher) -> str:
    """A JSON array of ClaimReview objects (published claims only; see claim_review)."""
    reviews = [claim_review(c, publisher=publisher) for c in claims]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def claim_record(claim: Claim) -> dict[str, Any]:
    """Every field of the claim as plain data, with its repeats as ids and counts (never
    nested copies): ``linked_count`` and the first :data:`MAX_LISTED_LINKS` of
    ``linked_ids``; ``conflict_count`` and ``conflict_ids``, the repeats whose verdict
    differs from this claim's."""
    d = replace(claim, linked=[]).to_dict()  # not a dict of every repeat, only to drop it
    del d["linked"]
    verdict = claim.linked_verdict
    d["linked_verdict"] = asdict(verdict) if verdict else None
    conflicts = conflicting(claim.rating, claim.linked)
    d["linked_ids"] = [c.id for c in claim.linked[:MAX_LISTED_LINKS]]
    d["linked_count"] = len(claim.linked)
    d["conflict_ids"] = [c.id for c in conflicts[:MAX_LISTED_LINKS]]
    d["conflict_count"] = len(conflicts)
    return d


def neutralise_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: strings starting with a formula character
    get a leading single quote (OWASP); numbers and other values are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def csv_columns(record: dict[str, Any]) -> list[str]:
    """:data:`CSV_LEADING`, then every other field of ``record`` in its order."""
    return [*CSV_LEADING, *(k for k in record if k not in CSV_LEADING)]


def csv_row(claim: Claim) -> dict[str, Any]:
    """The claim as CSV cells: lists joined with ``;``, objects as JSON, formulas neutralised."""
    return {k: neutralise_cell(_cell(v)) for k, v in claim_record(claim).items()}


def to_csv(claims: Iterable[Claim]) -> str:
    out = io.StringIO()
    rows = [csv_row(c) for c in claims]
    columns = csv_columns(rows[0] if rows else claim_record_template())
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def claim_record_template() -> dict[str, Any]:
    """The fields of :func:`claim_record` (for the header of an empty CSV)."""
    names = [f.name for f in fields(Claim) if f.name != "linked"]
    return dict.fromkeys(
        [*names, "speaker", "linked_verdict", "linked_ids", "linked_count", "conflict_ids", "conflict_count"]
    )


def to_jsonl(claims: Iterable[Claim]) -> str:
    return "".join(json.dumps(claim_record(c), ensure_ascii=False) + "\n" for c in claims)


def render(claims: Iterable[Claim], fmt: str, *, publisher: Publisher | None = None) -> str:
    """``claims`` in one of :data:`FORMATS` (ClaimReview: published claims, by ``publisher``)."""
    if fmt == "claimreview":
        claims = list(claims)
        if claims and publisher is None:
            raise PublishingError("A ClaimReview export needs the publisher: configure publisher.name.")
        return to_claimreview(claims, publisher=publisher or Publisher(""))
    if fmt == "csv":
        return to_csv(claims)
    if fmt == "jsonl":
        return to_jsonl(claims)
    raise LedgerError(f"Unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
