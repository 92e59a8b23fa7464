"""Organisations and the bodies behind documents and spokespeople, named as the article
names them.

* ``"The parole board"`` -> ``Parole Board of Canada``, ``"the PBO"`` -> ``Parliamentary
  Budget Officer``, ``"the ministry"`` -> ``Ministry of Education``: the fuller name the
  article gives; ``"The agency"`` -> ``TransLink`` when the article named it just before;
* ``"it"`` -> the organisation that was the subject of a recent clause;
* ``"The RCMP statement"`` -> ``RCMP``, ``"her statement"`` -> the woman she is, ``"a report
  by the C.D. Howe Institute"`` -> ``C.D. Howe Institute``, ``"the report"`` -> whoever the
  article said wrote or released it;
* ``"a spokesperson for Health Canada"`` -> ``Health Canada``.

Nothing here invents a name: every name is a stretch of the article.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .pronouns import DESCRIPTION_WINDOW, narrative_index, resolve_anaphor
from .resolve import names_for, resolve_title
from .speakers import DOC_NOUNS, ORG_ENTS, ORG_NOUNS, POSSESSIVE, Mention, build_mention

if TYPE_CHECKING:
    from .document import DocState

#: Sentences (outside quote marks) back that "it" looks for the organisation it means.
IT_WINDOW = 6
#: Nouns for the person who speaks for a body ("a spokesperson for Health Canada").
SPOKESPERSON_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople"}
#: Prepositions that tie a document or a spokesperson to its body ("a report by", "a
#: statement from", "a spokesperson for", "the minutes of").
BODY_CASES = {"by", "from", "for", "of"}
#: Where a body publishes what it says: "a statement on the ministry's website", "a post
#: on the Northern Rail page".  The owner of the place is the body behind the document.
PUBLICATION_PLACES = {"website", "site", "page", "blog", "account", "feed", "channel"}
PUBLISHED_CASES = {"on", "in"}
_DEFINITE = ("the", "this", "that")
_ACRONYM_MIN, _ACRONYM_MAX = 2, 8  # letters in an acronym a name may be written as
_FUNCTION_WORDS = {"of", "and", "for", "the", "on", "in", "de", "&"}

_EVENTS: WeakKeyDictionary = WeakKeyDictionary()


def _text(d: DocState, s: int, e: int) -> str:
    """The text of tokens [s, e), without a leading determiner or a trailing possessive."""
    toks = d.toks
    if e - s > 1 and toks[s].upos == "DET":
        s += 1
    while e - s > 1 and toks[e - 1].text in POSSESSIVE:
        e -= 1
    return d.text[toks[s].start_char:toks[e - 1].end_char] if e > s else ""


def organisation_name(d: DocState, m: Mention) -> str | None:
    """The name of an organisation mention: its own ("Downing Street", expanded to the
    fuller form the article gives), the named organisation a common noun stands for
    ("the ministry", "The agency"), or None for an organisation never named."""
    toks = d.toks
    name = _text(d, m.tokens[0], m.tokens[-1] + 1)
    if name[:1].isupper():
        return expand_organisation(d, name)
    head = toks[m.heads[0]].text.lower()
    best = None
    for k, e in d.organisations():
        if k >= m.tokens[0]:
            break
        if head in (toks[j].text.lower() for j in range(k, e)):
            best = _text(d, k, e)
    if best is None:  # "the Calgary-based railway": a word of it in a name given before
        words = {toks[j].text.lower() for j in m.tokens if toks[j].upos in ("NOUN", "ADJ", "PROPN")
                 and j != m.heads[0]} | {toks[m.heads[0]].lemma.lower()}
        for k, e in d.organisations():
            if k >= m.tokens[0]:
                break
            if words & {toks[j].text.lower() for j in range(k, e)}:
                best = _text(d, k, e)
    if best is None and _definite(d, m.heads[0]):
        best = _recent_organisation(d, m.tokens[0])
    return best


def _definite(d: DocState, head: int) -> bool:
    return any(d.toks[k].dep == "det" and d.toks[k].lemma.lower() in _DEFINITE for k in d.tree.kids(head))


def _recent_organisation(d: DocState, pos: int) -> str | None:
    """The organisation named last before ``pos``, outside quote marks, within a couple
    of sentences: what "The agency said" renames."""
    narr = narrative_index(d)
    here = narr[d.toks[pos].sent]
    orgs = d.organisations()
    i = bisect.bisect_left(orgs, (pos,)) - 1
    while i >= 0:
        k, e = orgs[i]
        if here - narr[d.toks[k].sent] > DESCRIPTION_WINDOW:
            return None
        if not d.in_quote[k]:
            return _text(d, k, e)
        i -= 1
    return None


def expand_organisation(d: DocState, name: str) -> str:
    """The fuller name the article gives an organisation: "Parole board" -> "Parole Board
    of Canada" (the name's words begin it), "PBO" -> "Parliamentary Budget Officer" (its
    initials); the name itself when the article has no single fuller form."""
    low = name.lower().split()
    fuller: set[str] = set()
    for k, e in d.organisations():
        full = _text(d, k, e)
        words = full.lower().split()
        if len(words) > len(low) and words[:len(low)] == low:
            fuller.add(full)
    if not fuller and name.isupper() and _ACRONYM_MIN <= len(name) <= _ACRONYM_MAX and name.isalpha():
        fuller = {full for full in _capitalised_runs(d) if _initials(full) == name}
    return next(iter(fuller)) if len(fuller) == 1 else name


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _FUNCTION_WORDS and w[:1].isupper())


def _capitalised_runs(d: DocState) -> set[str]:
    """Runs of capitalised words (function words allowed inside) outside quote marks:
    where an acronym's long form is written."""
    toks = d.toks
    out: set[str] = set()
    k = 0
    while k < len(toks):
        if toks[k].upos == "PROPN" or (toks[k].text[:1].isupper() and toks[k].upos in ("NOUN", "ADJ")):
            e = k + 1
            while e < len(toks) and toks[e].sent == toks[k].sent and (
                    toks[e].text[:1].isupper() or (toks[e].text.lower() in _FUNCTION_WORDS
                                                   and e + 1 < len(toks) and toks[e + 1].text[:1].isupper())):
                e += 1
            if e - k > 1:
                out.add(_text(d, k, e))
            k = e
            continue
        k += 1
    return out


