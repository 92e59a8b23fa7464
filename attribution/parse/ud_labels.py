"""ClearNLP (spaCy English) dependency labels mapped to Universal Dependencies.

Tables decide the names, so the engine's rules speak UD whatever parser produced the
tree.  Where UD also puts the head elsewhere, :func:`to_ud` restructures the tree in a
few passes, each driven by the tables below:

* copulas: ``be`` with an ``attr``/``acomp`` predicate becomes ``cop`` of that
  predicate, which takes over the clause and all its dependents (UD's content heads);
  with an expletive (``there is a problem``) the ``attr`` is the subject instead;
* prepositions: ``prep``/``agent``/``dative`` become ``case`` (``mark`` before a
  clause) of their object, which attaches to the governor as ``obl``/``nmod``
  (``obl:agent``, ``advcl``/``acl``);
* coordination: every conjunct attaches to the first one (ClearNLP chains them) and
  ``cc`` attaches to the conjunct that follows it.

Known differences left alone: multiword names stay ``compound`` (UD: ``flat``, headed
by the first word) and punctuation keeps spaCy's attachment.
"""
from __future__ import annotations

CLEAR_TO_UD: dict[str, str] = {
    "ROOT": "root",
    "acl": "acl",
    "acomp": "xcomp",  # under a copula: restructured, see to_ud
    "advcl": "advcl",
    "advmod": "advmod",
    "agent": "case",  # re-headed: its object becomes obl:agent
    "amod": "amod",
    "appos": "appos",
    "attr": "xcomp",  # under a copula: restructured, see to_ud
    "aux": "aux",
    "auxpass": "aux:pass",
    "case": "case",
    "cc": "cc",
    "ccomp": "ccomp",
    "compound": "compound",
    "conj": "conj",
    "cop": "cop",  # set by the copula pass
    "csubj": "csubj",
    "csubjpass": "csubj:pass",
    "dative": "iobj",  # with a pobj: re-headed like prep
    "dep": "dep",
    "det": "det",
    "dobj": "obj",
    "expl": "expl",
    "intj": "discourse",
    "mark": "mark",
    "meta": "dep",
    "neg": "advmod",
    "nmod": "nmod",
    "npadvmod": "obl:unmarked",  # nmod:unmarked under a nominal
    "nsubj": "nsubj",
    "nsubjpass": "nsubj:pass",
    "nummod": "nummod",
    "oprd": "xcomp",
    "parataxis": "parataxis",
    "pcomp": "advcl",  # re-headed like pobj; acl under a nominal
    "pobj": "obl",  # re-headed: obl under a verb, nmod under a noun
    "poss": "nmod:poss",
    "preconj": "cc:preconj",
    "predet": "det:predet",
    "prep": "case",  # re-headed: becomes the case marker of its object
    "prt": "compound:prt",
    "punct": "punct",
    "quantmod": "advmod",
    "relcl": "acl:relcl",
    "xcomp": "xcomp",
}

# (ClearNLP label, UPOS of the dependent) -> UD label, before CLEAR_TO_UD.
BY_UPOS: dict[tuple[str, str], str] = {
    ("aux", "PART"): "mark",  # infinitival "to"
    ("compound", "ADJ"): "amod",
}

# UD label -> its form when the governor is a nominal (NOUN, PROPN, PRON, NUM).
UNDER_NOMINAL: dict[str, str] = {
    "obl": "nmod",
    "obl:unmarked": "nmod:unmarked",
    "advcl": "acl",
}

COPULA_UPOS = {"AUX"}  # spaCy tags copular "be" AUX ("seem", "become" are VERB)
PREDICATES = {"attr", "acomp"}  # the predicate of a copula
PREPOSITIONS = {"prep", "agent", "dative"}  # labels whose pobj/pcomp takes the head
COORDINATORS = {"cc"}  # attach to the following conjunct

_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


def to_ud(labels: list[str], heads: list[int], upos: list[str]) -> tuple[list[str], list[int]]:
    """Map ClearNLP labels and heads of one document to UD labels and heads.

    ``heads`` are absolute token indices; a root points at itself.  Returns new lists.
    """
    labels, heads = list(labels), list(heads)
    fixed: dict[int, str] = {}  # UD labels decided by a structural pass
    clause_level = _copulas(labels, heads, upos, fixed)
    heads = _prepositions(labels, heads, upos, fixed, clause_level)
    deps = [
        fixed.get(i) or BY_UPOS.get((lab, upos[i])) or CLEAR_TO_UD.get(lab, "dep")
        for i, lab in enumerate(labels)
    ]
    for i, dep in enumerate(deps):
        if i not in fixed and i not in clause_level and dep in UNDER_NOMINAL and heads[i] != i \
                and upos[heads[i]] in _NOMINAL:
            deps[i] = UNDER_NOMINAL[dep]
    _coordination(deps, heads)
    return deps, heads


