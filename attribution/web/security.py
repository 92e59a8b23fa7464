"""What keeps the review desk safe on a newsroom network: CSRF tokens, security headers
with a strict Content-Security-Policy, a log-in rate limit and link checks.

Article text is hostile input.  Templates autoescape everything; the policy below allows
scripts and styles only from the app's own /static/ files (no inline script, no eval), so
even markup that slipped through could not run.
"""
from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Mapping
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSRF_BYTES = 32
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}
# OWASP's authentication cheat sheet: throttle after a handful of failures.
LOGIN_FAILURES_ALLOWED = 5
LOGIN_WINDOW_S = 300.0
SAFE_LINK_SCHEMES = ("http", "https")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(CSRF_BYTES)


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = new_csrf_token()
    return str(token)


def csrf_ok(session: Mapping, headers: Mapping[str, str], form: Mapping[str, str] | None) -> bool:
    """Whether a state-changing request carries the session's CSRF token (form field
    ``csrf_token`` or header ``X-CSRF-Token``)."""
    expected = session.get("csrf")
    given = headers.get(CSRF_HEADER) or (form.get(CSRF_FIELD) if form is not None else None)
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(str(expected), given)


def same_origin(headers: Mapping[str, str]) -> bool:
    """False when the browser says the request comes from another site (``Origin``)."""
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == headers.get("host", "")


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (``javascript:`` and the like are never
    made links)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in SAFE_LINK_SCHEMES and parts.netloc else None


class LoginLimiter:
    """At most ``allowed`` failed log-ins per key (client address, user name) in
    ``window_s`` seconds.  Kept in memory: the desk is one process."""

    def __init__(self, allowed: int = LOGIN_FAILURES_ALLOWED, window_s: float = LOGIN_WINDOW_S):
        self.allowed = allowed
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> float:
        """Seconds until a log-in may be tried again for any of ``keys`` (0: not blocked)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                self.window_s - (now - times[0])
                for times in (self._recent(k, now) for k in keys)
                if len(times) >= self.allowed
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response (and
    ``Cache-Control: no-store`` to all but static files)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if not static:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
