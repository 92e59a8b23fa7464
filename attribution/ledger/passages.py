"""Article text cut into marked pieces, so a page can show a claim where it was said: the
statement, the speaker mention and the cue, or every claim of an article.

Offsets are character offsets into the article version's text; a span whose text does not
match the article at its offsets is left unmarked rather than marked in the wrong place.
Read-only: nothing here writes to the ledger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .records import Claim
from .store import Ledger


@dataclass(frozen=True)
class Span:
    """``start_char``-``end_char`` of the article, marked as ``mark`` (claim, speaker, cue)."""

    start_char: int
    end_char: int
    mark: str
    claim_id: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of text with the same marks; offsets index the article version's text."""

    text: str
    start_char: int
    end_char: int
    marks: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimPassage:
    """A claim's paragraph in pieces, with where the mention and the cue were found."""

    context: Context
    segments: list[Segment]
    mention: Span | None
    cue: Span | None


def segment(text: str, offset: int, spans: list[Span]) -> list[Segment]:
    """``text`` (which starts at article offset ``offset``) cut at every span boundary;
    each piece carries the marks and claim ids of the spans that cover it."""
    end = offset + len(text)
    inside = [s for s in spans if offset <= s.start_char < s.end_char <= end]
    cuts = sorted({offset, end, *(s.start_char for s in inside), *(s.end_char for s in inside)})
    pieces: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in inside if s.start_char <= a and b <= s.end_char]
        marks = tuple(sorted({s.mark for s in covering}))
        ids = tuple(dict.fromkeys(s.claim_id for s in covering if s.claim_id))
        pieces.append(Segment(text[a - offset : b - offset], a, b, marks, ids))
    return pieces


def _mention(ledger: Ledger, claim: Claim, article: str) -> Span | None:
    row = ledger.db.row("SELECT speaker_start, speaker_end FROM claims WHERE id = ?", (claim.id,))
    if not row or row["speaker_start"] is None or row["speaker_end"] is None:
        return None
    start, end = int(row["speaker_start"]), int(row["speaker_end"])
    if not (0 <= start < end <= len(article)) or article[start:end] != (claim.speaker_mention or ""):
        return None
    return Span(start, end, "speaker")


def find_cue(article: str, claim: Claim, mention: Span | None, lo: int, hi: int) -> Span | None:
    """Where the cue word (stored as its text, e.g. "said") is: the whole-word occurrence
    outside the statement, within ``lo``-``hi``, nearest to the speaker mention (else to
    the statement).  The ledger keeps the cue's words but not its offsets."""
    cue = (claim.cue or "").strip()
    if not cue:
        return None
    anchor = mention.start_char if mention else claim.start_char
    found = [
        m
        for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", article[lo:hi], re.IGNORECASE)
        if m.end() + lo <= claim.start_char or m.start() + lo >= claim.end_char
    ]
    if not found:
        return None
    best = min(found, key=lambda m: abs(m.start() + lo - anchor))
    return Span(best.start() + lo, best.end() + lo, "cue")


def claim_passage(ledger: Ledger, claim: Claim) -> ClaimPassage:
    """The claim's paragraph with the statement, speaker mention and cue marked."""
    article = ledger.article_text(claim.article_id, claim.version)
    context = ledger.context(claim.id)
    lo, hi = context.start_char, context.start_char + len(context.text)
    spans: list[Span] = []
    if article[claim.start_char : claim.end_char] == claim.text:
        spans.append(Span(claim.start_char, claim.end_char, "claim", claim.id))
    mention = _mention(ledger, claim, article)
    cue = find_cue(article, claim, mention, lo, hi)
    spans += [s for s in (mention, cue) if s is not None]
    return ClaimPassage(context, segment(context.text, lo, spans), mention, cue)


def article_passage(ledger: Ledger, article_id: str, version: int | None = None) -> tuple[str, list[Segment], list[Claim]]:
    """The article's text (a version, default the current one) in pieces with every claim
    whose words stand at its offsets in that text marked; returns (text, pieces, claims)."""
    text = ledger.article_text(article_id, version)
    claims = [c for c in ledger.claims(article=article_id, sort="position") if text[c.start_char : c.end_char] == c.text]
    spans = [Span(c.start_char, c.end_char, "claim", c.id) for c in claims]
    return text, segment(text, 0, spans), claims
