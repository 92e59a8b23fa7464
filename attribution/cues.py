"""Cues and their frames: the words that introduce speech or thought, found on UD trees.

A :class:`CueMatch` ties a cue (``said``, ``according to``, ``expressed relief``) to the
tokens of its content (the reported clause, or nothing yet) and the head of its speaker
mention.  The lexicon of cue words is data (:mod:`attribution.cues_lexicon`, mined from
PolNeAR train); the frames here are the ways UD trees realise attribution, the clausal
ones in :mod:`attribution.clauses`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .clauses import Frame, clause_frame, riders_speak_for_their_host
from .syntax import Tree, is_quote_token, trim
from .words import (  # noqa: F401  (RELATIVE_PRONOUNS and MODALS are read through this module too)
    ANONYMITY_NOUNS,
    ANONYMITY_OBJECTS,
    ANONYMITY_VERBS,
    DECLINE_OBJECTS,
    DECLINE_VERBS,
    LIGHT_VERBS,
    MODALS,
    NAMING_VERBS,
    NEGATIONS,
    OBJECT_CONTROL_VERBS,
    OBL_CONTENT_CASES,
    OWN_STANCE_VERBS,
    PERMISSION_VERBS,
    POINTING_DETERMINERS,
    QUESTION_WORDS,
    RELATIVE_PRONOUNS,
    REQUEST_NOUNS,
    STATEMENT_NOUNS,
    XCOMP_CUES,
)


@dataclass(frozen=True)
class CueMatch:
    """A cue found in the tree, with its frame, content tokens and speaker head."""

    head: int  # the cue's head token (the verb or noun)
    tokens: list[int]  # the cue's own tokens (``has said`` -> [has, said])
    lemma: str
    frame: str  # ccomp | parataxis | xcomp | obj | according | noun | none
    content: list[int] = field(default_factory=list)
    speaker: int | None = None  # head token of the speaker mention
    cue_class: str = "speech"
    stance: str = "assert"
    precision: float = 0.5
    anchor: int | None = None  # naming frames: the head of the name given
    entry: object = None  # the lexicon entry (CueEntry), where the cue came from the lexicon


def _lexicon():
    from .cues_lexicon import load_lexicon

    return load_lexicon()


def find_cues(tree: Tree, in_quote: list[bool], *, candidates: bool = False) -> list[CueMatch]:
    """Every cue in the document, in token order, with content and speaker where found.

    With ``candidates=True`` every lexicon word in every frame is returned, for a learned
    ranker (:mod:`attribution.ranker`) to judge; otherwise frames are kept by the mined
    precision thresholds below."""
    lex = _lexicon()
    toks = tree.tokens
    out: list[CueMatch] = []
    for t in toks:
        if in_quote[t.i]:
            continue
        low = t.text.lower()
        if low == "according" and t.i + 1 < len(toks) and toks[t.i + 1].text.lower() == "to":
            m = _according_to(tree, t.i)
            if m:
                out.append(m)
            continue
        lemma = t.lemma.lower()
        if t.upos == "VERB" or (t.upos == "AUX" and lemma == "say"):
            entry = lex.entry(lemma, "verb")
            if entry:
                m = _verb_cue(tree, t.i, lemma, entry, in_quote, CANDIDATE_MIN_SHARE if candidates else None)
                if m and (candidates or _frame_precision(entry, m.frame) >= MIN_FRAME_PRECISION.get(m.frame, 0.0)):
                    out.append(m)
        elif t.upos == "ADJ" and candidates:
            entry = lex.entry(lemma, "adjective")
            if entry:
                m = _adjective_cue(tree, t.i, lemma, entry)
                if m:
                    out.append(m)
        elif t.upos in ("NOUN", "PROPN") and _after_closing_mark(tree, t.i, in_quote) \
                and (m := _inverted_cue(tree, t.i, in_quote)) is not None:
            out.append(m)
        elif t.upos == "NOUN":
            entry = lex.entry(lemma, "noun")
            if entry and (candidates or entry.core or (entry.precision or 0.0) >= MIN_NOUN_PRECISION):
                m = _noun_cue(tree, t.i, lemma, entry, in_quote)
                if m:
                    out.append(m)
    out.extend(_label_colons(tree, in_quote))
    out.sort(key=lambda m: m.head)
    return riders_speak_for_their_host(tree, out)


MAX_LABEL_TOKENS = 4


def _after_closing_mark(tree: Tree, i: int, in_quote: list[bool]) -> bool:
    return i > 0 and in_quote[i - 1] and is_quote_token(tree.tokens[i - 1].text)


def _inverted_cue(tree: Tree, i: int, in_quote: list[bool]) -> CueMatch | None:
    """“We love cats!” reply Burton and Nick.  -- an inverted speech verb right after
    the closing mark, which the tagger, seeing no subject before it, read as a noun.  A
    core speech verb in any tense or number, followed by its speaker."""
    toks = tree.tokens
    entry = _lexicon().entry(toks[i].text.lower(), "verb") or _lexicon().entry(toks[i].lemma.lower(), "verb")
    if entry is None or not entry.core or entry.cue_class != "speech":
        return None
    after = [c for c in tree.children[i] if c > i and toks[c].upos in ("PROPN", "NOUN", "PRON")]
    if not after:
        return None
    cls, stance, prec = _entry_fields(entry)
    return CueMatch(head=i, tokens=[i], lemma=entry.lemma, frame="none", content=[], speaker=after[0],
                    cue_class=cls, stance=stance, precision=prec, entry=entry)


def _label_colons(tree: Tree, in_quote: list[bool]) -> list[CueMatch]:
    """``PENCE: Well, look, ...`` and headlines like ``Caddell: Voters Worried``: a
    paragraph that opens with a short proper name and a colon is that name's speech."""
    toks = tree.tokens
    out = []
    n = len(toks)
    i = 0
    while i < n:
        if i == 0 or toks[i].para != toks[i - 1].para:
            j = i
            while j < n and j - i <= MAX_LABEL_TOKENS and toks[j].text != ":" and toks[j].para == toks[i].para:
                j += 1
            label = list(range(i, j))
            if 0 < len(label) <= MAX_LABEL_TOKENS and j < n and toks[j].text == ":" and j + 1 < n \
                    and toks[j + 1].para == toks[i].para and not in_quote[i] \
                    and all(toks[k].upos in ("PROPN", "PUNCT") or toks[k].text[:1].isupper() for k in label) \
                    and any(toks[k].upos == "PROPN" for k in label) \
                    and not any(toks[k].ent_type in ("DATE", "TIME", "GPE", "CARDINAL") for k in label):
                end = j + 1
                while end < n and toks[end].para == toks[i].para:
                    end += 1
                content = trim(tree, list(range(j + 1, end)))
                if content:
                    head = max(label, key=lambda k: (toks[k].upos == "PROPN", k))
                    out.append(CueMatch(head=j, tokens=[j], lemma=":", frame="label", content=content,
                                        speaker=head, cue_class="speech", stance="assert", precision=0.7))
        i += 1
    return out


