"""Composes the stages: quote spans -> cues and speakers -> resolution -> attributions.

The rules read only UD relations, UPOS, lemmas and entity types, so any backend that
produces a :class:`ParsedDoc` (spaCy, Stanza, gold CoNLL-U) gives the same attributions
wherever the parses agree.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .cues import MODALS, STRONG_FRAMES, CueMatch, find_cues
from .ranker import load_ranker
from .model import Attribution, Cue, ParsedDoc, Span
from .quotes import QuoteSpan, find_quotes
from .resolve import NameIndex, build_index, names_for, resolve_title
from .speakers import Mention, build_mention
from .syntax import Tree, is_quote_token

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
MAX_DEPTH = 40  # deeper than this, cues are ordered as equals
MAX_LINK_TOKENS = 150  # a cue further than this from a quote is not its cue
DEDUPE_WINDOW = 30  # attributions are in text order: a duplicate lies among the last few


@dataclass
class _Link:
    quote: int
    cue: int | None
    how: str


class _Doc:
    """Per-document state shared by the stages."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.text = doc.text
        self.tree = Tree(doc)
        self.toks = doc.tokens
        self.quotes = find_quotes(doc.text)
        self.starts = [t.start_char for t in self.toks]
        n = len(self.toks)
        self.tq = [-1] * n
        for qi, q in enumerate(self.quotes):
            lo = bisect.bisect_left(self.starts, q.start_char)
            # a token that begins before the mark but covers it (rare) counts too
            if lo > 0 and self.toks[lo - 1].end_char > q.start_char:
                lo -= 1
            for k in range(lo, n):
                if self.toks[k].start_char >= q.end_char:
                    break
                self.tq[k] = qi
        self.in_quote = [q >= 0 for q in self.tq]
        self.index: NameIndex = build_index(self.tree)
        self.surnames = frozenset(self.index.by_last)
        self._person_events: list[tuple[int, str, str | None]] | None = None
        self._orgs: list[tuple[int, int]] | None = None

    def organisations(self) -> list[tuple[int, int]]:
        """Token ranges [start, end) of ORG entities, computed once."""
        if self._orgs is None:
            self._orgs = []
            toks, k = self.toks, 0
            while k < len(toks):
                if toks[k].ent_type == "ORG" and toks[k].ent_iob == "B":
                    e = k + 1
                    while e < len(toks) and toks[e].ent_iob == "I":
                        e += 1
                    self._orgs.append((k, e))
                    k = e
                    continue
                k += 1
        return self._orgs

    def quote_tokens(self, qi: int) -> list[int]:
        q = self.quotes[qi]
        lo = bisect.bisect_left(self.starts, q.start_char)
        out = []
        for k in range(max(0, lo - 1), len(self.toks)):
            if self.toks[k].start_char >= q.end_char:
                break
            if self.tq[k] == qi:
                out.append(k)
        return out

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)


def attribute(doc: ParsedDoc) -> list[Attribution]:
    """All attributions in a parsed document, in text order."""
    if not doc.tokens:
        return []
    d = _Doc(doc)
    cues = _judged_cues(d)
    links = _link_quotes(d, cues)
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


def _merge_runs(d: _Doc, atts: list[Attribution]) -> list[Attribution]:
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


def _judged_cues(d: _Doc) -> list[CueMatch]:
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
    d = _Doc(doc)
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


# --- linking quotes to cues -------------------------------------------------------------

