"""Screenshots of the review desk for the README: the queue and a claim page.

Builds a throw-away ledger from the project's own fixture article (extracted for real),
adds a reviewer, serves the desk on a free 127.0.0.1 port and photographs it with Debian's
chromium through Playwright.  Writes docs/web-queue.png and docs/web-claim.png.

    .venv/bin/python scripts/screenshots.py [--out docs]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from attribution.ledger import Ledger
from attribution.ledger.users import Users
from attribution.web.server import desk_in_thread, launch_chromium

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "fixtures" / "articles" / name for name in ("port-calder-bridge.txt", "millbrook-flood.txt")]
VIEWPORT = {"width": 1200, "height": 760}  # one screen; kept small so each PNG stays under ~150 KB
REVIEWER, PASSWORD = "rita", "screenshot-pass"
CLAIM_WORDS = "We lose a morning every time"
MAX_PNG_BYTES = 150_000


def build_ledger(path: Path) -> None:
    with Ledger(path) as ledger:
        for result in ledger.ingest_files([str(a) for a in ARTICLES]):
            if result.error:
                raise SystemExit(f"screenshots: cannot ingest {result.article_id}: {result.error}")
        Users(ledger.db).add(REVIEWER, "reviewer", PASSWORD)
        Users(ledger.db).add("eddie", "editor", PASSWORD)
        claims = ledger.claims(search="Westhaven")
        for claim in claims[:1]:
            ledger.assign(claim.id, REVIEWER, actor="eddie")
            ledger.start_review(claim.id, actor=REVIEWER)
            ledger.verdict(claim.id, "Mostly true", url="https://checks.example.org/westhaven", actor=REVIEWER)


def shoot(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.sqlite"
        build_ledger(ledger)
        with desk_in_thread(ledger) as desk, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{desk}/login")
            page.fill("input[name=username]", REVIEWER)
            page.fill("input[name=password]", PASSWORD)
            page.click("form[action='/login'] button[type=submit]")
            page.wait_for_selector("#whoami")
            page.goto(f"{desk}/queue?per_page=25")
            queue = out / "web-queue.png"
            page.screenshot(path=str(queue))
            page.locator("tr.claim-row", has_text=CLAIM_WORDS).locator("a.claim-link").click()
            page.wait_for_selector("#passage")
            claim = out / "web-claim.png"
            page.screenshot(path=str(claim))
            browser.close()
    return [queue, claim]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot(args.out):
        size = path.stat().st_size
        note = "" if size <= MAX_PNG_BYTES else f" (over {MAX_PNG_BYTES // 1000} KB: shrink VIEWPORT)"
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1000} KB{note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
