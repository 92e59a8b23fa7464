"""Clausal contents: the clause a cue verb reports, and where it ends.

A verb's complement clause ("said that ..."), the clause a parenthetical cue comments on
("The plan, officials said, is dead"; "As the mayor noted, ..."), or the clause the parser
hung elsewhere ("tweeted in the early morning hours that ...").  A second act of the same
speaker hung inside the clause (", arguing that ...", "and warned ...") is a rider: the
clause stops before it, and the rider is a statement of its own, said by the clause's
speaker.  :mod:`attribution.cues` asks :func:`clause_frame` first and falls back to the
phrase frames.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues_lexicon import load_lexicon
from .sources import can_speak
from .syntax import Tree, trim
from .words import MODALS, QUESTION_WORDS

if TYPE_CHECKING:
    from .cues import CueMatch


def _lexicon():
    return load_lexicon()


def riders_speak_for_their_host(tree: Tree, cues: list[CueMatch]) -> list[CueMatch]:
    """A rider cut off a reported clause (:func:`_before_riders`: "China said it was
    opposed and warned North Korea ...") is said by the clause's speaker, not by the
    subject of the clause the parser hung it on ("it")."""
    riders: dict[int, int] = {}
    for m in cues:
        if m.frame != "ccomp" or not m.content or m.speaker is None:
            continue
        for c in tree.kids(m.head, "ccomp"):
            for k in tree.subtree(c):
                if k > m.content[-1] and _is_rider(tree, k):
                    riders.setdefault(k, m.speaker)
    if not riders:
        return cues
    return [dataclasses.replace(m, speaker=riders[m.head]) if m.head in riders else m for m in cues]


@dataclass(frozen=True)
class Frame:
    """How a verb cue's content hangs on it: the frame's name, the content tokens, the
    head of a name given (naming frames) and tokens that join the cue ("repeated calls")."""

    name: str
    content: list[int]
    anchor: int | None = None
    extra_tokens: tuple[int, ...] = ()


def clause_frame(tree: Tree, i: int, in_quote: list[bool]) -> Frame | None:
    """A clausal content: the verb's complement clause ("said that ..."), or the clause
    the verb is a parenthetical of ("The plan is ready, he said.")."""
    toks = tree.tokens
    ccomp = [c for c in tree.kids(i, "ccomp") if toks[c].upos != "PUNCT"]
    if ccomp:
        c = ccomp[-1] if len(ccomp) > 1 and toks[ccomp[-1]].i > i else ccomp[0]
        content = tree.subtree(c)
        if c < i:
            # "A paid 8.9 percent, the agency said, and B paid 0.8 percent": a clause with a
            # subject of its own that the parser hung on the verb after it is more of the same
            content = sorted(set(content) | {k for j in _host_clauses_after(tree, i) for k in tree.subtree(j)})
        else:
            content = _before_riders(tree, c, content)
        return Frame("ccomp", trim(tree, content))
    if is_parataxis_cue(tree, i):
        h = _clause_of(tree, toks[i].head) if toks[i].deprel == "parataxis" else toks[i].head
        exclude = {i} | {p for p in tree.kids(h, "parataxis", "conj") if p != i and is_cue_like(tree, p)}
        return Frame("parataxis", trim(tree, tree.subtree(h, exclude=exclude)))
    para = tree.kids(i, "parataxis")
    if para and any(in_quote[k] for p in para for k in tree.subtree(p)):
        return Frame("parataxis", trim(tree, tree.subtree(para[0])))
    commented = _commented_clause(tree, i, in_quote) or _around_parenthetical(tree, i, in_quote)
    if commented:
        return Frame("parataxis", commented)
    stray = _stray_complement(tree, i)
    return Frame("ccomp", trim(tree, stray)) if stray else None


def _commented_clause(tree: Tree, i: int, in_quote: list[bool]) -> list[int]:
    """"As the mayor noted, the city has no money left": the clause an "as"-clause cue
    comments on.  None where that clause is all a quote ("As one veteran commented: “…”"),
    which is linked as a quote."""
    toks = tree.tokens
    if toks[i].dep != "advcl" or toks[i].head == i or tree.kids(i, "obj") or not any(
            toks[m].lemma.lower() == "as" for m in tree.kids(i, "mark")):
        return []
    host = trim(tree, tree.subtree(toks[i].head, exclude={i}))
    return [] if all(in_quote[k] for k in host) else host


NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


SUBJECTS = ("nsubj", "nsubj:pass", "csubj")


def _clause_of(tree: Tree, h: int) -> int:
    """The clause a parenthetical cue comments on, where the parser hung the cue on a noun
    of it: "The difference now, he told me, is that ..." -> "is", not "difference"."""
    toks = tree.tokens
    seen = {h}
    while toks[h].upos in NOMINAL and toks[h].deprel in SUBJECTS and toks[h].head != h and toks[h].head not in seen:
        h = toks[h].head
        seen.add(h)
    return h


CLAUSAL_DEPS = ("advcl", "ccomp", "parataxis", "conj", "csubj")


def _around_parenthetical(tree: Tree, i: int, in_quote: list[bool]) -> list[int]:
    """A parenthetical cue the parser made the root of its sentence: "Though the
    transition was smooth, he said, replacing her would be acrimonious."  The cue with
    its own words (subject, time, place) stands between commas, with clauses on both
    sides: those clauses are the content."""
    toks = tree.tokens
    if not tree.kids(i, "nsubj") or tree.kids(i, "obj", "xcomp") or toks[i].head != i:
        return []
    clausal = [c for c in tree.children[i] if toks[c].dep in CLAUSAL_DEPS]
    if not any(c < i for c in clausal) or not any(c > i for c in clausal):
        return []
    inner = {k for c in clausal for k in tree.subtree(c)}
    own = [k for k in tree.subtree(i) if k not in inner and toks[k].upos != "PUNCT"]
    if any(in_quote[k] for k in own):
        return []
    first, last = own[0], own[-1]
    if any(k in inner for k in range(first, last + 1)):
        return []  # the cue's own words are not one stretch
    if first == 0 or toks[first - 1].text != "," or last + 1 >= len(toks) or toks[last + 1].text != ",":
        return []
    return trim(tree, sorted(inner))


def _before_riders(tree: Tree, c: int, content: list[int]) -> list[int]:
    """A reported clause up to the first rider: a second act of the same speaker that
    the parser hung inside it ("said he did not believe it, [arguing that ...]", "said he
    would order a review [and warned against ...]").  The rider is a statement of its
    own, found from its own verb."""
    riders = [min(tree.subtree(k)) for k in content if k != c and _is_rider(tree, k)]
    if not riders:
        return content
    edge = min(riders)
    return [k for k in content if k < edge]


def _is_rider(tree: Tree, k: int) -> bool:
    """Token ``k`` heads a speech act of the reported clause's speaker tacked on after
    it: a cue verb with content and no subject of its own, either a participle set off by
    a comma (", arguing that ...") or a past-tense verb coordinated on a clause of another
    tense ("would order a review and warned ...")."""
    toks = tree.tokens
    t = toks[k]
    if t.upos != "VERB" or t.dep not in ("advcl", "conj") or tree.kids(k, "nsubj", "nsubj:pass", "mark"):
        return False
    lex = _lexicon()
    if not lex.is_cue_verb(t.lemma.lower(), min_precision=MIN_RIDER_PRECISION):
        return False
    entry = lex.entry(t.lemma.lower(), "verb")
    if entry.cue_class == "decline":
        return False
    if not tree.kids(k, "ccomp", "obj", "xcomp"):
        return False
    first = min(tree.subtree(k))
    if t.tag == "VBG":
        return first > 0 and toks[first - 1].text == ","
    head = toks[t.head]
    if t.dep != "conj" or t.tag != "VBD" or lex.is_cue_verb(head.lemma.lower(), min_precision=MIN_RIDER_PRECISION):
        return False  # "says Machado promised X and said Y": Machado's second act
    if head.tag != "VBD" and any(toks[a].lemma.lower() in MODALS for a in tree.kids(head.i, "aux")):
        return True
    if any(toks[c].upos != "PRON" and can_speak(toks[c]) for c in tree.kids(head.i, "nsubj", "nsubj:pass")):
        return False  # "said the police arrived and asked everyone to leave": the police asked
    return (entry.precision or 0.0) >= MIN_COORDINATED_RIDER_PRECISION


#: A rider's verb must have been a cue at least this often where it occurs (PolNeAR train).
MIN_RIDER_PRECISION = 0.2


#: A past-tense verb coordinated in a reported clause of the same tense ("said it was
#: opposed and warned ...") is a rider only where the verb is a cue most times it occurs:
#: "she left and called the police" reports what happened.
MIN_COORDINATED_RIDER_PRECISION = 0.5


def _host_clauses_after(tree: Tree, i: int) -> list[int]:
    """Clauses coordinated on the cue verb ``i`` after it, each with a subject of its own,
    that do not report speech themselves."""
    return [c for c in tree.kids(i, "conj") if c > i and tree.kids(c, "nsubj", "nsubj:pass")
            and not is_cue_like(tree, c)]


#: A speech verb whose unmarked adverbial clause is taken for its complement must take a
#: complement clause this often where it has one (PolNeAR train): "said", not "unveiled".
MIN_CLAUSAL_PRECISION = 0.3


def _stray_complement(tree: Tree, i: int) -> list[int]:
    """The verb's "that"-clause where the parser hung it elsewhere: as a relative clause of
    a time or place phrase ("tweeted in the early morning hours that Machado was ..."), or
    as an adverbial clause whose "that" it took for an adverb.  A clause with a subject of
    its own whose "that" is no argument in it: its tokens without that "that"; else none."""
    toks = tree.tokens
    hung = [rc for obl in tree.kids(i, "obl", "obl:tmod", "obl:unmarked") for rc in tree.kids(obl, "acl:relcl")]
    for rc in hung + tree.kids(i, "advcl"):
        that = [k for k in tree.children[rc] if toks[k].lemma.lower() == "that" and k < rc]
        relative = toks[rc].dep == "acl:relcl"
        if that and (toks[that[0]].dep == "advmod" or (relative and toks[that[0]].dep == "mark")) \
                and tree.kids(rc, "nsubj", "nsubj:pass"):
            return [k for k in tree.subtree(rc) if k != that[0]]
    entry = _lexicon().entry(toks[i].lemma.lower(), "verb")
    if entry is None or entry.cue_class != "speech" or tree.kids(i, "obj") or not (
            entry.core or (entry.clausal_precision or 0.0) >= MIN_CLAUSAL_PRECISION):
        return []
    for c in tree.kids(i, "advcl"):
        # "said after the convention he would not accept it": a clause with a subject of
        # its own and no conjunction to make it adverbial ("because", "when") is what was said
        if c > i and toks[c].upos in ("VERB", "AUX") and tree.kids(c, "nsubj", "nsubj:pass") \
                and not tree.kids(c, "mark") and not any(toks[k].dep == "advmod" and toks[k].lemma.lower()
                                                          in QUESTION_WORDS for k in tree.children[c]):
            return tree.subtree(c)
    return []


def is_cue_like(tree: Tree, i: int) -> bool:
    t = tree.tokens[i]
    return t.upos == "VERB" and t.lemma.lower() in _lexicon().verbs and bool(tree.kids(i, "nsubj"))


def is_parataxis_cue(tree: Tree, i: int) -> bool:
    t = tree.tokens[i]
    if t.deprel not in ("parataxis", "advcl", "conj", "dep") or t.head == i:
        return False
    if t.deprel in ("advcl", "conj", "dep"):
        # spaCy sometimes hangs a trailing "he said" as advcl/conj after a comma
        before = tree.tokens[i - 1] if i > 0 else None
        subj = tree.kids(i, "nsubj")
        if not subj or not before:
            return False
        first = min(tree.subtree(i))
        if first == 0 or tree.tokens[first - 1].text not in (",", "”", '"', "’"):
            return False
        if tree.kids(i, "obj", "ccomp", "xcomp"):
            return False
        if t.deprel == "conj" and tree.kids(i, "cc"):
            return False  # ", but he has not said how": a clause of its own, not a signature
    return bool(tree.kids(i, "nsubj")) or t.deprel == "parataxis"