def _entry_fields(entry) -> tuple[str, str, float]:
    """(class, stance, precision) of a lexicon entry; unmeasured precision counts as 0.5."""
    prec = entry.precision if entry.precision is not None else 0.5
    if entry.core:
        prec = max(prec, 0.5)
    return entry.cue_class, entry.stance, float(prec)


def _verb_cue(tree: Tree, i: int, lemma: str, entry, in_quote: list[bool],
              min_share: float | None = None) -> CueMatch | None:
    """The verb at ``i`` as a cue, in the first frame its tree offers.  A frame other than
    a clause is tried only where at least ``min_share`` of the verb's PolNeAR cues used it."""
    min_share = FRAME_MIN_SHARE if min_share is None else min_share
    toks = tree.tokens
    if toks[i].dep == "xcomp" and toks[toks[i].head].lemma.lower() in DECLINE_VERBS:
        return None  # "declined to comment": one non-claim, found from "declined"
    if _terms_of_anonymity(tree, i):
        return None  # "spoke on condition of anonymity to discuss ...": one non-claim, found from "spoke"
    cls, stance, prec = _entry_fields(entry)
    negated = _negated(tree, i)
    if negated and stance == "assert":
        stance = "deny"
    tokens = sorted([a for a in tree.kids(i, "aux", "aux:pass") if not in_quote[a] and toks[a].lemma.lower() != "to"] + [i])
    frame = _decline_frame(tree, i, lemma, negated)
    if frame is not None:
        cls, stance = "decline", "decline"
    elif lemma in DECLINE_VERBS:
        return None  # "refused to leave": no speech refused
    else:
        frame = clause_frame(tree, i, in_quote) or _phrase_frame(tree, i, lemma, entry, in_quote, min_share) \
            or Frame("none", [])
    speaker = _speaker_of_verb(tree, i)
    if frame.name in ("obj_np", "obl") and speaker is None:
        frame = Frame("none", [])  # an object with nobody speaking: "a plan was approved"
    content = frame.content
    if frame.name in PHRASE_FRAMES and content and content[0] > i and cls != "decline":
        content = _with_right_dependents(tree, i, content)
    return CueMatch(head=i, tokens=sorted(set(tokens) | set(frame.extra_tokens)), lemma=lemma, frame=frame.name,
                    content=content, speaker=speaker, cue_class=cls, stance=stance, precision=prec,
                    anchor=frame.anchor, entry=entry)


