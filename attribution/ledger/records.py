"""Plain dataclasses the ledger returns: claims, speakers, ingest outcomes, listing filters."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class LinkedClaim:
    """Another claim in the same repeat group (same speaker, near-identical words)."""

    id: str
    article_id: str
    status: str
    rating: str | None
    rating_value: float | None


@dataclass
class Claim:
    """One attribution kept in the ledger, with its review state."""

    id: str
    article_id: str
    version: int
    start_char: int
    end_char: int
    text: str
    kind: str
    speaker_id: str | None
    speaker_names: list[str]
    speaker_mention: str | None
    speaker_type: str
    anonymous: bool
    cue: str | None
    cue_class: str | None
    stance: str | None
    confidence: float
    status: str
    assignee: str | None
    rating: str | None
    rating_value: float | None
    reviewer: str | None
    factcheck_url: str | None
    verdict_at: str | None
    published_at: str | None
    group_id: str
    created_at: str
    updated_at: str
    article_url: str | None = None
    article_title: str | None = None
    outlet: str | None = None
    article_published: str | None = None
    tags: list[str] = field(default_factory=list)
    linked: list[LinkedClaim] = field(default_factory=list)
    origin: str = "extraction"  # or "reviewer": a claim a reviewer added
    relation: int | None = None  # the extraction's attribution relation, where it gave one
    withdrawn_in: int | None = None  # the article version that no longer has the claim
    modified_at: str | None = None  # when a published verdict was last corrected

    @property
    def speaker(self) -> str | None:
        """The speaker as a person reads it: names joined, else the mention."""
        if self.speaker_names:
            return " & ".join(self.speaker_names)
        return self.speaker_mention

    @property
    def linked_verdict(self) -> LinkedClaim | None:
        """A verdict given on a repeat of this claim elsewhere (published ones first)."""
        judged = [c for c in self.linked if c.rating is not None]
        judged.sort(key=lambda c: c.status != "published")
        return judged[0] if judged else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker
        d["linked_verdict"] = asdict(self.linked_verdict) if self.linked_verdict else None
        return d


@dataclass(frozen=True)
class Speaker:
    """One canonical speaker across articles."""

    id: str
    name: str
    type: str
    anonymous: bool
    aliases: list[str]
    claims: int
    articles: int
    article_id: str | None = None  # the one article an anonymous source was quoted in

    @property
    def label(self) -> str:
        """The name, with the article for an anonymous source ("officials" of two articles
        are two speakers and read so)."""
        return f"{self.name} (in {self.article_id})" if self.article_id else self.name

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}


@dataclass(frozen=True)
class IngestResult:
    """What ingesting one article did: ``added`` (first version), ``new_version``,
    ``unchanged`` (already in the ledger) or ``error``; how many claims are new, kept from
    the previous version, and withdrawn (no longer in the article)."""

    article_id: str
    outcome: str
    version: int | None = None
    claims_added: int = 0
    claims_kept: int = 0
    error: str | None = None
    claims_withdrawn: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


SORT_KEYS = ("created", "updated", "id", "status", "speaker", "article", "confidence", "position")


@dataclass
class ClaimFilter:
    """Which claims to list.  Unset fields do not filter."""

    status: str | None = None
    speaker: str | None = None  # speaker id, or part of a name or alias
    article: str | None = None
    outlet: str | None = None
    kind: str | None = None
    anonymous: bool | None = None
    assignee: str | None = None
    tag: str | None = None
    search: str | None = None  # full-text search of the claim's words and speaker
    ids: list[str] | None = None
    unassigned: bool = False  # only claims nobody is assigned to
    conflicts: bool = False  # only claims whose verdict differs from a linked repeat's
    sort: str = "created"
    descending: bool = False
    limit: int | None = None
    offset: int = 0
