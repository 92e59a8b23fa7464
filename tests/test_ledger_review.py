"""The review workflow: legal and illegal transitions, verdicts, actors, and the event log."""
from __future__ import annotations

from pathlib import Path

import pytest

from attribution.errors import (
    ClaimNotFound,
    IllegalTransition,
    InputError,
    InvalidVerdict,
    LedgerError,
    MissingActor,
    PublishingError,
)
from attribution.ledger import STATUSES, Ledger
from attribution.ledger.review import (
    MAX_NOTE_CHARS,
    STAYS,
    TRANSITIONS,
    check_verdict,
    conflicting,
    next_status,
)
from attribution.model import Extraction

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"


@pytest.fixture
def ledger(ledger_target):  # once on SQLite, once on PostgreSQL (tests/conftest.py)
    with Ledger(ledger_target) as led:
        led.ingest_files([str(COUNCIL)])
        led.set_config("publisher.name", "Valley Fact Check", actor="ines")
        yield led


@pytest.fixture
def claim_id(ledger):
    return ledger.claims(speaker="Okafor", kind="direct")[0].id


def move_to(ledger, claim_id, status):
    """Bring a new claim to ``status`` by legal steps."""
    steps = {
        "new": [],
        "in_review": ["review"],
        "verdict_given": ["review", "verdict"],
        "published": ["review", "verdict", "publish"],
        "dismissed": ["dismiss"],
        "withdrawn": ["withdraw"],
    }[status]
    for step in steps:
        if step == "review":
            ledger.start_review(claim_id, actor="ines")
        elif step == "verdict":
            ledger.verdict(claim_id, "False", url="https://checks.example.org/1", actor="ines")
        elif step == "publish":
            ledger.publish(claim_id, actor="ines")
        elif step == "withdraw":  # a new version of the article no longer has the claim
            article = ledger.claim(claim_id).article_id
            ledger.ingest_extraction(Extraction(ledger.article_text(article) + "\nUpdated."), article_id=article)
        else:
            ledger.dismiss(claim_id, actor="ines")
    assert ledger.claim(claim_id).status == status


def act(ledger, claim_id, action):
    if action == "review":
        return ledger.start_review(claim_id, actor="tom")
    if action == "verdict":
        return ledger.verdict(claim_id, "True", actor="tom")
    if action == "publish":
        return ledger.publish(claim_id, actor="tom")
    return ledger.dismiss(claim_id, actor="tom")


ILLEGAL = [
    (status, action)
    for action, (sources, _) in TRANSITIONS.items()
    for status in STATUSES
    if status not in sources
]
LEGAL = [
    (status, action, status if (action, status) in STAYS else target)
    for action, (sources, target) in TRANSITIONS.items()
    for status in sorted(sources)
]


@pytest.mark.parametrize("status, action", ILLEGAL)
def test_illegal_transitions_are_refused_and_change_nothing(ledger, claim_id, status, action):
    move_to(ledger, claim_id, status)
    events_before = len(ledger.history(claim_id))
    with pytest.raises(IllegalTransition, match=f"Cannot {action} claim {claim_id} while it is {status}"):
        act(ledger, claim_id, action)
    assert ledger.claim(claim_id).status == status
    assert len(ledger.history(claim_id)) == events_before


@pytest.mark.parametrize("status, action, target", LEGAL)
def test_legal_transitions_record_their_event(ledger, claim_id, status, action, target):
    move_to(ledger, claim_id, status)
    assert act(ledger, claim_id, action).status == target
    last = ledger.history(claim_id)[-1]
    assert (last.action, last.actor) == (action, "tom")
    # an event lists the fields that changed: a corrected verdict keeps its status
    assert (last.before.get("status", status), last.after.get("status", status)) == (status, target)


def test_publishing_without_a_verdict_says_what_to_do(ledger, claim_id):
    ledger.start_review(claim_id, actor="ines")
    with pytest.raises(IllegalTransition) as err:
        ledger.publish(claim_id, actor="ines")
    assert f"attribution claims verdict {claim_id} --rating" in str(err.value)
    assert str(err.value).startswith("[A042]")


def test_verdict_records_reviewer_rating_value_and_url(ledger, claim_id):
    ledger.start_review(claim_id, actor="ines")
    claim = ledger.verdict(claim_id, "mostly TRUE", url="https://checks.example.org/1", actor="tom")
    assert (claim.rating, claim.rating_value, claim.reviewer) == ("Mostly true", 4.0, "tom")
    assert claim.factcheck_url == "https://checks.example.org/1" and claim.verdict_at.endswith("Z")
    custom = ledger.verdict(claim_id, "Needs context", value=2.5, actor="tom")
    assert (custom.rating, custom.rating_value, custom.factcheck_url) == ("Needs context", 2.5, "https://checks.example.org/1")
    unscaled = ledger.verdict(claim_id, "Unverifiable", actor="tom")
    assert unscaled.rating_value is None


