"""Is this text English?  A cheap check on function words, so that the engine says so
instead of attributing speech in a language its rules and parser do not read."""
from __future__ import annotations

import re

#: Common English function words; news English has a third or more of its words here.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had "
    "that this these those it its he she they we you i his her their our not no said says will "
    "would can could who which what when where there than then also after before about".split())
MIN_WORDS = 12  # too short to judge below this
MIN_SHARE = 0.12

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str) -> tuple[int, float]:
    """(number of words, share of them that are English function words)."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return 0, 0.0
    return len(words), sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False only when there are enough words to judge and few are English function words."""
    n, share = english_share(text)
    return n < MIN_WORDS or share >= MIN_SHARE
