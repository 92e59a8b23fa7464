"""Speaker resolution within one article.

* names: ``Healey`` = ``John Healey`` (surnames and full names cluster);
* titles: ``the UK defence secretary`` -> ``John Healey`` through ``UK defence secretary
  John Healey`` (title before a name) or an apposition elsewhere in the article;
* pronouns: ``He added`` -> the most recent person who was a subject or a speaker.

Never invents a name: what cannot be resolved stays unresolved.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from nameparser import HumanName

from .speakers import (
    HONORIFICS,
    HYPHENS,
    POSSESSIVE,
    TITLE_NOUNS,
    Mention,
    glued,
    is_organisation_word,
    titled_name,
    words_of,
)
from .syntax import Tree

#: Nouns that tie a person to another ("his father, Ernie LeBlanc", "Campbell's partner
#: Jason Louth"): named like titles, and only for the same other person.
RELATION_NOUNS = {"father", "dad", "mother", "mom", "mum", "son", "daughter", "wife", "husband",
                  "brother", "sister", "partner", "agent", "friend", "girlfriend", "boyfriend",
                  "uncle", "aunt", "cousin", "grandfather", "grandmother", "fiancé", "fiancée",
                  "boss", "colleague", "stepfather", "stepmother", "widow", "widower"}
ROLE_NOUNS = TITLE_NOUNS | RELATION_NOUNS
_POSSESSIVE_PRONOUNS = {"his", "her", "their"}  # "his partner": whose, the tree alone cannot say

#: Words that open a title before a name: "Prime Minister John Key", "Vice President X".
TITLE_PREFIXES = {"prime", "vice", "deputy", "acting", "former", "foreign", "interior", "defence",
                  "defense", "finance", "health", "attorney", "lieutenant", "assistant", "associate",
                  "state", "general", "chief", "executive", "secretary-general"}
_STRIP = "’'\u2019s"


@dataclass
class NameIndex:
    """The people named in one article, their surnames and the titles they carry."""

    full: dict[str, str] = field(default_factory=dict)  # lower full name -> canonical
    by_last: dict[str, set[str]] = field(default_factory=dict)  # lower surname -> canonical names
    by_first: dict[str, set[str]] = field(default_factory=dict)  # lower first name -> full names
    titles: list[tuple[int, str, frozenset[str], str]] = field(default_factory=list)
    person: list[tuple[int, int]] = field(default_factory=list)  # PERSON token ranges
    # (token position, title head lemma, title words, canonical name)

    def canonical(self, name: str) -> str:
        """The fullest known form of ``name`` (``Healey`` -> ``John Healey``)."""
        key = name.lower()
        if key in self.full:
            return self.full[key]
        cands = self.by_last.get(surname(name) if key.split() else key, set())
        if len(cands) == 1:
            return next(iter(cands))
        firsts = self.by_first.get(key, set()) if len(key.split()) == 1 and not cands else set()
        if len(firsts) == 1:  # "Kody" for the article's one "Kody Cook"
            return next(iter(firsts))
        return name

    def knows_surname(self, word: str) -> bool:
        return word.lower() in self.by_last


_HONORIFIC_WORDS = {h.strip(".") for h in HONORIFICS}


def clean_name(words: list[str]) -> str:
    """A person's name without honorifics, leading titles ("Mayor", "Prime Minister", as
    ``nameparser`` knows them) or a possessive; hyphenated words stay whole."""
    # a token the tokeniser ran on past a comma ("Belkacemi,60") ends at it
    out = [w.split(",")[0] for w in words if w.lower().strip(".") not in _HONORIFIC_WORDS and w.split(",")[0]]
    while len(out) > 1 and (out[0].lower() in TITLE_NOUNS or out[0].lower() in TITLE_PREFIXES):
        out.pop(0)
    while out and out[-1] in POSSESSIVE:
        out.pop()
    if out and out[-1].endswith(POSSESSIVE[:2]):
        out[-1] = out[-1][:-2]
    if len(out) > 2:
        title = _name_parts(" ".join(out))[0].split()
        if title and out[:len(title)] == title and len(out) - len(title) >= 1:
            out = out[len(title):]
    return " ".join(out).strip()


def surname(name: str) -> str:
    """The word a later mention of ``name`` may use alone: its last word, without a
    suffix ("Martin Luther King Jr." -> "king"), lower-cased."""
    last = (_name_parts(name)[2] or name).split()
    return (last[-1] if last else name).lower()


def first_name(name: str) -> str:
    """The first name of a full name ("John F. Kennedy" -> "John"), "" for one word."""
    if len(name.split()) < 2:
        return ""
    return _name_parts(name)[1]


#: Names parsed and remembered: the same few names recur in every article of a batch.
NAME_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _name_parts(name: str) -> tuple[str, str, str]:
    """``nameparser``'s (title, first, last) of ``name``: it is slow (a pipeline of
    passes per name), and a name is parsed many times over an article."""
    parsed = HumanName(name)
    return parsed.title, parsed.first, parsed.last


def person_spans(tree: Tree) -> list[tuple[int, int]]:
    """Token ranges [start, end) of PERSON entities (a hyphen inside a name included)."""
    toks = tree.tokens
    spans, start = [], None
    for t in toks:
        inside = t.upos in ("PROPN", "NOUN", "ADJ", "X", "NUM") or (
            t.text in HYPHENS and glued(tree, t.i, -1) < t.i and glued(tree, t.i, 1) > t.i)
        if t.ent_type == "PERSON" and t.ent_iob in ("B", "I") and inside:
            if start is None or t.ent_iob == "B":
                if start is not None:
                    spans.append((start, t.i))
                start = t.i
        else:
            if start is not None:
                spans.append((start, t.i))
                start = None
    if start is not None:
        spans.append((start, len(toks)))
    return spans


def build_index(tree: Tree) -> NameIndex:
    toks = tree.tokens
    idx = NameIndex()
    names: list[tuple[int, int, str]] = []
    idx.person = person_spans(tree)
    for s, e in idx.person:
        name = clean_name(words_of(tree, s, e))
        if not name or not name[0].isupper() or is_organisation_word(name.split()[-1]):
            continue
        names.append((s, e, name))
    # Full names first so that surnames map to them.
    for _s, _e, name in sorted(names, key=lambda x: -len(x[2].split())):
        key = name.lower()
        parts = key.split()
        if len(parts) >= 2:
            idx.full.setdefault(key, name)
            idx.by_last.setdefault(surname(name), set()).add(name)
            idx.by_first.setdefault(first_name(name).lower(), set()).add(name)
        elif parts and parts[0] not in idx.by_last:
            idx.full.setdefault(key, name)
    # A single surname (or, failing that, first name) that belongs to one full name maps to it.
    for key in list(idx.full):
        parts = key.split()
        if len(parts) != 1:
            continue
        owners = idx.by_last.get(parts[0]) or idx.by_first.get(parts[0], ())
        if len(owners) == 1:
            idx.full[key] = next(iter(owners))
    # Titles: "UK defence secretary John Healey", "John Healey, the defence secretary".
    for s, e, name in names:
        canon = idx.canonical(name)
        head = span_head(tree, s, e)
        words = []
        inside = set(range(s, e))
        k = s - 1
        while k >= 0 and (toks[k].head in inside) and toks[k].dep in ("compound", "amod", "nmod", "flat", "nmod:poss", "case") \
                and toks[k].upos in ("NOUN", "PROPN", "ADJ", "PART", "ADP"):
            words.append(toks[k])
            inside.add(k)
            k -= 1
        # also nouns chained by compound under the title word
        # a title the entity swallowed: "Mayor Ana Torres" tagged whole as PERSON
        k = s
        while k < e - 1 and toks[k].text.lower() in TITLE_NOUNS:
            words.append(toks[k])
            k += 1
        title_heads = [w for w in words if w.lemma.lower() in ROLE_NOUNS]
        if title_heads:
            tw = frozenset(w.text.lower() for w in words if w.upos != "PART")
            idx.titles.append((s, title_heads[0].lemma.lower(), tw, canon))
        for c in tree.kids(head, "appos"):
            if toks[c].lemma.lower() in ROLE_NOUNS and _closed_apposition(tree, c):
                tw = frozenset(toks[k].text.lower() for k in tree.subtree(c) if toks[k].dep not in ("det", "punct", "case"))
                idx.titles.append((s, toks[c].lemma.lower(), tw, canon))
        if toks[head].dep == "appos" and toks[toks[head].head].lemma.lower() in ROLE_NOUNS:
            t = toks[head].head
            tw = frozenset(toks[k].text.lower() for k in tree.subtree(t, exclude={head}) if toks[k].dep not in ("det", "punct", "case"))
            idx.titles.append((s, toks[t].lemma.lower(), tw, canon))
    return idx


def _closed_apposition(tree: Tree, c: int) -> bool:
    """An apposition ends at punctuation or its sentence's end ("X, the mayor, said"), not
    straight into a verb (a sign that the parser took a subject for an apposition)."""
    toks = tree.tokens
    last = tree.subtree(c)[-1]
    nxt = last + 1
    return nxt >= len(toks) or toks[nxt].sent != toks[c].sent or toks[nxt].upos == "PUNCT"


def span_head(tree: Tree, s: int, e: int) -> int:
    """The token of [s, e) whose head lies outside it: the span's syntactic head."""
    toks = tree.tokens
    for k in range(s, e):
        if not (s <= toks[k].head < e) or toks[k].head == k:
            return k
    return e - 1


