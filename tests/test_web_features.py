"""Step definitions for features/web.feature: the review desk driven in Debian's Chromium
by Playwright, against a uvicorn server on a free 127.0.0.1 port."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from web_helpers import (
    HOSTILE_ID,
    HOSTILE_SCRIPT,
    PUBLISHER,
    browser_skip_reason,
    launch_chromium,
    log_in_browser,
    make_ledger,
    running_desk,
)

from attribution.ledger import Ledger

ROOT = Path(__file__).resolve().parents[1]
PORT_CALDER = ROOT / "fixtures" / "articles" / "port-calder-bridge.txt"
TIMEOUT_MS = 15_000

_SKIP = browser_skip_reason()
if _SKIP:
    pytest.skip(_SKIP, allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

scenarios(str(ROOT / "features" / "web.feature"))


@pytest.fixture(scope="module")
def template_ledger(tmp_path_factory):
    """Port Calder (extracted for real), the hostile article and the desk's users, once."""
    return make_ledger(tmp_path_factory.mktemp("desk") / "ledger.sqlite", files=(PORT_CALDER,))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def dialogs():
    return []


@pytest.fixture
def page(browser, dialogs):
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _claim_id(ledger_path: Path, words: str) -> str:
    with Ledger(ledger_path, readonly=True) as ledger:
        found = [c.id for c in ledger.claims() if words in c.text]
    assert len(found) == 1, found
    return found[0]


def _status(ledger_path: Path, cid: str) -> str:
    with Ledger(ledger_path, readonly=True) as ledger:
        return ledger.claim(cid).status