def _negated(tree: Tree, i: int) -> bool:
    return any(tree.tokens[c].lemma.lower() in NEGATIONS for c in tree.kids(i, "advmod"))


def _decline_frame(tree: Tree, i: int, lemma: str, negated: bool) -> Frame | None:
    """A refusal to speak, recorded as a non-claim: "declined to comment", "refused to
    discuss the case", "did not respond to requests for comment", "would not say
    whether ...", "asked not to be named"."""
    toks = tree.tokens
    xc = tree.kids(i, "xcomp")
    if lemma in DECLINE_VERBS:
        if xc and toks[xc[0]].lemma.lower() in DECLINE_OBJECTS:
            return Frame("xcomp", trim(tree, tree.subtree(xc[0])))
        return None
    if lemma in ANONYMITY_VERBS and xc and toks[xc[0]].lemma.lower() in ANONYMITY_OBJECTS and _negated(tree, xc[0]):
        return Frame("xcomp", trim(tree, tree.subtree(xc[0])))  # "asked not to be named"
    if lemma in ANONYMITY_VERBS and (terms := _anonymity_terms(tree, i)):
        return Frame("obl", terms)  # "spoke on condition of anonymity"
    if not negated or lemma not in DECLINE_OBJECTS:
        return None
    asked = [c for c in tree.kids(i, "obj", "obl") if toks[c].lemma.lower() in REQUEST_NOUNS]
    if asked:
        return Frame("obj_np", trim(tree, tree.subtree(asked[0])))  # "did not respond to requests"
    clause = [c for c in tree.kids(i, "ccomp") if _is_embedded_question(tree, c)]
    if clause:
        return Frame("ccomp", trim(tree, tree.subtree(clause[0])))  # "would not say whether ..."
    return None


def _anonymity_terms(tree: Tree, i: int) -> list[int]:
    """The phrase of the verb ``i`` that grants its speaker anonymity ("on condition of
    anonymity to discuss ..."), or []."""
    toks = tree.tokens
    for c in tree.kids(i, "obl", "obj", "advcl"):
        part = tree.subtree(c)
        if any(toks[k].lemma.lower() in ANONYMITY_NOUNS for k in part):
            later = [a for a in tree.kids(i, "advcl") if a > part[-1]]
            return trim(tree, sorted(set(part) | {k for a in later for k in tree.subtree(a)}))
    return []


