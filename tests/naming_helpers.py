"""Shared by the naming tests: the attribution of a text that contains some words."""
from __future__ import annotations

import attribution


def attribution_with(text: str, words: str) -> attribution.Attribution:
    """The first attribution extracted from ``text`` whose text contains ``words``."""
    found = [a for a in attribution.extract(text) if words in a.text]
    assert found, f"no attribution containing {words!r}"
    return found[0]
