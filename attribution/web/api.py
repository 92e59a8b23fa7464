"""The JSON API for scripts and a newsroom's CMS: the queue's filters, one claim with its
history, and the review actions (the CLI's ``claims`` commands), as the session's user
or the owner of a bearer token (``attribution users token NAME``)."""
from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse, Response

from ..errors import InputError
from ..ledger import Claim
from ..ledger import permissions as perms
from . import actions
from .desk import Call
from .filters import read_listing

MAX_JSON_BYTES = 64 * 1024


def _listed(c: Claim) -> dict[str, Any]:
    """A claim for a list: linked repeats as ids and a count, never nested copies."""
    d = c.to_dict()
    d["linked"] = [x.id for x in c.linked]
    d["linked_count"] = len(c.linked)
    return d


def claims(call: Call) -> Response:
    assert call.user is not None
    listing = read_listing(dict(call.request.query_params), me=call.user.name)
    return JSONResponse([_listed(c) for c in call.ledger.claims(listing.filter)])


def claim(call: Call) -> Response:
    assert call.user is not None
    c = call.ledger.claim(call.request.path_params["claim_id"])
    solo = perms.one_person_desk(call.ledger.db)
    return JSONResponse(
        {
            **c.to_dict(),
            "context": call.ledger.context(c.id).to_dict(),
            "history": [e.to_dict() for e in call.ledger.history(c.id)],
            "notes": call.ledger.notes(c.id),
            "actions": perms.claim_actions(call.user, c, solo_desk=solo),
        }
    )


def _fields(call: Call) -> dict[str, Any]:
    if call.form is not None:
        return {k: v for k, v in call.form.items() if isinstance(v, str)}
    raw: bytes = getattr(call.request.state, "json_body", b"") or b""
    if len(raw) > MAX_JSON_BYTES:
        raise InputError(f"The request body is over {MAX_JSON_BYTES} bytes.")
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InputError("The request body is not JSON; send an object like {\"rating\": \"False\"}.") from None
    if not isinstance(data, dict):
        raise InputError("The request body must be a JSON object.")
    return data


def action(call: Call) -> Response:
    assert call.user is not None
    params = call.request.path_params
    done = actions.run(call.ledger, call.user, params["claim_id"], params["action"], _fields(call))
    return JSONResponse(_listed(done))


def assign_many(call: Call) -> Response:
    """``{"ids": [...], "to": "me" | "none" | NAME}``: all assigned, or (an unknown id) none."""
    assert call.user is not None
    fields = _fields(call)
    ids = fields.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise InputError('Give the claims to assign as a list of ids: {"ids": ["c_..."], "to": "me"}.')
    done = actions.assign_many(call.ledger, call.user, ids, str(fields.get("to") or ""))
    return JSONResponse([_listed(c) for c in done])


def speaker_action(call: Call) -> Response:
    assert call.user is not None
    return JSONResponse(actions.run_speaker(call.ledger, call.user, call.request.path_params["action"], _fields(call)))


def me(call: Call) -> Response:
    assert call.user is not None
    return JSONResponse(call.user.to_dict())