def _terms_of_anonymity(tree: Tree, i: int) -> bool:
    """The verb ``i`` only says why a source is unnamed: an infinitive of a verb that
    speaks on condition of anonymity ("spoke on condition of anonymity to discuss the
    talks") or of a permission ("was not authorized to discuss them")."""
    toks = tree.tokens
    t = toks[i]
    if t.dep not in ("advcl", "xcomp", "acl") or t.head == i or not any(
            toks[m].lemma.lower() == "to" for m in tree.kids(i, "mark")):
        return False
    head = toks[t.head]
    if head.lemma.lower() in PERMISSION_VERBS:
        return True
    return head.lemma.lower() in ANONYMITY_VERBS and bool(_anonymity_terms(tree, head.i))


def _is_embedded_question(tree: Tree, c: int) -> bool:
    """A clause that asks rather than states: "whether ...", "what the message is"."""
    toks = tree.tokens
    first = tree.subtree(c)[0]
    return toks[first].lemma.lower() in QUESTION_WORDS or any(
        toks[k].lemma.lower() in ("whether", "if") for k in tree.kids(c, "mark"))


def _phrase_frame(tree: Tree, i: int, lemma: str, entry, in_quote: list[bool], min_share: float) -> Frame | None:
    """A content that is a phrase: a name given ("called the charges “unsubstantiated”"),
    a quoted object, an infinitive ("urged X to ..."), an object noun phrase ("attacked
    Machado") or a prepositional complement ("called for an investigation")."""
    toks = tree.tokens
    xc = tree.kids(i, "xcomp")
    objs = tree.kids(i, "obj")
    preds = [c for c in xc if toks[c].upos in ("NOUN", "PROPN", "ADJ", "NUM", "PRON")]
    quoted_obj = bool(objs) and any(in_quote[k] for k in tree.subtree(objs[0]))
    if lemma in NAMING_VERBS and objs and preds and (toks[i].deprel != "acl" or tree.kids(i, "nsubj")):
        return Frame("naming", trim(tree, sorted(tree.subtree(objs[0]) + tree.subtree(preds[0]))), anchor=preds[0])
    if lemma in NAMING_VERBS and quoted_obj:
        return Frame("obj", tree.subtree(objs[0]))
    if xc and (lemma in XCOMP_CUES or _share(entry, "xcomp") >= min_share) and toks[xc[0]].upos in ("VERB", "AUX"):
        parts = tree.subtree(xc[0])
        if objs and objs[0] < xc[0]:
            parts = sorted(tree.subtree(objs[0]) + parts)
        return Frame("xcomp", trim(tree, parts))
    if quoted_obj and toks[objs[0]].lemma.lower() not in _lexicon().nouns:
        return Frame("obj", tree.subtree(objs[0]))
    if objs and _share(entry, "obj") >= min_share and _np_content_ok(tree, objs[0]):
        frame = _object_frame(tree, i, lemma, objs[0], xc)
        if frame is not None:
            return frame
    obl = [c for c in _content_obls(tree, i) if toks[c].ent_type not in TIME_ENTITIES]  # not "spoke on Tuesday"
    if obl and _share(entry, "obl") >= min_share and _np_content_ok(tree, obl[0]):
        parts = tree.subtree(obl[0])
        return Frame("obl", trim(tree, parts[1:] if toks[parts[0]].dep == "case" else parts))
    return None


def _object_frame(tree: Tree, i: int, lemma: str, obj: int, xc: list[int]) -> Frame | None:
    """"Trump attacked Machado", "Clinton cited disparaging remarks": the object; with a
    light verb and a speech noun ("repeated calls for X") the cue is the verb with its
    noun, and the content what the noun says."""
    parts = tree.subtree(obj)
    if xc:
        parts = sorted(parts + tree.subtree(xc[0]))
    said = _noun_content(tree, obj) if lemma in LIGHT_VERBS - OWN_STANCE_VERBS \
        and not tree.kids(obj, "nmod:poss") else []
    if said:
        return Frame("obj_np", said, extra_tokens=(obj,))
    if _points_back(tree, obj):
        return None
    return Frame("obj_np", trim(tree, parts))


def _points_back(tree: Tree, obj: int) -> bool:
    """"She repeated the pledge", "he denied the claim": an object that only points back
    at a statement made elsewhere (a definite speech noun with no content of its own)
    says nothing new."""
    toks = tree.tokens
    if toks[obj].lemma.lower() not in STATEMENT_NOUNS or _noun_content(tree, obj):
        return False
    dets = [toks[k].lemma.lower() for k in tree.kids(obj, "det")]
    return any(x in POINTING_DETERMINERS for x in dets) or bool(tree.kids(obj, "nmod:poss"))


