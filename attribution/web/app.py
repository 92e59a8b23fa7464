"""The review desk's Starlette application: routes, sessions and security headers."""
from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import UsageError
from . import api, auth, pages
from .desk import Desk, endpoint
from .security import LoginLimiter, SecurityHeaders

SESSION_COOKIE = "attribution_session"
SESSION_MAX_AGE_S = 12 * 3600  # one working day: a desk left open overnight logs out
STATIC = Path(__file__).parent / "static"


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


async def no_icon(request: Request) -> Response:
    return Response(status_code=204)


async def home(request: Request) -> Response:
    return RedirectResponse("/queue", 303)


def create_app(
    ledger_path: str,
    *,
    secret_key: str | None = None,
    https_only: bool = False,
    limiter: LoginLimiter | None = None,
) -> Starlette:
    """The review desk over the ledger at ``ledger_path`` (created or upgraded on start).

    ``secret_key`` signs session cookies (default: a random key kept in the ledger, so
    sessions survive a restart); ``https_only`` marks the cookie Secure (behind HTTPS)."""
    if str(ledger_path) == ":memory:":
        raise UsageError("The review desk needs a ledger file (each request opens it); not ':memory:'.")
    desk = Desk(str(ledger_path), limiter=limiter or LoginLimiter())
    key = secret_key or desk.prepare()
    if secret_key:
        desk.prepare()  # the schema is still created or upgraded

    def page(handler, **kw):  # noqa: ANN001, ANN202 - a short alias for the table below
        return endpoint(desk, handler, **kw)

    routes = [
        Route("/healthz", healthz),
        Route("/", home),
        Route("/favicon.ico", no_icon),
        Route("/login", page(auth.login_form, login=False), methods=["GET"]),
        Route("/login", page(auth.login, login=False, write=True), methods=["POST"]),
        Route("/logout", page(auth.logout, login=False), methods=["POST"]),
        Route("/queue", page(pages.queue), methods=["GET"]),
        Route("/queue/assign", page(pages.bulk_assign, write=True), methods=["POST"]),
        Route("/claims/{claim_id}", page(pages.claim_page), methods=["GET"]),
        Route("/claims/{claim_id}/{action}", page(pages.claim_action, write=True), methods=["POST"]),
        Route("/articles/{article_id:path}", page(pages.article_page), methods=["GET"]),
        Route("/speakers", page(pages.speakers_page), methods=["GET"]),
        Route("/speakers/{speaker_id}", page(pages.speaker_page), methods=["GET"]),
        Route("/speakers/{action}", page(pages.speakers_change, write=True), methods=["POST"]),
        Route("/export", page(pages.export_download), methods=["GET"]),
        Route("/users", page(pages.users_page), methods=["GET"]),
        Route("/users/{what}", page(pages.users_change, write=True), methods=["POST"]),
        Route("/api/me", page(api.me, api=True), methods=["GET"]),
        Route("/api/claims", page(api.claims, api=True), methods=["GET"]),
        Route("/api/claims/assign", page(api.assign_many, api=True, write=True), methods=["POST"]),
        Route("/api/claims/{claim_id}", page(api.claim, api=True), methods=["GET"]),
        Route("/api/claims/{claim_id}/{action}", page(api.action, api=True, write=True), methods=["POST"]),
        Route("/api/speakers/{action}", page(api.speaker_action, api=True, write=True), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=key,
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_MAX_AGE_S,
            same_site="lax",
            https_only=https_only,
        ),
    ]
    return Starlette(routes=routes, middleware=middleware)
