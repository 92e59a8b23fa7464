"""Composes the stages: quote spans -> cues and speakers -> resolution -> attributions."""
from __future__ import annotations

from .model import Attribution, ParsedDoc


def attribute(doc: ParsedDoc) -> list[Attribution]:
    return []