#: Frames whose content is a phrase, not a clause: "criticized X [for Y]", "urged X to Y
#: [before Z]" -- the reported content runs on through the verb's later dependents.
PHRASE_FRAMES = {"obj_np", "obl", "xcomp"}


def _with_right_dependents(tree: Tree, verb: int, content: list[int]) -> list[int]:
    """``content`` extended through the verb's later dependents ("criticized X [for Y]"),
    up to the first that says something of its own (:func:`_separate_predicate`)."""
    toks = tree.tokens
    stops = [min(tree.subtree(k)) for k in tree.children[verb]
             if k > content[-1] and _separate_predicate(tree, k)]
    edge = min(stops, default=len(toks))
    right = [k for k in tree.subtree(verb) if content[0] <= k < edge and toks[k].upos != "PUNCT"]
    if not right:
        return content
    return trim(tree, list(range(content[0], max(right[-1], content[-1]) + 1)))


def _separate_predicate(tree: Tree, k: int) -> bool:
    """The verb's dependent ``k`` says something of its own, not more of the content: a
    coordinated verb ("promised a veto and attempted to ..."), a parenthetical clause, or a
    clause set off by a comma ("filed a motion, arguing that ...")."""
    toks = tree.tokens
    dep = toks[k].dep
    if dep == "parataxis" or (dep == "conj" and toks[k].upos in ("VERB", "AUX")):
        return True
    if dep == "conj":
        return bool(tree.kids(k, "nsubj"))
    if dep != "advcl":
        return False
    first = min(tree.subtree(k))
    return first > 0 and toks[first - 1].text == ","


FRAME_MIN_SHARE = 0.25
CANDIDATE_MIN_SHARE = 0.03
#: A verb cue is kept in a frame only where the lexicon says the verb is a cue that
#: often enough (PolNeAR train: share of the verb's occurrences that were cues; for
#: ``ccomp`` the share among occurrences with a clausal complement).
MIN_FRAME_PRECISION = {"ccomp": 0.2, "parataxis": 0.3, "xcomp": 0.35, "obj_np": 0.3, "obl": 0.45,
                       "naming": 0.3, "obj": 0.0, "none": 0.0}


MIN_NOUN_PRECISION = 0.2
#: Frames that tie a quote to its cue firmly; a quote inside one of these wins over a
#: looser frame (an object noun phrase, a prepositional complement) deeper in the tree.
STRONG_FRAMES = {"ccomp", "parataxis", "according", "label", "naming", "obj", "colon"}


def _frame_precision(entry, frame: str) -> float:
    if frame in ("ccomp", "parataxis") and entry.clausal_precision is not None:
        return entry.clausal_precision
    if entry.precision is None:
        return 0.5 if entry.core else 0.0
    return entry.precision


def _content_obls(tree: Tree, i: int) -> list[int]:
    """Prepositional complements after ``i`` that can carry what was said ("called for
    X", "worried about X")."""
    toks = tree.tokens
    return [c for c in tree.kids(i, "obl") if c > i and any(
        toks[k].text.lower() in OBL_CONTENT_CASES for k in tree.kids(c, "case"))]


def _share(entry, frame: str) -> float:
    """Share of the cue's PolNeAR attributions whose content had ``frame``."""
    try:
        return entry.frame_share(frame)
    except AttributeError:
        return 0.0


def _noun_content(tree: Tree, i: int) -> list[int]:
    """The clause a speech noun introduces ("calls [for the crossing to be staffed]",
    "claim [that ...]"), or [] where the noun is no cue word or has no such clause."""
    toks = tree.tokens
    if not _lexicon().entry(toks[i].lemma.lower(), "noun"):
        return []
    for c in tree.children[i]:
        if toks[c].dep in ("acl", "ccomp", "advcl") and toks[c].upos in ("VERB", "AUX", "ADJ") and any(
                toks[k].lemma.lower() in ("that", "for", "whether") for k in tree.kids(c, "mark")):
            return trim(tree, tree.subtree(c))
    return []