def test_a_corrected_published_verdict_stays_published_with_its_first_date(ledger, claim_id):
    move_to(ledger, claim_id, "published")
    first = ledger.claim(claim_id)
    assert first.modified_at is None
    corrected = ledger.verdict(claim_id, "Half true", actor="tom")
    assert (corrected.status, corrected.rating) == ("published", "Half true")
    assert corrected.published_at == first.published_at
    assert corrected.modified_at == corrected.verdict_at
    assert [c.id for c in ledger.claims(status="published")] == [claim_id]
    last = ledger.history(claim_id)[-1]
    assert (last.action, last.before["rating"], last.after["rating"]) == ("verdict", "False", "Half true")


@pytest.mark.parametrize("rating, value", [("", None), ("   ", 3), ("False", 0), ("True", 6), ("Odd", -1)])
def test_invalid_verdicts_are_refused(ledger, claim_id, rating, value):
    ledger.start_review(claim_id, actor="ines")
    with pytest.raises(InvalidVerdict):
        ledger.verdict(claim_id, rating, value=value, actor="ines")
    assert ledger.claim(claim_id).status == "in_review"


def test_rating_scale():
    assert check_verdict("false", None) == ("False", 1.0)
    assert check_verdict("True", None) == ("True", 5.0)
    assert check_verdict("Satire", None) == ("Satire", None)
    assert check_verdict("Satire", 3) == ("Satire", 3.0)
    assert next_status("verdict", "published", "c_x") == "published"


@pytest.mark.parametrize("actor", [None, "", "   "])
def test_writes_need_an_actor(ledger, claim_id, actor):
    for write in (
        lambda: ledger.assign(claim_id, "tom", actor=actor),
        lambda: ledger.start_review(claim_id, actor=actor),
        lambda: ledger.note(claim_id, "hello", actor=actor),
        lambda: ledger.tag(claim_id, "x", actor=actor),
        lambda: ledger.dismiss(claim_id, actor=actor),
    ):
        with pytest.raises(MissingActor, match="--actor"):
            write()
    assert [e.action for e in ledger.history(claim_id)] == ["created"]


def test_review_takes_unassigned_claims_for_the_actor(ledger, claim_id):
    assert ledger.start_review(claim_id, actor="ines").assignee == "ines"
    other = ledger.claims(speaker="Okafor", kind="indirect")[0].id
    ledger.assign(other, "tom", actor="ines")
    assert ledger.start_review(other, actor="ines").assignee == "tom"


def test_assign_note_tag_and_dismiss_are_events(ledger, claim_id):
    ledger.assign(claim_id, "tom", actor="ines")
    ledger.assign(claim_id, "tom", actor="ines")  # no change: no event
    ledger.note(claim_id, "Check the 2019 traffic count.", actor="tom")
    ledger.tag(claim_id, "traffic", "budget", actor="tom")
    ledger.tag(claim_id, "budget", actor="tom", remove=True)
    ledger.dismiss(claim_id, actor="tom", reason="opinion, not checkable")
    events = ledger.history(claim_id)
    assert [(e.action, e.actor) for e in events] == [
        ("created", "attribution-ingest"),
        ("assign", "ines"),
        ("note", "tom"),
        ("tag", "tom"),
        ("untag", "tom"),
        ("dismiss", "tom"),
    ]
    assert events[1].before == {"assignee": None} and events[1].after == {"assignee": "tom"}
    assert events[3].after == {"tags": ["budget", "traffic"]} and events[4].after == {"tags": ["traffic"]}
    assert events[5].after == {"status": "dismissed", "reason": "opinion, not checkable"}
    assert [n["text"] for n in ledger.notes(claim_id)] == ["Check the 2019 traffic count."]
    assert ledger.claim(claim_id).tags == ["traffic"]
    assert all(e.at.endswith("Z") for e in events)
    assert [e.id for e in events] == sorted(e.id for e in events)


def test_every_change_to_a_claim_row_has_an_event(ledger, claim_id):
    """The claim's last update is its last event, and each write added exactly one."""
    move_to(ledger, claim_id, "published")
    ledger.assign(claim_id, "tom", actor="ines")
    ledger.tag(claim_id, "x", actor="ines")
    claim = ledger.claim(claim_id)
    assert claim.updated_at == ledger.history(claim_id)[-1].at
    assert len(ledger.history(claim_id)) == 1 + 3 + 2


