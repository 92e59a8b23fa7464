"""Composes the stages: quote spans -> cues and speakers -> resolution -> attributions.

The rules read only UD relations, UPOS, lemmas and entity types, so any backend that
produces a :class:`ParsedDoc` (spaCy, Stanza, gold CoNLL-U) gives the same attributions
wherever the parses agree.
"""
from __future__ import annotations

import dataclasses
import re

from .cues import MODALS, PHRASE_FRAMES, CueMatch, find_cues
from .document import DocState
from .furniture import furniture_paragraphs
from .linking import CUE_LINKS, Linked, inner_tokens, label_words, link_quotes, transcript_label
from .model import TERM_KIND, Attribution, Cue, ParsedDoc, Span
from .naming import NO_SPEAKER, Naming, name_speaker
from .quotes import QuoteSpan
from .ranker import PHRASE_CONTENT_FRAMES, Ranker, load_ranker
from .sources import can_speak
from .syntax import is_quote_token, trim
from .terms import is_term, stage_direction

#: Base confidence for each way a quote or clause is tied to its cue: the fallback, with
#: the speaker multipliers below, where :data:`CALIBRATED` has no measured rate.
LINK_CONFIDENCE = {
    "content": 0.92,  # the quote lies in the cue's content
    "sentence": 0.7,  # a cue elsewhere in the quote's sentence
    "colon": 0.8,  # "He added:" before the quote
    "continuation": 0.55,  # the same speaker's next quote in the paragraph
    "according": 0.85,
    "unattributed": 0.3,
    "term": 0.3,
}
#: Multipliers for how well the speaker is known.
SPEAKER_CONFIDENCE = {"named": 1.0, "title": 0.95, "pronoun": 0.9, "anonymous": 1.0,
                      "mention": 0.95, "unresolved_pronoun": 0.7, "none": 0.6}
#: Indirect speech: confidence grows with the ranker's probability for the cue, from
#: INDIRECT_BASE for a cue it barely kept to INDIRECT_BASE + INDIRECT_SPAN for a sure one.
INDIRECT_BASE, INDIRECT_SPAN = 0.45, 0.5
#: Bands of the ranker's probability for an indirect cue, highest first (name, lower bound).
PRECISION_BANDS = (("high", 0.8), ("mid", 0.6), ("low", 0.0))
#: Share right end to end by (link, speaker state), measured by
#: scripts/calibrate_confidence.py on held-out PolNeAR train publishers and GGT dev
#: (each set weighted alike); cells it saw too few of fall back to the products above.
CALIBRATED: dict[tuple[str, str], float] = {
    ('according', 'mention'): 0.8,
    ('content', 'mention'): 0.63,
    ('content', 'named'): 0.96,
    ('content', 'pronoun'): 0.9,
    ('continuation', 'mention'): 0.78,
    ('continuation', 'named'): 0.93,
    ('continuation', 'pronoun'): 0.94,
    ('indirect:high', 'anonymous'): 0.94,
    ('indirect:high', 'mention'): 0.71,
    ('indirect:high', 'named'): 0.88,
    ('indirect:high', 'pronoun'): 0.94,
    ('indirect:low', 'mention'): 0.37,
    ('indirect:low', 'named'): 0.46,
    ('indirect:low', 'pronoun'): 0.46,
    ('indirect:low', 'unresolved_pronoun'): 0.31,
    ('indirect:mid', 'mention'): 0.54,
    ('indirect:mid', 'named'): 0.63,
    ('indirect:mid', 'pronoun'): 0.8,
    ('indirect:mid', 'unresolved_pronoun'): 0.54,
    ('sentence', 'named'): 0.95,
    ('sentence', 'pronoun'): 0.86,
    ('unattributed', 'none'): 0.02,
}
#: A verb seen as a cue fewer times than this in PolNeAR train (the lexicon's count) is
#: too rare to vouch for a phrase content: one or two sightings are as often a slip.
MIN_PHRASE_CUE_COUNT = 3
#: How a quote signed by the verb after it ends: “…,” she continued.
SIGNED_QUOTE_ENDS = {",", "?", "!"}
#: A cue word with no content must have introduced speech at least this share of the
#: times it occurs in PolNeAR train (the lexicon's precision) to take a quote.
MIN_BARE_CUE_PRECISION = 0.25
#: A quote whose closing mark is missing may run on past its end: trust it less.
INCOMPLETE_QUOTE_FACTOR = 0.7
#: A quote with no speaker shorter than this is a phrase, not a statement.
MIN_UNATTRIBUTED_WORDS = 4
#: Attributions are in text order: a duplicate lies among the last few.
DEDUPE_WINDOW = 30
#: Two attributions of one speaker overlapping by this share of the shorter report one
#: statement (the measure of ``../shared/eval/dupes.py``).
DUPLICATE_OVERLAP = 0.5
#: Two quotes of one speaker further apart than this (characters) are not one run.
MAX_RUN_GAP_CHARS = 200
#: Frames whose content is the quote itself: each quote tied to them is its own attribution.
QUOTE_ONLY_FRAMES = {"obj", "xcomp", "none"}
#: A cue's clause with at most this many words outside quote marks is the quote alone
#: ("“…,” he said, “…”"); more, and it is reported speech with quoted pieces.
MAX_FRAME_WORDS = 2


