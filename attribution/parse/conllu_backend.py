"""Pre-parsed Universal Dependencies input (CoNLL-U), read through stanza's CoNLL reader.

CoNLL-U records tokens, not the text they came from, so the text is rebuilt: each
sentence from its ``# text =`` comment where the tokens can be laid over it, else from
its tokens with ``SpaceAfter=No`` respected; sentences are joined by a space, and a
new paragraph (``# newpar``) or document (``# newdoc``) starts after a blank line
(``"\\n\\n"``).  Offsets are computed over that text, then the stanza ``Document`` goes
through :func:`~attribution.parse.stanza_backend.from_stanza` like any other.

Gold entities and coreference in the MISC column (``Entity=``, the CorefUD bracket
notation GUM uses, e.g. ``Entity=(1-person-new-...-coref-North_Korea`` ... ``Entity=1)``)
become :class:`GoldMention` records, and proper names inside them get a spaCy-style
``ent_type`` (person -> PERSON, organization -> ORG, place -> GPE, time -> DATE...).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import ParsedDoc
from .stanza_backend import from_stanza

# GUM / CorefUD entity types -> spaCy entity labels ("" where spaCy has none).
ENTITY_TYPES: dict[str, str] = {
    "person": "PERSON",
    "organization": "ORG",
    "place": "GPE",
    "time": "DATE",
    "event": "EVENT",
    "object": "PRODUCT",
    "quantity": "QUANTITY",
    "abstract": "",
    "substance": "",
    "animal": "",
    "plant": "",
}
_NUMERIC_TYPES = {"time", "quantity"}  # numbers inside these mentions are part of the name

_NEWDOC = re.compile(r"^#\s*newdoc\b(?:\s+id\s*=\s*(.*?))?\s*$")
_NEWPAR = re.compile(r"^#\s*newpar\b(?!_)")
_TEXT = re.compile(r"^#\s*text\s*=\s?(.*)$")
_GLOBAL_ENTITY = re.compile(r"^#\s*global\.Entity\s*=\s*(\S+)")


@dataclass(frozen=True)
class GoldMention:
    """One gold mention of an entity: tokens ``[start, end)`` and characters of the
    rebuilt text; every mention of one entity shares ``entity``."""

    entity: str  # the entity id (GUM: "1", "2", ...)
    etype: str  # the corpus's entity type (person, organization, place...)
    ent_type: str  # spaCy-style label, "" where none applies
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    identity: str = ""  # Wikipedia-style identity where annotated ("North_Korea")


@dataclass
class ConlluDocument:
    """One document of a CoNLL-U file: its id, its parse, its gold mentions."""

    id: str | None
    parsed: ParsedDoc
    mentions: list[GoldMention]


class ConlluParser:
    """Read pre-parsed UD documents: ``parse`` takes CoNLL-U text (one document; use
    :func:`read_conllu` for files holding several ``# newdoc``)."""

    name = "conllu"

    def parse(self, conllu: str) -> ParsedDoc:
        return _read_one(conllu).parsed

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[ParsedDoc]:
        for conllu in texts:
            yield self.parse(conllu)


def conllu_to_stanza(conllu: str):
    """A stanza ``Document`` read by stanza's CoNLL reader, with ``text`` rebuilt as this
    module describes and ``start_char``/``end_char`` set on every token.

    Raises:
        InputError: the input holds no sentence or is not valid CoNLL-U.
    """
    from stanza.models.common.doc import Document
    from stanza.utils.conll import CoNLL

    if not conllu or not any(line.strip() and not line.lstrip().startswith("#")
                             for line in conllu.splitlines()):
        raise InputError("The CoNLL-U input holds no token lines; give at least one sentence.")
    try:
        doc_dict, comments, empty = CoNLL.conll2dict(input_str=conllu)
    except ValueError as exc:  # stanza's CoNLLError
        raise InputError(f"Not valid CoNLL-U: {exc}. Each token line needs 10 tab-separated "
                         "columns, sentences end with a blank line.") from exc
    text = _lay_out_text(doc_dict, comments)
    doc = Document(doc_dict, text=None, comments=comments, empty_sentences=empty)
    doc.text = text
    return doc


def _lay_out_text(doc_dict: list[list[dict]], comments: list[list[str]]) -> str:
    """Rebuild the text and write START_CHAR/END_CHAR into each token entry (in place)."""
    from stanza.models.common.doc import END_CHAR, ID, MISC, START_CHAR, TEXT
    from stanza.models.common.utils import misc_to_space_after

    pieces: list[str] = []
    pos = 0
    for sent, sent_comments in zip(doc_dict, comments):
        units = _surface_tokens(sent, ID)
        if not units:
            continue
        if pieces:
            new_par = any(_NEWPAR.match(c) or _NEWDOC.match(c) for c in sent_comments)
            sep = "\n\n" if new_par else " "
            pieces.append(sep)
            pos += len(sep)
        forms = [u[TEXT] for u in units]
        stated = next((m.group(1) for c in sent_comments if (m := _TEXT.match(c))), None)
        spans = _align(forms, stated) if stated is not None else None
        if spans is None:
            spans, parts, local = [], [], 0
            for k, (unit, form) in enumerate(zip(units, forms)):
                spans.append((local, local + len(form)))
                parts.append(form)
                local += len(form)
                if k < len(units) - 1:
                    after = misc_to_space_after(_unit_misc(unit, sent, ID, MISC))
                    parts.append(after)
                    local += len(after)
            stated = "".join(parts)
        for unit, (s, e) in zip(units, spans):
            unit[START_CHAR], unit[END_CHAR] = pos + s, pos + e
        pieces.append(stated)
        pos += len(stated)
    return "".join(pieces)


def _surface_tokens(sent: list[dict], ID) -> list[dict]:
    """The entries that carry surface text: multi-word ranges and the words outside them."""
    units, covered_to = [], 0
    for entry in sent:
        ident = entry[ID]
        if len(ident) == 2:
            units.append(entry)
            covered_to = ident[1]
        elif ident[0] > covered_to:
            units.append(entry)
    return units


def _unit_misc(unit: dict, sent: list[dict], ID, MISC) -> str | None:
    """MISC holding the token's SpaceAfter: the range line, or the last word of an MWT."""
    if unit.get(MISC) or len(unit[ID]) == 1:
        return unit.get(MISC)
    last = next((e for e in sent if e[ID] == (unit[ID][1],)), None)
    return last.get(MISC) if last else None


def _align(forms: list[str], sentence: str) -> list[tuple[int, int]] | None:
    """Lay tokens over a sentence's ``# text`` with only whitespace between them."""
    pos, spans = 0, []
    for form in forms:
        k = sentence.find(form, pos)
        if k < 0 or sentence[pos:k].strip():
            return None
        spans.append((k, k + len(form)))
        pos = k + len(form)
    return None if sentence[pos:].strip() else spans


def _read_one(conllu: str, doc_id: str | None = None) -> ConlluDocument:
    doc = conllu_to_stanza(conllu)
    parsed = from_stanza(doc, doc.text, parser="conllu")
    fields = _entity_fields(conllu)
    miscs = [w.misc for s in doc.sentences for t in s.tokens for w in t.words]
    mentions = _mentions(parsed, miscs, fields)
    _tag_names(parsed, mentions)
    return ConlluDocument(id=doc_id, parsed=parsed, mentions=mentions)


def split_documents(conllu: str) -> list[tuple[str | None, str]]:
    """Split CoNLL-U text at ``# newdoc`` lines: ``(doc id or None, conllu)`` pairs."""
    docs: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in conllu.splitlines(keepends=True):
        m = _NEWDOC.match(line.strip())
        if m:
            docs.append((m.group(1) or None, []))
        docs[-1][1].append(line)
    out = [(i, "".join(lines)) for i, lines in docs]
    return [(i, s) for i, s in out
            if any(ln.strip() and not ln.lstrip().startswith("#") for ln in s.splitlines())]


def read_conllu(source: str | Path) -> list[ConlluDocument]:
    """Read every document of a CoNLL-U file (a path) or string, with gold mentions.

    A ``str`` containing a newline is taken as CoNLL-U text, anything else as a path.
    The ``# global.Entity`` header of the first document applies to the later ones.
    """
    conllu = _load(source)
    header = next((ln for ln in conllu.splitlines() if _GLOBAL_ENTITY.match(ln.strip())), "")
    docs = []
    for doc_id, part in split_documents(conllu):
        if header and header not in part:
            part = header + "\n" + part
        docs.append(_read_one(part, doc_id))
    return docs


def read_conllu_file(path: str | Path) -> list[ParsedDoc]:
    """Every document of a CoNLL-U file, parsed (split on ``# newdoc id =``)."""
    return [d.parsed for d in read_conllu(Path(path))]


def gold_entities(source: str | Path) -> list[list[GoldMention]]:
    """The gold mentions (``Entity=`` in MISC) of each document of a CoNLL-U file or string,
    in document order; offsets refer to the text of :func:`read_conllu_file`'s docs."""
    return [d.mentions for d in read_conllu(source)]


def _load(source: str | Path) -> str:
    if isinstance(source, str) and "\n" in source:
        return source
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Cannot read CoNLL-U file {path}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text; CoNLL-U files must be UTF-8.") from exc


def _entity_fields(conllu: str) -> list[str]:
    """Attribute names of the ``Entity=`` brackets, from ``# global.Entity`` (CorefUD)."""
    for line in conllu.splitlines():
        m = _GLOBAL_ENTITY.match(line.strip())
        if m:
            return m.group(1).split("-")
    return ["eid", "etype"]


def _entity_value(misc: str | None) -> str:
    for piece in (misc or "").split("|"):
        if piece.startswith("Entity="):
            return piece[len("Entity="):]
    return ""


def _bracket_events(value: str) -> list[tuple[str, str]]:
    """``(1-person-...(2-org...)`` / ``1)`` -> [("open", attrs), ("close", id)...]."""
    events, i, n = [], 0, len(value)
    while i < n:
        opening = value[i] == "("
        j = i + 1 if opening else i
        while j < n and value[j] not in "()":
            j += 1
        body = value[i + 1 if opening else i:j]
        if opening:
            events.append(("open", body))
            if j < n and value[j] == ")":
                events.append(("close", body.split("-", 1)[0]))
                j += 1
        else:
            events.append(("close", body))
            j += 1  # the ")"
        i = j
    return events


def _mentions(parsed: ParsedDoc, miscs: list[str | None], fields: list[str]) -> list[GoldMention]:
    """Pair the entity brackets of each word into mentions (token ranges)."""
    etype_at = fields.index("etype") if "etype" in fields else 1
    ident_at = fields.index("identity") if "identity" in fields else None
    open_: dict[str, list[tuple[int, list[str]]]] = {}
    found = []
    for i, misc in enumerate(miscs):
        for kind, body in _bracket_events(_entity_value(misc)):
            if kind == "open":
                attrs = body.split("-", len(fields) - 1)
                eid = re.sub(r"\[.*?\]", "", attrs[0])
                open_.setdefault(eid, []).append((i, attrs))
            else:
                eid = re.sub(r"\[.*?\]", "", body)
                if open_.get(eid):
                    start, attrs = open_[eid].pop()
                    found.append((start, i + 1, eid, attrs))
    mentions = []
    text = parsed.text
    for start, end, eid, attrs in sorted(found, key=lambda m: (m[0], -m[1])):
        etype = attrs[etype_at] if etype_at < len(attrs) else ""
        identity = attrs[ident_at] if ident_at is not None and ident_at < len(attrs) else ""
        s, e = parsed.tokens[start].start_char, parsed.tokens[end - 1].end_char
        mentions.append(GoldMention(eid, etype, ENTITY_TYPES.get(etype, ""), start, end,
                                    s, e, text[s:e], identity))
    return mentions


_NAME_FILLERS = {"DET", "PUNCT", "PART"}  # "the DPRK", "October 9, 2010", "North Korea's"


def _name_span(parsed: ParsedDoc, m: GoldMention) -> tuple[int, int] | None:
    """The tokens ``[first, last]`` of a mention made of proper names (numbers too in a
    date or quantity) and fillers only; None for other mentions ("the defector")."""
    names = []
    for t in parsed.tokens[m.start:m.end]:
        if t.upos == "PROPN" or (t.upos == "NUM" and m.etype in _NUMERIC_TYPES):
            names.append(t.i)
        elif t.upos not in _NAME_FILLERS:
            return None
    return (names[0], names[-1]) if names else None


def _tag_names(parsed: ParsedDoc, mentions: list[GoldMention]) -> None:
    """Give named mentions a spaCy-style entity: the outermost mention made of names
    ("Yonhap North Korea News Agency") wins over the names nested in it."""
    for t in parsed.tokens:
        t.ent_type, t.ent_iob = "", "O"
    for m in sorted(mentions, key=lambda m: m.start - m.end):  # longest first
        span = _name_span(parsed, m) if m.ent_type else None
        if span is None:
            continue
        first, last = span
        run = parsed.tokens[first:last + 1]
        if any(t.ent_type for t in run):
            continue
        for t in run:
            t.ent_type, t.ent_iob = m.ent_type, ("B" if t.i == first else "I")
