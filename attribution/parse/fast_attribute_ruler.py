"""The same matches as spaCy's ``AttributeRuler``, found by table look-up.

spaCy's English pipelines map tags to UPOS and morphology with an ``AttributeRuler``:
some 180 ``Matcher`` patterns (``{"TAG": "NN"}``, ``{"LOWER": "that", "TAG": "WDT"}``,
``there is``...).  The ``Matcher`` tries every pattern at every token, which makes the
ruler cost about an eighth of the whole pipeline's time, more than the tagger and the
lemmatizer together.  :func:`speed_up` gives the ruler a ``match`` method that returns
exactly the same matches (same list, same order) found by looking each token's
attribute values up in tables built once from the patterns; writing the attributes is
left to spaCy's own ``set_annotations``.

Patterns of fixed length whose tests are on ``ORTH``, ``LOWER``, ``NORM``, ``TAG``,
``POS``, ``DEP``, ``ENT_TYPE`` or ``IS_SPACE``, each an exact value, an ``IN``/``NOT_IN``
list or a ``REGEX``, are indexed.  Any other pattern (operators such as ``"OP": "+"``,
other attributes) still goes through a ``Matcher`` that holds only those patterns.
"""
from __future__ import annotations

import re
from typing import Any

_SUPPORTED = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "ENT_TYPE", "IS_SPACE")
_REGEX_CACHE_LIMIT = 200_000  # remembered (pattern, word) results before starting afresh


def speed_up(nlp, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the indexed ``match``; False (and nothing
    changed) if the pipeline has no such component."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not all(hasattr(ruler, a) for a in ("patterns", "attrs", "match", "vocab")):
        return False
    ruler.match = _Index(ruler).match  # instance attribute: __call__ looks it up on self
    return True


class _Regex:
    """``re.search`` over a token attribute, remembered per distinct value."""

    def __init__(self, pattern: str, strings):
        self.regex = re.compile(pattern)
        self.strings = strings
        self.seen: dict[int, bool] = {}

    def __call__(self, value: int) -> bool:
        hit = self.seen.get(value)
        if hit is None:
            if len(self.seen) > _REGEX_CACHE_LIMIT:
                self.seen.clear()
            hit = self.seen[value] = bool(self.regex.search(self.strings[value]))
        return hit


def _condition(attr: str, value: Any, strings) -> tuple[str, str, Any] | None:
    """One attribute test as (attr, op, operand), strings as hashes; None if unsupported."""
    if attr not in _SUPPORTED:
        return None
    if attr == "IS_SPACE":
        return (attr, "==", int(value)) if isinstance(value, bool) else None
    if attr == "POS":
        from spacy.parts_of_speech import IDS

        def code(v):
            return IDS.get(v) if isinstance(v, str) else None
    else:
        def code(v):
            return strings.add(v) if isinstance(v, str) else None
    if isinstance(value, str):
        c = code(value)
        return None if c is None else (attr, "==", c)
    if isinstance(value, dict) and len(value) == 1:
        (op, operand), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(operand, (list, tuple, set)):
            codes = [code(v) for v in operand]
            return None if None in codes else (attr, op, frozenset(codes))
        if op == "REGEX" and isinstance(operand, str) and attr != "POS":
            return attr, "REGEX", _Regex(operand, strings)
    return None


def _pattern_conditions(pattern, strings) -> list[list[tuple[str, str, Any]]] | None:
    """Per-token condition lists of a fixed-length pattern; None if any part is unsupported."""
    if not isinstance(pattern, list) or not pattern:
        return None
    out = []
    for spec in pattern:
        if not isinstance(spec, dict) or not spec:
            return None
        conds = []
        for attr, value in spec.items():
            cond = _condition(str(attr).upper(), value, strings)
            if cond is None:
                return None
            conds.append(cond)
        out.append(conds)
    return out


class _Index:
    def __init__(self, ruler):
        self.ruler = ruler
        self._build()

    def _build(self) -> None:
        from spacy import attrs as spacy_attrs
        from spacy.matcher import Matcher

        ruler = self.ruler
        strings = ruler.vocab.strings
        self.n_rules = len(ruler.attrs)
        rules = []  # (attr_id, match_id, [[(attr, op, operand)] per token])
        residual = Matcher(ruler.vocab)
        for attr_id, entry in enumerate(ruler.patterns):
            key = strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                conds = _pattern_conditions(pattern, strings)
                if conds is None:
                    residual.add(key, [pattern])
                else:
                    rules.append((attr_id, key, conds))
        self.residual = residual if len(residual) else None
        self.columns = sorted({c[0] for _, _, conds in rules for tok in conds for c in tok})
        self.attr_ids = [getattr(spacy_attrs, a) for a in self.columns]
        col = {a: k for k, a in enumerate(self.columns)}
        # lookup[column][value] -> [(rule, position of the anchoring token)]
        self.lookup: list[dict[int, list[tuple[int, int]]]] = [{} for _ in self.columns]
        self.everywhere: list[int] = []  # rules with nothing exact to anchor on
        self.rules = []
        for r, (attr_id, key, conds) in enumerate(rules):
            conds = [[(col[a], op, operand) for a, op, operand in tok] for tok in conds]
            self.rules.append((attr_id, key, conds))
            anchor = None
            for op_kind in ("==", "IN"):
                anchor = next(((k, c) for k, tok in enumerate(conds) for c in tok
                               if c[1] == op_kind), None)
                if anchor:
                    break
            if anchor is None:
                self.everywhere.append(r)
                continue
            k, (c, op, operand) = anchor
            for v in ([operand] if op == "==" else operand):
                self.lookup[c].setdefault(v, []).append((r, k))

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: sorted (attr_id, match_id, start, end)."""
        if len(self.ruler.attrs) != self.n_rules:  # patterns were added since
            self._build()
        n = len(doc)
        found: set[tuple[int, int, int, int]] = set()
        if n and self.columns:
            table = doc.to_array(self.attr_ids).reshape(n, len(self.attr_ids)).tolist()
            rules, everywhere = self.rules, self.everywhere
            lookups = list(enumerate(self.lookup))
            for i, row in enumerate(table):
                starts = [(r, i) for r in everywhere]
                for c, values in lookups:
                    hits = values.get(row[c])
                    if hits:
                        starts.extend((r, i - k) for r, k in hits)
                for r, start in starts:
                    attr_id, key, conds = rules[r]
                    end = start + len(conds)
                    if start >= 0 and end <= n and _matches(table, start, conds):
                        found.add((attr_id, key, start, end))
        if self.residual is not None:
            strings = self.ruler.vocab.strings
            for m_id, s, e in self.residual(doc, allow_missing=True):
                found.add((int(strings[m_id]), m_id, s, e))
        return sorted(found)


def _matches(table: list[list[int]], start: int, conds) -> bool:
    for k, tok in enumerate(conds):
        row = table[start + k]
        for c, op, operand in tok:
            v = row[c]
            if op == "==":
                if v != operand:
                    return False
            elif op == "IN":
                if v not in operand:
                    return False
            elif op == "NOT_IN":
                if v in operand:
                    return False
            elif not operand(v):  # REGEX
                return False
    return True