def organisation_antecedent(d: DocState, pos: int) -> tuple[int, str] | None:
    """(position, name) of the organisation "it" at ``pos`` stands for: the last one that
    was the subject of a clause, within a few sentences; None when it was never named."""
    events = _organisation_subjects(d)
    narr = narrative_index(d)
    here = narr[d.toks[pos].sent]
    i = bisect.bisect_left(events, (pos,)) - 1
    while i >= 0:
        p, name = events[i]
        if here - narr[d.toks[p].sent] > IT_WINDOW:
            return None
        if d.toks[p].sent < d.toks[pos].sent or not d.tree.is_under(pos, d.toks[p].head):
            return (p, name) if name else None
        i -= 1
    return None


def _organisation_subjects(d: DocState) -> list[tuple[int, str | None]]:
    """(position, name or None) of every organisation that is the subject of a clause
    outside quote marks, in text order."""
    events = _EVENTS.get(d)
    if events is not None:
        return events
    events = []
    for t in d.toks:
        if t.dep != "nsubj" or t.upos == "PRON" or d.in_quote[t.i]:
            continue
        m = build_mention(d.tree, t.i, cue=t.head if t.head > t.i else None, surnames=d.surnames)
        if m.pronoun is None and m.type == "organisation":
            events.append((t.i, organisation_name(d, m)))
    _EVENTS[d] = events
    return events


