"""Stanza backend: official Stanza models loaded from a model directory, never downloaded.

:class:`StanzaParser` wraps a ``stanza.Pipeline`` built with ``download_method=None``.
:func:`from_stanza` converts any stanza ``Document`` (from a pipeline, or from CoNLL-U
through stanza's own reader) to a :class:`~attribution.model.ParsedDoc`: multi-word
tokens become their syntactic words, each word with character offsets inside its
token, and every token's offsets are checked against the text (an
:class:`~attribution.errors.OffsetError` rather than silently replaced text).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import OffsetError, ParserNotAvailable
from ..model import ParsedDoc, Token
from . import paragraph_index

DEFAULT_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
#: what the engine cannot do without; the rest (``ner``, ``mwt``) is used where the model
#: directory has it: a pack trained without NER (fixtures/stanza-pack) still parses
REQUIRED_PROCESSORS = ("tokenize", "pos", "lemma", "depparse")
#: stanza's own logger level for the pipeline (its default, INFO, prints a table of
#: models on every load); a ``logging_level=`` option overrides it
PIPELINE_LOG_LEVEL = "WARN"
MODEL_DIR_ENV = ("ATTRIBUTION_STANZA_DIR", "STANZA_RESOURCES_DIR")

# Stanza NER labels that differ from spaCy's (CoNLL-03 style models); OntoNotes
# models already use spaCy's names (PERSON, ORG, GPE, NORP, LOC, DATE...).
NER_TO_SPACY = {"PER": "PERSON", "PERS": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC"}

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def resolve_model_dir(model_dir: str | os.PathLike | None = None) -> Path:
    """The Stanza model directory: ``model_dir``, else ``$ATTRIBUTION_STANZA_DIR``, else
    ``$STANZA_RESOURCES_DIR``, else Stanza's own default (``~/stanza_resources``)."""
    if model_dir:
        return Path(model_dir).expanduser()
    for var in MODEL_DIR_ENV:
        if os.environ.get(var):
            return Path(os.environ[var]).expanduser()
    return Path.home() / "stanza_resources"


def _stanza_version() -> str:
    try:
        import stanza

        return stanza.__version__
    except ImportError:
        return "?"


def models_missing_message(model_dir: Path, lang: str, reason: str) -> str:
    """What to tell a user whose Stanza models cannot be loaded."""
    version = _stanza_version()
    return (
        f"No Stanza models could be loaded from {model_dir} ({reason}). "
        f"To parse with Stanza, copy the official Stanza '{lang}' models (the '{lang}/' folder "
        f"and resources.json that stanza.download('{lang}') writes, on any machine with "
        f"network access) into a directory and pass it with --model-dir DIR, or set "
        f"ATTRIBUTION_STANZA_DIR. Stanza {version} wants a resources.json in that directory: "
        "keep the official one, or write '{}' there and pass each model file as an option "
        "(tokenize_model_path=..., pos_pretrain_path=...). A model trained with another "
        "stanza version may not load. "
        "Or fall back to the embedded default parser: --parser spacy."
    )


