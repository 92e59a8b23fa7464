"""Composes the stages: quote spans -> cues and speakers -> resolution -> attributions.

The rules read only UD relations, UPOS, lemmas and entity types, so any backend that
produces a :class:`ParsedDoc` (spaCy, Stanza, gold CoNLL-U) gives the same attributions
wherever the parses agree.
"""
from __future__ import annotations

from .cues import MODALS, CueMatch, find_cues
from .document import DocState
from .linking import link_quotes
from .model import Attribution, Cue, ParsedDoc
from .naming import name_speaker, relative_antecedent
from .quotes import QuoteSpan
from .ranker import load_ranker
from .speakers import Mention, build_mention

#: Base confidence for each way a quote or clause is tied to its cue.
LINK_CONFIDENCE = {
    "content": 0.92,  # the quote lies in the cue's content
    "sentence": 0.7,  # a cue elsewhere in the quote's sentence
    "colon": 0.8,  # "He added:" before the quote
    "continuation": 0.55,  # the same speaker's next quote in the paragraph
    "indirect": 0.6,  # reported speech, scaled by the cue's precision below
    "according": 0.85,
    "unattributed": 0.3,
}
#: Multipliers for how well the speaker is known.
SPEAKER_CONFIDENCE = {"named": 1.0, "title": 0.95, "pronoun": 0.9, "anonymous": 1.0,
                      "mention": 0.95, "unresolved_pronoun": 0.7, "none": 0.6}
MIN_UNATTRIBUTED_WORDS = 4
DEDUPE_WINDOW = 30  # attributions are in text order: a duplicate lies among the last few


def attribute(doc: ParsedDoc) -> list[Attribution]:
    """All attributions in a parsed document, in text order."""
    if not doc.tokens:
        return []
    d = DocState(doc)
    cues = _judged_cues(d)
    links = link_quotes(d, cues)
    out: list[Attribution] = []
    by_cue: dict[int, list[int]] = {}
    for ln in links:
        if ln.cue is not None and ln.how in ("content", "sentence", "colon"):
            by_cue.setdefault(ln.cue, []).append(ln.quote)
    for ci, cue in enumerate(cues):
        qs = by_cue.get(ci, [])
        out.extend(_from_cue(d, cue, qs))
    # Quotes with no cue of their own.
    done_quotes = {q for qs in by_cue.values() for q in qs}
    for ln in links:
        if ln.quote in done_quotes:
            continue
        if ln.how == "continuation" and ln.cue is not None:
            a = _direct(d, ln.quote, cues[ln.cue], "continuation")
            a.cue = None
            out.append(a)
        elif ln.how == "unattributed":
            q = d.quotes[ln.quote]
            words = len(d.text[q.start_char:q.end_char].split())
            if words >= MIN_UNATTRIBUTED_WORDS:
                out.append(_direct(d, ln.quote, None, "unattributed"))
    out.sort(key=lambda a: (a.start_char, a.end_char))
    return _merge_runs(d, _dedupe(out))


def _merge_runs(d: DocState, atts: list[Attribution]) -> list[Attribution]:
    """One speaker's quotes in one paragraph ("“A,” she said. “B.”") are one attribution
    whose fragments are the quoted pieces, as annotators mark them."""
    out: list[Attribution] = []
    for a in atts:
        prev = out[-1] if out else None
        if prev is not None and a.kind == "direct" and prev.kind == "direct" and a.speaker == prev.speaker \
                and (a.cue is None or prev.cue is None or a.cue == prev.cue) and a.speaker is not None \
                and "\n" not in d.text[prev.end_char:a.start_char] and a.start_char - prev.end_char < 200:
            merged = Attribution(prev.start_char, a.end_char, d.text[prev.start_char:a.end_char], "direct",
                                 speaker=prev.speaker, speaker_names=prev.speaker_names,
                                 speaker_type=prev.speaker_type, anonymous=prev.anonymous,
                                 cue=prev.cue or a.cue, confidence=max(prev.confidence, a.confidence),
                                 fragments=(prev.fragments or [d.span(prev.start_char, prev.end_char)])
                                 + (a.fragments or [d.span(a.start_char, a.end_char)]),
                                 resolved_from=prev.resolved_from, sentence=prev.sentence)
            out[-1] = merged
            continue
        out.append(a)
    return out


#: Cues whose frame the ranker does not judge (no lexicon word behind them).
UNJUDGED_FRAMES = {"according", "label", "none"}


def _judged_cues(d: DocState) -> list[CueMatch]:
    """Cue candidates, kept by the learned ranker where it is installed (its probability
    becomes the cue's precision), else by the lexicon's precision thresholds."""
    ranker = load_ranker()
    if ranker is None:
        return find_cues(d.tree, d.in_quote)
    kept = []
    for c in find_cues(d.tree, d.in_quote, candidates=True):
        if c.frame in UNJUDGED_FRAMES or not c.content:
            kept.append(c)
            continue
        p = ranker.score(d.tree, c, d.in_quote)
        if p >= ranker.threshold:
            c.precision = p
            kept.append(c)
    return kept


def unattributed_quotes(doc: ParsedDoc) -> list[Attribution]:
    """Every quote in quote marks, with no speaker or cue: what can be said of a text whose
    language the rules do not read."""
    if not doc.tokens:
        return []
    d = DocState(doc)
    return [_direct(d, qi, None, "unattributed") for qi in range(len(d.quotes)) if d.quote_tokens(qi)]


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose span lies inside another's with the same speaker head."""
    out: list[Attribution] = []
    for a in atts:
        dup = False
        for b in out[-DEDUPE_WINDOW:]:
            if a.start_char >= b.start_char and a.end_char <= b.end_char and (
                    a.speaker == b.speaker or a.speaker is None) and (a.cue == b.cue or a.cue is None):
                dup = True
                break
        if not dup:
            out.append(a)
    return out


