"""Linking quote spans to their cues: the quote inside a cue's content, a cue in the
quote's sentence, "He added:" before it, a dash signature after it, or the previous
quote's speaker continuing."""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from .cues import STRONG_FRAMES, CueMatch
from .document import DocState
from .syntax import is_quote_token, trim
from .words import DASHES, INTERVIEW_ROLES, NOT_SPEAKER_ENTITIES

MAX_DEPTH = 40  # deeper than this, cues are ordered as equals
MAX_LINK_TOKENS = 150  # a cue further than this from a quote is not its cue


#: Links that tie a quote to the cue that introduces it (the others only continue a
#: speaker's run or find no speaker).
CUE_LINKS = frozenset({"content", "sentence", "colon"})


@dataclass(frozen=True)
class Link:
    """A quote, the cue it belongs to (an index into :attr:`Linked.cues`) and how it was tied."""

    quote: int
    cue: int | None
    how: str  # content | sentence | colon | continuation | unattributed


@dataclass(frozen=True)
class Linked:
    """The links of every quote, and the cues they point into: the cues given to
    :func:`link_quotes` followed by the dash signatures and transcript labels it found
    (labels of paragraphs outside quote marks last)."""

    links: tuple[Link, ...]
    cues: tuple[CueMatch, ...]


@dataclass(frozen=True)
class _CueIndex:
    """Lookups over the cue list, built once per document."""

    cues: list[CueMatch]
    contents: list[set[int]]
    heads: list[int]  # in head order
    depth: list[int]
    by_sent: dict[int, list[int]]  # sentence -> cues whose head or content edge is there

    @classmethod
    def build(cls, d: DocState, cues: list[CueMatch]) -> _CueIndex:
        by_sent: dict[int, list[int]] = {}
        for ci, c in enumerate(cues):
            for sent in {d.toks[k].sent for k in (c.content[:1] + c.content[-1:] + [c.head])}:
                by_sent.setdefault(sent, []).append(ci)
        return cls(list(cues), [set(c.content) for c in cues], [c.head for c in cues],
                   [len(d.tree.ancestors(c.head, limit=MAX_DEPTH)) for c in cues], by_sent)

    def nearby(self, d: DocState, qt: list[int]) -> list[int]:
        """Cues in or next to the quote's sentences, within reach of it, in order."""
        sents = range(d.toks[qt[0]].sent - 1, d.toks[qt[-1]].sent + 2)
        found = {ci for sent in sents for ci in self.by_sent.get(sent, ())}
        return sorted(ci for ci in found
                      if qt[0] - MAX_LINK_TOKENS <= self.cues[ci].head <= qt[-1] + MAX_LINK_TOKENS)


def link_quotes(d: DocState, cues: list[CueMatch]) -> Linked:
    """Tie each quote to a cue, trying in turn: a transcript label opening it
    ("PENCE: Well, ..."), a cue whose content holds it, a cue in its sentence, a colon
    cue before it, a dash signature after it, the previous quote's speaker; else the
    quote is unattributed.  Whether a short quote is a statement or a
    quoted term (a title, a label) is decided later (:mod:`attribution.terms`)."""
    index = _CueIndex.build(d, cues)
    links: list[Link] = []
    signatures: list[CueMatch] = []
    for qi in range(len(d.quotes)):
        qt = [k for k in d.quote_tokens(qi) if not is_quote_token(d.toks[k].text)]
        if not qt:
            continue
        label = transcript_label(d, qt)
        if label is not None:
            signatures.append(label)
            links.append(Link(qi, len(cues) + len(signatures) - 1, "content"))
            continue
        nearby = index.nearby(d, qt)
        for how, find in (("content", _content_cue), ("sentence", _sentence_cue), ("colon", _colon_cue)):
            ci = find(d, index, nearby, qi, qt)
            if ci is not None:
                links.append(Link(qi, ci, how))
                break
        else:
            dash = _dash_signature(d, qi)
            if dash is not None:
                signatures.append(dash)
                links.append(Link(qi, len(cues) + len(signatures) - 1, "colon"))
                continue
            prev = _previous_speaker_link(d, index, links, qi)
            links.append(Link(qi, prev, "continuation") if prev is not None else Link(qi, None, "unattributed"))
    return Linked(tuple(links), tuple(cues) + tuple(signatures) + tuple(_paragraph_labels(d, cues)))


