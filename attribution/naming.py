"""Naming the speaker of an attribution in its article: names, titles, pronouns,
relative pronouns and organisations, through :mod:`attribution.resolve`.  A name the
article does not contain is never given."""
from __future__ import annotations

from .bodies import (
    SPOKESPERSON_NOUNS,
    body_of,
    document_body,
    organisation_antecedent,
    organisation_name,
)
from .document import DocState
from .model import Attribution
from .pronouns import resolve_anaphor
from .resolve import names_for, resolve_title
from .speakers import Mention


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
        return _pronoun_names(d, m, a)
    if d.toks[m.heads[0]].lemma.lower() in SPOKESPERSON_NOUNS:
        body = body_of(d, m.heads[0])  # "a spokesperson for Health Canada"
        if body:
            a.speaker_names = [body]
    if m.anonymous:
        return "anonymous"
    if m.type in ("person", "unknown"):
        state = _person_names(d, m, a)
        if state != "mention" or m.type == "person":
            return state
    if m.type == "organisation":
        name = organisation_name(d, m)
        a.speaker_names = [name] if name else []
    elif m.type == "document":
        body = document_body(d, m)  # "The RCMP statement", "her statement", "the report"
        a.speaker_names = [body] if body else []
    return "mention"


def _pronoun_names(d: DocState, m: Mention, a: Attribution) -> str:
    """"it" -> the organisation it stands for; he/she -> the person (:mod:`.pronouns`)."""
    if m.pronoun == "it":
        if a.cue is None or a.cue.cue_class != "speech":
            return "unresolved_pronoun"  # "it shows", "it means": a thing more often than a body
        hit = organisation_antecedent(d, m.tokens[0])
        if hit is None:
            return "unresolved_pronoun"
        pos, name = hit
        a.speaker_type = "organisation"
        a.speaker_names = [name]
        a.resolved_from = d.span(d.toks[pos].start_char, d.toks[pos].end_char)
        return "pronoun"
    if m.type != "person":
        return "mention"
    ante = resolve_anaphor(d, m.heads[0])
    if ante is None:
        return "unresolved_pronoun"
    a.speaker_names = [ante.name]
    a.resolved_from = d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char)
    return "pronoun"


def _person_names(d: DocState, m: Mention, a: Attribution) -> str:
    """A person's names as written ("Healey" -> "John Healey"), else the name behind a
    title or relation ("the mayor", "his father"), else the person a description renames
    ("the 26-year-old right wing"); "mention" when the article gives none."""
    if m.type == "person":
        names = names_for(d.tree, m, d.index)
        if names:
            a.speaker_names = names
            return "named"
    name = resolve_title(d.tree, m, d.index)
    if name:
        a.speaker_names = [name]
        a.speaker_type = "person"
        return "title"
    ante = resolve_anaphor(d, m.heads[0]) if len(m.heads) == 1 else None
    if ante is not None:
        a.speaker_names = [ante.name]
        a.speaker_type = "person"
        a.resolved_from = d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char)
        return "title"
    return "mention"


def relative_antecedent(d: DocState, speaker: int) -> int | None:
    """The noun a relative pronoun stands for ("officials who said" -> officials)."""
    t = d.toks[speaker]
    if t.lemma.lower() not in ("who", "that", "which", "whom") or t.upos not in ("PRON", "DET"):
        return None
    verb = d.toks[t.head]
    if verb.deprel == "acl:relcl" and verb.head != verb.i:
        return verb.head
    return None