# --- building attributions ----------------------------------------------------------------

def _from_cue(d: DocState, cue: CueMatch, quotes: list[int]) -> list[Attribution]:
    toks = d.toks
    if not quotes:
        if not cue.content:
            return []
        content = [k for k in cue.content]
        if not content:
            return []
        kind = "mixed" if any(d.in_quote[k] for k in content) else "indirect"
        a = _make(d, cue, toks[content[0]].start_char, toks[content[-1]].end_char, kind,
                  "according" if cue.frame == "according" else "indirect")
        if a is not None and kind == "mixed":
            a.fragments = [d.span(q.start_char, q.end_char) for q in
                           sorted({d.quotes[d.tq[k]] for k in content if d.tq[k] >= 0}, key=lambda q: q.start_char)]
        return [a] if a else []
    ct = {k for k in cue.content if toks[k].upos != "PUNCT" and not d.in_quote[k]}
    qspans = [d.quotes[q] for q in sorted(quotes)]
    quoted_name = cue.frame == "naming" and cue.anchor is not None and any(
        d.tq[cue.anchor] == q for q in quotes)
    if cue.frame in ("obj", "xcomp", "none") or len(ct) <= 2 or (cue.frame == "naming" and not quoted_name):
        how = "content"
        return [_direct(d, q, cue, how) for q in sorted(quotes)]
    start = min(toks[cue.content[0]].start_char, qspans[0].start_char)
    end = max(toks[cue.content[-1]].end_char, qspans[-1].end_char)
    a = _make(d, cue, start, end, "mixed", "content")
    if a is None:
        return []
    a.fragments = [d.span(q.start_char, q.end_char) for q in qspans]
    return [a]


def _direct(d: DocState, qi: int, cue: CueMatch | None, how: str) -> Attribution:
    q: QuoteSpan = d.quotes[qi]
    if cue is None:
        sent = d.toks[d.quote_tokens(qi)[0]].sent if d.quote_tokens(qi) else -1
        return Attribution(q.start_char, q.end_char, d.text[q.start_char:q.end_char], "direct",
                           confidence=LINK_CONFIDENCE["unattributed"] * (1.0 if q.complete else 0.7),
                           fragments=[], sentence=sent)
    a = _make(d, cue, q.start_char, q.end_char, "direct", how)
    if not q.complete and a is not None:
        a.confidence *= 0.7
    return a


def _make(d: DocState, cue: CueMatch, start: int, end: int, kind: str, how: str) -> Attribution | None:
    toks = d.toks
    while end > start and d.text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    a = Attribution(start, end, d.text[start:end], kind, sentence=toks[cue.head].sent)
    a.cue = _cue_record(d, cue)
    conf = LINK_CONFIDENCE.get(how, 0.6)
    if how == "indirect":
        conf = 0.45 + 0.5 * max(0.0, min(1.0, cue.precision))
    speaker_state = "none"
    if cue.speaker is not None:
        m = build_mention(d.tree, cue.speaker, cue=cue.tokens[0], surnames=d.surnames)
        relative = relative_antecedent(d, cue.speaker)
        if relative is not None:
            # "the senator, who said ...": the mention is "who", the speaker the senator
            m_ante = build_mention(d.tree, relative, surnames=d.surnames)
            m.type, m.anonymous, m.pronoun, m.heads = m_ante.type, m_ante.anonymous, None, m_ante.heads
            m_names = Mention(tokens=m_ante.tokens, heads=m_ante.heads, type=m_ante.type)
        else:
            m_names = None
        a.speaker = d.span(toks[m.tokens[0]].start_char, toks[m.tokens[-1]].end_char)
        a.speaker_type, a.anonymous = m.type, m.anonymous
        speaker_state = name_speaker(d, m_names or m, a)
        if m_names is not None:
            # "who asked not to be named": the mention it stands for, named or not
            a.resolved_from = d.span(toks[m_names.tokens[0]].start_char, toks[m_names.tokens[-1]].end_char)
    a.confidence = round(conf * SPEAKER_CONFIDENCE[speaker_state], 4)
    return a


def _cue_record(d: DocState, cue: CueMatch) -> Cue:
    toks = d.toks
    first, last = cue.tokens[0], cue.tokens[-1]
    span = d.span(toks[first].start_char, toks[last].end_char)
    aux = [toks[k].lemma.lower() for k in cue.tokens if k != cue.head]
    head = toks[cue.head]
    modality = next((toks[k].text.lower() for k in cue.tokens if toks[k].lemma.lower() in MODALS), "")
    if modality in ("will", "shall", "'ll"):
        tense = "future"
    elif "have" in aux and head.tag == "VBN":
        tense = "perfect"
    elif head.tag == "VBD" or "Tense=Past" in head.morph:
        tense = "past"
    elif head.tag in ("VBZ", "VBP") or "Tense=Pres" in head.morph:
        tense = "present"
    else:
        tense = ""
    stance = cue.stance
    if modality and stance == "assert":
        stance = "predict" if modality in ("will", "shall") else stance
    return Cue(span.start_char, span.end_char, span.text, cue.lemma, cue.cue_class, stance, tense, modality)
