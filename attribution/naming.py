"""Naming the speaker of an attribution in its article: names, titles, pronouns,
relative pronouns and organisations, through :mod:`attribution.resolve`.  A name the
article does not contain is never given.

:func:`name_speaker` returns a frozen :class:`Naming`; the engine builds each
attribution once from it."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .bodies import (
    SPOKESPERSON_NOUNS,
    body_of,
    document_body,
    organisation_antecedent,
    organisation_name,
)
from .cues_lexicon import load_lexicon
from .document import DocState
from .gender import first_name_gender, noun_gender
from .model import Span
from .pronouns import PERSON_NOUNS, plural_antecedent, resolve_anaphor
from .resolve import ROLE_NOUNS, clean_name, names_for, resolve_title
from .speakers import (
    ANON_NOUNS,
    EXPLETIVE_VERBS,
    THIRD_PERSON_PLURAL,
    TITLE_NOUNS,
    Mention,
    build_mention,
    words_of,
)
from .words import RELATIVE_PRONOUNS

#: A verb a subject is raised from ("appeared to suggest") is a cue where it introduced
#: speech at least this share of the times it occurs in PolNeAR train (the lexicon's
#: precision; the share a bare cue needs).
RAISED_CUE_PRECISION = 0.25


@dataclass(frozen=True)
class Naming:
    """Who speaks: the speaker mention as written, the names the article gives it, its
    type, whether it is an anonymous source, the mention it was resolved through, and
    how well it is known (``state``: named, title, pronoun, anonymous, mention,
    unresolved_pronoun; ``none`` when there is no speaker)."""

    speaker: Span | None = None
    names: tuple[str, ...] = ()
    type: str = "unknown"
    anonymous: bool = False
    resolved_from: Span | None = None
    state: str = "mention"


#: No speaker mention at all.
NO_SPEAKER = Naming(state="none")


def name_speaker(d: DocState, speaker: int, *, cue: int | None = None, cue_class: str | None = None) -> Naming:
    """Name the speaker mention headed by token ``speaker`` (the subject of the cue token
    ``cue``, whose class is ``cue_class``; None where the attribution carries no cue);
    whatever the rules find, a name the article does not contain is dropped: names are
    never invented."""
    speaker = _outside_quotes(d, speaker, cue)
    if _expletive(d, speaker) or _raised(d, speaker):
        return NO_SPEAKER  # "it is clear that", "she seems to have left": the writer's own words
    m = build_mention(d.tree, speaker, cue=cue, surnames=d.surnames)
    base = Naming(speaker=_span(d, m.tokens), type=m.type, anonymous=m.anonymous)
    relative = relative_antecedent(d, speaker)
    if relative is None:
        return _in_article(d, _resolve_names(d, m, base, cue_class))
    # "the senator, who said ...": the mention is "who", the speaker the senator
    return _through(d, relative, base, cue_class)


def _outside_quotes(d: DocState, speaker: int, cue: int | None) -> int:
    """The subject outside quote marks of a cue outside them, where the parser also took
    a word of the quote for a subject (“Full panic mode,” said Jane Smith)."""
    if cue is None or not d.in_quote[speaker] or d.in_quote[cue]:
        return speaker
    head = d.toks[speaker].head
    outside = [k for k in d.tree.kids(head, "nsubj") if k != speaker and not d.in_quote[k]]
    return outside[0] if outside else speaker


def _expletive(d: DocState, speaker: int) -> bool:
    """``speaker`` is the dummy "it" of an extraposed clause: "it is clear that ...", "it's
    worth noting that ...", "it appeared that ..." (an adjective with a copula and a
    clause, or a verb like "seem" with a clause)."""
    t = d.toks[speaker]
    if t.upos != "PRON" or t.text.lower() != "it":
        return False
    if t.dep == "expl":
        return True
    if t.head == t.i:
        return False
    h, tree = d.toks[t.head], d.tree
    clause = tree.kids(h.i, "ccomp", "csubj")
    gerund = [k for k in tree.kids(h.i, "xcomp") if d.toks[k].tag == "VBG"]  # "worth noting"
    if h.upos == "ADJ" and tree.kids(h.i, "cop"):
        return bool(clause or gerund)
    return h.lemma.lower() in EXPLETIVE_VERBS and bool(clause)


def _raised(d: DocState, speaker: int) -> bool:
    """``speaker`` is the subject of "seem" or "appear" and the clause they raise it from
    reports no speech ("Melania seems to have vanished"): the impression is the writer's.
    Where that clause is a cue ("he appeared to suggest that"), the subject speaks."""
    t = d.toks[speaker]
    if t.head == t.i or d.toks[t.head].lemma.lower() not in EXPLETIVE_VERBS:
        return False
    clause = d.tree.kids(t.head, "xcomp")
    chain = list(clause)
    for k in chain:  # "appears set to veto": the chain of raised clauses
        chain.extend(d.tree.kids(k, "xcomp"))
    return bool(clause) and not any(_cue_verb(d.toks[k].lemma.lower()) for k in chain)


def _cue_verb(lemma: str) -> bool:
    """``lemma`` introduces speech or thought often enough to be a cue of its own."""
    e = load_lexicon().entry(lemma, "verb")
    return e is not None and (e.core or (e.precision or 0.0) >= RAISED_CUE_PRECISION)


def _through(d: DocState, head: int, n: Naming, cue_class: str | None) -> Naming:
    """``n`` named through the mention headed by ``head`` that its speaker stands for
    (the antecedent of "who" or "they"), which it shows as ``resolved_from`` whether the
    article names it or not ("who asked not to be named")."""
    ante = build_mention(d.tree, head, surnames=d.surnames)
    n = replace(n, type=ante.type, anonymous=ante.anonymous)
    named = _in_article(d, _resolve_names(d, replace(ante, anonymous=False, pronoun=None), n, cue_class))
    return replace(named, resolved_from=_span(d, ante.tokens))


def _span(d: DocState, tokens: list[int]) -> Span:
    return d.span(d.toks[tokens[0]].start_char, d.toks[tokens[-1]].end_char)


def _in_article(d: DocState, n: Naming) -> Naming:
    """``n`` without any name the article does not contain."""
    if all(name in d.text for name in n.names):
        return n
    names = tuple(name for name in n.names if name in d.text)
    if not names:
        return replace(n, names=(), resolved_from=None, state="mention")
    return replace(n, names=names)


def _resolve_names(d: DocState, m: Mention, n: Naming, cue_class: str | None) -> Naming:
    if m.pronoun is not None:
        return _pronoun_names(d, m, n, cue_class)
    named = _appositive_name(d, m)
    if named:  # "says Wise's dad, Darrin", "said the company's chief executive, Jane Morrow"
        return replace(n, names=(named,), type="person", anonymous=False, state="named")
    if d.toks[m.heads[0]].lemma.lower() in SPOKESPERSON_NOUNS:
        body = body_of(d, m.heads[0])  # "a spokesperson for Health Canada"
        if body:
            n = replace(n, names=(body,))
    if m.anonymous:
        return replace(n, state="anonymous")
    if m.type in ("person", "unknown"):
        return _person_names(d, m, n)
    if m.type == "organisation":
        name = organisation_name(d, m)
        return replace(n, names=(name,) if name else ())
    if m.type == "document":
        body = document_body(d, m)  # "The RCMP statement", "her statement", "the report"
        return replace(n, names=(body,) if body else ())
    return n


def _pronoun_names(d: DocState, m: Mention, n: Naming, cue_class: str | None) -> Naming:
    """"it" -> the organisation it stands for; he/she -> the person (:mod:`.pronouns`)."""
    if m.pronoun == "it":
        if cue_class != "speech":
            return replace(n, state="unresolved_pronoun")  # "it shows", "it means": a thing more often than a body
        hit = organisation_antecedent(d, m.tokens[0])
        if hit is None:
            return replace(n, state="unresolved_pronoun")
        pos, name = hit
        return replace(n, type="organisation", names=(name,), state="pronoun",
                       resolved_from=d.span(d.toks[pos].start_char, d.toks[pos].end_char))
    if m.pronoun in THIRD_PERSON_PLURAL:
        group = plural_antecedent(d, m.heads[0])  # "the two senators ... They said"
        if group is None:
            return n
        named = _through(d, group, n, cue_class)
        return replace(named, state="pronoun") if named.names else named
    if m.type != "person":
        return n
    ante = resolve_anaphor(d, m.heads[0])
    if ante is None:
        return replace(n, state="unresolved_pronoun")
    return replace(n, names=(ante.name,), state="pronoun",
                   resolved_from=d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char))


def _person_names(d: DocState, m: Mention, n: Naming) -> Naming:
    """A person's names as written ("Healey" -> "John Healey"), else the name behind a
    title or relation ("the mayor", "his father"), else the person a description renames
    ("the 26-year-old right wing"); ``n`` unchanged when the article gives none."""
    if m.type == "person":
        names = names_for(d.tree, m, d.index)
        if names:
            return replace(n, names=tuple(names), state="named")
    name = resolve_title(d.tree, m, d.index)
    if name:
        return replace(n, names=(name,), type="person", state="title")
    ante = resolve_anaphor(d, m.heads[0]) if len(m.heads) == 1 else None
    if ante is not None:
        return replace(n, names=(ante.name,), type="person", state="title",
                       resolved_from=d.span(d.toks[ante.start].start_char, d.toks[ante.end - 1].end_char))
    return n


def _appositive_name(d: DocState, m: Mention) -> str | None:
    """The name a person noun's apposition gives it, after a comma ("Wise's dad, Darrin"):
    the mention stops at the comma, the name is the speaker's."""
    toks, tree = d.toks, d.tree
    head = m.heads[0]
    if len(m.heads) != 1 or toks[head].upos != "NOUN" or not _person_word(toks[head].lemma.lower()):
        return None
    for c in tree.kids(head, "appos"):
        if c < head or toks[c].upos != "PROPN" or d.in_quote[c]:
            continue
        first = c
        while first - 1 > head and toks[first - 1].upos == "PROPN" and toks[first - 1].head == c:
            first -= 1
        if first - 2 != m.tokens[-1] or toks[first - 1].text != ",":
            continue  # the name follows the mention's own comma, nothing between
        name = clean_name(words_of(tree, first, c + 1))
        # a person's name: so tagged, or opening with a first name of the names list
        if name and name.lower() not in TITLE_NOUNS and (
                toks[c].ent_type == "PERSON" or first_name_gender(name.split()[0])):
            return d.index.canonical(name)
    return None


def _person_word(lemma: str) -> bool:
    """A noun for a person: a title, a relation, an anonymous source's word, a person noun."""
    return lemma in ROLE_NOUNS or lemma in ANON_NOUNS or lemma in PERSON_NOUNS or bool(noun_gender(lemma))


def relative_antecedent(d: DocState, speaker: int) -> int | None:
    """The noun a relative pronoun stands for ("officials who said" -> officials)."""
    t = d.toks[speaker]
    if t.lemma.lower() not in RELATIVE_PRONOUNS or t.upos not in ("PRON", "DET"):
        return None
    verb = d.toks[t.head]
    if verb.deprel == "acl:relcl" and verb.head != verb.i:
        return verb.head
    return None