def _link_quotes(d: _Doc, cues: list[CueMatch]) -> list[_Link]:
    links: list[_Link] = []
    contents = [set(c.content) for c in cues]
    depth = [len(d.tree.ancestors(c.head, limit=MAX_DEPTH)) for c in cues]
    by_sent: dict[int, list[int]] = {}  # sentence -> cues whose head or content is there
    for ci, c in enumerate(cues):
        for sent in {d.toks[k].sent for k in (c.content[:1] + c.content[-1:] + [c.head])}:
            by_sent.setdefault(sent, []).append(ci)
    for qi, q in enumerate(d.quotes):
        qt = [k for k in d.quote_tokens(qi) if not is_quote_token(d.toks[k].text)]
        if not qt or _is_title(d, qt):
            continue
        qset = set(qt)
        best = None
        qsents = range(d.toks[qt[0]].sent - 1, d.toks[qt[-1]].sent + 2)
        nearby = sorted(ci for ci in {ci for sent in qsents for ci in by_sent.get(sent, ())}
                        if qt[0] - MAX_LINK_TOKENS <= cues[ci].head <= qt[-1] + MAX_LINK_TOKENS)
        for ci in nearby:
            c = cues[ci]
            if not contents[ci] or any(d.tq[k] == qi for k in c.tokens):
                continue
            ov = len(qset & contents[ci])
            if ov:
                # the firmest frame first, then the innermost cue, then the largest overlap
                key = (c.frame in STRONG_FRAMES, depth[ci], ov, -len(contents[ci]))
                if best is None or key > best[0]:
                    best = (key, ci)
        if best is not None:
            links.append(_Link(qi, best[1], "content"))
            continue
        sents = {d.toks[k].sent for k in qt}
        after = d.quote_tokens(qi)[-1] + 1
        if after < len(d.toks) and d.toks[after].para == d.toks[qt[-1]].para and (
                d.toks[after].text[:1].islower() or d.toks[after - 2].text == ","
                or _short_sentence(d, d.toks[after].sent)):
            sents.add(d.toks[after].sent)  # “…,” | he told the paper.  (split by the parser)
        near = None
        for ci in nearby:
            c = cues[ci]
            if d.toks[c.head].sent in sents and d.tq[c.head] != qi and c.frame != "according" \
                    and c.cue_class != "decline" and not _content_has_other_quote(d, c, qi):
                dist = min(abs(c.head - qt[0]), abs(c.head - qt[-1]))
                if near is None or dist < near[0]:
                    near = (dist, ci)
        if near is not None:
            links.append(_Link(qi, near[1], "sentence"))
            continue
        ci = _colon_cue(d, cues, qt[0])
        if ci is not None:
            links.append(_Link(qi, ci, "colon"))
            continue
        dash = _dash_signature(d, qi)
        if dash is not None:
            cues.append(dash)
            contents.append(set())
            depth.append(0)
            links.append(_Link(qi, len(cues) - 1, "colon"))
            continue
        prev = _previous_speaker_link(d, links, qi)
        if prev is not None:
            links.append(_Link(qi, prev, "continuation"))
            continue
        links.append(_Link(qi, None, "unattributed"))
    return links


def _short_sentence(d: _Doc, sent: int, limit: int = 8) -> bool:
    """A sentence of a few words ("Clinton said.") that the parser cut off a quote."""
    s, e = d.doc.sentences[sent]
    return e - s <= limit


SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "at", "by", "de"}
MAX_TITLE_WORDS = 6


def _is_title(d: _Doc, qt: list[int]) -> bool:
    """A quoted name of a show, film or book (“The Apprentice,” “Fox News Sunday”): a few
    capitalised words and no verb -- a title, not speech."""
    words = [d.toks[k] for k in qt if d.toks[k].upos != "PUNCT"]
    if not words or len(words) > MAX_TITLE_WORDS or any(t.upos in ("VERB", "AUX", "PRON") for t in words):
        return False
    capitalised = all(t.text[:1].isupper() or t.text[:1].isdigit() or t.text.lower() in SMALL_WORDS for t in words)
    return capitalised and (words[0].text[:1].isupper() or words[0].text[:1].isdigit())


def _content_has_other_quote(d: _Doc, c: CueMatch, qi: int) -> bool:
    return any(d.tq[k] >= 0 and d.tq[k] != qi for k in c.content)


DASHES = {"―", "—", "–", "-", "--"}
MAX_SIGNATURE_TOKENS = 6


def _dash_signature(d: _Doc, qi: int) -> CueMatch | None:
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


