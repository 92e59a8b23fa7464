"""Plain dataclasses for everything the engine produces.

Data flows one way: text -> :class:`ParsedDoc` (tokens with UD relations) ->
quote spans -> cues and speakers -> speaker resolution -> :class:`Attribution`
records collected in an :class:`Extraction`.  Every span carries ``start_char`` and
``end_char`` into the original text, and ``text == source[start_char:end_char]``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("direct", "mixed", "indirect")
#: A short quoted term ("a “phased” effort"): kept in extract output, never a claim.
TERM_KIND = "term"
SPEAKER_TYPES = ("person", "organisation", "anonymous", "group", "document", "unknown")
CUE_CLASSES = ("speech", "thought", "decline")
STANCES = ("assert", "predict", "deny", "decline", "question", "believe")


@dataclass(frozen=True)
class Span:
    """A stretch of the original text."""

    start_char: int
    end_char: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start_char": self.start_char, "end_char": self.end_char, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if d is None:
            return None
        return cls(int(d["start_char"]), int(d["end_char"]), str(d["text"]))

    @classmethod
    def of(cls, text: str, start_char: int, end_char: int) -> Span:
        return cls(start_char, end_char, text[start_char:end_char])


_UNIVERSAL: dict[str, str] = {}


def universal_relation(deprel: str) -> str:
    """The universal part of a UD relation (``nsubj`` for ``nsubj:pass``); the engine asks
    this of every token many times, so each relation is split once."""
    u = _UNIVERSAL.get(deprel)
    if u is None:
        u = _UNIVERSAL[deprel] = deprel.split(":", 1)[0]
    return u


@dataclass
class Token:
    """One token with its Universal Dependencies analysis.

    ``head`` is the document-level index of the syntactic head (the token's own index
    for a sentence root); ``deprel`` is a UD relation (subtypes kept, e.g. ``nsubj:pass``).
    """

    i: int
    text: str
    lemma: str
    upos: str
    head: int
    deprel: str
    start_char: int
    end_char: int
    sent: int
    para: int = 0
    ent_type: str = ""
    ent_iob: str = "O"
    tag: str = ""
    morph: str = ""

    @property
    def dep(self) -> str:
        """The universal part of the relation (``nsubj`` for ``nsubj:pass``)."""
        return universal_relation(self.deprel)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Token:
        return cls(**d)


@dataclass
class ParsedDoc:
    """A parsed text: tokens plus sentence boundaries (token index ranges)."""

    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # [start, end) token indices
    parser: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "parser": self.parser,
            "tokens": [t.to_dict() for t in self.tokens],
            "sentences": [list(s) for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedDoc:
        return cls(
            text=d["text"],
            tokens=[Token.from_dict(t) for t in d["tokens"]],
            sentences=[tuple(s) for s in d["sentences"]],  # type: ignore[misc]
            parser=d.get("parser", ""),
        )


@dataclass(frozen=True)
class Cue:
    """The word or phrase that introduces speech or thought (``said``, ``according to``)."""

    start_char: int
    end_char: int
    text: str
    lemma: str
    cue_class: str = "speech"  # speech | thought | decline
    stance: str = "assert"  # assert | predict | deny | decline | question | believe
    tense: str = ""  # past | present | future | perfect | ""
    modality: str = ""  # will, may, would ... or ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Cue | None:
        if d is None:
            return None
        return cls(**d)


@dataclass
class Attribution:
    """One attributed (or unattributed) piece of speech: the claims ledger's raw material."""

    start_char: int
    end_char: int
    text: str
    kind: str  # direct | mixed | indirect | term
    speaker: Span | None = None
    speaker_names: list[str] = field(default_factory=list)
    speaker_type: str = "unknown"
    anonymous: bool = False
    cue: Cue | None = None
    confidence: float = 0.5
    fragments: list[Span] = field(default_factory=list)  # quoted pieces inside mixed speech
    resolved_from: Span | None = None  # the mention a pronoun/title was resolved through
    sentence: int = -1
    relation: int | None = None  # shared by the statements of one speaker's run; None alone

    @property
    def speaker_name(self) -> str | list[str] | None:
        """One name, a list for joint speakers, or None when unresolved."""
        if not self.speaker_names:
            return None
        if len(self.speaker_names) == 1:
            return self.speaker_names[0]
        return list(self.speaker_names)

    @property
    def is_claim(self) -> bool:
        """False for non-claims: "declined to comment" (cue class ``decline``) and
        quoted terms (kind ``term``)."""
        return self.kind != "term" and (self.cue is None or self.cue.cue_class != "decline")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start_char": self.start_char,
            "end_char": self.end_char,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_type": self.speaker_type,
            "anonymous": self.anonymous,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": round(self.confidence, 4),
            "fragments": [f.to_dict() for f in self.fragments],
            "resolved_from": self.resolved_from.to_dict() if self.resolved_from else None,
            "sentence": self.sentence,
            "relation": self.relation,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        name = d.get("speaker_name")
        names = [] if name is None else ([name] if isinstance(name, str) else list(name))
        return cls(
            start_char=int(d["start_char"]),
            end_char=int(d["end_char"]),
            text=d["text"],
            kind=d["kind"],
            speaker=Span.from_dict(d.get("speaker")),
            speaker_names=names,
            speaker_type=d.get("speaker_type", "unknown"),
            anonymous=bool(d.get("anonymous", False)),
            cue=Cue.from_dict(d.get("cue")),
            confidence=float(d.get("confidence", 0.5)),
            fragments=[Span.from_dict(f) for f in d.get("fragments", [])],  # type: ignore[misc]
            resolved_from=Span.from_dict(d.get("resolved_from")),
            sentence=int(d.get("sentence", -1)),
            relation=None if d.get("relation") is None else int(d["relation"]),
        )


@dataclass
class Extraction:
    """The result of :func:`attribution.extract` for one document."""

    text: str
    attributions: list[Attribution] = field(default_factory=list)
    id: str | None = None
    parser: str = ""
    warnings: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.attributions)

    def __len__(self) -> int:
        return len(self.attributions)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "parser": self.parser}
        if include_text:
            d["text"] = self.text
        d["quotes"] = [a.to_dict() for a in self.attributions]
        if self.warnings:
            d["warnings"] = list(self.warnings)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Extraction:
        return cls(
            text=d.get("text", text or ""),
            attributions=[Attribution.from_dict(q) for q in d.get("quotes", [])],
            id=d.get("id"),
            parser=d.get("parser", ""),
            warnings=list(d.get("warnings", [])),
        )


@dataclass
class Document:
    """One input document for batch work: an id, its text, and optional metadata
    (``url``, ``title``, ``outlet``, ``published``...).  ``error`` is set by readers
    when the input could not be turned into text (bad encoding, bad JSONL line)."""

    id: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class DocResult:
    """The outcome for one document of a batch: an extraction, or an error message."""

    id: str
    extraction: Extraction | None = None
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None
