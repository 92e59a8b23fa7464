"""The cue lexicon: the words and phrases that introduce speech or thought.

The data lives in ``resources/cues.json``, mined from PolNeAR train by
``scripts/mine_cues.py`` (counts, precision, and the frames in which each cue takes its
content and its speaker).  A hand-written core (:data:`CORE_VERBS`, :data:`CORE_NOUNS`,
:data:`CORE_PHRASES`) is always merged in, so the engine still finds ``said``,
``according to`` and ``declined to comment`` when the JSON is missing or unreadable.

Frame names (``ccomp``, ``^parataxis``, ``sibling:nsubj``, ``quote`` ...) are explained
in the JSON's ``frame_legend``.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "CueEntry",
    "CueLexicon",
    "load_lexicon",
    "normalise_phrase",
    "CORE_VERBS",
    "CORE_NOUNS",
    "CORE_ADJECTIVES",
    "CORE_PHRASES",
    "LEMMA_ALIASES",
    "DEFAULT_PATH",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "resources" / "cues.json"

# Hand-written core: lemma -> (class, stance), always part of the lexicon.  Classes and stances are those of
# attribution.model (CUE_CLASSES, STANCES).  scripts/mine_cues.py checks that the mined
# lexicon agrees with these.
_S, _T, _D = "speech", "thought", "decline"
CORE_VERBS: Mapping[str, tuple[str, str]] = MappingProxyType({
    **{v: (_S, "assert") for v in (
        "say tell add claim announce confirm argue insist admit note explain report write "
        "state suggest urge acknowledge allege assert contend declare maintain "
        "reply respond recall stress tweet describe call comment concede testify "
        "emphasize observe mention point remark reveal recount repeat cite"
    ).split()},
    **{v: (_S, "deny") for v in "deny dispute reject".split()},
    **{v: (_S, "predict") for v in "warn predict promise vow pledge forecast".split()},
    **{v: (_S, "question") for v in "ask question".split()},
    **{v: (_T, "question") for v in "wonder".split()},
    **{v: (_T, "believe") for v in (
        "believe think feel hope fear know want worry suspect assume doubt"
    ).split()},
    **{v: (_T, "predict") for v in "expect".split()},
    **{v: (_D, "decline") for v in "decline refuse".split()},
})
CORE_NOUNS: Mapping[str, tuple[str, str]] = MappingProxyType({
    **{n: (_S, "assert") for n in (
        "claim statement call comment remark assertion argument accusation allegation "
        "testimony interview tweet announcement message relief"
    ).split()},
    **{n: (_S, "predict") for n in "warning promise prediction".split()},
    **{n: (_S, "deny") for n in "denial".split()},
    **{n: (_T, "believe") for n in "belief view hope fear concern".split()},
})
CORE_ADJECTIVES: Mapping[str, tuple[str, str]] = MappingProxyType({
    **{a: (_T, "believe") for a in "sure confident convinced skeptical worried concerned".split()},
})
CORE_PHRASES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "according to": (_S, "assert"),
    "in a statement": (_S, "assert"),
    "in an interview": (_S, "assert"),
})


# Lemmas the default spaCy pipeline gets wrong, mapped to the lexicon's key
# ("hoping" -> "hop").  Used by the miner and by every lookup.
LEMMA_ALIASES: Mapping[str, str] = MappingProxyType({
    "hop": "hope",
    "retweete": "retweet",
})


def normalise_phrase(text: str) -> str:
    """The lookup form of a phrase: lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").split())


@dataclass(frozen=True)
class CueEntry:
    """One cue: a verb or noun lemma, or a multi-word phrase.

    ``count`` is how often it was the cue of a gold attribution in PolNeAR train,
    ``occurrences`` how often the lemma (with that part of speech) or phrase occurs
    there at all, and ``precision`` the share of those occurrences that were cues.
    ``clausal_precision`` is the same share among occurrences with a clausal
    complement (``ccomp``); ``None`` where not measured.  ``frames`` count how the
    content related to the cue in the parse, ``speaker_frames`` how the speaker did.
    ``core`` is True for hand-listed cues (trusted whatever their statistics).
    """

    lemma: str
    pos: str  # verb | noun | adjective | phrase
    cue_class: str = "speech"  # speech | thought | decline
    stance: str = "assert"  # assert | predict | deny | decline | question | believe
    count: int = 0
    occurrences: int = 0
    precision: float | None = None
    clausal_precision: float | None = None
    frames: Mapping[str, int] = field(default_factory=dict)
    speaker_frames: Mapping[str, int] = field(default_factory=dict)
    core: bool = False

    def frame_share(self, frame: str) -> float:
        """Share of this cue's gold attributions whose content had ``frame`` (0 if none)."""
        total = sum(self.frames.values())
        return self.frames.get(frame, 0) / total if total else 0.0

    def speaker_frame_share(self, frame: str) -> float:
        """Share of this cue's gold attributions whose speaker had ``frame``."""
        total = sum(self.speaker_frames.values())
        return self.speaker_frames.get(frame, 0) / total if total else 0.0

    @property
    def is_thought(self) -> bool:
        return self.cue_class == "thought"

    @property
    def is_claim(self) -> bool:
        """False for non-claims such as "declined to comment"."""
        return self.cue_class != "decline"


@dataclass(frozen=True)
class CueLexicon:
    """Verb, noun, adjective and phrase cues keyed by lemma (phrases by
    :func:`normalise_phrase`).  Lookups also accept the parser's known wrong lemmas
    (:data:`LEMMA_ALIASES`).  The mappings are read-only; build a new lexicon to change them.
    """

    verbs: Mapping[str, CueEntry]
    nouns: Mapping[str, CueEntry]
    phrases: Mapping[str, CueEntry]
    adjectives: Mapping[str, CueEntry] = field(default_factory=dict)
    source: str = ""
    frame_legend: Mapping[str, str] = field(default_factory=dict)

    def is_cue_verb(self, lemma: str, *, min_precision: float = 0.0) -> bool:
        """True when ``lemma`` is a cue verb (core, or mined with that precision)."""
        return _passes(self.entry(lemma, "verb"), min_precision)

    def is_cue_noun(self, lemma: str, *, min_precision: float = 0.0) -> bool:
        """True when ``lemma`` is a speech or thought noun (``claim``, ``warning``)."""
        return _passes(self.entry(lemma, "noun"), min_precision)

    def is_cue_adjective(self, lemma: str, *, min_precision: float = 0.0) -> bool:
        """True when ``lemma`` is a cue adjective (``sure``, ``skeptical``)."""
        return _passes(self.entry(lemma, "adjective"), min_precision)

    def is_cue_phrase(self, text: str, *, min_precision: float = 0.0) -> bool:
        """True when ``text`` (any case and spacing) is a multi-word cue phrase."""
        return _passes(self.phrases.get(normalise_phrase(text)), min_precision)

    def entry(self, lemma: str, pos: str | None = None) -> CueEntry | None:
        """The entry for a lemma or phrase, or None.

        Args:
            lemma: a verb, noun or adjective lemma, or a phrase such as ``"according to"``.
            pos: ``verb``, ``noun``, ``adjective`` or ``phrase`` to look in one table
                only; by default verbs, then nouns, adjectives, phrases.
        """
        tables = {"verb": self.verbs, "noun": self.nouns, "adjective": self.adjectives,
                  "phrase": self.phrases}
        if pos is not None:
            if pos not in tables:
                raise ValueError(f"pos must be one of {', '.join(tables)}, not {pos!r}")
            found = tables[pos].get(lemma)  # the engine's lemmas come normalised: no work
            if found is not None:
                return found
        key = normalise_phrase(lemma)
        if pos is not None:
            chosen = [tables[pos]]
        else:
            chosen = list(tables.values())
        for k in (key, LEMMA_ALIASES.get(key)):
            for table in chosen:
                if k is not None and k in table:
                    return table[k]
        return None

    def classify(self, lemma: str, pos: str | None = None) -> tuple[str, str]:
        """``(cue_class, stance)`` of a cue; speech/assert for an unknown one."""
        e = self.entry(lemma, pos)
        return (e.cue_class, e.stance) if e else ("speech", "assert")

    def __len__(self) -> int:
        return len(self.verbs) + len(self.nouns) + len(self.adjectives) + len(self.phrases)


def _passes(e: CueEntry | None, min_precision: float) -> bool:
    if e is None:
        return False
    return e.core or (e.precision or 0.0) >= min_precision


def _entry(key: str, pos: str, d: Mapping[str, Any], core: Mapping[str, tuple]) -> CueEntry:
    cls, stance = core.get(key, (d.get("class", "speech"), d.get("stance", "assert")))
    cp = d.get("clausal_precision")
    return CueEntry(
        lemma=key,
        pos=pos,
        cue_class=cls,
        stance=stance,
        count=int(d.get("count", 0)),
        occurrences=int(d.get("occurrences", 0)),
        precision=float(d["precision"]) if "precision" in d else None,
        clausal_precision=float(cp) if cp is not None else None,
        frames=MappingProxyType(dict(d.get("frames", {}))),
        speaker_frames=MappingProxyType(dict(d.get("speaker_frames", {}))),
        core=key in core,
    )


def _table(data: Mapping[str, Any], pos: str, core: Mapping[str, tuple]) -> Mapping[str, CueEntry]:
    out = {normalise_phrase(k): _entry(normalise_phrase(k), pos, v, core)
           for k, v in (data or {}).items()}
    for key in core:
        if key not in out:
            out[key] = _entry(key, pos, {}, core)
    return MappingProxyType(out)


def lexicon_from_dict(data: Mapping[str, Any] | None) -> CueLexicon:
    """Build a lexicon from the JSON structure (or from nothing: the core alone)."""
    data = data or {}
    return CueLexicon(
        verbs=_table(data.get("verbs", {}), "verb", CORE_VERBS),
        nouns=_table(data.get("nouns", {}), "noun", CORE_NOUNS),
        phrases=_table(data.get("phrases", {}), "phrase", CORE_PHRASES),
        adjectives=_table(data.get("adjectives", {}), "adjective", CORE_ADJECTIVES),
        source=str(data.get("source", "hand-written core list")),
        frame_legend=MappingProxyType(dict(data.get("frame_legend", {}))),
    )


@functools.cache
def load_lexicon(path: str | Path | None = None) -> CueLexicon:
    """Load the cue lexicon (cached per path) merged with the hand-written core.

    Args:
        path: a cues.json to read instead of the packaged one.

    A missing or unreadable file gives the core lexicon alone, so extraction keeps
    working; its ``source`` then says what happened.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("top level is not an object")
    except (OSError, ValueError) as exc:
        lex = lexicon_from_dict(None)
        return dataclasses.replace(lex, source=f"hand-written core list ({p} not loaded: {exc})")
    return lexicon_from_dict(data)
