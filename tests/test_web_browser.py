"""The whole day on the seed article in Chromium: ingest it, a reviewer gives a verdict, an
editor publishes, the ClaimReview export holds it.  Needs ../shared/ (the article text is
the publisher's and stays out of the repository) and Debian's chromium."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from web_helpers import (
    PUBLISHER,
    browser_skip_reason,
    launch_chromium,
    log_in_browser,
    make_ledger,
    running_desk,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "acceptance" / "seed-article.txt"

pytestmark = [
    pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not available at {SEED}"),
    pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason())),
]


def test_a_reviewer_and_an_editor_do_the_day_on_the_seed_article(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    article = tmp_path / "seed-article.txt"
    shutil.copyfile(SEED, article)
    ledger = make_ledger(tmp_path / "ledger.sqlite", hostile=False, files=(article,))
    with running_desk(ledger) as desk, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            reviewer = browser.new_context(accept_downloads=True).new_page()
            log_in_browser(reviewer, desk, "rita")
            reviewer.fill("#filters input[name=speaker]", "Healey")
            reviewer.press("#filters input[name=speaker]", "Enter")
            reviewer.wait_for_url("**speaker=Healey**")
            rows = reviewer.locator("tr.claim-row")
            expect(rows.first).to_be_visible()
            assert all("Healey" in s for s in rows.locator("td:nth-child(4)").all_inner_texts())
            statement = rows.first.locator("td.statement").inner_text().rstrip("…")[:30]
            rows.first.locator("a.claim-link").click()
            cid = reviewer.locator("#claim").get_attribute("data-claim")
            expect(reviewer.locator("#passage mark.m-claim").first).to_contain_text(statement)
            reviewer.select_option(".action-assign select[name=to]", "me")
            reviewer.click(".action-assign button")
            expect(reviewer.locator("#assignee")).to_have_text("rita")
            reviewer.click(".action-review button")
            reviewer.fill(".action-verdict input[name=rating]", "Unverifiable")
            reviewer.fill(".action-verdict input[name=url]", "https://checks.example.org/healey")
            reviewer.click(".action-verdict button")
            expect(reviewer.locator("#status")).to_have_text("verdict_given")
            expect(reviewer.locator(".action-publish")).to_have_count(0)

            editor = browser.new_context(accept_downloads=True).new_page()
            log_in_browser(editor, desk, "eddie")
            editor.goto(f"{desk}/queue?status=verdict_given")
            editor.locator(f"tr.claim-row[data-claim='{cid}'] a.claim-link").click()
            editor.click(".action-publish button")
            expect(editor.locator("#status")).to_have_text("published")
            editor.goto(f"{desk}/queue")
            with editor.expect_download() as info:
                editor.click("a.export:has-text('claimreview')")
            body = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
            reviews = body if isinstance(body, list) else body.get("@graph", [body])
            assert len(reviews) == 1 and PUBLISHER in json.dumps(reviews) and "Healey" in json.dumps(reviews)
        finally:
            browser.close()
