"""Normal forms for comparing names and claim texts, and the similarity of two claims."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

REPEAT_SIMILARITY = 0.9  # normalised texts at least this similar are the same claim repeated

# Leading words dropped from a name's key while a first name and surname remain.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev mayor councillor councilor "
    "president vice prime minister secretary senator sen governor gov chancellor chief "
    "general gen judge justice representative rep deputy premier king queen prince princess".split()
)
PRONOUNS = frozenset(
    "i me we us you he him she her it they them his hers its their theirs who".split()
)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


def name_key(name: str) -> str:
    """``"Mayor Ana  Torres"``, ``"Dr. Ana Torres"`` and ``"ana torres"`` share the key
    ``"ana torres"``; ``"President Trump"`` keeps its title (no first name to key on)."""
    words = _fold(name).split()
    while len(words) > 2 and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


def is_pronoun(mention: str) -> bool:
    return _fold(mention) in PRONOUNS


def claim_text(text: str) -> str:
    """A claim's words without case, punctuation or quotation marks."""
    return _fold(text)


def is_repeat(a: str, b: str, *, threshold: float = REPEAT_SIMILARITY) -> bool:
    """Whether two normalised claim texts say the same thing (difflib ratio >= threshold)."""
    if a == b:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )
