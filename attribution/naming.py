"""Naming the speaker of an attribution in its article: names, titles, pronouns,
relative pronouns and organisations, through :mod:`attribution.resolve`.  A name the
article does not contain is never given."""
from __future__ import annotations

import bisect

from .document import DocState
from .model import Attribution, Span
from .pronouns import is_core_speech, resolve_anaphor
from .resolve import names_for, resolve_title
from .speakers import Mention, build_mention


def name_speaker(d: DocState, m: Mention, a: Attribution) -> str:
    """Name the speaker; whatever the rules find, a name the article does not contain
    is dropped: names are never invented."""
    state = _resolve_names(d, m, a)
    if any(n not in d.text for n in a.speaker_names):
        a.speaker_names = [n for n in a.speaker_names if n in d.text]
        if not a.speaker_names:
            a.resolved_from = None
            return "mention"
    return state


def _resolve_names(d: DocState, m: Mention, a: Attribution) -> str:
    if m.pronoun is not None:
        if m.pronoun == "it":
            hit = _antecedent(d, m.tokens[0], organisation=True)
            if hit is None:
                return "unresolved_pronoun"
            a.speaker_type = "organisation"
            pos, name = hit
            a.speaker_names = [name]
            a.resolved_from = _name_span(d, pos)
            return "pronoun"
        if m.type != "person":
            return "mention"
        ante = resolve_anaphor(d, m.heads[0])
        if ante is None:
            return "unresolved_pronoun"
        a.speaker_names = [ante.name]
        a.resolved_from = d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char)
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
    if m.type in ("person", "unknown") and len(m.heads) == 1:
        ante = resolve_anaphor(d, m.heads[0])  # "the 26-year-old right wing said"
        if ante is not None:
            a.speaker_names = [ante.name]
            a.speaker_type = "person"
            a.resolved_from = d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char)
            return "title"
    if m.type == "person":
        return "mention"
    if m.type in ("organisation", "group", "document"):
        name = _organisation_name(d, m) if m.type == "organisation" else None
        a.speaker_names = [name] if name else []
    return "mention"


def _organisation_name(d: DocState, m: Mention) -> str | None:
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


def relative_antecedent(d: DocState, speaker: int) -> int | None:
    """The noun a relative pronoun stands for ("officials who said" -> officials)."""
    t = d.toks[speaker]
    if t.lemma.lower() not in ("who", "that", "which", "whom") or t.upos not in ("PRON", "DET"):
        return None
    verb = d.toks[t.head]
    if verb.deprel == "acl:relcl" and verb.head != verb.i:
        return verb.head
    return None


def _name_span(d: DocState, pos: int) -> Span:
    t = d.toks[pos]
    return d.span(t.start_char, t.end_char)


def _antecedent(d: DocState, pos: int, *, organisation: bool = False) -> tuple[int, str] | None:
    """The most recent person (or, for "it", organisation) who was a subject before ``pos``,
    within a few sentences.  An unnamed one ("the bakery owner") blocks the search: the
    pronoun then stays unresolved rather than borrowing an earlier person's name."""
    events = _subject_events(d)
    sent = d.toks[pos].sent
    i = bisect.bisect_left(events, (pos,)) - 1
    want = "organisation" if organisation else "person"
    while i >= 0:
        p, kind, name = events[i]
        if sent - d.toks[p].sent > 6:
            return None
        if kind == want and (d.toks[p].sent < sent or not d.tree.is_under(pos, d.toks[p].head)):
            return (p, name) if name else None
        i -= 1
    return None


def _subject_events(d: DocState) -> list[tuple[int, str, str | None]]:
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
                and (m.type == "anonymous" or is_core_speech(d.toks[t.head].lemma.lower())):
            events.append((t.i, "person", None))  # "A woman who runs the bakery said"
        elif m.type == "organisation":
            events.append((t.i, "organisation", _organisation_name(d, m)))
    d._person_events = events
    return events