def _colon_cue(d: _Doc, cues: list[CueMatch], first: int) -> int | None:
    """A cue in the sentence before the quote when that sentence ends with a colon, or
    right before the quote with a colon in between ("He added: “…”")."""
    toks = d.toks
    k = first - 1
    while k >= 0 and is_quote_token(toks[k].text):
        k -= 1
    if k < 0 or toks[k].text != ":":
        return None
    # cues are in head order: walk back from the colon through this and the previous sentence
    ci = bisect.bisect_left([c.head for c in cues], k) - 1
    while ci >= 0 and toks[cues[ci].head].sent >= toks[k].sent - 1:
        c = cues[ci]
        if c.frame != "according" and toks[c.head].para == toks[k].para:
            return ci
        ci -= 1
    return None


def _previous_speaker_link(d: _Doc, links: list[_Link], qi: int) -> int | None:
    """A quote standing alone continues the previous quote's speaker in the same or the
    previous paragraph."""
    if not links:
        return None
    last = links[-1]
    if last.cue is None or last.how == "unattributed":
        return None
    qtok = d.quote_tokens(qi)
    ptok = d.quote_tokens(last.quote)
    if not qtok or not ptok:
        return None
    qpara, ppara = d.toks[qtok[0]].para, d.toks[ptok[-1]].para
    if qpara - ppara > 1:
        return None
    # The quote must start its sentence (a full quoted statement, not a fragment).
    first = qtok[0]
    sent_start = d.doc.sentences[d.toks[first].sent][0] if d.doc.sentences else first
    if first != sent_start and not is_quote_token(d.toks[sent_start].text):
        return None
    return last.cue


# --- building attributions ----------------------------------------------------------------

def _from_cue(d: _Doc, cue: CueMatch, quotes: list[int]) -> list[Attribution]:
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


def _direct(d: _Doc, qi: int, cue: CueMatch | None, how: str) -> Attribution:
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


def _make(d: _Doc, cue: CueMatch, start: int, end: int, kind: str, how: str) -> Attribution | None:
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
        relative = _relative_antecedent(d, cue.speaker)
        if relative is not None:
            # "the senator, who said ...": the mention is "who", the speaker the senator
            m_ante = build_mention(d.tree, relative, surnames=d.surnames)
            m.type, m.anonymous, m.pronoun, m.heads = m_ante.type, m_ante.anonymous, None, m_ante.heads
            m_names = Mention(tokens=m_ante.tokens, heads=m_ante.heads, type=m_ante.type)
        else:
            m_names = None
        a.speaker = d.span(toks[m.tokens[0]].start_char, toks[m.tokens[-1]].end_char)
        a.speaker_type, a.anonymous = m.type, m.anonymous
        speaker_state = _resolve(d, m_names or m, a)
        if m_names is not None:
            # "who asked not to be named": the mention it stands for, named or not
            a.resolved_from = d.span(toks[m_names.tokens[0]].start_char, toks[m_names.tokens[-1]].end_char)
    a.confidence = round(conf * SPEAKER_CONFIDENCE[speaker_state], 4)
    return a


def _resolve(d: _Doc, m: Mention, a: Attribution) -> str:
    """Name the speaker; whatever the rules find, a name the article does not contain
    is dropped: names are never invented."""
    state = _resolve_names(d, m, a)
    if any(n not in d.text for n in a.speaker_names):
        a.speaker_names = [n for n in a.speaker_names if n in d.text]
        if not a.speaker_names:
            a.resolved_from = None
            return "mention"
    return state


def _resolve_names(d: _Doc, m: Mention, a: Attribution) -> str:
    if m.pronoun is not None:
        if m.type != "person" and m.pronoun != "it":
            return "mention"
        hit = _antecedent(d, m.tokens[0], organisation=m.pronoun == "it")
        if hit is None:
            return "unresolved_pronoun"
        if m.pronoun == "it":
            a.speaker_type = "organisation"
        pos, name = hit
        a.speaker_names = [name]
        a.resolved_from = _name_span(d, pos)
        return "pronoun"
    if m.anonymous:
        return "anonymous"
    if m.type == "person":
        names = names_for(d.tree, m, d.index)
        if names:
            a.speaker_names = names
            return "named"
        name = resolve_title(d.tree, m, d.index)
        if name:
            a.speaker_names = [name]
            return "title"
        return "mention"
    if m.type in ("organisation", "group", "document"):
        name = _organisation_name(d, m) if m.type == "organisation" else None
        a.speaker_names = [name] if name else []
    return "mention"


