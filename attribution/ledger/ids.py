"""Stable, short identifiers derived from content, so the same input always gets the same id."""
from __future__ import annotations

import hashlib

CLAIM_ID_LENGTHS = (10, 14, 20)  # hex digits; a longer one is used only on a collision


def _digest(*parts: object) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def claim_id(article_id: str, start_char: int, end_char: int, text: str, *, length: int = 10) -> str:
    """``c_`` plus the first ``length`` hex digits of a hash of where the claim is and what it says."""
    return "c_" + _digest(article_id, start_char, end_char, text)[:length]


def speaker_id(key: str) -> str:
    """``s_`` plus 10 hex digits of the speaker's canonical key."""
    return "s_" + _digest(key)[:10]


def content_hash(text: str) -> str:
    """The SHA-256 of an article's text: two versions are the same when their hashes are."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
