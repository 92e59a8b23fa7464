"""The plumbing every handler shares: the ledger to open, who is logged in, CSRF checks,
and turning the library's coded errors into HTTP answers.

Handlers are plain functions ``(Call) -> Response`` run in Starlette's thread pool, each
with its own ledger connection: reads open the ledger read-only (they never wait for a
writer), writes open it for writing.
"""
from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ..errors import (
    AttributionError,
    ClaimNotFound,
    IllegalTransition,
    LedgerBusy,
    LedgerError,
    PermissionDenied,
)
from ..ledger import Ledger
from ..ledger.users import User, Users
from .security import CSRF_FIELD, LoginLimiter, csrf_ok, csrf_token, safe_href, same_origin

MAX_FORM_FIELDS = 1000  # a bulk assignment of a full page of claims, with room to spare
MAX_FORM_PART_BYTES = 64 * 1024  # notes and verdicts are short; a larger field is refused
# An htmx request that fails swaps the error page's <main> for the page's own, whatever
# part of the page the request meant to update (htmx response headers).
ERROR_SWAP_HEADERS = {"HX-Retarget": "main", "HX-Reselect": "main", "HX-Reswap": "outerHTML"}
MAX_BODY_BYTES = 1024 * 1024  # a full page of ticked claims is a few KB; nothing needs a megabyte


def status_of(exc: AttributionError) -> int:
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, ClaimNotFound):
        return 404
    if isinstance(exc, IllegalTransition):
        return 409
    if isinstance(exc, LedgerBusy):
        return 503  # another writer holds the ledger: try again shortly
    return 400


def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("attribution.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.globals["CSRF_FIELD"] = CSRF_FIELD
    return env


@dataclass
class Desk:
    """The app's configuration: which ledger, the templates, the log-in limiter."""

    ledger_path: str
    env: Environment = field(default_factory=templates)
    limiter: LoginLimiter = field(default_factory=LoginLimiter)

    def open(self, *, write: bool) -> Ledger:
        return Ledger(self.ledger_path, upgrade=False) if write else Ledger(self.ledger_path, readonly=True)

    def prepare(self) -> str:
        """Create or upgrade the ledger's schema once, and return the session signing key."""
        if "://" not in self.ledger_path and self.ledger_path != ":memory:":
            Path(self.ledger_path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        with Ledger(self.ledger_path) as ledger:
            return Users(ledger.db).secret("session")


@dataclass
class Call:
    """One request being handled: the request, its form (for POSTs), the open ledger and
    the logged-in user (None on the log-in page)."""

    desk: Desk
    request: Request
    ledger: Ledger
    user: User | None
    form: FormData | None = None
    via_token: bool = False

    @property
    def session(self) -> dict[str, Any]:
        return self.request.session if "session" in self.request.scope else {}

    @property
    def htmx(self) -> bool:
        return self.request.headers.get("hx-request") == "true"

    def page(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("user", self.user)
        context.setdefault("csrf", csrf_token(self.session) if "session" in self.request.scope else "")
        context.setdefault("path", self.request.url.path)
        html = self.desk.env.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status_code)

    def error_page(self, exc: AttributionError | str, status_code: int | None = None) -> HTMLResponse:
        message = exc.message if isinstance(exc, AttributionError) else exc
        code = exc.code if isinstance(exc, AttributionError) else None
        status = status_code or (status_of(exc) if isinstance(exc, AttributionError) else 400)
        response = self.page("error.html", status, message=message, code=code)
        response.headers.update(ERROR_SWAP_HEADERS)
        return response


Handler = Callable[[Call], Response]


def json_error(message: str, status: int, code: str | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "code": code}, status_code=status)


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _session_user(request: Request, ledger: Ledger) -> User | None:
    name = request.session.get("user")
    if not name:
        return None
    users = Users(ledger.db)
    stamp = users.session_stamp(name)
    if stamp is None or not hmac.compare_digest(stamp, str(request.session.get("stamp", ""))):
        return None  # removed, or the password or role changed since this session began
    return users.get(name)


def endpoint(
    desk: Desk,
    handler: Handler,
    *,
    write: bool = False,
    login: bool = True,
    api: bool = False,
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint around ``handler``: reads the form of a POST, refuses a POST
    without the CSRF token (403) or from another origin, finds the user (session cookie, or
    for the API a bearer token), and maps the library's errors to 4xx answers."""

    async def run(request: Request) -> Response:
        length = request.headers.get("content-length", "0")
        if request.method == "POST" and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return refuse(f"Refused: a request body may hold at most {MAX_BODY_BYTES} bytes.", 413)
        form = None
        if request.method == "POST" and not request.headers.get("content-type", "").startswith("application/json"):
            form = await request.form(max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_PART_BYTES)
        body = await request.body() if request.method == "POST" and form is None else b""
        return await run_in_threadpool(_handle, request, form, body)

    def refuse(message: str, status: int) -> Response:
        if api:
            return json_error(message, status)
        html = desk.env.get_template("error.html").render(message=message, code=None, user=None, csrf="")
        return HTMLResponse(html, status_code=status, headers=ERROR_SWAP_HEADERS)

    def _handle(request: Request, form: FormData | None, body: bytes) -> Response:
        token = _bearer(request) if api else None
        if request.method == "POST" and token is None:
            if not same_origin(request.headers):
                return refuse("Refused: the request comes from another site.", 403)
            if not csrf_ok(request.session, request.headers, form):
                return refuse("Refused: the form's CSRF token is missing or stale; reload the page and try again.", 403)
        try:
            ledger = desk.open(write=write)
        except LedgerError as exc:
            return refuse(exc.message, 503)
        with ledger:
            if token is not None:
                user = Users(ledger.db).for_token(token)
                if user is None:
                    return json_error("The bearer token is not valid (revoked, or its user removed).", 401)
            else:
                user = _session_user(request, ledger)
            call = Call(desk, request, ledger, user, form, via_token=token is not None)
            if login and user is None:
                if api:
                    return json_error("Log in first (POST /login) or send Authorization: Bearer TOKEN.", 401)
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
            if body:
                call.request.state.json_body = body
            try:
                return handler(call)
            except AttributionError as exc:
                if api:
                    return json_error(exc.message, status_of(exc), exc.code)
                return call.error_page(exc)

    return run


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (no ``//host`` or scheme)."""
    target = target or ""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"