def attribute(doc: ParsedDoc) -> list[Attribution]:
    """All attributions in a parsed document, in text order."""
    if not doc.tokens:
        return []
    d = DocState(doc)
    linked = link_quotes(d, _judged_cues(d))
    furniture = furniture_paragraphs(d)
    out = [a for a in _cued_attributions(d, linked) + _uncued_attributions(d, linked)
           if d.toks[d.token_at(a.start_char)].para not in furniture]
    out.sort(key=lambda a: (a.start_char, a.end_char))
    return _with_relations(d, _one_per_statement(_dedupe(out)))


def _cued_attributions(d: DocState, linked: Linked) -> list[Attribution]:
    """Each cue's attributions: the quotes tied to it, or its reported content."""
    by_cue: dict[int, dict[int, str]] = {}
    for ln in linked.links:
        if ln.cue is not None and ln.how in CUE_LINKS:
            by_cue.setdefault(ln.cue, {})[ln.quote] = ln.how
    out: list[Attribution] = []
    for ci, cue in enumerate(linked.cues):
        out.extend(_from_cue(d, cue, by_cue.get(ci, {})))
    return out


def _uncued_attributions(d: DocState, linked: Linked) -> list[Attribution]:
    """Quotes with no cue of their own: a continuation of the previous speaker's run,
    or an unattributed quote long enough to be a statement."""
    out: list[Attribution] = []
    for ln in linked.links:
        if ln.how == "continuation" and ln.cue is not None:
            out.extend(_direct(d, ln.quote, linked.cues[ln.cue], "continuation"))
        elif ln.how == "unattributed":
            q = d.quotes[ln.quote]
            words = len(d.text[q.start_char:q.end_char].split())
            if words >= MIN_UNATTRIBUTED_WORDS or is_term(d, ln.quote, None, ln.how):
                out.extend(_direct(d, ln.quote, None, "unattributed"))
    return out


def _with_relations(d: DocState, atts: list[Attribution]) -> list[Attribution]:
    """One speaker's run ("“A,” she said. “B.”", and “C.” continuing in the next
    paragraph) stays one attribution per statement; the statements of a run share a
    ``relation`` id, the unit PolNeAR annotates."""
    group: list[int | None] = [None] * len(atts)
    next_id = 1
    for i in range(1, len(atts)):
        # the statement before, or the first half of a reported statement its cue
        # interrupts with another attribution in between ("Trump -- even as he says X --
        # has proposed little")
        j = next((j for j in range(i - 1, max(-1, i - 1 - DEDUPE_WINDOW), -1)
                  if _split_halves(atts[j], atts[i])), i - 1)
        if _same_run(d, atts[j], atts[i]):
            if group[j] is None:
                group[j] = next_id
                next_id += 1
            group[i] = group[j]
    return [a if g is None else dataclasses.replace(a, relation=g) for a, g in zip(atts, group)]


def _split_halves(prev: Attribution, a: Attribution) -> bool:
    """The two halves of one reported statement its cue interrupts (:func:`_either_side_of_cue`)."""
    return a.speaker is not None and a.cue is not None and a.kind != "direct" and prev.kind != "direct" \
        and a.cue == prev.cue and a.speaker == prev.speaker