def available_processors(model_dir: Path, lang: str = "en") -> str:
    """:data:`DEFAULT_PROCESSORS` less those the directory's ``resources.json`` lists no
    model for (``ner`` in a pack trained without it).  All of them where the file is
    missing, unreadable or lists nothing for ``lang`` (models then come as
    ``*_model_path`` options, and stanza says what is missing)."""
    try:
        resources = json.loads((model_dir / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_PROCESSORS
    listed = resources.get(lang) if isinstance(resources, dict) else None
    if not isinstance(listed, dict) or not any(p in listed for p in REQUIRED_PROCESSORS):
        return DEFAULT_PROCESSORS
    return ",".join(p for p in DEFAULT_PROCESSORS.split(",") if p in listed or p in REQUIRED_PROCESSORS)


def load_pipeline(
    model_dir: Path,
    lang: str = "en",
    processors: str | None = None,
    use_gpu: bool = False,
    **kw: Any,
):
    """Build ``stanza.Pipeline`` from ``model_dir`` without any download.  ``processors``
    default: :func:`available_processors`.

    Raises:
        ParserNotAvailable: stanza is not installed, the directory or its models are
            missing, or the models cannot be loaded by this stanza version.
    """
    try:
        import stanza
    except ImportError as exc:
        raise ParserNotAvailable(
            "Stanza is not installed. Run `pip install stanza`, or fall back to the "
            "embedded default parser: --parser spacy."
        ) from exc
    if not model_dir.is_dir():
        raise ParserNotAvailable(
            models_missing_message(model_dir, lang, "the directory does not exist")
        )
    kw.setdefault("logging_level", PIPELINE_LOG_LEVEL)
    try:
        return stanza.Pipeline(
            lang=lang,
            dir=str(model_dir),
            processors=processors or available_processors(model_dir, lang),
            use_gpu=use_gpu,
            download_method=None,
            **kw,
        )
    except Exception as exc:  # stanza raises many kinds: missing files, bad pickles, ...
        reason = f"{type(exc).__name__}: {exc}".strip()
        raise ParserNotAvailable(models_missing_message(model_dir, lang, reason)) from exc


def _paragraph_chunks(text: str) -> list[tuple[int, str]]:
    """Split ``text`` at newlines (the paragraph rule of :func:`paragraph_index`):
    ``(offset, chunk)`` pairs, so that no sentence runs across a paragraph."""
    chunks, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[start:m.start()].strip():
            chunks.append((start, text[start:m.start()]))
        start = m.end()
    if text[start:].strip():
        chunks.append((start, text[start:]))
    return chunks


class StanzaParser:
    """Parse with a Stanza pipeline loaded once from a model directory.

    Args:
        model_dir: the directory holding ``resources.json`` and ``<lang>/`` models;
            default ``$ATTRIBUTION_STANZA_DIR``, ``$STANZA_RESOURCES_DIR`` or
            ``~/stanza_resources``.  Nothing is ever downloaded.
        lang, processors, use_gpu: as for ``stanza.Pipeline``; ``processors`` default:
            those of :data:`DEFAULT_PROCESSORS` the directory has models for (a pack
            without ``ner`` parses; entity types are then empty).
        pipeline: an already-built ``stanza.Pipeline`` (or anything with
            ``bulk_process``) to use instead of loading one.
        **kw: passed to ``stanza.Pipeline`` (e.g. ``depparse_model_path=``).

    Each newline-separated paragraph is parsed as its own stanza document, so a
    sentence never spans two paragraphs; offsets refer to the whole text.

    Raises:
        ParserNotAvailable: no usable models; the message says how to get them and
            how to fall back to ``--parser spacy``.
    """

    name = "stanza"

    def __init__(
        self,
        model_dir: str | os.PathLike | None = None,
        lang: str = "en",
        processors: str | None = None,
        use_gpu: bool = False,
        pipeline=None,
        **kw: Any,
    ):
        self.lang = lang
        if pipeline is not None:
            self.model_dir = None
            self.nlp = pipeline
        else:
            self.model_dir = resolve_model_dir(model_dir)
            self.nlp = load_pipeline(self.model_dir, lang, processors, use_gpu, **kw)
        self.name = f"stanza:{lang}-{_stanza_version()}"

    def parse(self, text: str) -> ParsedDoc:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[ParsedDoc]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._parse_batch(batch)
                batch = []
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, texts: list[str]) -> list[ParsedDoc]:
        chunked = [_paragraph_chunks(t) for t in texts]
        flat = [chunk for chunks in chunked for _, chunk in chunks]
        docs = iter(self.nlp.bulk_process(flat) if flat else [])
        out = []
        for text, chunks in zip(texts, chunked):
            parts = [(next(docs), offset) for offset, _ in chunks]
            out.append(_to_parsed(parts, text, self.name))
        return out


def from_stanza(doc, text: str | None = None, parser: str = "stanza") -> ParsedDoc:
    """Convert a stanza ``Document`` to a :class:`ParsedDoc`.

    Args:
        doc: any stanza ``Document`` with words (a pipeline's output, or one read from
            CoNLL-U).  Multi-word tokens are split into their words; each word takes
            its own offsets inside the token where the words spell the token
            (``Trump's`` -> ``Trump`` + ``'s``), else the whole token's span and text.
        text: the text the offsets refer to; default ``doc.text``.  Where tokens carry
            no offsets, they are laid over ``text`` in order.

    Raises:
        OffsetError: a token's offsets do not point at its text in ``text``.
    """
    if text is None:
        text = doc.text
    if text is None:
        raise OffsetError(
            "The stanza Document has no text. Pass the original text to from_stanza(), or "
            "read CoNLL-U with CoNLL.conll2doc(..., reconstruct_text=True)."
        )
    return _to_parsed([(doc, 0)], text, parser)


def _to_parsed(parts: list[tuple[Any, int]], text: str, parser: str) -> ParsedDoc:
    """Convert stanza documents each parsed from ``text`` at an offset into one ParsedDoc."""
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    for doc, base in parts:
        cursor = base
        for sent in doc.sentences:
            first = len(tokens)
            cursor = _add_sentence(sent, text, base, cursor, tokens, len(sentences))
            if len(tokens) > first:
                sentences.append((first, len(tokens)))
    paras = paragraph_index(text, [t.start_char for t in tokens])
    for t, p in zip(tokens, paras):
        t.para = p
    return ParsedDoc(text=text, tokens=tokens, sentences=sentences, parser=parser)


def _token_span(tok, text: str, base: int, cursor: int, sent_no: int) -> tuple[int, int]:
    if tok.start_char is not None and tok.end_char is not None:
        start, end = base + tok.start_char, base + tok.end_char
    else:  # no offsets (e.g. CoNLL-U read without text): find the token after the cursor
        start = text.find(tok.text, cursor)
        if start < 0 or text[cursor:start].strip():
            raise OffsetError(
                f"Token {tok.text!r} of sentence {sent_no} cannot be found in the text after "
                f"offset {cursor}: the Document and the text do not match. Pass the exact "
                "text the Document was parsed from."
            )
        end = start + len(tok.text)
    if text[start:end] != tok.text:
        raise OffsetError(
            f"Token {tok.text!r} of sentence {sent_no} has offsets {start}-{end}, but the text "
            f"there is {text[start:end]!r}: the offsets drifted from the text. Pass the exact "
            "string the Document was parsed from (Document.text), or rebuild the offsets "
            "(CoNLL.conll2doc(..., reconstruct_text=True))."
        )
    return start, end


def _word_spans(tok, text: str, base: int, start: int, end: int) -> list[tuple[int, int]] | None:
    """Offsets for each word of a token, or None where the words do not spell the token."""
    words = tok.words
    if len(words) == 1:
        return [(start, end)]
    given = [(w.start_char, w.end_char) for w in words]
    if all(s is not None and e is not None for s, e in given):
        spans = [(base + s, base + e) for s, e in given]
        if all(start <= s <= e <= end and text[s:e] == w.text for (s, e), w in zip(spans, words)):
            return spans
    pattern = r"\s*".join(f"({re.escape(w.text)})" for w in words)
    m = re.fullmatch(pattern, text[start:end])
    if m is None:
        return None
    return [(start + m.start(k + 1), start + m.end(k + 1)) for k in range(len(words))]


def _entity(ner: str | None) -> tuple[str, str]:
    """Stanza's BIOES tag -> (spaCy-style label, IOB of the token's first word)."""
    if not ner or ner == "O" or "-" not in ner:
        return "", "O"
    prefix, label = ner.split("-", 1)
    return NER_TO_SPACY.get(label, label), ("B" if prefix in ("B", "S") else "I")


def _add_sentence(sent, text, base, cursor, tokens: list[Token], sent_no: int) -> int:
    word_index: dict[int, int] = {}
    pending = []
    for tok in sent.tokens:
        start, end = _token_span(tok, text, base, cursor, sent_no)
        cursor = end
        spans = _word_spans(tok, text, base, start, end)
        ent_type, iob = _entity(getattr(tok, "ner", None))
        for k, word in enumerate(tok.words):
            if spans is None:
                ws, we, form = start, end, tok.text
            else:
                (ws, we), form = spans[k], word.text
            word_index[word.id] = len(tokens) + len(pending)
            pending.append((word, form, ws, we, ent_type, iob if k == 0 else ("I" if ent_type else "O")))
    for _n, (word, form, ws, we, ent_type, iob) in enumerate(pending):
        i = len(tokens)
        head = word.head
        if not head or head not in word_index:
            head_i, deprel = i, (word.deprel or "root")
        else:
            head_i, deprel = word_index[head], (word.deprel or "dep")
        tokens.append(
            Token(
                i=i,
                text=form,
                lemma=word.lemma if word.lemma is not None else form,
                upos=word.upos or "",
                head=head_i,
                deprel=deprel,
                start_char=ws,
                end_char=we,
                sent=sent_no,
                ent_type=ent_type,
                ent_iob=iob,
                tag=word.xpos or "",
                morph=word.feats or "",
            )
        )
    return cursor
