"""Exports: ClaimReview JSON-LD validated against the schema.org field list, CSV and JSONL."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from attribution.errors import LedgerError
from attribution.ledger import Ledger

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# schema.org types and the properties this export may use (https://schema.org/ClaimReview,
# /Claim, /Rating, /CreativeWork, /Person, /Organization), with the ones it must fill in:
# Google's ClaimReview guidelines require claimReviewed, reviewRating (with alternateName)
# and url; the issue also requires author, datePublished, and the Claim's author and appearance.
SCHEMA = {
    "ClaimReview": {
        "allowed": {"@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "url",
                    "author", "datePublished", "name", "headline", "reviewBody", "publisher", "inLanguage"},
        "required": {"@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "url",
                     "author", "datePublished"},
    },
    "Rating": {
        "allowed": {"@type", "alternateName", "ratingValue", "bestRating", "worstRating", "name",
                    "ratingExplanation"},
        "required": {"@type", "alternateName"},
    },
    "Claim": {
        "allowed": {"@type", "author", "appearance", "firstAppearance", "datePublished", "name"},
        "required": {"@type", "author", "appearance"},
    },
    "CreativeWork": {
        "allowed": {"@type", "url", "headline", "publisher", "datePublished", "name"},
        "required": {"@type", "url"},
    },
    "Person": {"allowed": {"@type", "name", "url", "jobTitle"}, "required": {"@type", "name"}},
    "Organization": {"allowed": {"@type", "name", "url"}, "required": {"@type", "name"}},
}
EXPECTED_TYPE = {  # property -> the types its value may have
    ("ClaimReview", "reviewRating"): {"Rating"},
    ("ClaimReview", "itemReviewed"): {"Claim"},
    ("ClaimReview", "author"): {"Person", "Organization"},
    ("Claim", "author"): {"Person", "Organization"},
    ("Claim", "appearance"): {"CreativeWork"},
    ("CreativeWork", "publisher"): {"Organization"},
}


def validate(node: dict, type_name: str, path: str = "$") -> list[str]:
    """Problems with ``node`` as a ``type_name``, recursively; empty when valid."""
    problems = []
    spec = SCHEMA[type_name]
    if node.get("@type") != type_name:
        problems.append(f"{path}: @type {node.get('@type')!r} is not {type_name}")
    problems += [f"{path}: unknown property {k}" for k in sorted(set(node) - spec["allowed"])]
    problems += [f"{path}: missing {k}" for k in sorted(spec["required"] - set(node))]
    for key, value in node.items():
        if isinstance(value, dict):
            types = EXPECTED_TYPE.get((type_name, key), set())
            if value.get("@type") not in types:
                problems.append(f"{path}.{key}: {value.get('@type')!r} not one of {sorted(types)}")
            else:
                problems += validate(value, value["@type"], f"{path}.{key}")
        elif key not in ("@context", "@type") and not isinstance(value, (str, int, float)):
            problems.append(f"{path}.{key}: {type(value).__name__} is not a text or number")
    if type_name == "Rating" and "ratingValue" in node:
        if not {"bestRating", "worstRating"} <= set(node):
            problems.append(f"{path}: ratingValue without bestRating/worstRating")
        elif not node["worstRating"] <= node["ratingValue"] <= node["bestRating"]:
            problems.append(f"{path}: ratingValue outside its scale")
    for key in ("datePublished",):
        if key in node and not DATE.match(str(node[key])):
            problems.append(f"{path}.{key}: {node[key]!r} is not an ISO date")
    return problems


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        led.ingest_files([str(COUNCIL)])
        mayor = led.claims(article="riverside-bridge", speaker="Torres", kind="direct")[0]
        official = led.claims(anonymous=True)[0]
        for claim, rating, value in ((mayor, "Misleading", None), (official, "Unverifiable", None)):
            led.start_review(claim.id, actor="ines")
            led.verdict(claim.id, rating, value=value, url=f"https://checks.example.org/{claim.id}", actor="ines")
            led.publish(claim.id, actor="ines")
        okafor = led.claims(speaker="Okafor", kind="direct")[0]
        led.start_review(okafor.id, actor="tom")
        led.verdict(okafor.id, "True", actor="tom")  # not published
        yield led


def test_validator_catches_mistakes():
    assert validate({"@type": "Rating"}, "Rating") == ["$: missing alternateName"]
    bad = {"@type": "Rating", "alternateName": "False", "ratingValue": 9, "bestRating": 5, "worstRating": 1, "colour": 1}
    assert validate(bad, "Rating") == ["$: unknown property colour", "$: ratingValue outside its scale"]


def test_published_claims_export_as_valid_claimreview(ledger):
    reviews = json.loads(ledger.export("claimreview"))
    assert len(reviews) == 2
    for review in reviews:
        assert validate(review, "ClaimReview") == []
    mayor = next(r for r in reviews if r["itemReviewed"]["author"]["name"] == "Ana Torres")
    assert mayor["claimReviewed"] == "We will finish the bridge by June"
    assert mayor["reviewRating"] == {
        "@type": "Rating", "alternateName": "Misleading", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
    }
    assert mayor["itemReviewed"]["appearance"]["url"] == "https://news.example.org/riverside/bridge-budget"
    assert mayor["itemReviewed"]["datePublished"] == "2025-03-04"
    assert mayor["author"] == {"@type": "Person", "name": "ines"}
    assert mayor["url"].startswith("https://checks.example.org/c_")
    unscaled = next(r for r in reviews if r is not mayor)
    assert unscaled["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_publisher_is_the_organisation_author(ledger):
    reviews = json.loads(ledger.export("claimreview", publisher="Valley Checks"))
    assert {json.dumps(r["author"]) for r in reviews} == {json.dumps({"@type": "Organization", "name": "Valley Checks"})}


def test_organisations_are_authored_as_organizations(ledger):
    contractor = ledger.claims(status="dismissed")[0]
    ledger.start_review(contractor.id, actor="ines")
    ledger.verdict(contractor.id, "True", actor="ines", url="https://checks.example.org/contractor")
    [review] = json.loads(ledger.export("claimreview", ids=[contractor.id]))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "The contractor"}
    assert validate(review, "ClaimReview") == []


def test_one_claim_without_a_verdict_cannot_be_a_claimreview(ledger):
    fresh = ledger.claims(status="new")[0]
    with pytest.raises(LedgerError, match="attribution claims verdict"):
        ledger.export("claimreview", ids=[fresh.id])


def test_a_filter_exports_only_claims_with_verdicts_as_claimreview(ledger):
    reviews = json.loads(ledger.export("claimreview", article="riverside-bridge"))
    assert sorted(r["reviewRating"]["alternateName"] for r in reviews) == ["Misleading", "True"]


def test_csv_export(ledger):
    rows = list(csv.DictReader(io.StringIO(ledger.export("csv"))))
    assert len(rows) == 2 and {r["status"] for r in rows} == {"published"}
    mayor = next(r for r in rows if r["speaker"] == "Ana Torres")
    assert (mayor["rating"], mayor["rating_value"], mayor["outlet"]) == ("Misleading", "2.0", "Riverside Courier")
    everything = list(csv.DictReader(io.StringIO(ledger.export("csv", status=None))))
    assert len(everything) == 7


def test_jsonl_export(ledger):
    lines = ledger.export("jsonl", speaker="Okafor").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2 and all(r["id"].startswith("c_") for r in records)
    assert {r["status"] for r in records} == {"verdict_given", "new"}


def test_unknown_format_is_refused(ledger):
    with pytest.raises(LedgerError, match="claimreview, csv, jsonl"):
        ledger.export("xml")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will finish the bridge by June,”", "We will finish the bridge by June"),
        ("We will finish the bridge by June,", "We will finish the bridge by June"),
        ("the council had approved the budget", "the council had approved the budget"),
        ("“Yes.”", "Yes."),
    ],
)
def test_claim_reviewed_drops_enclosing_quotes_and_handover_comma(text, expected):
    from attribution.ledger.export import reviewed_text

    assert reviewed_text(text) == expected