def _children_index(heads: list[int]) -> dict[int, list[int]]:
    """Children of every token, built once (a scan per token would be quadratic)."""
    kids: dict[int, list[int]] = {}
    for c, h in enumerate(heads):
        if h != c:
            kids.setdefault(h, []).append(c)
    return kids


def _move(kids: dict[int, list[int]], heads: list[int], c: int, new_head: int) -> None:
    """Re-attach ``c`` to ``new_head``, keeping ``heads`` and ``kids`` in step."""
    old = heads[c]
    if old != c and c in kids.get(old, ()):
        kids[old].remove(c)
    heads[c] = new_head
    if new_head != c:
        kids.setdefault(new_head, []).append(c)
        kids[new_head].sort()


def _copulas(labels: list[str], heads: list[int], upos: list[str], fixed: dict[int, str]) -> set[int]:
    """Make the predicate of ``be`` the head of its clause, ``be`` its ``cop``.

    Returns the dependents moved from ``be`` to a nominal predicate: they modify the
    clause, so they stay ``obl`` rather than ``nmod`` ("a failure, according to X").
    """
    moved: set[int] = set()
    index = _children_index(heads)
    for i in range(len(labels)):
        h = heads[i]
        if labels[i] not in PREDICATES or h == i or labels[h] == "cop":
            continue
        kids = list(index.get(h, ()))
        if any(labels[c] == "expl" for c in kids):
            if labels[i] == "attr":  # "there is a problem": the problem is the subject
                fixed[i] = "nsubj"
            continue
        if upos[h] not in COPULA_UPOS:
            continue
        _move(index, heads, i, i if heads[h] == h else heads[h])
        labels[i] = labels[h]
        for c in kids:
            if c != i:
                _move(index, heads, c, i)
                moved.add(c)
        _move(index, heads, h, i)
        labels[h] = "cop"
    return moved


def _prepositions(labels: list[str], heads: list[int], upos: list[str],
                  fixed: dict[int, str], clause_level: set[int]) -> list[int]:
    """Re-head pobj/pcomp to the preposition's governor; the preposition becomes case."""
    new_heads = list(heads)
    for i in range(len(labels)):
        if labels[i] not in ("pobj", "pcomp"):
            continue
        prep = heads[i]
        if prep == i or labels[prep] not in PREPOSITIONS:
            continue
        # Walk up a chain of prepositions ("according" <- "to"), the outermost is the case.
        top = prep
        while labels[top] == "prep" and heads[top] != top and labels[heads[top]] == "prep" \
                and upos[heads[top]] in ("ADP", "VERB", "SCONJ") and heads[top] < top:
            top = heads[top]
        governor = heads[top]
        if governor == top:  # a preposition as root: leave it
            continue
        new_heads[i] = governor
        nominal = upos[governor] in _NOMINAL and top not in clause_level
        if labels[prep] == "agent":
            fixed[i] = "obl:agent"
        elif labels[i] == "pcomp":
            fixed[i] = "acl" if nominal else "advcl"
        else:
            fixed[i] = "nmod" if nominal else "obl"
        # The preposition(s) become case/fixed dependents of the object.
        new_heads[top] = i
        fixed[top] = "mark" if labels[i] == "pcomp" else "case"
        j = prep
        while j != top:
            new_heads[j] = top
            fixed[j] = "fixed"
            j = heads[j]
    return new_heads


def _coordination(deps: list[str], heads: list[int]) -> None:
    """Conjuncts attach to the first conjunct; cc to the conjunct after it (in place)."""
    def first_conjunct(k: int) -> int:
        seen = set()
        while deps[k] == "conj" and heads[k] != k and k not in seen:
            seen.add(k)
            k = heads[k]
        return k

    for i, dep in enumerate(deps):
        if dep == "conj" and heads[i] != i:
            heads[i] = first_conjunct(heads[i])
    index = _children_index(heads)
    for i, dep in enumerate(deps):
        if dep not in COORDINATORS or heads[i] == i:
            continue
        first = first_conjunct(heads[i])
        following = [c for c in index.get(first, ()) if deps[c] == "conj" and c > i]
        if following:
            heads[i] = min(following)