def _same_run(d: DocState, prev: Attribution, a: Attribution) -> bool:
    """``a`` continues ``prev``'s run: quotes of one speaker mention (or a quote going on from
    their reported speech with no cue of its own), with one cue
    (or none on one side), close together and in one paragraph unless ``a`` is a
    continuation with no cue of its own."""
    if _split_halves(prev, a):
        return True  # one reported statement its cue interrupts: "The plan, officials said, is dead"
    if a.kind != "direct" or a.speaker is None or a.speaker != prev.speaker or prev.kind == TERM_KIND:
        return False
    if prev.kind != "direct" and (a.cue is not None or "\n" in d.text[prev.end_char:a.start_char]):
        return False  # a quote goes on from reported speech only as its uncued continuation
    if a.cue is not None and prev.cue is not None and a.cue != prev.cue:
        return False
    gap = d.text[prev.end_char:a.start_char]
    return len(gap) < MAX_RUN_GAP_CHARS and ("\n" not in gap or a.cue is None or prev.cue is None)


#: Cues whose frame the ranker does not judge (no lexicon word behind them); nor does it
#: judge refusals to speak, which syntax alone finds and which are never claims.
UNJUDGED_FRAMES = {"according", "label"}


def _judged_cues(d: DocState) -> list[CueMatch]:
    """Cue candidates, kept by the learned ranker where it is installed (its probability
    becomes the cue's precision), else by the lexicon's precision thresholds; either way
    only those a source could say (:func:`_by_a_source`), and no reported act inside a
    reported statement (:func:`_not_nested_acts`)."""
    ranker = load_ranker()
    found = find_cues(d.tree, d.in_quote, candidates=ranker is not None)
    sourced = [c for c in found if _by_a_source(d, c)]
    return _not_nested_acts(sourced if ranker is None else _ranked(d, ranker, sourced))


def _ranked(d: DocState, ranker: Ranker, candidates: list[CueMatch]) -> list[CueMatch]:
    """The candidates the ranker keeps, with its probability as their precision."""
    kept = []
    for c in candidates:
        if not c.content:
            if _speech_word(c) or _signs_a_quote(d, c):
                kept.append(c)  # a bare cue: it can only take a quote in its sentence
            continue
        if c.frame in UNJUDGED_FRAMES or c.cue_class == "decline" or (
                _signs_a_quote(d, c) and all(d.in_quote[k] for k in c.content)):
            kept.append(c)  # no word to judge, a refusal, or a verb signing its quote
            continue
        p = ranker.score(d.tree, c, d.in_quote)
        if p >= ranker.threshold_for(c):
            kept.append(dataclasses.replace(c, precision=p))
    return kept


#: Frames of a content that is a whole reported statement: what is reported inside it is
#: part of it.
STATEMENT_FRAMES = frozenset({"ccomp", "according", "parataxis"})


def _not_nested_acts(cues: list[CueMatch]) -> list[CueMatch]:
    """Drop a reported act (a phrase content: "discussed options", "called for an
    inquiry") inside the content of a reported statement ("According to people familiar
    with the call, ministers reiterated ... and discussed options ..."): it is part of
    that statement, not a claim of its own.  A statement inside a statement ("A said B
    claimed that X") stays.  So does a refusal, unless it is what the statement reports
    ("his lawyer said he would refuse to answer questions": the lawyer's claim)."""
    hosts = [set(c.content) for c in cues if c.frame in STATEMENT_FRAMES and c.content]
    statements = [c for c in cues if c.frame in STATEMENT_FRAMES and c.speaker is not None]

    def kept(c: CueMatch) -> bool:
        nested = any(c.head in h for h in hosts)
        if c.cue_class == "decline":
            return not nested
        if c.frame not in PHRASE_CONTENT_FRAMES:
            return True
        return not nested and not _says_through(c, statements)

    return [c for c in cues if kept(c)]


def _says_through(c: CueMatch, statements: list[CueMatch]) -> bool:
    """A phrase cue whose content holds its own speaker's statement ("took to Twitter to
    say that X"): the statement's verb says it, not the phrase's."""
    content = set(c.content)
    return c.speaker is not None and any(s.head in content and s.speaker == c.speaker for s in statements)


def _by_a_source(d: DocState, c: CueMatch) -> bool:
    """A phrase content ("allows the government to ...") is a statement only where its
    subject can be a source (:func:`attribution.sources.can_speak`: "the victory" and
    "such funds" report events) and its verb has introduced speech often enough to say
    so ("recorded his first goal": :data:`MIN_PHRASE_CUE_COUNT`)."""
    if not (c.frame in PHRASE_FRAMES or _infinitive_clause(d, c)) or c.cue_class == "decline":
        return True
    e = c.entry
    if e is not None and not e.core and (e.count or 0) < MIN_PHRASE_CUE_COUNT:
        return False
    if c.speaker is None:
        return True
    tok = d.toks[c.speaker]
    return can_speak(tok, sentence_initial=tok.i == 0 or d.toks[tok.i - 1].sent != tok.sent)