def names_for(tree: Tree, mention: Mention, index: NameIndex) -> list[str]:
    """Canonical names for each conjunct of a person mention; [] where none is known."""
    toks = tree.tokens
    out = []
    # the mention widened to whole words: "Raybould" parsed alone from "Wilson-Raybould"
    first = glued(tree, mention.tokens[0], -1)
    last = mention.tokens[-1]
    person = index.person
    lo = bisect.bisect_right(person, (first, len(toks))) - 1
    person = person[max(0, lo): bisect.bisect_right(person, (last, len(toks)))]
    for h in mention.heads:
        name = None
        w0 = glued(tree, h, -1)
        # A PERSON entity that contains the conjunct's head, or ends right at it.
        for s, e in person:
            if s <= h < e and s >= min(first, w0) and e - 1 <= last:
                name = clean_name(words_of(tree, s, e))
                break
        word = " ".join(words_of(tree, w0, glued(tree, h, 1) + 1))
        if name is None and toks[h].upos == "PROPN" and index.knows_surname(word):
            name = word  # a surname the parser took for something else ("Wilson-Raybould" as ORG)
        if name is None and toks[h].upos == "PROPN" and (
                toks[h].ent_type not in ("ORG", "GPE", "NORP", "FAC", "LOC") or titled_name(tree, h)):
            chain = [k for k in range(min(first, w0), h + 1) if toks[k].upos == "PROPN"
                     and (toks[k].head == h or k == h or k >= w0) and k >= h - 3]
            if chain:
                # the contiguous run of proper nouns that ends at the head ("Jane Smith")
                k = w0
                while k - 1 >= chain[0] and toks[k - 1].upos == "PROPN":
                    k = glued(tree, k - 1, -1)
                name = clean_name(words_of(tree, k, h + 1))
        if name is None and toks[h].upos == "PROPN" and index.knows_surname(toks[h].text):
            name = toks[h].text
        if name and not (len(name.split()) == 1 and name.lower() in TITLE_NOUNS):  # "Commissioner"
            canon = index.canonical(name)
            if canon not in out:  # one word parsed as two heads ("Wilson", "Raybould")
                out.append(canon)
    return out


