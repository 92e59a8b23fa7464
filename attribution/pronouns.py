"""Personal pronouns resolved to the people an article names, by gender and salience.

Every person mention outside quote marks (a PERSON name, a title or surname naming one,
an unnamed person who speaks or is an anonymous source, and each pronoun once resolved) adds
salience to its person: more as a subject than elsewhere, halving with every sentence
since.  A pronoun goes to the most salient person whose gender it fits; the gender comes
from the article first (an honorific, a gendered noun describing the person, a pronoun
that could only mean that person), then from the first name (``gender-guesser``).  An
unnamed person ("a woman who runs the bakery") can win: the pronoun then stays
unresolved rather than borrowing an earlier person's name.

A definite description that renames someone just mentioned ("Niederreiter has four
goals ... The 26-year-old right wing said") is resolved the same way, looking back two
sentences.  Pronouns and descriptions are resolved once per document, in text order, so
"He added" after "He said" follows the chain.

"They" goes the same way to a group: the most salient plural noun phrase ("the two
senators", "police", "Smith and Jones") in its own or the previous sentence, if that
group can speak and no other group in reach comes close (:func:`plural_antecedent`).
Checked on GUM's gold coreference: 0.82 of the plural pronouns it resolves are right
(0.88 in the news), and 12 of 14 "they" speakers.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .gender import (
    PRONOUN_GENDER,
    UNKNOWN,
    compatible,
    first_name_gender,
    honorific_gender,
    noun_gender,
)
from .resolve import clean_name, first_name, names_for, resolve_title, span_head
from .speakers import (
    ANON_NOUNS,
    DOC_NOUNS,
    ORG_ENTS,
    ORG_NOUNS,
    PLURAL_AGREEMENT_NOUNS,
    THIRD_PERSON_PLURAL,
    TITLE_NOUNS,
    build_mention,
    is_organisation_word,
    words_of,
)

if TYPE_CHECKING:
    from .document import DocState

#: Salience a mention gives its person in its own sentence, by grammatical role: subjects
#: (the speakers of news) are what a later pronoun most often refers back to.  Checked on
#: GUM's gold coreference (tests/test_resolution_gum.py): any decay from 0.3 to 0.7 and
#: other-role weight from 0.3 to 0.8 keeps 0.90-0.92 of resolved pronouns right.
SUBJECT_WEIGHT = 1.0
OTHER_WEIGHT = 0.5
#: Salience kept from one sentence to the next.
DECAY = 0.5
#: A person last mentioned further back than this many sentences (not counting sentences
#: wholly in quote marks) is not an antecedent.
WINDOW = 6
#: Votes for a person's gender: the article's own statement (an honorific, a gendered
#: noun) outweighs the names list, which outweighs one pronoun that could only mean them
#: (each such pronoun is one vote; a few agreeing ones overrule the list).
STRONG_VOTE = 5
NAMES_LIST_VOTE = 2
SUBJECT_DEPS = ("nsubj", "csubj")
#: Relations in which a pronoun and a noun of the same verb cannot corefer
#: ("Smith praised him": him is not Smith).
COARGUMENT_DEPS = ("nsubj", "obj", "iobj", "obl")


@dataclass(frozen=True)
class PersonMention:
    """A mention of a person: where (its head token and sentence), whom (a canonical
    name, None for an unnamed person), its salience weight, the gender it states, and
    the tokens [start, end) to show as the antecedent."""

    pos: int
    sent: int
    name: str | None
    weight: float
    gender: str
    start: int
    end: int
    ref: int = -1  # for a pronoun resolved to an unnamed person: that person's mention

    @property
    def key(self) -> object:
        """Whom the mention is of: a name, or the first mention of an unnamed person."""
        return self.name if self.name else ("unnamed", self.ref if self.ref >= 0 else self.pos)


@dataclass(frozen=True)
class Antecedent:
    """What a pronoun was resolved to: the named mention it goes back to and the name."""

    start: int
    end: int
    name: str


_CACHE: WeakKeyDictionary = WeakKeyDictionary()
_NARRATIVE: WeakKeyDictionary = WeakKeyDictionary()


def resolve_anaphor(d: DocState, pos: int) -> Antecedent | None:
    """The named person the pronoun or definite description ("the 26-year-old right
    wing") at token ``pos`` refers to, or None (unknown, unnamed, or a word this module
    does not resolve: first person, plural, "it", a title, a new person)."""
    table = _CACHE.get(d)
    if table is None:
        table = _resolve_all(d)
        _CACHE[d] = table
    return table.get(pos)


def _weight(d: DocState, head: int) -> float:
    return SUBJECT_WEIGHT if d.toks[head].dep in SUBJECT_DEPS else OTHER_WEIGHT


def _stated_gender(d: DocState, s: int, e: int, head: int) -> str:
    """The gender the text states around a name: "Mr. Scheer", "her son Kody Cook",
    "Jane Smith, his wife,"."""
    toks, tree = d.toks, d.tree
    for k in (s, s - 1):
        if 0 <= k < len(toks):
            g = honorific_gender(toks[k].text)
            if g:
                return g
    near = tree.kids(head, "appos", "compound")
    if toks[head].dep in ("appos", "compound", "flat"):
        near.append(toks[head].head)
    for k in near:
        if k not in range(s, e):
            g = noun_gender(toks[k].lemma)
            if g:
                return g
    return UNKNOWN


#: Nouns for people that carry no title: with "the" and one of these heads (or as the
#: subject of a speech verb) a description renames someone ("the affable proprietor").
PERSON_NOUNS = {"resident", "worker", "student", "teacher", "doctor", "nurse", "patient", "victim",
                "witness", "player", "farmer", "driver", "parent", "neighbour", "neighbor", "friend",
                "customer", "passenger", "survivor", "volunteer", "expert", "analyst", "researcher",
                "scientist", "activist", "lawyer", "officer", "user", "fan", "child", "teenager",
                "artist", "writer", "singer", "proprietor", "labourer", "laborer", "veteran"}
#: How far back (sentences outside quote marks) a definite description ("the 26-year-old
#: right wing") looks for the named person it describes: it renames someone just mentioned.
DESCRIPTION_WINDOW = 2
#: Singular nouns for several people: "the couple said" renames no one person.
COLLECTIVE_NOUNS = {"couple", "family", "pair", "duo", "trio", "crowd", "team", "crew", "panel",
                    "audience", "public", "jury", "majority", "minority", "household"}
_DEFINITE = ("the", "this", "that")


def _person_noun(d: DocState, t) -> bool:
    lemma = t.lemma.lower()
    return (lemma in PERSON_NOUNS or lemma in TITLE_NOUNS or lemma in ANON_NOUNS or bool(noun_gender(lemma))
            or is_core_speech(d.toks[t.head].lemma.lower()))


def _describes_back(d: DocState, t) -> bool:
    """``t`` heads a definite description that renames someone already in the story ("the
    26-year-old right wing said", "the bow-tied maverick says"): "the", one person, no
    title (titles resolve through :func:`resolve_title`), nothing after the noun that
    would make a new person of it ("the father of the victim")."""
    lemma = t.lemma.lower()
    if t.upos != "NOUN" or t.tag != "NN" or lemma in TITLE_NOUNS or lemma in ANON_NOUNS \
            or lemma in ORG_NOUNS or lemma in DOC_NOUNS or lemma in COLLECTIVE_NOUNS:
        return False
    kids = d.tree.kids(t.i)
    if not any(d.toks[k].dep == "det" and d.toks[k].lemma.lower() in _DEFINITE for k in kids):
        return False
    if any(d.toks[k].dep in ("nmod", "acl", "appos") for k in kids):
        return False
    return _person_noun(d, t)


def _place_like(d: DocState, s: int, e: int, name: str) -> bool:
    """A one-word "person" that is a dateline ("TORONTO") or the province after a town
    ("Mississauga, Ont."): the parser's mistake, no one a pronoun can mean."""
    if e - s != 1:
        return False
    after = d.toks[e] if e < len(d.toks) else None
    return (name.isupper() and len(name) > 1) or (
        s >= 2 and d.toks[s - 1].text == "," and d.toks[s - 2].ent_type in ORG_ENTS
        and (after is None or after.upos == "PUNCT" or d.toks[s].text.endswith(".")))


def _mentions(d: DocState) -> tuple[list[PersonMention], list[int]]:
    """PERSON names outside quote marks and subjects that name or describe a person (in
    text order); and the heads of definite descriptions that rename someone."""
    out: list[PersonMention] = []
    descriptions: list[int] = []
    covered: set[int] = set()
    # a lone word the tagger took for a person that begins an organisation's name
    # ("Studiocomix" of "Studiocomix Press"): the organisation, no one a pronoun means
    org_words = {d.toks[k].text for k, e in d.organisations() if e - k > 1}
    for s, e in d.index.person:
        if d.in_quote[s]:
            continue
        name = clean_name(words_of(d.tree, s, e))
        if not name or not name[0].isupper() or _place_like(d, s, e, name) or is_organisation_word(name.split()[-1]) \
                or name.lower() in TITLE_NOUNS:  # "President" alone
            continue
        if e - s == 1 and name in org_words and not d.index.knows_surname(name):
            continue
        head = span_head(d.tree, s, e)
        out.append(PersonMention(head, d.toks[head].sent, d.index.canonical(name), _weight(d, head),
                                 _stated_gender(d, s, e, head), s, e))
        covered.update(range(s, e))
    for t in d.toks:  # a surname the parser did not tag a person ("For Carole Laurin,")
        if t.upos == "PROPN" and not d.in_quote[t.i] and t.i not in covered and t.ent_type not in ORG_ENTS \
                and d.index.knows_surname(t.text) and (t.i + 1 == len(d.toks) or d.toks[t.i + 1].upos != "PROPN"):
            out.append(PersonMention(t.i, t.sent, d.index.canonical(t.text), _weight(d, t.i), UNKNOWN, t.i, t.i + 1))
            covered.add(t.i)
    for t in d.toks:
        if t.dep != "nsubj" or t.upos == "PRON" or d.in_quote[t.i] or t.i in covered:
            continue
        m = build_mention(d.tree, t.i, cue=t.head if t.head > t.i else None, surnames=d.surnames)
        if m.pronoun is not None or len(m.heads) != 1:
            continue
        if m.type == "person":
            name = (names_for(d.tree, m, d.index) or [resolve_title(d.tree, m, d.index)])[0]
            if name:
                out.append(PersonMention(t.i, t.sent, name, SUBJECT_WEIGHT, noun_gender(t.lemma),
                                         m.tokens[0], m.tokens[-1] + 1))
                continue
        if m.type not in ("person", "anonymous", "unknown") or t.tag != "NN" or t.ent_type in ORG_ENTS:
            continue
        if m.type != "anonymous" and _describes_back(d, t):
            descriptions.append(t.i)
        elif m.type == "anonymous" or is_core_speech(d.toks[t.head].lemma.lower()):
            # "A woman who runs the bakery said": someone a pronoun may mean, unnamed
            out.append(PersonMention(t.i, t.sent, None, SUBJECT_WEIGHT, noun_gender(t.lemma),
                                     m.tokens[0], m.tokens[-1] + 1))
    out.sort(key=lambda m: m.pos)
    return out, descriptions


def is_core_speech(lemma: str) -> bool:
    """``lemma`` is a core speech verb of the cue lexicon ("say", "tell")."""
    from .cues_lexicon import load_lexicon

    e = load_lexicon().entry(lemma, "verb")
    return bool(e and e.core and e.cue_class == "speech")


def _pronouns(d: DocState) -> list[int]:
    """Third-person singular personal pronouns outside quote marks."""
    return [t.i for t in d.toks if t.upos == "PRON" and t.text.lower() in PRONOUN_GENDER and not d.in_quote[t.i]]


def _genders(d: DocState, mentions: list[PersonMention], pronouns: list[int]) -> dict[str, str]:
    """Each name's gender: what the article states of it, else what its unambiguous
    pronouns say (a "she" whose sentence, up to it, or else the sentence before, names
    no one else), else its first name's usual gender."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.name and m.gender:
            votes[m.name][m.gender] += STRONG_VOTE
    starts = [m.pos for m in mentions]
    covered = {k for m in mentions for k in range(m.start, m.end)}
    for p in pronouns:
        sent = d.toks[p].sent
        before = mentions[:bisect.bisect_left(starts, p)]
        same = {m.name for m in before if m.sent == sent}
        if any(d.toks[k].upos == "PROPN" and k not in covered and d.toks[k].ent_type in ("", "PERSON")
               for k in range(d.doc.sentences[sent][0], p)):
            continue  # a name the parser did not see as a person may be the one meant
        prev = same or {m.name for m in before if m.sent == sent - 1}
        if len(prev) == 1 and None not in prev:
            votes[next(iter(prev))][PRONOUN_GENDER[d.toks[p].text.lower()]] += 1
    out: dict[str, str] = {}
    for name in {m.name for m in mentions if m.name}:
        v = votes[name]
        listed = first_name_gender(first_name(name))
        if listed:
            v[listed] += NAMES_LIST_VOTE
        ranked = v.most_common(2)
        out[name] = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else UNKNOWN
    return out


def _coargument(d: DocState, a: int, b: int) -> bool:
    """``a`` and ``b`` are arguments of one verb ("Smith praised him")."""
    ta, tb = d.toks[a], d.toks[b]
    return ta.head == tb.head and ta.dep in COARGUMENT_DEPS and tb.dep in COARGUMENT_DEPS


def narrative_index(d: DocState) -> list[int]:
    """For each sentence, how many sentences before it have words outside quote marks:
    the distance a reader feels, a long quotation from someone else counting as little."""
    out = _NARRATIVE.get(d)
    if out is None:
        out, n = [], 0
        for s, e in d.doc.sentences:
            out.append(n)
            n += not all(d.in_quote[k] or d.toks[k].upos == "PUNCT" for k in range(s, e))
        _NARRATIVE[d] = out
    return out


def _resolve_all(d: DocState) -> dict[int, Antecedent | None]:
    mentions, descriptions = _mentions(d)
    narr = narrative_index(d)
    pronouns = _pronouns(d)
    genders = _genders(d, mentions, pronouns)
    # the named mention each resolution points back to, by name
    shown: dict[str, tuple[int, int]] = {}
    events: list[tuple[int, int, PersonMention | None]] = [(m.pos, 0, m) for m in mentions]
    events += [(p, 1, None) for p in sorted(pronouns + descriptions)]
    events.sort(key=lambda x: (x[0], x[1]))
    seen: list[PersonMention] = []
    out: dict[int, Antecedent | None] = {}
    for pos, _, m in events:
        if m is not None:
            seen.append(m)
            if m.name:
                shown[m.name] = (m.start, m.end)
            continue
        t = d.toks[pos]
        pronoun = t.upos == "PRON"
        needed = PRONOUN_GENDER[t.text.lower()] if pronoun else noun_gender(t.lemma)
        best = _best(d, pos, seen, genders, narr, needed, WINDOW if pronoun else DESCRIPTION_WINDOW)
        key, g = best if best is not None else (("unnamed", pos), needed)
        if not isinstance(key, str):  # an unnamed person: no name, salience all the same
            out[pos] = None
            if best is not None or not pronoun:
                seen.append(PersonMention(pos, t.sent, None, _weight(d, pos), needed or g, pos, pos + 1, ref=key[1]))
            continue
        out[pos] = Antecedent(*shown[key], key)
        seen.append(PersonMention(pos, t.sent, key, _weight(d, pos), genders.get(key, UNKNOWN), pos, pos + 1))
    return out


def _best(d: DocState, pos: int, seen: list[PersonMention], genders: dict[str, str],
          narr: list[int], needed: str, window: int) -> tuple[object, str] | None:
    """(key, gender) of the most salient person of gender ``needed`` the anaphor at
    ``pos`` can mean, mentioned within ``window`` sentences (the key is a name, or
    ``("unnamed", position)``); None when no one is in reach."""
    t = d.toks[pos]
    score: dict[object, float] = defaultdict(float)
    gender: dict[object, str] = {}
    for m in reversed(seen):
        dist = narr[t.sent] - narr[m.sent]
        if dist > window:
            break
        if _coargument(d, m.pos, pos):
            continue
        key = m.key
        g = genders.get(m.name, UNKNOWN) if m.name else m.gender
        if g or key not in gender:  # an unnamed person's gender: any mention that says it
            gender[key] = g
        score[key] += m.weight * DECAY ** dist
    score = {k: v for k, v in score.items() if compatible(needed, gender[k])}
    if not score:
        return None
    key = max(score, key=lambda k: score[k])
    return key, gender[key]


# --- plural pronouns ----------------------------------------------------------------------

#: How far back (sentences outside quote marks) "they" looks for the group it stands for:
#: a group is taken up again close to where it was named.
PLURAL_WINDOW = 1
#: The group "they" goes to must be at least this many times as salient as the next group
#: in reach; closer than that, the article does not say which it means.
PLURAL_MARGIN = 2.0
#: Dependency relations of a noun phrase's own head (not a word inside another phrase).
_PHRASE_DEPS = ("nsubj", "obj", "iobj", "obl", "nmod", "appos", "root", "conj", "csubj")


@dataclass(frozen=True)
class GroupMention:
    """A plural noun phrase outside quote marks ("the two senators", "police", "Smith and
    Jones"): its head, sentence, salience weight, whom it is (``key``: the head's lemma,
    or a name's words) and whether it can be a speaker at all."""

    pos: int
    sent: int
    weight: float
    key: str
    speaker_like: bool
    ref: int = -1  # for "they" resolved: the head of the phrase it stands for

    @property
    def phrase(self) -> int:
        """The head of the noun phrase this mention is, or stands for."""
        return self.ref if self.ref >= 0 else self.pos


_PLURAL: WeakKeyDictionary = WeakKeyDictionary()
#: Nouns for people and bodies: the speaker word classes.
_GROUP_WORDS = (PERSON_NOUNS, TITLE_NOUNS, ANON_NOUNS, ORG_NOUNS, COLLECTIVE_NOUNS, PLURAL_AGREEMENT_NOUNS)


def plural_antecedent(d: DocState, pos: int) -> int | None:
    """The head of the group a third-person plural pronoun ("they") at token ``pos``
    stands for: the most salient plural noun phrase (or coordination of names) in the
    same or the previous :data:`PLURAL_WINDOW` sentences that could speak, well ahead of
    any other; None when the evidence is weak or points at things, not speakers."""
    table = _PLURAL.get(d)
    if table is None:
        table = _resolve_plurals(d)
        _PLURAL[d] = table
    return table.get(pos)


def _plural(d: DocState, t) -> bool:
    """``t`` heads a noun phrase that takes a plural verb: a plural noun, a noun like
    "police", or a coordination ("Smith and Jones")."""
    return (t.tag in ("NNS", "NNPS") or "Number=Plur" in t.morph or t.lemma.lower() in PLURAL_AGREEMENT_NOUNS
            or any(d.toks[c].upos in ("NOUN", "PROPN") for c in d.tree.kids(t.i, "conj")))


def _speaker_like(d: DocState, t, speaking: set[str]) -> bool:
    """People or bodies, by the speaker word classes, the entity type, or the article's
    own evidence: the word is the subject of a speech verb somewhere in it."""
    lemma = t.lemma.lower()
    heads = [t.i, *d.tree.kids(t.i, "conj")]
    return (any(d.toks[k].ent_type in ("PERSON", "NORP", "ORG") for k in heads) or lemma in speaking
            or bool(noun_gender(lemma)) or any(lemma in words for words in _GROUP_WORDS))


def _group_mentions(d: DocState) -> list[GroupMention]:
    """Plural noun phrases outside quote marks, in text order."""
    speaking = {t.lemma.lower() for t in d.toks if t.dep == "nsubj" and t.upos in ("NOUN", "PROPN")
                and is_core_speech(d.toks[t.head].lemma.lower())}
    out = []
    for t in d.toks:
        if t.upos not in ("NOUN", "PROPN") or d.in_quote[t.i] or t.dep not in _PHRASE_DEPS:
            continue
        if t.dep == "conj" and d.toks[t.head].upos in ("NOUN", "PROPN"):
            continue  # part of the coordination its first conjunct heads
        if not _plural(d, t):
            continue
        key = t.text.lower() if t.upos == "PROPN" else t.lemma.lower()
        out.append(GroupMention(t.i, t.sent, _weight(d, t.i), key, _speaker_like(d, t, speaking)))
    return out


def _resolve_plurals(d: DocState) -> dict[int, int | None]:
    narr = narrative_index(d)
    seen: list[GroupMention] = []
    events: list[tuple[int, int, GroupMention | None]] = [(m.pos, 0, m) for m in _group_mentions(d)]
    events += [(t.i, 1, None) for t in d.toks
               if t.upos == "PRON" and t.text.lower() in THIRD_PERSON_PLURAL and not d.in_quote[t.i]]
    events.sort(key=lambda x: (x[0], x[1]))
    out: dict[int, int | None] = {}
    for pos, _, m in events:
        if m is not None:
            seen.append(m)
            continue
        best = _best_group(d, pos, seen, narr)
        out[pos] = best.phrase if best is not None else None
        if best is not None:  # "They said ... They added": the chain goes on
            seen.append(GroupMention(pos, d.toks[pos].sent, _weight(d, pos), best.key, True, ref=best.phrase))
    return out


def _best_group(d: DocState, pos: int, seen: list[GroupMention], narr: list[int]) -> GroupMention | None:
    sent = d.toks[pos].sent
    score: dict[str, float] = defaultdict(float)
    latest: dict[str, GroupMention] = {}
    barred: set[str] = set()  # "they dropped them": not the group of a co-argument
    for m in reversed(seen):
        dist = narr[sent] - narr[m.sent]
        if dist > PLURAL_WINDOW:
            break
        if _coargument(d, m.pos, pos) or d.tree.is_under(pos, m.pos):
            barred.add(m.key)
            continue
        score[m.key] += m.weight * DECAY ** dist
        latest.setdefault(m.key, m)
    ranked = sorted((k for k in score if k not in barred), key=lambda k: -score[k])
    if not ranked or ranked[0] not in latest or not latest[ranked[0]].speaker_like:
        return None
    if len(ranked) > 1 and score[ranked[0]] < PLURAL_MARGIN * score[ranked[1]]:
        return None
    return latest[ranked[0]]