def _infinitive_clause(d: DocState, c: CueMatch) -> bool:
    """A clause content that is an infinitive with a subject ("allowed the group to
    become ..."): an object and its infinitive, as the parser sometimes gives them."""
    if c.frame != "ccomp" or not c.content:
        return False
    content = set(c.content)
    heads = [k for k in c.content if d.toks[k].head not in content or d.toks[k].head == k]
    return bool(heads) and any(d.toks[k].dep == "mark" and d.toks[k].lemma.lower() == "to"
                               for k in d.tree.children[heads[0]])


def _signs_a_quote(d: DocState, c: CueMatch) -> bool:
    """A speech verb signing the quote it follows ("“…,” she continued.", "“…?” went on
    Ruiz"): right after the closing mark, itself or its speaker, where the quote ends on a
    comma, a question or an exclamation.  The place says speech whatever the word's
    usual sense."""
    if c.speaker is None or c.cue_class != "speech":
        return False
    mention = d.tree.subtree(c.speaker)
    if not (c.head == mention[-1] + 1 or c.head == mention[0] - 1):
        return False  # "“…,” Ruiz, who ..., continued": too far to tell
    first = min(c.head, mention[0])
    if first == 0 or not d.in_quote[first - 1] or not is_quote_token(d.toks[first - 1].text):
        return False
    before = d.text[:d.toks[first - 1].start_char].rstrip()
    return before[-1:] in SIGNED_QUOTE_ENDS


def _speech_word(c: CueMatch) -> bool:
    """A cue with no content of its own ("“…,” he said.") is kept only where its word is a
    cue most of the times it occurs: not "began", "made", "picked"."""
    e = c.entry
    return e is None or e.core or (e.precision or 0.0) >= MIN_BARE_CUE_PRECISION


def unattributed_quotes(doc: ParsedDoc) -> list[Attribution]:
    """Every quote in quote marks, with no speaker or cue: what can be said of a text whose
    language the rules do not read."""
    if not doc.tokens:
        return []
    d = DocState(doc)
    return [a for qi in range(len(d.quotes)) if d.quote_tokens(qi) for a in _direct(d, qi, None, "unattributed")]


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


def _one_per_statement(atts: list[Attribution]) -> list[Attribution]:
    """One statement, one attribution: where two attributions of one speaker cover the
    same content (a cue chain, "will seek" + "to persuade Hegseth that ..."; a light
    verb, "expressed" + "expressed relief"), keep the one that says it most closely.
    Nesting with different speakers ("A said B claimed X") stays."""
    out: list[Attribution] = []
    for a in atts:
        for n in range(len(out) - 1, max(-1, len(out) - 1 - DEDUPE_WINDOW), -1):
            b = out[n]
            if _same_speaker(a, b) and _overlap_share(a, b) >= DUPLICATE_OVERLAP:
                out[n] = min((a, b), key=_statement_rank)
                break
        else:
            out.append(a)
    return out


def _same_speaker(a: Attribution, b: Attribution) -> bool:
    return (a.speaker is not None and a.speaker == b.speaker) or (
        bool(a.speaker_names) and a.speaker_names == b.speaker_names)


def _overlap_share(a: Attribution, b: Attribution) -> float:
    """The overlap of two attributions as a share of the shorter."""
    overlap = min(a.end_char, b.end_char) - max(a.start_char, b.start_char)
    return overlap / max(1, min(a.end_char - a.start_char, b.end_char - b.start_char))


def _statement_rank(a: Attribution) -> tuple:
    """Lower is better: a claim, then the fullest content (a cue chain's first cue holds
    the whole statement: "will seek to persuade Hegseth that ..."), then the surer, then
    the fuller cue ("expressed relief")."""
    return (not a.is_claim, a.start_char - a.end_char, -a.confidence, -len(a.cue.text) if a.cue else 0)


# --- building attributions ----------------------------------------------------------------

