"""Exports: ClaimReview JSON-LD validated against the schema.org field list, CSV and JSONL."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from attribution.errors import LedgerError, PublishingError
from attribution.ledger import Claim, Ledger
from attribution.ledger.export import neutralise_cell

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# schema.org types and the properties this export may use (https://schema.org/ClaimReview,
# /Claim, /Rating, /CreativeWork, /Person, /Organization), with the ones it must fill in:
# Google's ClaimReview guidelines require claimReviewed, reviewRating (with alternateName)
# and url; the issue also requires author, datePublished, and the Claim's author and appearance.
SCHEMA = {
    "ClaimReview": {
        "allowed": {"@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "url",
                    "author", "datePublished", "dateModified", "name", "headline", "reviewBody", "publisher",
                    "inLanguage"},
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
    ("ClaimReview", "author"): {"Organization"},  # the fact-checking organisation, never a login
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
    for key in ("datePublished", "dateModified"):
        if key in node and not DATE.match(str(node[key])):
            problems.append(f"{path}.{key}: {node[key]!r} is not an ISO date")
    return problems


@pytest.fixture
def ledger(ledger_target):  # once on SQLite, once on PostgreSQL (tests/conftest.py)
    with Ledger(ledger_target) as led:
        led.ingest_files([str(COUNCIL)])
        led.set_config("publisher.name", "Valley Checks", actor="ines")
        led.set_config("publisher.url", "https://valley.example.org", actor="ines")
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
    assert mayor["author"] == {"@type": "Organization", "name": "Valley Checks", "url": "https://valley.example.org"}
    assert "dateModified" not in mayor
    assert mayor["url"].startswith("https://checks.example.org/c_")
    unscaled = next(r for r in reviews if r is not mayor)
    assert unscaled["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_the_configured_publisher_is_the_author(ledger):
    ledger.set_config("publisher.url", None, actor="ines")
    reviews = json.loads(ledger.export("claimreview"))
    assert {json.dumps(r["author"]) for r in reviews} == {json.dumps({"@type": "Organization", "name": "Valley Checks"})}


def test_organisations_are_authored_as_organizations(ledger):
    contractor = ledger.claims(status="dismissed")[0]
    ledger.start_review(contractor.id, actor="ines")
    ledger.verdict(contractor.id, "True", actor="ines", url="https://checks.example.org/contractor")
    ledger.publish(contractor.id, actor="ines")
    [review] = json.loads(ledger.export("claimreview", ids=[contractor.id]))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "The contractor"}
    assert validate(review, "ClaimReview") == []


@pytest.mark.parametrize("status", ["new", "verdict_given", "dismissed"])
def test_one_claim_that_is_not_published_cannot_be_a_claimreview(ledger, status):
    unpublished = ledger.claims(status=status)[0]
    with pytest.raises(PublishingError, match="not published"):
        ledger.export("claimreview", ids=[unpublished.id])


@pytest.mark.parametrize(
    "filters", [{"article": "riverside-bridge"}, {"status": "verdict_given"}, {"status": "dismissed"}, {"speaker": "Okafor"}]
)
def test_a_filter_exports_only_published_claims_as_claimreview(ledger, filters):
    dismissed = ledger.claims(status="dismissed")[0]
    ledger.start_review(dismissed.id, actor="ines")
    ledger.verdict(dismissed.id, "True", url="https://checks.example.org/d", actor="ines")
    ledger.dismiss(dismissed.id, actor="ines")  # dismissed with a verdict on record
    reviews = json.loads(ledger.export("claimreview", **filters))
    published = {c.factcheck_url for c in ledger.claims(status="published", **{k: v for k, v in filters.items() if k != "status"})}
    expected = published if filters.get("status") in (None, "published") else set()
    assert {r["url"] for r in reviews} == expected


def test_a_corrected_verdict_stays_in_the_feed_with_date_modified(ledger):
    mayor = ledger.claims(article="riverside-bridge", speaker="Torres", kind="direct")[0]
    first = ledger.claim(mayor.id).published_at
    ledger.verdict(mayor.id, "False", actor="tom")
    [review] = [r for r in json.loads(ledger.export("claimreview")) if r["url"] == mayor.factcheck_url]
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["datePublished"] == first[:10]
    assert review["dateModified"] == ledger.claim(mayor.id).modified_at[:10]
    assert validate(review, "ClaimReview") == []


def test_claimreview_export_needs_a_publisher():
    with Ledger(":memory:") as led:
        assert json.loads(led.export("claimreview")) == []  # nothing to publish, nothing needed


def test_csv_export(ledger):
    rows = list(csv.DictReader(io.StringIO(ledger.export("csv"))))
    assert len(rows) == 2 and {r["status"] for r in rows} == {"published"}
    mayor = next(r for r in rows if r["speaker"] == "Ana Torres")
    assert (mayor["rating"], mayor["rating_value"], mayor["outlet"]) == ("Misleading", "2.0", "Riverside Courier")
    assert (mayor["cue"], mayor["stance"], mayor["speaker_mention"]) == ("said", "assert", "Mayor Ana Torres")
    assert float(mayor["confidence"]) > 0 and mayor["linked_count"] == "1"
    everything = list(csv.DictReader(io.StringIO(ledger.export("csv", status=None))))
    assert len(everything) == 7


def test_csv_and_jsonl_carry_every_claim_field(ledger):
    """Every field of Claim (linked repeats as ids and a count) is a CSV column and a JSONL key."""
    wanted = {f.name for f in dataclasses.fields(Claim)} - {"linked"} | {"linked_ids", "linked_count", "speaker"}
    header = next(csv.reader(io.StringIO(ledger.export("csv"))))
    assert wanted <= set(header)
    assert wanted <= set(json.loads(ledger.export("jsonl").splitlines()[0]))
    empty = next(csv.reader(io.StringIO(ledger.export("csv", status="in_review"))))
    assert empty == header


@pytest.mark.parametrize("payload", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised_and_others_kept(payload):
    assert neutralise_cell(payload) == "'" + payload
    assert neutralise_cell("Mayor said -") == "Mayor said -" and neutralise_cell(-1.5) == -1.5


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(payload):
    with Ledger(":memory:") as led:
        led.ingest_files([str(COUNCIL)])
        claim = led.claims(kind="direct")[0]
        led.tag(claim.id, payload, actor=payload)
        led.assign(claim.id, payload, actor="ines")
        [row] = list(csv.DictReader(io.StringIO(led.export("csv", ids=[claim.id]))))
    assert row["assignee"] == "'" + payload and row["tags"] == "'" + payload
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_jsonl_export(ledger):
    lines = ledger.export("jsonl", speaker="Okafor").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2 and all(r["id"].startswith("c_") for r in records)
    assert all("linked" not in r and isinstance(r["linked_ids"], list) for r in records)
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


@pytest.mark.parametrize("stored", [None, "javascript:alert(1)"])
def test_a_published_claim_from_before_the_checks_is_never_exported_unsafe(ledger, stored):
    """A ledger written before publishing checked links may hold a published claim with no
    URL or a javascript: one: the export refuses it and says how to correct it."""
    mayor = ledger.claims(article="riverside-bridge", speaker="Torres", kind="direct")[0]
    ledger.db.execute("UPDATE claims SET factcheck_url = ? WHERE id = ?", (stored, mayor.id))
    with pytest.raises(PublishingError, match="claims verdict"):
        ledger.export("claimreview")
    ledger.verdict(mayor.id, "Misleading", url="https://checks.example.org/fixed", actor="ines")
    assert "https://checks.example.org/fixed" in ledger.export("claimreview")


def test_an_article_link_that_is_not_http_is_left_out_of_the_claimreview(ledger):
    mayor = ledger.claims(article="riverside-bridge", speaker="Torres", kind="direct")[0]
    ledger.db.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = ?", (mayor.article_id,))
    [review] = [r for r in json.loads(ledger.export("claimreview")) if r["url"] == mayor.factcheck_url]
    assert "url" not in review["itemReviewed"]["appearance"]
    assert "javascript" not in json.dumps(review)
