"""Who can be a source: the common nouns annotators took for speakers.

A cue whose content is a phrase ("allows the government to ...", "recorded his first
goal") reports an event more often than a statement; where its subject is a common noun
never seen heading a speaker ("the victory", "such funds", "the police cars") it is no
statement by someone.  The nouns and their counts are mined from PolNeAR train by
``scripts/mine_sources.py`` (``resources/sources.json``).  Names, pronouns and named
entities are always sources.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from .model import Token

SOURCES_PATH = Path(__file__).resolve().parent / "resources" / "sources.json"
#: A common noun must head a gold speaker this many times in PolNeAR train to be a source:
#: once or twice is as likely an annotator's slip or a parse's as a kind of speaker.
MIN_SOURCE_COUNT = 3


@functools.cache
def source_nouns() -> frozenset[str]:
    """The lemmas of common nouns seen heading a speaker at least :data:`MIN_SOURCE_COUNT`
    times; empty where the resource is missing (then every noun may speak)."""
    if not SOURCES_PATH.exists():
        return frozenset()
    nouns = json.loads(SOURCES_PATH.read_text(encoding="utf-8"))["nouns"]
    return frozenset(k for k, n in nouns.items() if n >= MIN_SOURCE_COUNT)


def can_speak(tok: Token) -> bool:
    """``tok``, the head of a cue's subject, may be somebody saying something: anything
    but a common noun outside the mined source nouns."""
    if tok.upos != "NOUN" or tok.ent_type:
        return True
    known = source_nouns()
    return not known or tok.lemma.lower() in known
