"""The claims ledger: where extracted attributions become claims that fact-checkers
assign, review, rate and publish, with every change on record.

See docs/ledger.md for the schema, the statuses and the rating scale.
"""
from __future__ import annotations

from .context import Context
from .events import Event
from .export import FORMATS as EXPORT_FORMATS
from .inputs import ArticleInput, read_inputs
from .paths import default_ledger_path, ledger_path
from .records import Claim, ClaimFilter, IngestResult, LinkedClaim, Speaker
from .review import BEST_RATING, RATING_SCALE, STATUSES, WORST_RATING
from .store import Ledger

__all__ = [
    "Ledger",
    "Claim",
    "ClaimFilter",
    "Context",
    "Event",
    "IngestResult",
    "LinkedClaim",
    "Speaker",
    "ArticleInput",
    "read_inputs",
    "default_ledger_path",
    "ledger_path",
    "EXPORT_FORMATS",
    "STATUSES",
    "RATING_SCALE",
    "BEST_RATING",
    "WORST_RATING",
]
