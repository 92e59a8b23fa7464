"""The review desk in a browser: a Starlette app over the claims ledger (``attribution
serve``).  Pages and a JSON API; every workflow and role rule comes from
:mod:`attribution.ledger`.  See docs/web.md."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
