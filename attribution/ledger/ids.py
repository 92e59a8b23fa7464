"""Stable, short identifiers derived from content, so the same input always gets the same id.

* An article is its given id or URL; failing both, ``a_`` plus a hash of its normalised
  text (:func:`article_id_for_text`), never the path it was read from.
* A claim is what was said and who said it in one article (:func:`claim_id`), not where:
  a claim whose offsets move in a new version keeps its id.
"""
from __future__ import annotations

import hashlib

CLAIM_ID_LENGTHS = (10, 14, 20)  # hex digits; a longer one is used only on a collision
ARTICLE_ID_LENGTH = 12  # hex digits of an article id made from its text: 48 bits


def _digest(*parts: object) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def claim_id(article_id: str, speaker_key: str, norm_text: str, occurrence: int = 0, *, length: int = 10) -> str:
    """``c_`` plus the first ``length`` hex digits of a hash of the article, the speaker's
    key and the claim's normalised words (``occurrence`` tells apart the same words said
    twice by the same speaker in one article)."""
    return "c_" + _digest(article_id, speaker_key, norm_text, occurrence)[:length]


def speaker_id(key: str) -> str:
    """``s_`` plus 10 hex digits of the speaker's canonical key."""
    return "s_" + _digest(key)[:10]


def content_hash(text: str) -> str:
    """The SHA-256 of an article's text: two versions are the same when their hashes are."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for_text(normalised_text: str) -> str:
    """The id of an article that came without an id or URL: ``a_`` plus 12 hex digits of
    the SHA-256 of its normalised text (see :func:`normalise.article_text`)."""
    return "a_" + content_hash(normalised_text)[:ARTICLE_ID_LENGTH]
