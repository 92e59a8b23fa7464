"""Normal forms for comparing names, article texts and claim texts, and the similarity of
two claims.

Person names are keyed as *first name + surname* (``nameparser`` splits them): titles
("Mayor", "Harbourmaster", "former President"), middle names and initials, suffixes and
punctuation go, so "Donald J. Trump", "Donald Trump" and "Mr. Donald Trump" share the key
``donald trump``.  A name of one word after that ("Trump", "President Trump") keys as the
surname alone; the registry decides whether it joins a full name (see ``registry.py``).
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

REPEAT_SIMILARITY = 0.9  # normalised texts at least this similar are the same claim repeated

# Leading words dropped from a name before it is keyed (besides nameparser's own titles).
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev mayor councillor councilor "
    "president vice prime minister secretary senator sen governor gov chancellor chief "
    "general gen judge justice representative rep deputy premier king queen prince princess "
    "former then late acting interim incoming outgoing candidate nominee spokesman spokeswoman "
    "spokesperson the".split()
)
# Lower-case words inside surnames ("Vincent van Gogh", "Oscar de la Hoya").
NAME_PARTICLES = frozenset("van von der den de la le du da di del della dos das bin ibn al st".split())
# Words that end a name without being part of it.
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
# Personal, possessive, reflexive, demonstrative, indefinite and relative pronouns: none of
# them names anybody, so none is ever a speaker in the registry.
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "who whom whose which that this these those what whoever one someone somebody anyone "
    "anybody everyone everybody nobody no-one none something".split()
)
# Types whose names are people's names (keyed by first name and surname).
PERSON_TYPES = frozenset({"person", "unknown"})
# Words that mark a name as an organisation's, never a person's ("Sanders" is a person;
# "Sanders Campaign" is not).
ORGANISATION_WORDS = frozenset(
    "inc corp corporation co company ltd llc plc group party committee campaign council "
    "department ministry agency office association union university college institute "
    "foundation bank house senate congress court commission board police news times post "
    "journal press network center centre fund club team administration government".split()
)
_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


def fold(text: str) -> str:
    """Lower case, without punctuation, possessive ``'s`` or repeated spaces."""
    return _fold(text)


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def is_first_name(word: str) -> bool:
    """Whether ``gender-guesser`` knows ``word`` as somebody's first name."""
    return _detector().get_gender(word) != "unknown"


@lru_cache(maxsize=1)
def _nameparser_titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(str(t).lower() for t in CONSTANTS.titles)


def _is_title(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in TITLES or w in _nameparser_titles()


@lru_cache(maxsize=8192)
def person_words(name: str) -> tuple[str, ...]:
    """The words of a person's name without titles, middle names, initials or suffixes:
    ``(first, surname)``, or ``(surname,)`` for a name of one word.  Empty for no name.

    >>> person_words("Harbourmaster Tomas Reyes")
    ('tomas', 'reyes')
    """
    from nameparser import HumanName

    clean = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", name)).strip()
    if not clean:
        return ()
    parsed = HumanName(clean)
    words = " ".join([parsed.first, parsed.middle, parsed.last]).split() or clean.split()
    words = [w for w in words if _fold(w)]
    words = _name_core(words)
    # An unknown title ("Harbourmaster Tomas Reyes"): a first word nobody is called,
    # followed by a word that is a first name.
    while len(words) > 2 and not is_first_name(words[0]) and is_first_name(words[1]):
        words.pop(0)
    while len(words) > 1 and _fold(words[-1]) in SUFFIXES:
        words.pop()
    folded = [_fold(w).replace(" ", "") for w in words]
    folded = [w for w in folded if w]
    if not folded:
        return ()
    if len(folded) == 1:
        return (folded[0],)
    middle_free = [folded[0], folded[-1]]
    return tuple(middle_free)


def _name_core(words: list[str]) -> list[str]:
    """The name at the end of a description: the last run of capitalised words (and name
    particles such as "van", "de"), titles left out.  "the Democratic candidate Hillary
    Clinton" -> Hillary Clinton; "WASHINGTON -- President Obama" -> Obama.  All-lower-case
    words ("ana torres") are kept as they are."""
    if not any(w[:1].isupper() for w in words):
        return words
    core: list[str] = []
    for w in reversed(words):
        if _is_title(w) or not (w[:1].isupper() or w.lower() in NAME_PARTICLES):
            break
        core.insert(0, w)
    while core and core[0].lower() in NAME_PARTICLES:
        core.pop(0)
    return core or words


def name_key(name: str, speaker_type: str = "person") -> str:
    """The registry key of a name.  People: first name and surname (``"Mayor Ana  Torres"``,
    ``"Dr. Ana Torres"``, ``"Ana J. Torres"`` all key ``"ana torres"``; ``"President Trump"``
    keys ``"trump"``).  Organisations and others: the folded words without a leading
    ``the``."""
    if speaker_type in PERSON_TYPES and not looks_like_organisation(name):
        return " ".join(person_words(name))
    words = _fold(name).split()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def surname(key: str) -> str:
    """The last word of a person's key (the whole key for a one-word name)."""
    return key.rsplit(" ", 1)[-1] if key else ""


def looks_like_organisation(name: str) -> bool:
    """Whether the name has a word only organisations' names have ("Party", "Inc")."""
    return any(w in ORGANISATION_WORDS for w in _fold(name).split())


def is_pronoun(mention: str) -> bool:
    """Whether the mention is only a pronoun ("he", "that", "which", "those")."""
    words = _fold(mention).split()
    return bool(words) and all(w in PRONOUNS for w in words)


def joint_parts(mention: str) -> list[str]:
    """The people a joint mention names ("Barack Obama and Hillary Clinton" -> both);
    ``[mention]`` when it names one."""
    parts = [p.strip() for p in _JOINT.split(mention.strip()) if p and p.strip()]
    named = [p for p in parts if p[:1].isupper() and not is_pronoun(p)]
    distinct = len({_fold(p) for p in named}) == len(named)
    return named if len(parts) > 1 and len(named) == len(parts) and distinct else [mention]


def speaker_identity(names: list[str], mention: str | None) -> str:
    """Who said a claim, as compared across versions of an article: the keys of the
    speakers' names, else the mention's words, else nothing (an unknown speaker)."""
    keys = sorted({name_key(n) for n in names} - {""})
    if keys:
        return "|".join(keys)
    if mention and not is_pronoun(mention):
        return "mention:" + _fold(mention)
    return ""


def claim_text(text: str) -> str:
    """A claim's words without case, punctuation or quotation marks."""
    return _fold(text)


def article_text(text: str) -> str:
    """An article's text as compared for identity: Unicode NFC, line endings and runs of
    white space made one space, stripped.  Saving a file again with other line endings or
    a trailing newline does not make another article."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


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