def test_empty_notes_and_tags_are_refused(ledger, claim_id):
    with pytest.raises(InputError):
        ledger.note(claim_id, "  ", actor="ines")
    with pytest.raises(InputError):
        ledger.tag(claim_id, " ", actor="ines")



@pytest.mark.parametrize("rating, value", [("True", 1), ("False", 5), ("Mostly true", 2), ("Unverifiable", 3)])
def test_a_value_that_contradicts_the_rating_scale_is_refused(ledger, claim_id, rating, value):
    ledger.start_review(claim_id, actor="ines")
    with pytest.raises(InvalidVerdict, match="rating scale"):
        ledger.verdict(claim_id, rating, value=value, actor="ines")
    assert ledger.verdict(claim_id, "True", value=5, actor="ines").rating_value == 5.0


def test_publishing_needs_an_http_fact_check_url(ledger, claim_id):
    ledger.start_review(claim_id, actor="ines")
    ledger.verdict(claim_id, "False", actor="ines")
    with pytest.raises(PublishingError, match="fact-check URL"):
        ledger.publish(claim_id, actor="ines")
    for bad in ("javascript:alert(1)", "data:text/html,x", "ftp://x.org/a", "https://", "//evil.org/x"):
        with pytest.raises(PublishingError, match="http"):
            ledger.publish(claim_id, url=bad, actor="ines")
        with pytest.raises(PublishingError):
            ledger.verdict(claim_id, "False", url=bad, actor="ines")
    assert ledger.claim(claim_id).status == "verdict_given"
    published = ledger.publish(claim_id, url="https://checks.example.org/1", actor="ines")
    assert (published.status, published.factcheck_url) == ("published", "https://checks.example.org/1")
    assert ledger.history(claim_id)[-1].after["publisher"] == "Valley Fact Check"


def test_publishing_needs_a_configured_publisher():
    with Ledger(":memory:") as led:
        led.ingest_files([str(COUNCIL)])
        cid = led.claims(speaker="Okafor", kind="direct")[0].id
        led.start_review(cid, actor="ines")
        led.verdict(cid, "False", url="https://checks.example.org/1", actor="ines")
        with pytest.raises(PublishingError, match="publisher.name"):
            led.publish(cid, actor="ines")
        with pytest.raises(PublishingError, match="http"):
            led.set_config("publisher.url", "javascript:alert(1)", actor="ines")
        led.set_config("publisher.name", "  Valley   Fact Check ", actor="ines")
        led.set_config("publisher.url", "https://valley.example.org", actor="ines")
        assert led.config() == {"publisher.name": "Valley Fact Check", "publisher.url": "https://valley.example.org"}
        assert led.publish(cid, actor="ines").status == "published"
        with pytest.raises(LedgerError, match="Unknown setting"):
            led.set_config("publisher.colour", "red", actor="ines")


def test_conflicting_verdicts_on_linked_repeats_are_found(ledger):
    mayor, repeat = (c.id for c in ledger.claims(speaker="Torres", kind="direct", search="finish bridge June"))
    assert ledger.claim(mayor).linked[0].id == repeat
    for cid, rating in ((mayor, "Misleading"), (repeat, "misleading")):
        ledger.start_review(cid, actor="ines")
        ledger.verdict(cid, rating, actor="ines")
    assert ledger.claims(conflicts=True) == []  # the same rating, spelled two ways
    ledger.verdict(repeat, "False", actor="ines")
    assert {c.id for c in ledger.claims(conflicts=True)} == {mayor, repeat}
    assert [c.id for c in conflicting(ledger.claim(mayor).rating, ledger.claim(mayor).linked)] == [repeat]


def test_notes_are_capped_and_stored_as_typed(ledger, claim_id):
    typed = "check \x1b[31mred\x1b[0m and a bell\x07"
    ledger.note(claim_id, typed, actor="ines")
    assert ledger.notes(claim_id)[-1]["text"] == typed
    with pytest.raises(InputError, match=str(MAX_NOTE_CHARS)[:2]):
        ledger.note(claim_id, "x" * (MAX_NOTE_CHARS + 1), actor="ines")
    ledger.note(claim_id, "x" * MAX_NOTE_CHARS, actor="ines")


def test_bulk_assignment_is_all_or_nothing(ledger):
    first, second = (c.id for c in ledger.claims(status="new", limit=2))
    with pytest.raises(ClaimNotFound):
        ledger.assign_many([first, "c_ffffffffff"], "tom", actor="ines")
    assert ledger.claim(first).assignee is None
    assert [c.assignee for c in ledger.assign_many([first, second], "tom", actor="ines")] == ["tom", "tom"]
