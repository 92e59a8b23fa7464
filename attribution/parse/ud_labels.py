"""ClearNLP (spaCy English) dependency labels mapped to Universal Dependencies.

One table, so the engine's rules speak UD whatever parser produced the tree.  Labels
that need a change of structure as well as a new name (``prep``/``pobj``/``pcomp``/
``agent``) are re-headed in :func:`to_ud` so that the noun, not the preposition,
heads the phrase, as in UD.
"""
from __future__ import annotations

CLEAR_TO_UD: dict[str, str] = {
    "ROOT": "root",
    "acl": "acl",
    "acomp": "xcomp",
    "advcl": "advcl",
    "advmod": "advmod",
    "agent": "case",  # re-headed: its object becomes obl:agent
    "amod": "amod",
    "appos": "appos",
    "attr": "xcomp",
    "aux": "aux",
    "auxpass": "aux:pass",
    "case": "case",
    "cc": "cc",
    "ccomp": "ccomp",
    "compound": "compound",
    "conj": "conj",
    "csubj": "csubj",
    "csubjpass": "csubj:pass",
    "dative": "iobj",
    "dep": "dep",
    "det": "det",
    "dobj": "obj",
    "expl": "expl",
    "intj": "discourse",
    "mark": "mark",
    "meta": "dep",
    "neg": "advmod",
    "nmod": "nmod",
    "npadvmod": "obl:npmod",
    "nsubj": "nsubj",
    "nsubjpass": "nsubj:pass",
    "nummod": "nummod",
    "oprd": "xcomp",
    "parataxis": "parataxis",
    "pcomp": "advcl",  # re-headed like pobj
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

_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


def to_ud(labels: list[str], heads: list[int], upos: list[str]) -> tuple[list[str], list[int]]:
    """Map ClearNLP labels and heads of one document to UD labels and heads.

    ``heads`` are absolute token indices; a root points at itself.  Returns new lists.
    """
    n = len(labels)
    deps = [CLEAR_TO_UD.get(lab, "dep") for lab in labels]
    new_heads = list(heads)
    for i in range(n):
        if labels[i] not in ("pobj", "pcomp"):
            continue
        prep = heads[i]
        if prep == i or labels[prep] not in ("prep", "agent"):
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
        if labels[prep] == "agent":
            deps[i] = "obl:agent"
        elif labels[i] == "pcomp":
            deps[i] = "advcl"
        else:
            deps[i] = "nmod" if upos[governor] in _NOMINAL else "obl"
        # The preposition(s) become case/fixed dependents of the object.
        new_heads[top] = i
        deps[top] = "mark" if labels[i] == "pcomp" else "case"
        j = prep
        while j != top:
            new_heads[j] = top
            deps[j] = "fixed"
            j = heads[j]
    return deps, new_heads

