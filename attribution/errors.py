"""The exceptions the library raises.  Each message says what went wrong and what to do."""
from __future__ import annotations


class AttributionError(Exception):
    """Base class for every error this package raises on purpose."""

    code = "A000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ParserNotAvailable(AttributionError):
    """A parser backend could not be loaded (model missing, package missing)."""

    code = "A001"


class InputError(AttributionError):
    """The input cannot be processed (empty, binary, undecodable, malformed JSONL)."""

    code = "A002"


class GoldFormatError(AttributionError):
    """A gold or prediction file is not in the documented JSONL format."""

    code = "A003"


class OffsetError(AttributionError):
    """A parser produced tokens whose offsets do not match the original text."""

    code = "A004"
