"""Shared set-up for the review desk's tests: a ledger with the project's fixture articles
(already extracted, so no parser runs), a hostile article, and the desk's users."""
from __future__ import annotations

import re
from pathlib import Path

from attribution.ledger import Ledger
from attribution.ledger.users import Users
from attribution.model import Extraction

ROOT = Path(__file__).resolve().parents[1]
COUNCIL = ROOT / "fixtures" / "ledger" / "articles.jsonl"
PASSWORDS = {"rita": "rita-pass-1", "eddie": "eddie-pass-1", "erin": "erin-pass-1", "ada": "ada-pass-123"}
ROLES = {"rita": "reviewer", "eddie": "editor", "erin": "editor", "ada": "admin"}
PUBLISHER = "Riverside Fact Check"
HOSTILE_ID = "hostile-harbour"
HOSTILE_SCRIPT = '<script>document.title="pwned"</script>'
HOSTILE_IMG = '"><img src=x onerror="document.title=\'pwned\'">'
HOSTILE_LINK = "javascript:alert(document.cookie)"
_STATEMENT = f"{HOSTILE_SCRIPT} We will never close the harbour {HOSTILE_IMG},"
HOSTILE_TEXT = (
    f"Harbour row over {HOSTILE_SCRIPT} plan\n\n"
    f"\u201c{_STATEMENT}\u201d said Mayor Ana Torres.\n\n"
    f"Critics posted a link, [read more]({HOSTILE_LINK}), on the council's page.\n"
)
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def hostile_extraction() -> Extraction:
    """An extracted article whose text and statement are hostile markup (stored as given:
    the library keeps what a caller hands it, so the pages must escape it)."""
    start = HOSTILE_TEXT.index(_STATEMENT)
    speaker_start = HOSTILE_TEXT.index("Mayor Ana Torres")
    cue_start = HOSTILE_TEXT.index("said", start + len(_STATEMENT))
    quote = {
        "start_char": start, "end_char": start + len(_STATEMENT), "text": _STATEMENT, "kind": "direct",
        "speaker": {"start_char": speaker_start, "end_char": speaker_start + 16, "text": "Mayor Ana Torres"},
        "speaker_name": "Ana Torres", "speaker_type": "person", "anonymous": False,
        "cue": {"start_char": cue_start, "end_char": cue_start + 4, "text": "said", "lemma": "say",
                "cue_class": "speech", "stance": "assert", "tense": "", "modality": ""},
        "confidence": 0.9, "fragments": [], "resolved_from": None, "sentence": -1,
    }
    return Extraction.from_dict({"id": HOSTILE_ID, "quotes": [quote]}, text=HOSTILE_TEXT)


def make_ledger(path: Path, *, hostile: bool = True, files: tuple[Path, ...] = (COUNCIL,)) -> Path:
    """A ledger with the council articles (and the hostile one), four users and a publisher."""
    with Ledger(path) as ledger:
        for result in ledger.ingest_files([str(f) for f in files]):
            assert result.error is None, result
        if hostile:
            meta = {"title": f"Harbour {HOSTILE_IMG}", "outlet": "Harbour <b>Post</b>", "url": HOSTILE_LINK}
            result = ledger.ingest_extraction(hostile_extraction(), article_id=HOSTILE_ID, meta=meta)
            assert result.error is None, result
        users = Users(ledger.db)
        for name, role in ROLES.items():
            users.add(name, role, PASSWORDS[name])
        ledger.set_config("publisher.name", PUBLISHER, actor="ada")
    return path


def csrf_of(html: str) -> str:
    found = CSRF_RE.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


# -- a real server and a real browser ------------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")  # as attribution.web.server.CHROMIUM (no web import here)


def browser_skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"Debian's chromium is not installed at {CHROMIUM}: apt-get install chromium (.ci/run does this)"
    return None


def running_desk(ledger_path: Path):  # noqa: ANN201 - a context manager yielding the URL
    """The review desk over ``ledger_path`` on a free 127.0.0.1 port, served by uvicorn."""
    from attribution.web.server import desk_in_thread

    return desk_in_thread(ledger_path)


def launch_chromium(playwright):  # noqa: ANN001, ANN201
    from attribution.web.server import launch_chromium as launch

    return launch(playwright)


def free_port() -> int:
    from attribution.web.server import free_port as free

    return free()


def log_in_browser(page, desk: str, name: str) -> None:  # noqa: ANN001 - a Playwright page
    """Log ``name`` in through the form and wait for the page that greets them."""
    page.goto(f"{desk}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_selector("#whoami")
