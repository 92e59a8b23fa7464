"""Who can be a source: the common nouns annotators took for speakers.

A cue whose content is a phrase ("allows the government to ...", "recorded his first
goal") reports an event more often than a statement; where its subject is a common noun
never seen heading a speaker ("the victory", "such funds", "the police cars") it is no
statement by someone.  The nouns and their counts are mined from PolNeAR train by
``scripts/mine_sources.py`` (``resources/sources.json``); the kinds of speaker the
engine already types (people by role, bodies, documents) and agent nouns ("contractor",
"regulator", "economist") are sources too, as are names, pronouns and named entities.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from .model import Token
from .speakers import ANON_NOUNS, DOC_NOUNS, ORG_NOUNS, TITLE_NOUNS
from .words import EVENT_DEMONSTRATIVES

SOURCES_PATH = Path(__file__).resolve().parent / "resources" / "sources.json"
#: A common noun must head a gold speaker this many times in PolNeAR train to be a source:
#: once or twice is as likely an annotator's slip or a parse's as a kind of speaker.
MIN_SOURCE_COUNT = 3
#: Nouns the engine types as a speaker of some kind.
TYPED_SPEAKER_NOUNS = frozenset(ANON_NOUNS | TITLE_NOUNS | ORG_NOUNS | DOC_NOUNS)
#: Endings of agent and people nouns ("contractor", "analyst", "historian", "spokesperson"):
#: such a noun may be a source though PolNeAR never had one.  Generous on purpose: a noun
#: let through is judged by the ranker as before; one held back loses a statement.
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "person", "man", "woman", "people")


@functools.cache
def source_nouns() -> frozenset[str]:
    """The lemmas of common nouns seen heading a speaker at least :data:`MIN_SOURCE_COUNT`
    times; empty where the resource is missing (then every noun may speak)."""
    if not SOURCES_PATH.exists():
        return frozenset()
    nouns = json.loads(SOURCES_PATH.read_text(encoding="utf-8"))["nouns"]
    return frozenset(k for k, n in nouns.items() if n >= MIN_SOURCE_COUNT)


def can_speak(tok: Token, *, sentence_initial: bool = False) -> bool:
    """``tok``, the head of a cue's subject, may be somebody saying something: anything
    but a common noun outside the source nouns, or "this"/"these" standing for an event.
    A capitalised "noun" inside a sentence is a name the tagger missed ("Torres will
    urge ...")."""
    if tok.upos == "PRON":
        return tok.lemma.lower() not in EVENT_DEMONSTRATIVES
    if tok.upos != "NOUN" or tok.ent_type or (tok.text[:1].isupper() and not sentence_initial):
        return True
    known = source_nouns()
    lemma = tok.lemma.lower()
    return not known or lemma in known or lemma in TYPED_SPEAKER_NOUNS or lemma.endswith(AGENT_ENDINGS)
