"""attribution: who said what in the news, and a claims ledger to check it.

Library API::

    import attribution
    result = attribution.extract(text)          # -> Extraction
    for a in result:                            # -> Attribution
        print(a.kind, a.speaker_name, a.text)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import AttributionError, InputError, ParserNotAvailable
from .ledger import Ledger
from .model import Attribution, Cue, DocResult, Document, Extraction, ParsedDoc, Span, Token
from .pipeline import extract, extract_many, extract_parsed

__all__ = [
    "extract",
    "extract_many",
    "extract_parsed",
    "Ledger",
    "Attribution",
    "Cue",
    "Document",
    "DocResult",
    "Extraction",
    "ParsedDoc",
    "Span",
    "Token",
    "AttributionError",
    "InputError",
    "ParserNotAvailable",
    "__version__",
]