def _paragraph_labels(d: DocState, cues: list[CueMatch]) -> list[CueMatch]:
    """Transcript labels opening paragraphs outside quote marks ("A: I have not
    decided.") that no cue of :mod:`attribution.cues` took: reported speech, the
    paragraph's rest, with no quote tied to it."""
    taken = {c.head for c in cues}
    toks = d.toks
    out = []
    first = 0
    for k in range(1, len(toks) + 1):
        if k < len(toks) and toks[k].para == toks[first].para:
            continue
        label = None if d.in_quote[first] else transcript_label(d, list(range(first, k)))
        if label is not None and label.head not in taken:
            content = trim(d.tree, label.content)
            if content:
                out.append(dataclasses.replace(label, content=content))
        first = k
    return out


def _content_cue(d: DocState, index: _CueIndex, nearby: list[int], qi: int, qt: list[int]) -> int | None:
    """The cue whose content holds the quote: the firmest frame first, then the innermost
    cue, then the largest overlap."""
    qset = set(qt)
    best = None
    for ci in nearby:
        c = index.cues[ci]
        if not index.contents[ci] or any(d.tq[k] == qi for k in c.tokens):
            continue
        ov = len(qset & index.contents[ci])
        if ov:
            key = (c.frame in STRONG_FRAMES, index.depth[ci], ov, -len(index.contents[ci]))
            if best is None or key > best[0]:
                best = (key, ci)
    return best[1] if best is not None else None


def _sentence_cue(d: DocState, index: _CueIndex, nearby: list[int], qi: int, qt: list[int]) -> int | None:
    """The nearest speech cue in the quote's sentence (or in the short sentence right
    after it that the parser cut off: “…,” | he told the paper.)."""
    sents = {d.toks[k].sent for k in qt}
    after = d.quote_tokens(qi)[-1] + 1
    if after < len(d.toks) and d.toks[after].para == d.toks[qt[-1]].para and (
            d.toks[after].text[:1].islower() or d.toks[after - 2].text == ","
            or _short_sentence(d, d.toks[after].sent)):
        sents.add(d.toks[after].sent)
    near = None
    for ci in nearby:
        c = index.cues[ci]
        if d.toks[c.head].sent in sents and d.tq[c.head] != qi and c.frame != "according" \
                and c.cue_class != "decline" and not _in_speaker(d, c, qt) and (not _content_has_other_quote(d, c, qi)
                                                  or _complement_of(d, c, qt) or _signed_by(d, c, qi)):
            dist = min(abs(c.head - qt[0]), abs(c.head - qt[-1]))
            if near is None or dist < near[0]:
                near = (dist, ci)
    return near[1] if near is not None else None


#: A sentence of at most this many tokens after a quote is a cut-off signature ("Clinton said.").
SHORT_SENTENCE_TOKENS = 8


def _short_sentence(d: DocState, sent: int, limit: int = SHORT_SENTENCE_TOKENS) -> bool:
    """A sentence of a few words ("Clinton said.") that the parser cut off a quote."""
    s, e = d.doc.sentences[sent]
    return e - s <= limit


def _complement_of(d: DocState, c: CueMatch, qt: list[int]) -> bool:
    """The quote is a complement of the cue's verb too, besides the one the cue took as
    its content: “We will win,” the mayor said, “and we will stay.” (two clauses on one
    verb)."""
    return any(d.toks[k].head == c.head and d.toks[k].dep in ("ccomp", "parataxis") for k in qt)


def _in_speaker(d: DocState, c: CueMatch, qt: list[int]) -> bool:
    """The quote is part of the cue's speaker mention ("Fans of the “Star Wars” films
    said ..."): a name or a title, not what the speaker said."""
    if c.speaker is None or d.in_quote[c.speaker] or not qt[-1] < c.head:
        return False
    mention = d.tree.subtree(c.speaker)
    words = [k for k in mention if not d.in_quote[k] and d.toks[k].upos != "PUNCT"]
    return bool(words) and words[0] < qt[0] and qt[0] in mention