#: Entity types of a phrase that says when something was said, never what.
TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _np_content_ok(tree: Tree, head: int) -> bool:
    """A noun-phrase content worth reporting: not a bare pronoun or a relative word."""
    t = tree.tokens[head]
    if t.upos == "PRON" and len(tree.subtree(head)) == 1:
        return False
    return t.upos in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "VERB", "X")


def _speaker_of_verb(tree: Tree, i: int) -> int | None:
    toks = tree.tokens
    seen = set()
    j = i
    while j not in seen:
        seen.add(j)
        subj = tree.kids(j, "nsubj")
        if subj:
            s = subj[0]
            if toks[s].dep == "expl" or (toks[s].deprel == "nsubj:pass" and j == i):
                return None  # "X was told that ...": X heard it
            return s  # "X was quoted as saying ...", "X is expected to announce ...": X speaks
        agent = [c for c in tree.kids(j, "obl:agent")]
        if agent:
            return agent[0]
        if tree.kids(j, "nsubj:pass"):
            return None
        # Inverted order parsed as an object: "“…,” admitted one British official"
        objs = [c for c in tree.kids(j, "obj") if c > j]
        if objs and j == i and any(c < j for c in tree.kids(j, "ccomp", "parataxis")):
            return objs[0]
        t = toks[j]
        if (t.deprel == "xcomp" or (t.deprel == "advcl" and t.tag == "VB")) \
                and toks[t.head].lemma.lower() in OBJECT_CONTROL_VERBS and (
                objs := [c for c in tree.kids(t.head, "obj") if c < j]):
            return objs[0]  # "encouraged his supporters to ask why": the supporters ask
        if t.deprel in ("xcomp", "conj") and t.head != j:
            j = t.head
            continue
        if t.deprel == "advcl" and t.head != j and (t.tag == "VBG" or (t.tag == "VB" and any(
                toks[m].lemma.lower() == "to" for m in tree.kids(j, "mark")))):
            j = t.head  # "..., saying that", "went on to explain" -> the subject of the main verb
            continue
        break
    return None


def _adjective_cue(tree: Tree, i: int, lemma: str, entry) -> CueMatch | None:
    """"X is confident that ...", "X is worried about ...": the predicate adjective
    (which heads its clause in UD) with a clausal or prepositional complement."""
    toks = tree.tokens
    subj = [c for c in tree.kids(i, "nsubj") if toks[c].deprel == "nsubj"]
    if not subj:
        return None
    cls, stance, prec = _entry_fields(entry)
    comp = tree.kids(i, "ccomp", "xcomp")
    frame = "ccomp" if comp and toks[comp[0]].dep == "ccomp" else "xcomp"
    if not comp:
        comp = _content_obls(tree, i)
        frame = "obl"
    if not comp:
        return None
    content = trim(tree, tree.subtree(comp[0]))
    if frame == "obl" and content and toks[content[0]].dep == "case":
        content = content[1:]
    cop = [c for c in tree.kids(i, "cop")]
    return CueMatch(head=i, tokens=sorted(cop[:1] + [i]), lemma=lemma, frame=frame, content=content,
                    speaker=subj[0], cue_class=cls, stance=stance, precision=prec, entry=entry)


