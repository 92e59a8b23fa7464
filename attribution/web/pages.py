"""The desk's HTML pages: queue, claim, article, speakers, exports and user admin.
Each handler reads the request, calls the ledger and renders a template; the rules
(what a status allows, who may publish) come from the ledger's modules."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from ..errors import AttributionError, ClaimNotFound, InputError, UsageError
from ..ledger import EXPORT_FORMATS, RATING_SCALE, STATUSES
from ..ledger import permissions as perms
from ..ledger.passages import article_passage, claim_passage
from ..ledger.review import conflicting
from ..ledger.users import ROLES, Users
from ..model import KINDS
from . import actions
from .desk import Call, status_of
from .filters import PER_PAGE_CHOICES, read_listing, without_paging
from .present import resolution

SPEAKERS_PER_PAGE = 50
MAX_VERSION_DIGITS = 9
EXPORT_TYPES = {"claimreview": ("application/ld+json", "json"), "csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl")}


def _params(call: Call) -> dict[str, str]:
    return dict(call.request.query_params)


def queue(call: Call) -> Response:
    assert call.user is not None
    listing = read_listing(_params(call), me=call.user.name, max_per_page=max(PER_PAGE_CHOICES))
    claims = call.ledger.claims(listing.filter)
    total = call.ledger.count(without_paging(listing.filter))
    counts = {s: call.ledger.count(replace(without_paging(listing.filter), status=s)) for s in STATUSES}
    pages = max(1, -(-total // listing.per_page))
    context = dict(
        listing=listing, claims=claims, total=total, counts=counts, pages=pages,
        statuses=STATUSES, kinds=KINDS, per_page_choices=PER_PAGE_CHOICES,
        users=[u for u in Users(call.ledger.db).list() if u.active],
        may_assign=perms.refusal(call.user, "assign") is None,
        export_formats=[f for f in EXPORT_FORMATS if f in EXPORT_TYPES],
    )
    if call.htmx and call.request.headers.get("hx-target") == "results":
        return call.page("_queue_results.html", **context)
    return call.page("queue.html", **context)


def bulk_assign(call: Call) -> Response:
    assert call.user is not None and call.form is not None
    ids = [str(i) for i in call.form.getlist("ids")]
    actions.assign_many(call.ledger, call.user, ids, str(call.form.get("to") or ""))
    back = str(call.form.get("back") or "")
    return RedirectResponse("/queue" + (f"?{back}" if back and not back.startswith(("/", "\\")) else ""), 303)


def claim_page(call: Call, *, error: str | None = None, status_code: int = 200) -> Response:
    assert call.user is not None
    claim = call.ledger.claim(call.request.path_params["claim_id"])
    solo = perms.one_person_desk(call.ledger.db)
    return call.page(
        "claim.html",
        status_code,
        claim=claim,
        passage=claim_passage(call.ledger, claim),
        resolution=resolution(claim),
        conflicts={c.id for c in conflicting(claim.rating, claim.linked)},
        history=call.ledger.history(claim.id),
        notes=call.ledger.notes(claim.id),
        allowed=perms.claim_actions(call.user, claim, solo_desk=solo),
        publish_refusal=perms.refusal(call.user, "publish", claim, solo_desk=solo),
        ratings=list(RATING_SCALE),
        users=[u for u in Users(call.ledger.db).list() if u.active],
        error=error,
    )


def claim_action(call: Call) -> Response:
    assert call.user is not None and call.form is not None
    claim_id = call.request.path_params["claim_id"]
    try:
        claim = actions.run(call.ledger, call.user, claim_id, call.request.path_params["action"], call.form)
    except ClaimNotFound:
        raise
    except AttributionError as exc:  # shown on the claim's page, beside the forms
        return claim_page(call, error=str(exc), status_code=status_of(exc))
    return RedirectResponse(f"/claims/{claim.id}", 303)


def article_page(call: Call) -> Response:
    raw = call.request.query_params.get("version") or ""
    if raw and (not raw.isdigit() or len(raw) > MAX_VERSION_DIGITS):
        raise UsageError(f"version must be a whole number, not {raw[:20]!r}.")
    summary, versions = call.ledger.article(call.request.path_params["article_id"])
    version = int(raw) if raw else summary.versions
    text, segments, claims = article_passage(call.ledger, summary.id, version)
    return call.page(
        "article.html", article=summary, version=version, versions=versions,
        segments=segments, claims=claims, chars=len(text),
    )


def speakers_page(call: Call) -> Response:
    assert call.user is not None
    params = _params(call)
    search = (params.get("q") or "").strip()[:200] or None
    raw_page = params.get("page") or "1"
    if not raw_page.isdigit() or len(raw_page) > MAX_VERSION_DIGITS or int(raw_page) < 1:
        raise UsageError(f"page must be a whole number of at least 1, not {raw_page[:20]!r}.")
    page = int(raw_page)
    found = call.ledger.speakers(search=search, limit=SPEAKERS_PER_PAGE + 1, offset=(page - 1) * SPEAKERS_PER_PAGE)
    return call.page(
        "speakers.html", speakers=found[:SPEAKERS_PER_PAGE], search=search or "", page=page,
        more=len(found) > SPEAKERS_PER_PAGE, may_curate=perms.refusal(call.user, "merge_speakers") is None,
    )


def speaker_page(call: Call) -> Response:
    details = call.ledger.speaker(call.request.path_params["speaker_id"])
    claims = call.ledger.claims(speaker=details["id"], limit=SPEAKERS_PER_PAGE)
    return call.page("speaker.html", speaker=details, claims=claims)


def speakers_change(call: Call) -> Response:
    assert call.user is not None and call.form is not None
    action = call.request.path_params["action"]
    details = actions.run_speaker(call.ledger, call.user, action, call.form)
    return RedirectResponse(f"/speakers/{details['id']}", 303)


def export_download(call: Call) -> Response:
    assert call.user is not None
    params = _params(call)
    fmt = params.get("format") or "claimreview"
    if fmt not in EXPORT_TYPES:
        raise UsageError(f"Unknown export format {fmt[:20]!r}; choose one of: {', '.join(EXPORT_TYPES)}.")
    listing = read_listing(params, me=call.user.name)
    filtered = any(k not in ("sort", "desc") for k in listing.params)
    body = call.ledger.export(fmt, without_paging(listing.filter) if filtered else None)
    media, suffix = EXPORT_TYPES[fmt]
    headers = {"content-disposition": f'attachment; filename="claims-{fmt}.{suffix}"'}
    return Response(body, media_type=media, headers=headers)


# -- users (admins) ------------------------------------------------------------------------
def users_page(call: Call, *, token: str | None = None, token_user: str | None = None) -> Response:
    assert call.user is not None
    perms.check(call.user, "manage_users")
    return call.page("users.html", users=Users(call.ledger.db).list(), roles=ROLES, token=token, token_user=token_user)


def users_change(call: Call) -> Response:
    assert call.user is not None and call.form is not None
    perms.check(call.user, "manage_users")
    users = Users(call.ledger.db)
    form = call.form
    what = call.request.path_params["what"]
    name = str(form.get("name") or "")
    if what == "add":
        users.add(name, str(form.get("role") or ""), str(form.get("password") or ""))
    elif what == "role":
        users.set_role(name, str(form.get("role") or ""))
    elif what == "remove":
        if name == call.user.name:
            raise InputError("You cannot remove your own account; ask another admin.")
        users.remove(name)
    elif what == "token":
        return users_page(call, token=users.issue_token(name), token_user=name)
    else:
        raise InputError(f"Unknown user change {what[:20]!r}.")
    return RedirectResponse("/users?" + urlencode({"done": what}), 303)
