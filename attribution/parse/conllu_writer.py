"""Write a :class:`ParsedDoc` as CoNLL-U, so any parse can be stored, inspected, corrected
by hand and read back through the CoNLL-U backend (``--parser conllu``)."""
from __future__ import annotations

from ..model import ParsedDoc


def to_conllu(doc: ParsedDoc) -> str:
    """CoNLL-U text for ``doc``: ``# newpar`` where a paragraph starts, ``# text =`` per
    sentence, 1-based heads within each sentence, ``SpaceAfter=No`` where the text has no
    space.  Entity types are not written (CoNLL-U has no column for them)."""
    toks = doc.tokens
    lines: list[str] = []
    prev_para = None
    for s, e in doc.sentences:
        if s >= e:
            continue
        para = toks[s].para
        if para != prev_para:
            lines.append("# newpar")
            prev_para = para
        lines.append(f"# text = {doc.text[toks[s].start_char:toks[e - 1].end_char]}")
        for k in range(s, e):
            t = toks[k]
            head = 0 if t.head == k or not (s <= t.head < e) else t.head - s + 1
            deprel = "root" if head == 0 else t.deprel
            misc = "SpaceAfter=No" if k + 1 < e and toks[k + 1].start_char == t.end_char else "_"
            cols = [str(k - s + 1), t.text, t.lemma or "_", t.upos or "X", t.tag or "_",
                    t.morph or "_", str(head), deprel, "_", misc]
            lines.append("\t".join(c.replace("\t", " ") or "_" for c in cols))
        lines.append("")
    return "\n".join(lines) + "\n"