def _from_cue(d: DocState, cue: CueMatch, quotes: dict[int, str]) -> list[Attribution]:
    """The attributions of one cue, given the quotes tied to it and how each was tied."""
    if not quotes:
        return _reported(d, cue)
    toks = d.toks
    ct = {k for k in cue.content if toks[k].upos != "PUNCT" and not d.in_quote[k]}
    quoted_name = cue.frame == "naming" and cue.anchor is not None and any(
        d.tq[cue.anchor] == q for q in quotes)
    # a clause of its own around the quote ("they want “…”") is reported speech, however short
    bare = len(ct) <= MAX_FRAME_WORDS and not any(toks[k].upos in ("VERB", "AUX") for k in ct)
    if cue.frame in QUOTE_ONLY_FRAMES or bare or (cue.frame == "naming" and not quoted_name):
        return [a for q in sorted(quotes) for a in _direct(d, q, cue, quotes[q])]
    # reported speech with quoted pieces: one mixed attribution over the whole content
    qspans = [d.quotes[q] for q in sorted(quotes)]
    start = min(toks[cue.content[0]].start_char, qspans[0].start_char)
    end = max(toks[cue.content[-1]].end_char, qspans[-1].end_char)
    a = _make(d, cue, start, end, "mixed", "content",
              fragments=[d.span(q.start_char, q.end_char) for q in qspans])
    return [a] if a is not None else []


def _reported(d: DocState, cue: CueMatch) -> list[Attribution]:
    """Reported speech with no quote tied to its cue: the cue's content, mixed where it
    holds quoted pieces.  Reported speech with nobody speaking ("it was reported that",
    "Tell him why") is no statement by someone: none."""
    if not cue.content or (cue.speaker is None and cue.cue_class != "decline"):
        return []
    out = []
    for content in _either_side_of_cue(d, cue):
        kind = "mixed" if any(d.in_quote[k] for k in content) else "indirect"
        fragments = []
        if kind == "mixed":
            quoted = sorted({d.quotes[d.tq[k]] for k in content if d.tq[k] >= 0}, key=lambda q: q.start_char)
            fragments = [d.span(q.start_char, q.end_char) for q in quoted]
        a = _make(d, cue, d.toks[content[0]].start_char, d.toks[content[-1]].end_char, kind,
                  "according" if cue.frame == "according" else "indirect", fragments=fragments)
        if a is not None:
            out.append(a)
    return out


def _either_side_of_cue(d: DocState, cue: CueMatch) -> list[list[int]]:
    """A reported content the cue interrupts ("The plan, officials said, is dead"; "Wilson-
    Raybould, according to the report, rebuffed the pressure") as its two statements, one
    each side of the cue; they share a relation (:func:`_same_run`).  Otherwise the
    content whole."""
    head = cue.head
    left = trim(d.tree, [k for k in cue.content if k < head])
    right = trim(d.tree, [k for k in cue.content if k > head])
    if not left or not right:
        return [cue.content]
    return [left, right]


def _direct(d: DocState, qi: int, cue: CueMatch | None, how: str) -> list[Attribution]:
    """The quote ``qi`` as direct attributions: with ``cue``'s speaker, and its cue too
    unless it only continues that speaker's run; one per paragraph of a quote that runs
    across paragraphs (each is a statement of its own; a transcript's label opening a
    paragraph, "PENCE: ...", gives it and those after it that speaker).  A short quoted
    term inside someone else's sentence, a title or a stage direction is kind ``term``,
    with no speaker: not a claim."""
    q: QuoteSpan = d.quotes[qi]
    scale = 1.0 if q.complete else INCOMPLETE_QUOTE_FACTOR
    if is_term(d, qi, cue, how):
        return [_term(d, q.start_char, q.end_char)]
    if cue is None:
        qtok = d.quote_tokens(qi)
        sent = d.toks[qtok[0]].sent if qtok else -1
        a = Attribution(q.start_char, q.end_char, d.text[q.start_char:q.end_char], "direct",
                        confidence=confidence("unattributed", "none", 0.0, scale), sentence=sent)
    else:
        a = _labelled(d, cue, q.end_char, how, scale) if cue.frame == "label" and d.tq[cue.head] == qi \
            else _make(d, cue, q.start_char, q.end_char, "direct", how, scale=scale, with_cue=how != "continuation")
    if a is None:
        return []
    if q.paragraphs == 1:
        return [a]
    pieces = _paragraph_pieces(d.text, a.start_char, a.end_char)
    # the cue stays with the paragraph it introduces (the nearest piece)
    cued = min(range(len(pieces)), key=lambda n: _distance(pieces[n], a.cue)) if a.cue else -1
    out: list[Attribution] = []
    speaking = a  # whose run the next paragraph continues: a transcript label changes it
    for n, (s, e) in enumerate(pieces):
        inner = inner_tokens(d, s, e)
        if stage_direction(d, inner):
            out.append(_term(d, s, e))
            continue
        label = transcript_label(d, inner) if n else None
        said = _labelled(d, label, e, "content", scale) if label is not None else None
        if said is not None:
            speaking = said
            out.append(said)
        else:
            out.append(dataclasses.replace(speaking, start_char=s, end_char=e, text=d.text[s:e],
                                           cue=a.cue if n == cued and speaking is a else None))
    return out


