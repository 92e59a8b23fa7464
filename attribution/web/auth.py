"""Logging in and out.  A successful log-in starts a fresh session (new CSRF token) in a
signed cookie; failures count towards the rate limit per client address and per name."""
from __future__ import annotations

import math

from starlette.responses import RedirectResponse, Response

from ..ledger.users import Users
from .desk import Call, safe_next
from .security import new_csrf_token


def login_form(call: Call) -> Response:
    if call.user is not None:
        return RedirectResponse(safe_next(call.request.query_params.get("next")), 303)
    return call.page("login.html", next=safe_next(call.request.query_params.get("next")), error=None)


def login(call: Call) -> Response:
    assert call.form is not None
    name = str(call.form.get("username") or "").strip()[:64]
    password = str(call.form.get("password") or "")
    target = safe_next(str(call.form.get("next") or ""))
    client = call.request.client.host if call.request.client else "unknown"
    keys = (f"ip:{client}", f"user:{name.casefold()}")
    wait = call.desk.limiter.blocked(*keys)
    if wait:
        message = f"Too many failed log-ins; try again in {math.ceil(wait)} seconds."
        return call.page("login.html", 429, next=target, error=message, username=name)
    user = Users(call.ledger.db).authenticate(name, password)
    if user is None:
        call.desk.limiter.failed(*keys)
        return call.page("login.html", 401, next=target, error="Unknown user name or wrong password.", username=name)
    call.desk.limiter.succeeded(*keys)
    session = call.request.session
    session.clear()
    session["user"] = user.name
    session["stamp"] = Users(call.ledger.db).session_stamp(user.name)
    session["csrf"] = new_csrf_token()
    return RedirectResponse(target, 303)


def logout(call: Call) -> Response:
    call.request.session.clear()
    return RedirectResponse("/login", 303)