def _signed_by(d: DocState, c: CueMatch, qi: int) -> bool:
    """The quote is the first half of a quote the cue interrupts: “If you look back,”
    Scott said, “I could have written it.” -- between its closing mark and the cue
    verb stand only the speaker mention and punctuation, and it breaks off on a comma."""
    qtok = d.quote_tokens(qi)
    if not qtok or c.speaker is None or c.head < qtok[-1]:
        return False
    before = d.text[:d.toks[qtok[-1]].start_char].rstrip()
    if not before.endswith(","):
        return False
    signature = set(d.tree.subtree(c.speaker)) | set(c.tokens)
    return all(k in signature or d.toks[k].upos == "PUNCT" for k in range(qtok[-1] + 1, c.head))


def _content_has_other_quote(d: DocState, c: CueMatch, qi: int) -> bool:
    return any(d.tq[k] >= 0 and d.tq[k] != qi for k in c.content)


MAX_SIGNATURE_TOKENS = 6


def _dash_signature(d: DocState, qi: int) -> CueMatch | None:
    """“…” ― Jane Smith: a quote signed with a dash and a name closing its paragraph."""
    toks = d.toks
    qtok = d.quote_tokens(qi)
    k = qtok[-1] + 1 if qtok else len(toks)
    if qtok and toks[qtok[-1]].text[-1:] in DASHES:
        k = qtok[-1]  # the tokenizer glued the dash to the closing mark: ”―
    elif k >= len(toks) or toks[k].text not in DASHES or toks[k].para != toks[qtok[-1]].para:
        return None
    end = k + 1
    while end < len(toks) and toks[end].para == toks[k].para:
        end += 1
    name = [j for j in range(k + 1, end) if toks[j].upos != "PUNCT"]
    if not name or len(name) > MAX_SIGNATURE_TOKENS or toks[name[0]].upos != "PROPN":
        return None
    head = max((j for j in name if toks[j].upos == "PROPN"), default=name[0])
    return CueMatch(head=k, tokens=[k], lemma="—", frame="signature", content=[], speaker=head,
                    cue_class="speech", stance="assert", precision=0.8)


#: A transcript's speaker label runs to at most this many words in capitals ("PENCE:",
#: "SEN. JOHN SMITH:"); a longer stretch of capitals is a shouted sentence.
MAX_TRANSCRIPT_LABEL_WORDS = 3
#: How often a capitalised label opening a quote names its speaker: the transcript
#: convention leaves little doubt (the share of a label cue, :mod:`attribution.cues`).
TRANSCRIPT_LABEL_PRECISION = 0.9


def transcript_label(d: DocState, qt: list[int]) -> CueMatch | None:
    """"PENCE: Well, look, ...", "Q: ...": a paragraph of an interview transcript (or a
    quote opening one; ``qt`` are its tokens but the marks) that opens with its
    speaker's name (or Q, A) in capitals and a colon.  The label is the speaker, the rest
    the statement (the label cue's content)."""
    toks = d.toks
    colon = next((n for n, k in enumerate(qt[:2 * MAX_TRANSCRIPT_LABEL_WORDS + 1]) if toks[k].text == ":"), None)
    if not colon or colon == len(qt) - 1 or not _opens_paragraph(d, qt[0]):
        return None
    label = qt[:colon]
    words = [k for n, k in enumerate(label) if not (n and toks[k].text == ".")]  # "SEN . SMITH": the point of "SEN."
    if len(words) > MAX_TRANSCRIPT_LABEL_WORDS \
            or not all(_capitals(toks[k].text) for k in words) or toks[words[-1]].ent_type in NOT_SPEAKER_ENTITIES \
            or toks[qt[colon + 1]].para != toks[qt[0]].para \
            or (len(label) == 1 and len(toks[label[0]].text) == 1 and toks[label[0]].text not in INTERVIEW_ROLES):
        return None
    return CueMatch(head=qt[colon], tokens=[qt[colon]], lemma=":", frame="label", content=qt[colon + 1:],
                    speaker=label[-1], cue_class="speech", stance="assert", precision=TRANSCRIPT_LABEL_PRECISION)


