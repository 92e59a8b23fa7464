"""The grammatical gender a pronoun needs of its antecedent, and what an article says of
a person's: honorifics ("Mr", "Ms"), gendered nouns ("her son Kody Cook", "the woman"),
then, where the article says nothing, the first name through the ``gender-guesser``
names list.  ``"m"``, ``"f"`` or ``""`` (unknown: compatible with either)."""
from __future__ import annotations

from functools import lru_cache

MALE, FEMALE, UNKNOWN = "m", "f", ""

#: Third-person singular pronouns and the gender they carry.
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}

#: Honorifics before a name, without their full stop.
HONORIFIC_GENDER = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "mister": MALE,
                    "sir": MALE, "dame": FEMALE, "lord": MALE, "lady": FEMALE, "madam": FEMALE}

#: Nouns that say a person's gender when they describe a named person ("her son Kody
#: Cook", "the woman", "Smith's wife").
GENDERED_NOUNS = {
    MALE: {"man", "boy", "father", "dad", "son", "husband", "brother", "uncle", "nephew",
           "grandfather", "grandson", "boyfriend", "king", "prince", "spokesman", "chairman",
           "congressman", "businessman", "actor", "widower", "gentleman", "stepfather"},
    FEMALE: {"woman", "girl", "mother", "mom", "mum", "daughter", "wife", "sister", "aunt",
             "niece", "grandmother", "granddaughter", "girlfriend", "queen", "princess",
             "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress",
             "widow", "lady", "stepmother"},
}
_NOUN_GENDER = {w: g for g, words in GENDERED_NOUNS.items() for w in words}

#: gender-guesser answers taken as a gender; "andy" (androgynous) and "unknown" are not.
_GUESSER = {"male": MALE, "mostly_male": MALE, "female": FEMALE, "mostly_female": FEMALE}


def noun_gender(word: str) -> str:
    """The gender a noun ("mother", "spokesman") says of the person it describes."""
    return _NOUN_GENDER.get(word.lower(), UNKNOWN)


def honorific_gender(word: str) -> str:
    """The gender an honorific ("Mr.", "Ms") says of the name after it."""
    return HONORIFIC_GENDER.get(word.lower().rstrip("."), UNKNOWN)


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(first: str) -> str:
    """The usual gender of a first name in the ``gender-guesser`` list; unknown for a name
    the list does not have or gives to both."""
    if not first or not first[:1].isalpha():
        return UNKNOWN
    return _GUESSER.get(_detector().get_gender(first), UNKNOWN)


def compatible(needed: str, known: str) -> bool:
    """A pronoun needing ``needed`` may refer to someone whose gender is ``known``."""
    return not needed or not known or needed == known