def _labelled(d: DocState, label: CueMatch, end: int, how: str, scale: float) -> Attribution | None:
    """A transcript's paragraph up to ``end``: the label opening it ("PENCE: Well, ...")
    is its speaker, not its words, and the speaker mention is the label alone."""
    a = _make(d, label, d.toks[label.content[0]].start_char, end, "direct", how, scale=scale)
    words = label_words(d, label)
    return a and dataclasses.replace(a, speaker=d.span(d.toks[words[0]].start_char, d.toks[words[-1]].end_char))


def _distance(piece: tuple[int, int], cue: Cue) -> int:
    return max(0, piece[0] - cue.end_char, cue.start_char - piece[1])


def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at paragraph breaks, each piece without its edge whitespace."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _term(d: DocState, start: int, end: int) -> Attribution:
    """``d.text[start:end]`` as a quoted term: no speaker, no claim."""
    return Attribution(start, end, d.text[start:end], TERM_KIND, confidence=confidence("term", "none", 0.0),
                       sentence=d.toks[d.token_at(start)].sent)


def _make(d: DocState, cue: CueMatch, start: int, end: int, kind: str, how: str, *,
          fragments: list[Span] | None = None, scale: float = 1.0, with_cue: bool = True) -> Attribution | None:
    """An attribution of ``d.text[start:end]`` to ``cue``'s speaker, with the
    :func:`confidence` of its link and speaker."""
    while end > start and d.text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    record = _cue_record(d, cue) if with_cue else None
    n = _name_speaker(d, cue, record)
    return Attribution(start, end, d.text[start:end], kind, speaker=n.speaker, speaker_names=list(n.names),
                       speaker_type=n.type, anonymous=n.anonymous, cue=record,
                       confidence=confidence(how, n.state, cue.precision, scale),
                       fragments=list(fragments or []), resolved_from=n.resolved_from,
                       sentence=d.toks[cue.head].sent)


def confidence(how: str, speaker_state: str, precision: float, scale: float = 1.0) -> float:
    """How likely an attribution is right end to end (the statement found and its speaker
    named right), from how it was tied to its cue (``how``: a link of
    :mod:`attribution.linking`, ``indirect``, ``according``, ``unattributed``, ``term``),
    how well its speaker is known (``speaker_state``), the ranker's probability for the
    cue (``precision``) and ``scale`` (below 1 for a quote with no closing mark).

    Measured rates (:data:`CALIBRATED`) where the calibration saw enough attributions;
    else the link's base times the speaker's multiplier."""
    link = f"indirect:{_band(precision)}" if how == "indirect" else how
    rate = CALIBRATED.get((link, speaker_state))
    if rate is None:
        base = INDIRECT_BASE + INDIRECT_SPAN * max(0.0, min(1.0, precision)) if how == "indirect" \
            else LINK_CONFIDENCE.get(how, LINK_CONFIDENCE["unattributed"])
        rate = base * SPEAKER_CONFIDENCE.get(speaker_state, SPEAKER_CONFIDENCE["none"])
    return round(rate * scale, 4)


def _band(precision: float) -> str:
    """The ranker's probability for an indirect cue, in bands of :data:`PRECISION_BANDS`."""
    for name, low in PRECISION_BANDS:
        if precision >= low:
            return name
    return PRECISION_BANDS[-1][0]


def _name_speaker(d: DocState, cue: CueMatch, record: Cue | None) -> Naming:
    """Who ``cue``'s speaker is (the naming step of building an attribution, whose cue
    is ``record``: None for a continuation, which names its speaker without it)."""
    if cue.speaker is None:
        return NO_SPEAKER
    return name_speaker(d, cue.speaker, cue=cue.tokens[0], cue_class=record.cue_class if record else None)


def _cue_record(d: DocState, cue: CueMatch) -> Cue:
    toks = d.toks
    first, last = cue.tokens[0], cue.tokens[-1]
    span = d.span(toks[first].start_char, toks[last].end_char)
    aux = [toks[k].lemma.lower() for k in cue.tokens if k != cue.head]
    head = toks[cue.head]
    modality = next((toks[k].lemma.lower() for k in cue.tokens if toks[k].lemma.lower() in MODALS), "")
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
