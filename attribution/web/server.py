"""The review desk served by uvicorn in a background thread, for tests and scripts that
drive it with a browser (``attribution serve`` runs uvicorn in the foreground instead)."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .app import create_app

LOCALHOST = "127.0.0.1"
# Debian's chromium, as the browser tests and scripts/screenshots.py drive it (Playwright's
# own browser download is not used): headless, no sandbox (containers), nothing phoned home.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)
START_TIMEOUT_S = 30.0
POLL_S = 0.05


def launch_chromium(playwright):  # noqa: ANN001, ANN201 - Playwright's sync objects
    """Debian's chromium, headless, from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOCALHOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def desk_in_thread(ledger_path: str | Path, *, port: int | None = None) -> Iterator[str]:
    """Serve the desk over ``ledger_path`` on 127.0.0.1 (a free port unless given) in a
    thread; yields its base URL and stops the server on exit."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(create_app(str(ledger_path)), host=LOCALHOST, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="review-desk", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the review desk did not start on {LOCALHOST}:{port}")
        time.sleep(POLL_S)
    try:
        yield f"http://{LOCALHOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_S)