def resolve_title(tree: Tree, mention: Mention, index: NameIndex) -> str | None:
    """``the UK defence secretary`` -> ``John Healey`` when a title entry matches."""
    toks = tree.tokens
    h = mention.heads[0]
    lemma = toks[h].lemma.lower()
    if lemma not in ROLE_NOUNS:
        return None
    mods = [k for k in mention.tokens if toks[k].dep not in ("det", "punct", "case") and toks[k].upos != "DET"]
    # Place words ("UK", "US") may be missing from the title as written elsewhere; other
    # words ("defence", "foreign") must agree.
    possessor = {k for p in tree.kids(h, "nmod:poss") for k in tree.subtree(p)}
    core = {toks[k].text.lower() for k in mods if toks[k].ent_type not in ("GPE", "NORP", "LOC")
            and k not in possessor}
    geo = {toks[k].text.lower() for k in mods} - core
    head_word = toks[h].text.lower()
    pos = mention.tokens[0]
    scored = []
    # "Campbell's partner" is the partner the article gives Campbell, not anyone's
    owner = {toks[p].text.lower() for p in tree.kids(h, "nmod:poss") if toks[p].upos == "PROPN"}
    for p, head_lemma, tw, name in index.titles:
        if head_lemma != lemma or not core <= (tw | {head_word}) or (lemma in RELATION_NOUNS and not owner <= tw and not tw & _POSSESSIVE_PRONOUNS):
            continue
        after = p > pos
        scored.append(((-len(geo & tw), after, abs(pos - p)), name))
    if not scored:
        return None
    scored.sort()
    best = scored[0]
    # Ambiguity guard: an equally good entry naming someone else, none of them before
    rivals = {n for sc, n in scored if sc[:2] == best[0][:2]}
    if len(rivals) > 1 and best[0][1]:
        return None
    return best[1]
