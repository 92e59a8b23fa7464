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
# Words a description has before a name and a name's appositive never has
# ("Donald Hartley of Madison", "officials who spoke with The Post").
FUNCTION_WORDS = frozenset("of by for in from with at who whom whose that which to on and or as about".split())
MAX_NAME_WORDS = 4  # "Martin Luther King Jr." is about as long as a name gets
MAX_INITIALS = 3  # a word in capitals longer than this is a dateline or a shout, not a name
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
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w.]+$")  # '">Sanders' is Sanders; "J." keeps its full stop


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
def _person(name: str) -> tuple[tuple[str, ...], bool, str]:
    """``(key words, is a name, surname)``: a person's name gives ``(first, surname)`` or
    ``(surname,)`` (particles joined: "Marine Le Pen" -> marine, lepen) and the surname's
    last word ("pen"); a description ("Donald Hartley of Madison", "the two") gives all its
    folded words, False and ""."""
    from nameparser import HumanName

    clean = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", name)).strip()
    if not clean:
        return (), False, ""
    parsed = HumanName(clean)
    words = " ".join([parsed.first, parsed.middle, parsed.last]).split() or clean.split()
    words = [w for w in (_EDGE_PUNCTUATION.sub("", w) for w in words) if _fold(w)]
    cased = any(w[:1].isupper() for w in words)  # lower-case words before a name are no part of it
    while len(words) > 1 and (_is_title(words[0]) or (cased and words[0][:1].islower() and not _particle(words, 0))):
        words.pop(0)
    core = _name_core(words)
    if core != words:  # a description before a name: "Republican nominee Donald Trump"
        prefix = words[: len(words) - len(core)]
        if len(core) < 2 or any(w.lower() in FUNCTION_WORDS for w in prefix):
            return _description(name), False, ""
        words = core
    elif not _plain_name(words, titled=bool(parsed.title)):
        return _description(name), False, ""
    # An unknown title ("Harbourmaster Tomas Reyes"): a first word nobody is called,
    # followed by a word that is a first name.
    while len(words) > 2 and not is_first_name(words[0]) and is_first_name(words[1]):
        words.pop(0)
    while len(words) > 1 and _fold(words[-1]) in SUFFIXES:
        words.pop()
    folded = [w for w in (_fold(w).replace(" ", "") for w in _join_particles(words)) if w]
    last = _fold(words[-1]).replace(" ", "") if words else ""
    if len(folded) <= 1:
        return tuple(folded), bool(folded), last
    return (folded[0], folded[-1]), True, last


def _description(name: str) -> tuple[str, ...]:
    words = _fold(name).split()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return tuple(words)


def _plain_name(words: list[str], *, titled: bool = False) -> bool:
    """Capitalised words (particles inside), few of them, not only titles (unless a title
    came before them: "Mr. Prince"), not a dateline in capitals ("WASHINGTON")."""
    if not words or len(words) > MAX_NAME_WORDS or (not titled and all(_is_title(w) for w in words)):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) > MAX_INITIALS:
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def person_words(name: str) -> tuple[str, ...]:
    """The words of a person's name without titles, middle names, initials or suffixes:
    ``(first, surname)``, or ``(surname,)`` for a name of one word.  A description that
    names nobody gives all its words.  Empty for no name.

    >>> person_words("Harbourmaster Tomas Reyes")
    ('tomas', 'reyes')
    """
    return _person(name)[0]


def is_person_name(name: str) -> bool:
    """Whether ``name`` is a person's name ("Mr. Schultz", "Republican nominee Donald
    Trump") rather than a description ("the two", "Donald Hartley of Madison")."""
    return _person(name)[1]


def surname_of(name: str, speaker_type: str) -> str | None:
    """The surname the registry joins on: a person's (or a lone capitalised word a tagger
    called an organisation, "Sanders"), never a description's or an organisation's."""
    if speaker_type not in PERSON_TYPES and not (
        speaker_type == "organisation" and len(name.split()) == 1 and not looks_like_organisation(name)
    ):
        return None
    _, is_name, last = _person(name)
    return last if is_name and last else None


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
    while core and core[0][:1].islower() and not _particle(core, 0):
        core.pop(0)
    return core or words


def _particle(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a name particle before a capitalised word ("de Blasio")."""
    return words[i].lower() in NAME_PARTICLES and i + 1 < len(words) and words[i + 1][:1].isupper()


def _join_particles(words: list[str]) -> list[str]:
    """Particles joined to the surname they begin: "Marine Le Pen" -> Marine, LePen."""
    out: list[str] = []
    for i, w in enumerate(words):
        if out and out[-1].endswith(" "):
            out[-1] += w
        else:
            out.append(w)
        if _particle(words, i):
            out[-1] += " "
    return [w.replace(" ", "") for w in out]


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