def body_of(d: DocState, head: int) -> str | None:
    """The body a document or spokesperson mention headed by ``head`` speaks for, where
    the mention itself says it: a possessor ("her statement", "Health Canada's
    spokesperson"), a name before the noun ("The RCMP statement"), or "by"/"from"/"for"
    a name ("a spokesperson for Health Canada")."""
    toks, tree = d.toks, d.tree
    for k in tree.kids(head, "nmod:poss"):
        name = _name_of(d, k)
        if name:
            return name
    for k in tree.kids(head, "compound"):
        if toks[k].upos == "PROPN" or toks[k].ent_type in ORG_ENTS or toks[k].ent_type == "PERSON":
            return _name_of(d, k)
    for k in tree.kids(head, "nmod"):
        cases = {toks[c].lemma.lower() for c in tree.kids(k, "case")}
        if cases & BODY_CASES and (toks[k].upos == "PROPN" or toks[k].ent_type):
            return _name_of(d, k)
        if cases & BODY_CASES and toks[k].lemma.lower() in ORG_NOUNS:  # "a report by the railway company"
            return organisation_name(d, build_mention(d.tree, k, surnames=d.surnames))
        if cases & PUBLISHED_CASES and toks[k].lemma.lower() in PUBLICATION_PLACES:
            owner = _owner(d, k)  # "a statement on the ministry's website"
            if owner:
                return owner
    return None


def _owner(d: DocState, place: int) -> str | None:
    """The body whose website or page ``place`` is: its possessor, or a name before it."""
    toks, tree = d.toks, d.tree
    for k in tree.kids(place, "nmod:poss"):
        if toks[k].lemma.lower() in ORG_NOUNS:  # "the ministry's website"
            return organisation_name(d, build_mention(tree, k, surnames=d.surnames))
        name = _name_of(d, k)
        if name:
            return name
    for k in tree.kids(place, "compound"):
        if toks[k].upos == "PROPN":
            return _name_of(d, k)
    return None


def _name_of(d: DocState, k: int) -> str | None:
    """The name a body word at ``k`` gives: a pronoun resolved, a person's canonical name,
    an organisation's fuller name."""
    t = d.toks[k]
    if t.upos == "PRON":
        low = t.text.lower()
        if low in ("its", "their"):
            hit = organisation_antecedent(d, k)
            return hit[1] if hit else None
        ante = resolve_anaphor(d, k)
        return ante.name if ante else None
    m = build_mention(d.tree, k, surnames=d.surnames)
    if m.type == "person":
        names = names_for(d.tree, m, d.index) or [resolve_title(d.tree, m, d.index)]
        return names[0] if names and names[0] else None
    if t.upos != "PROPN" and not t.ent_type:
        return None
    words = [j for j in m.tokens if d.toks[j].dep not in ("case",)]
    return expand_organisation(d, _text(d, words[0], words[-1] + 1)) if words else None


def document_body(d: DocState, m: Mention) -> str | None:
    """Who is behind a document speaker: what the mention says (:func:`body_of`), else,
    for "the report", who the article said released, wrote or published the document
    named that way before."""
    return _document_body(d, m.heads[0], m.tokens[0])


def _document_body(d: DocState, head: int, start: int) -> str | None:
    body = body_of(d, head)
    if body or not _definite(d, head):
        return body
    toks = d.toks
    lemma = toks[head].lemma.lower()
    for k in range(start - 1, -1, -1):
        t = toks[k]
        if t.upos != "NOUN" or d.in_quote[k] or (t.lemma.lower() != lemma and t.lemma.lower() not in DOC_NOUNS):
            continue
        body = _author(d, k) or body_of(d, k)
        if body:
            return body
        if t.lemma.lower() == lemma:  # the same document named before: whatever it had
            return _document_body(d, k, k) if _definite(d, k) else None
    return None


def _author(d: DocState, k: int) -> str | None:
    """The subject of the verb a document noun is the object of ("CP released a white
    paper", "Schultz wrote in a blog post")."""
    toks = d.toks
    t = toks[k]
    while t.dep in ("appos", "conj") and t.head != t.i:  # "a document titled ..."
        t = toks[t.head]
    if t.dep not in ("obj", "obl") or t.head == t.i:
        return None
    for s in d.tree.kids(t.head, "nsubj"):
        if toks[s].upos == "PRON":
            ante = resolve_anaphor(d, s)
            if ante:
                return ante.name
            hit = organisation_antecedent(d, s) if toks[s].text.lower() == "it" else None
            return hit[1] if hit else None
        return _name_of(d, s)
    return None