def _is_core_speech(lemma: str) -> bool:
    from .cues_lexicon import load_lexicon

    e = load_lexicon().verbs.get(lemma)
    return bool(e and e.core and e.cue_class == "speech")


def _organisation_name(d: _Doc, m: Mention) -> str | None:
    """"Downing Street"; "the ministry" -> "Ministry of Education" where the article named
    it before; None for an organisation never named."""
    toks = d.toks
    first = m.tokens[1] if toks[m.tokens[0]].upos == "DET" and len(m.tokens) > 1 else m.tokens[0]
    name = d.text[toks[first].start_char:toks[m.tokens[-1]].end_char]
    if name[:1].isupper():
        return name
    head = toks[m.heads[0]].text.lower()
    best = None
    for k, e in d.organisations():
        if k >= m.tokens[0]:
            break
        if head in (toks[j].text.lower() for j in range(k, e)):
            s0 = k + 1 if toks[k].upos == "DET" and e > k + 1 else k
            best = d.text[toks[s0].start_char:toks[e - 1].end_char]
    return best


def _relative_antecedent(d: _Doc, speaker: int) -> int | None:
    """The noun a relative pronoun stands for ("officials who said" -> officials)."""
    t = d.toks[speaker]
    if t.lemma.lower() not in ("who", "that", "which", "whom") or t.upos not in ("PRON", "DET"):
        return None
    verb = d.toks[t.head]
    if verb.deprel == "acl:relcl" and verb.head != verb.i:
        return verb.head
    return None


def _name_span(d: _Doc, pos: int) -> Span:
    t = d.toks[pos]
    return d.span(t.start_char, t.end_char)


def _antecedent(d: _Doc, pos: int, *, organisation: bool = False) -> tuple[int, str] | None:
    """The most recent person (or, for "it", organisation) who was a subject before ``pos``,
    within a few sentences.  An unnamed one ("the bakery owner") blocks the search: the
    pronoun then stays unresolved rather than borrowing an earlier person's name."""
    events = _subject_events(d)
    sent = d.toks[pos].sent
    keys = [p for p, _, _ in events]
    i = bisect.bisect_left(keys, pos) - 1
    want = "organisation" if organisation else "person"
    while i >= 0:
        p, kind, name = events[i]
        if sent - d.toks[p].sent > 6:
            return None
        if kind == want and (d.toks[p].sent < sent or not d.tree.is_under(pos, d.toks[p].head)):
            return (p, name) if name else None
        i -= 1
    return None


def _subject_events(d: _Doc) -> list[tuple[int, str, str | None]]:
    """(token position, "person" | "organisation", canonical name or None) for every
    non-pronoun subject of a clause, in text order: what a later pronoun can refer to."""
    if d._person_events is not None:
        return d._person_events
    events: list[tuple[int, str, str | None]] = []
    for t in d.toks:
        if t.dep != "nsubj" or t.upos == "PRON" or d.in_quote[t.i]:
            continue
        m = build_mention(d.tree, t.i, cue=t.head if t.head > t.i else None, surnames=d.surnames)
        if m.pronoun is not None:
            continue
        if m.type == "person":
            names = names_for(d.tree, m, d.index) or [resolve_title(d.tree, m, d.index)]
            names = [n for n in names if n]
            events.append((t.i, "person", names[0] if len(names) == 1 else None))
        elif m.type in ("anonymous", "unknown") and len(m.heads) == 1 and d.toks[m.heads[0]].tag == "NN" \
                and (m.type == "anonymous" or _is_core_speech(d.toks[t.head].lemma.lower())):
            events.append((t.i, "person", None))  # "A woman who runs the bakery said"
        elif m.type == "organisation":
            events.append((t.i, "organisation", _organisation_name(d, m)))
    d._person_events = events
    return events


def _cue_record(d: _Doc, cue: CueMatch) -> Cue:
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