# -- given ---------------------------------------------------------------------------------------
@given("the Port Calder article is in the ledger with the desk's users", target_fixture="ledger_path")
def ledger_path(template_ledger, tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(template_ledger, path)
    return path


@given("the review desk is running", target_fixture="desk")
def desk(ledger_path):
    with running_desk(ledger_path) as url:
        yield url


def _log_in(page, desk, name):
    log_in_browser(page, desk, name)
    expect(page.locator("#whoami")).to_contain_text(name)


@given(parsers.parse('"{name}" is logged in'))
def logged_in(page, desk, name):
    _log_in(page, desk, name)


@given(parsers.parse('"{name}" has given the verdict "{rating}" on the claim "{words}"'))
def verdict_given(ledger_path, name, rating, words):
    cid = _claim_id(ledger_path, words)
    with Ledger(ledger_path) as ledger:
        ledger.start_review(cid, actor=name)
        ledger.verdict(cid, rating, url="https://checks.example.org/june", actor=name)


# -- when ----------------------------------------------------------------------------------------
@when("a visitor opens the queue")
def visitor_opens_queue(page, desk):
    page.goto(f"{desk}/queue")


@when(parsers.parse('"{name}" logs in'))
def logs_in(page, desk, name):
    _log_in(page, desk, name)


@when(parsers.parse('she filters the queue by the speaker "{speaker}"'))
def filter_by_speaker(page, speaker):
    page.fill("#filters input[name=speaker]", speaker)
    page.press("#filters input[name=speaker]", "Enter")
    page.wait_for_url(f"**speaker={speaker}**")


@when(parsers.parse('she opens the claim "{words}" from the queue'))
@when(parsers.parse('he opens the claim "{words}" from the queue'))
def open_claim(page, desk, words):
    page.goto(f"{desk}/queue")
    page.locator("tr.claim-row", has_text=words).locator("a.claim-link").click()
    expect(page.locator("#passage")).to_be_visible()


@when("she assigns it to herself")
def assign_self(page):
    page.select_option(".action-assign select[name=to]", "me")
    page.click(".action-assign button")


@when(parsers.parse('she ticks the claims "{first}" and "{second}" and assigns them to "{name}"'),
      target_fixture="ticked")
def bulk_assign(page, desk, first, second, name):
    page.goto(f"{desk}/queue")
    for words in (first, second):
        page.locator("tr.claim-row", has_text=words).locator("input[name=ids]").check()
    page.select_option("#bulk select[name=to]", name)
    page.click("#bulk-assign")
    return (first, second)


@when("she starts the review")
def start_review(page):
    page.click(".action-review button")
    expect(page.locator("#status")).to_have_text("in_review")


@when(parsers.parse('she gives the verdict "{rating}" with the fact-check "{url}"'))
def give_verdict(page, rating, url):
    page.fill(".action-verdict input[name=rating]", rating)
    page.fill(".action-verdict input[name=url]", url)
    page.click(".action-verdict button")


@when("he publishes it")
def publish(page):
    page.click(".action-publish button")


@when("she starts the review from a form stripped of its CSRF token", target_fixture="response")
def review_without_csrf(page):
    page.evaluate(
        "document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove());"
        "document.body.removeAttribute('hx-headers')"
    )
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.click(".action-review button")
    return info.value


@when("she opens the users page", target_fixture="response")
def open_users(page, desk):
    return page.goto(f"{desk}/users")


@when("she opens the hostile article's claim")
def open_hostile(page, desk, ledger_path):
    with Ledger(ledger_path, readonly=True) as ledger:
        cid = ledger.claims(article=HOSTILE_ID)[0].id
    page.goto(f"{desk}/claims/{cid}")


# -- then ----------------------------------------------------------------------------------------
@then("the log-in form is shown")
def login_form_shown(page):
    assert "/login" in page.url
    expect(page.locator("form[action='/login'] input[name=password]")).to_be_visible()


@then("the queue lists the article's claims with counts per status")
def queue_lists(page, ledger_path):
    with Ledger(ledger_path, readonly=True) as ledger:
        total, new = ledger.count(), ledger.count(status="new")
    expect(page.locator("tr.claim-row")).to_have_count(total)
    expect(page.locator(".count[data-status=new] b")).to_have_text(str(new))


@then(parsers.parse('every claim listed is by "{speaker}"'))
def all_by(page, speaker):
    rows = page.locator("tr.claim-row")
    expect(rows.first).to_be_visible()
    speakers = rows.locator("td:nth-child(4)").all_inner_texts()
    assert speakers and all(speaker in s for s in speakers), speakers


@then(parsers.parse('the statement, the speaker mention "{mention}" and the cue "{cue}" are marked'))
def marked(page, mention, cue):
    expect(page.locator("#passage mark.m-claim")).to_contain_text("We lose a morning every time")
    expect(page.locator("#passage mark.m-speaker")).to_have_text(mention)
    expect(page.locator("#passage mark.m-cue")).to_have_text(cue)


@then(parsers.parse('the page says the pronoun was resolved to "{name}"'))
def resolved_to(page, name):
    expect(page.locator("#resolution")).to_contain_text(f"resolved to {name}")
    expect(page.locator("#speaker")).to_contain_text(name)


@then(parsers.parse('the claim\'s assignee is "{name}"'))
def assignee_is(page, name):
    expect(page.locator("#assignee")).to_have_text(name)


@then(parsers.parse('the claim\'s history records "{action}" by "{name}"'))
def history_records(page, action, name):
    expect(page.locator(f"#history tr.event[data-action={action}] td:nth-child(2)")).to_have_text(name)


@then(parsers.parse('the claim\'s status is "{status}"'))
def status_is(page, status):
    expect(page.locator("#status")).to_have_text(status)


@then(parsers.parse('the claim\'s verdict reads "{rating}" by "{name}"'))
def verdict_reads(page, rating, name):
    expect(page.locator("#verdict")).to_contain_text(rating)
    expect(page.locator("#verdict")).to_contain_text(f"by {name}")


@then("there is no publish button and the page says only editors publish")
def no_publish(page):
    expect(page.locator(".action-publish")).to_have_count(0)
    expect(page.locator("#publish-refusal")).to_contain_text("Only editors may publish")


@then(parsers.parse('the queue shows both claims assigned to "{name}"'))
def both_assigned(page, ticked, name):
    for words in ticked:
        expect(page.locator("tr.claim-row", has_text=words).locator("td:nth-child(6)")).to_have_text(name)


@then(parsers.parse('the claim page says "{words}"'))
def claim_page_says(page, words):
    expect(page.locator("#claim #error")).to_contain_text(words)


@then("there is no publish button and the page says another editor signs off")
def no_publish_own(page):
    expect(page.locator(".action-publish")).to_have_count(0)
    expect(page.locator("#publish-refusal")).to_contain_text("another editor signs off")


@then(parsers.parse('the desk answers 403 with "{words}"'))
def answers_403_with(response, page, words):
    assert response.status == 403
    expect(page.locator("body")).to_contain_text(words)


@then("publishing it anyway is refused with 403")
def publish_refused(page, desk, ledger_path):
    cid = page.locator("#claim").get_attribute("data-claim")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    r = page.request.post(f"{desk}/claims/{cid}/publish", form={"csrf_token": token})
    assert r.status == 403 and "[A060]" in r.text()
    assert _status(ledger_path, cid) == "verdict_given"


@then(parsers.parse('the ClaimReview export he downloads holds the claim with the rating "{rating}"'))
def export_holds(page, desk, rating):
    cid = page.locator("#claim").get_attribute("data-claim")
    page.goto(f"{desk}/queue")
    with page.expect_download() as info:
        page.click("a.export:has-text('claimreview')")
    body = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    reviews = body if isinstance(body, list) else body.get("@graph", [body])
    text = json.dumps(reviews)
    assert len(reviews) == 1 and rating in text and PUBLISHER in text and "June is a target" in text, text[:500]
    assert cid


@then("the desk answers 403")
def answers_403(response, page):
    assert response.status == 403
    expect(page.locator("body")).to_contain_text("CSRF token")


@then(parsers.parse('the claim\'s status is still "{status}"'))
def status_still(ledger_path, status):
    assert _status(ledger_path, _claim_id(ledger_path, "We lose a morning every time")) == status


@then("the script in the statement is shown as text")
def script_as_text(page):
    expect(page.locator("#passage mark.m-claim")).to_contain_text(HOSTILE_SCRIPT)
    expect(page.locator("#passage script, #passage img")).to_have_count(0)


@then("no script from the article ran")
def nothing_ran(page, dialogs):
    page.wait_for_load_state("load")
    assert page.title() != "pwned" and dialogs == []