def _noun_cue(tree: Tree, i: int, lemma: str, entry, in_quote: list[bool]) -> CueMatch | None:
    toks = tree.tokens
    cls, stance, prec = _entry_fields(entry)
    content_heads = [c for c in tree.kids(i, "acl", "ccomp", "advcl") if toks[c].upos in ("VERB", "AUX", "ADJ")
                     and (any(toks[k].lemma.lower() in ("that", "for", "whether") for k in tree.kids(c, "mark"))
                          or (toks[c].dep != "advcl" and tree.kids(c, "nsubj")))]
    frame = "noun"
    if not content_heads:
        # "calls for the UK to step up", "warnings about ..."
        nm = [c for c in tree.kids(i, "nmod", "acl") if any(
            toks[k].text.lower() in ("for", "that") for k in tree.kids(c, "case", "mark"))]
        if nm and lemma in ("call", "demand", "plea", "appeal", "request"):
            content_heads = nm[:1]
    n = toks[i]
    governor = n.head if n.head != i else None
    if not content_heads and governor is not None and toks[governor].lemma.lower() in LIGHT_VERBS:
        # "expressed relief that ..." parsed with the clause on the verb
        cc = [c for c in tree.kids(governor, "ccomp") if c > i]
        if cc:
            content_heads = cc[:1]
    if not content_heads:
        return None
    content = trim(tree, sorted(k for h in content_heads for k in tree.subtree(h)))
    cue_tokens = [i]
    speaker = None
    poss = tree.kids(i, "nmod:poss")
    if poss:
        speaker = poss[0]
    elif governor is not None and n.dep == "obj" and toks[governor].upos == "VERB":
        if toks[governor].lemma.lower() in LIGHT_VERBS:
            cue_tokens = sorted([governor, i])
        speaker = _speaker_of_verb(tree, governor)
    else:
        by = [c for c in tree.kids(i, "nmod") if any(toks[k].text.lower() == "by" for k in tree.kids(c, "case"))]
        if by:
            speaker = by[0]
    return CueMatch(head=i, tokens=cue_tokens, lemma=lemma, frame=frame, content=content,
                    speaker=speaker, cue_class=cls, stance=stance, precision=prec, entry=entry)


def _after_source_comma(tree: Tree, i: int, x: int) -> list[int]:
    """"According to <source>, <clause>." where the parser swallowed the clause into the
    source (as an apposition of "Limbaugh"): the rest of the sentence after the first comma
    past the source's head."""
    toks = tree.tokens
    end = tree.doc.sentences[toks[i].sent][1] if tree.doc.sentences else len(toks)
    comma = next((k for k in range(x + 1, end) if toks[k].text == ","), None)
    if comma is None or any(toks[k].text == "," for k in range(i + 2, x)):
        return []
    return trim(tree, list(range(comma + 1, end)))


#: "according to" introduces a source nearly every time it occurs (no ranker judges it).
ACCORDING_PRECISION = 0.9


def _according_to(tree: Tree, i: int) -> CueMatch | None:
    toks = tree.tokens
    x = toks[i].head
    if toks[x].upos == "VERB" and toks[i].dep == "mark" and x != i:
        # "according to show insiders": the parser took the source's first word for a verb
        nouns = [c for c in tree.kids(x, "obj", "nsubj") if c > x and toks[c].upos in ("NOUN", "PROPN")]
        if not nouns or toks[x].head == x:
            return None
        content = trim(tree, tree.subtree(toks[x].head, exclude={x}))
        return CueMatch(head=i, tokens=[i, i + 1], lemma="according to", frame="according",
                        content=content, speaker=nouns[0], cue_class="speech", stance="assert",
                        precision=ACCORDING_PRECISION) if content else None
    if x == i:
        # "according" as the head: its object hangs below it
        objs = [c for c in tree.children[i] if toks[c].upos in ("NOUN", "PROPN", "PRON")]
        if not objs:
            return None
        x = objs[0]
    if x == i or toks[x].upos not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        return None
    h = toks[x].head
    if h == x:
        return None
    # Climb from a noun head to its clause so the content is the clause.
    while toks[h].upos in ("NOUN", "PROPN", "PRON", "ADJ", "NUM") and toks[h].head != h \
            and toks[h].dep not in ("root", "ccomp", "parataxis"):
        h = toks[h].head
    content = trim(tree, tree.subtree(h, exclude={x}))
    content = [k for k in content if k not in (i, i + 1)]
    if not content:
        content = _after_source_comma(tree, i, x)
    if not content:
        return None
    return CueMatch(head=i, tokens=[i, i + 1], lemma="according to", frame="according",
                    content=trim(tree, content), speaker=x, cue_class="speech", stance="assert",
                    precision=ACCORDING_PRECISION)
