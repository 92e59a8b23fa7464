"""Query parameters of the queue, the JSON API and exports, read into a
:class:`~attribution.ledger.ClaimFilter`.  Bad values are a clear error, never a guess."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from ..errors import UsageError
from ..ledger import STATUSES, ClaimFilter
from ..ledger.records import SORT_KEYS
from ..model import KINDS

PER_PAGE_CHOICES = (25, 50, 100)
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500  # the API may ask for more per page than the queue shows, within reason
MAX_PAGE = 1_000_000  # keeps OFFSET inside SQLite's 64-bit integers
MAX_TEXT_PARAM = 200  # a search or name longer than this is not a real query
TEXT_PARAMS = ("speaker", "outlet", "q", "tag", "article")
FILTER_PARAMS = ("status", "assignee", "speaker", "outlet", "kind", "anonymous", "conflicts", "q", "tag", "article")
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Listing:
    """A claim filter plus the page asked for."""

    filter: ClaimFilter
    page: int
    per_page: int
    params: dict[str, str]  # the non-empty filter and sort parameters, for links

    def query(self, **changes: str | int | None) -> str:
        """The query string of this listing with some parameters changed (None drops one)."""
        params: dict[str, str | int] = {**self.params, "page": self.page, "per_page": self.per_page}
        for k, v in changes.items():
            if v is None or v == "":
                params.pop(k, None)
            else:
                params[k] = v
        return urlencode(params)


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {raw[:40]!r}.") from None
    if not low <= value <= high:
        raise UsageError(f"{name} must be between {low} and {high}, not {value}.")
    return value


def _choice(params: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    value = (params.get(name) or "").strip()
    if value and value not in choices:
        raise UsageError(f"Unknown {name} {value[:40]!r}; choose one of: {', '.join(choices)}.")
    return value or None


def read_listing(params: Mapping[str, str], *, me: str, max_per_page: int = MAX_PER_PAGE) -> Listing:
    """The filter, sort and page in ``params``; ``assignee=me`` is the logged-in user
    ``me`` and ``assignee=none`` the unassigned claims."""
    for name in TEXT_PARAMS + ("assignee",):
        if len(params.get(name) or "") > MAX_TEXT_PARAM:
            raise UsageError(f"{name} is longer than {MAX_TEXT_PARAM} characters.")
    assignee = (params.get("assignee") or "").strip() or None
    unassigned = assignee == "none"
    if assignee == "me":
        assignee = me
    anonymous = _choice(params, "anonymous", (YES, NO))
    desc = _choice(params, "desc", ("1", "0"))
    conflicts = _choice(params, "conflicts", ("1", "0"))
    f = ClaimFilter(
        status=_choice(params, "status", STATUSES),
        speaker=(params.get("speaker") or "").strip() or None,
        outlet=(params.get("outlet") or "").strip() or None,
        kind=_choice(params, "kind", tuple(KINDS)),
        anonymous=None if anonymous is None else anonymous == YES,
        assignee=None if unassigned else assignee,
        unassigned=unassigned,
        conflicts=conflicts == "1",
        tag=(params.get("tag") or "").strip() or None,
        article=(params.get("article") or "").strip() or None,
        search=(params.get("q") or "").strip() or None,
        sort=_choice(params, "sort", SORT_KEYS) or "created",
        descending=desc == "1",
    )
    per_page = _int(params, "per_page", DEFAULT_PER_PAGE, 1, max_per_page)
    page = _int(params, "page", 1, 1, MAX_PAGE)
    kept = {k: str(params[k]).strip() for k in (*FILTER_PARAMS, "sort", "desc") if (params.get(k) or "").strip()}
    return Listing(replace(f, limit=per_page, offset=(page - 1) * per_page), page, per_page, kept)


def without_paging(f: ClaimFilter) -> ClaimFilter:
    return replace(f, limit=None, offset=0)