def label_words(d: DocState, label: CueMatch) -> list[int]:
    """The words of a transcript label (:func:`transcript_label`), before its colon."""
    toks = d.toks
    first = label.head
    while first > 0 and toks[first - 1].para == toks[label.head].para and not is_quote_token(toks[first - 1].text):
        first -= 1
    return list(range(first, label.head))


def inner_tokens(d: DocState, start: int, end: int) -> list[int]:
    """The tokens of ``d.text[start:end]`` but quote marks."""
    out = []
    for k in range(d.token_at(start), len(d.toks)):
        if d.toks[k].start_char >= end:
            break
        if d.toks[k].start_char >= start and not is_quote_token(d.toks[k].text):
            out.append(k)
    return out


def _capitals(word: str) -> bool:
    """A word in capitals ("PENCE", "O'BRIEN", "SEN.", "Q")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and all(c.isalpha() or c in ".'’-" for c in word)


def _opens_paragraph(d: DocState, first: int) -> bool:
    """Token ``first`` opens its paragraph, but for punctuation (an opening mark)."""
    k = first - 1
    while k >= 0 and d.toks[k].para == d.toks[first].para:
        if d.toks[k].upos != "PUNCT":
            return False
        k -= 1
    return True


def _colon_cue(d: DocState, index: _CueIndex, nearby: list[int], qi: int, qt: list[int]) -> int | None:
    """A cue in the sentence before the quote when that sentence ends with a colon, or
    right before the quote with a colon in between ("He added: “…”")."""
    toks, cues = d.toks, index.cues
    k = qt[0] - 1
    while k >= 0 and is_quote_token(toks[k].text):
        k -= 1
    if k < 0 or toks[k].text != ":":
        return None
    # cues are in head order: walk back from the colon through this and the previous sentence
    ci = bisect.bisect_left(index.heads, k) - 1
    while ci >= 0 and toks[cues[ci].head].sent >= toks[k].sent - 1:
        c = cues[ci]
        if c.frame != "according" and toks[c.head].para == toks[k].para:
            return ci
        ci -= 1
    return None


def _previous_speaker_link(d: DocState, index: _CueIndex, links: list[Link], qi: int) -> int | None:
    """A quote standing alone at the start of its sentence continues the speaker who spoke
    last, in the same or the previous paragraph: the previous quote's speaker, or a
    speaker of reported speech since ("Golden said she looked for him. | “That was
    enough for me.”")."""
    qtok = d.quote_tokens(qi)
    if not qtok:
        return None
    # its first word, past the marks (a doubled mark, '' as in ''It's ..., may end up
    # in the previous sentence)
    first = next((k for k in qtok if not is_quote_token(d.toks[k].text)), qtok[0])
    sent_start = d.doc.sentences[d.toks[first].sent][0] if d.doc.sentences else first
    opens_sentence = all(is_quote_token(d.toks[k].text) for k in range(sent_start, first))
    if not opens_sentence and not is_quote_token(d.toks[sent_start].text):
        return None  # a fragment inside a sentence of narration, not a statement of its own
    qpara = d.toks[first].para
    last = links[-1] if links else None
    last_at = -1
    if last is not None and last.cue is not None and last.how != "unattributed":
        ptok = d.quote_tokens(last.quote)
        if ptok and qpara - d.toks[ptok[-1]].para <= 1:
            last_at = ptok[-1]
    spoken = _last_speech_cue(d, index, first, after=last_at)
    if spoken is not None:
        return spoken
    return last.cue if last_at >= 0 else None


def _last_speech_cue(d: DocState, index: _CueIndex, before: int, after: int) -> int | None:
    """The last speech cue with a speaker whose head lies between token ``after`` and
    token ``before``, in ``before``'s paragraph or the one above it."""
    toks = d.toks
    para = toks[before].para
    ci = bisect.bisect_left(index.heads, before) - 1
    while ci >= 0 and index.heads[ci] > after and para - toks[index.heads[ci]].para <= 1:
        c = index.cues[ci]
        if c.speaker is not None and c.cue_class == "speech" and c.frame != "according" and not d.in_quote[c.head]:
            return ci
        ci -= 1
    return None
