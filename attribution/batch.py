"""Batch extraction: many documents, one parser per process, results in input order.

One bad document never loses the rest: its :class:`DocResult` carries ``error``.

Single process, documents go to the parser in batches of ``batch_size`` (spaCy's
``nlp.pipe``).  If the parser fails anywhere in a batch, that batch is parsed again one
document at a time, so only the document that fails gets an error.

With ``jobs > 1`` a pool of worker processes shares the work.  Each worker gets the
parser once, when it starts, and then takes small tasks of a few documents (at most
``batch_size``); at most ``3 * jobs`` tasks are in flight, so memory stays bounded however
long the input is, and results come back in input order as soon as each task is done.  A worker that dies
on a document (killed for memory, say) costs that document only: the pool restarts and
the document's result carries an error.

How workers get the parser:

* a backend name (or None for the default spaCy pipeline): each worker loads it with
  :func:`attribution.parse.get_parser`; with the ``fork`` start method, a parser the
  calling process has already loaded is inherited instead of loaded again.
* a parser object: with ``fork`` (the default where the platform has it) workers inherit
  the object itself.  With ``spawn``/``forkserver`` it is rebuilt from its ``spec``
  attribute, ``(backend name, options)``, or from the options it was loaded with through
  ``get_parser``; failing both, the object is pickled to each worker, and if it cannot be
  pickled :class:`~attribution.errors.ParserNotAvailable` says to pass the parser by name.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .errors import AttributionError, ParserNotAvailable
from .model import DocResult, Document
from .parse import Parser

__all__ = ["extract_batch", "extract_chunk"]

# Worker tasks hold at most this many documents (fewer if batch_size is smaller): small
# enough that the workers finish together at the end of a run, large enough that sending
# a task costs nothing next to parsing it (spaCy's CPU throughput hardly depends on
# batch size).
_MAX_TASK_DOCS = 4
# How many tasks each worker may have queued ahead of the one being read.
_IN_FLIGHT_PER_JOB = 3


def extract_batch(
    docs: Iterable[Document],
    *,
    parser: Parser | str | None = None,
    jobs: int = 1,
    batch_size: int = 16,
    start_method: str | None = None,
) -> Iterator[DocResult]:
    """Extract attributions from every document; yields one :class:`DocResult` per input,
    in input order, as soon as the batch holding it is done.

    Args:
        docs: the documents; any iterable, read lazily.  A document whose ``error`` is set
            (it could not be read) comes back as a result with that error.
        parser: a loaded :class:`~attribution.parse.Parser`, a backend name, or None for
            the embedded spaCy English pipeline.
        jobs: worker processes; 1 (default) works in this process.
        batch_size: documents handed to the parser at once; with ``jobs > 1``, worker
            tasks hold at most 4 of them, so that the workers finish together.
        start_method: ``fork``, ``spawn`` or ``forkserver`` for ``jobs > 1``; default
            ``fork`` where the platform has it, else the platform default.

    Raises:
        ParserNotAvailable: the parser cannot be loaded (here or in a worker).
        ValueError: ``jobs`` or ``batch_size`` is below 1.

    Documents that are empty or whitespace only give an :class:`Extraction` with no
    quotes (and the warning ``empty text``); a document the parser or engine fails on gives
    a result with ``error`` set, and the batch goes on.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, not {batch_size}")
    if jobs == 1:
        return _extract_here(docs, _resolve(parser), batch_size)
    return _extract_pool(docs, parser, jobs, batch_size, start_method)


def extract_chunk(docs: list[Document], parser: Parser, *, batch_size: int = 16) -> list[DocResult]:
    """Extract from one batch of documents with a loaded parser; one result per document.

    The parser's ``pipe`` parses the batch; if it raises, each document is parsed on its
    own so that only the failing one carries the error.
    """
    from .pipeline import extract, extract_parsed

    results: list[DocResult | None] = [None] * len(docs)
    to_parse: list[int] = []
    for k, doc in enumerate(docs):
        if doc.error is not None:
            results[k] = DocResult(id=doc.id, error=doc.error, meta=doc.meta)
        elif not isinstance(doc.text, str) or not doc.text.strip():
            # extract() owns the outcome for empty and non-text input; it does not parse.
            results[k] = _guarded(doc, lambda d=doc: extract(d.text, parser=parser, id=d.id))
        else:
            to_parse.append(k)
    if not to_parse:
        return results  # type: ignore[return-value]

    parsed: list | None
    try:
        parsed = list(parser.pipe([docs[k].text for k in to_parse], batch_size=batch_size))
        if len(parsed) != len(to_parse):
            parsed = None
    except ParserNotAvailable:
        raise
    except Exception:  # one document broke the batch: find out which, one at a time
        parsed = None

    for n, k in enumerate(to_parse):
        doc = docs[k]
        if parsed is None:
            results[k] = _guarded(doc, lambda d=doc: extract_parsed(parser.parse(d.text), id=d.id))
        else:
            results[k] = _guarded(doc, lambda d=doc, p=parsed[n]: extract_parsed(p, id=d.id))
    return results  # type: ignore[return-value]


def _guarded(doc: Document, work) -> DocResult:
    """Run ``work`` for one document; any failure becomes that document's error."""
    try:
        return DocResult(id=doc.id, extraction=work(), meta=doc.meta)
    except ParserNotAvailable:
        raise
    except AttributionError as exc:
        return DocResult(id=doc.id, error=exc.message, meta=doc.meta)
    except Exception as exc:  # noqa: BLE001 - a batch must survive any one document
        return DocResult(id=doc.id, error=_describe(exc), meta=doc.meta)


def _describe(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()
    first = detail[0] if detail else ""
    if len(first) > 300:
        first = first[:297] + "..."
    return (
        f"could not process this document ({type(exc).__name__}: {first}); the rest of the "
        "batch is unaffected. If the text looks ordinary, please report it with the document."
    )


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def _resolve(parser: Parser | str | None) -> Parser:
    from .pipeline import _resolve_parser

    return _resolve_parser(parser)


def _extract_here(docs: Iterable[Document], parser: Parser, batch_size: int) -> Iterator[DocResult]:
    for chunk in _chunks(docs, batch_size):
        yield from extract_chunk(chunk, parser, batch_size=batch_size)


# ---------------------------------------------------------------------------------------
# Worker processes

_worker_parser: Parser | None = None
_worker_error: str | None = None
_worker_batch_size = 16


def _parser_spec(parser: Parser) -> tuple[str, dict[str, Any]] | None:
    """(backend name, options) that rebuild ``parser`` with get_parser in another process."""
    spec = getattr(parser, "spec", None)
    if spec is not None:
        name, options = spec
        return str(name), dict(options)
    from . import parse

    for (name, options), cached in parse._CACHE.items():
        if cached is parser:
            return name, dict(options)
    return None


def _worker_payload(parser: Parser | str | None, method: str) -> Any:
    """What the pool initializer receives: a parser object (inherited or pickled) or a
    ``(name, options)`` spec to load."""
    if parser is None or isinstance(parser, str):
        from . import parse

        name = parser or "spacy"
        if name not in parse.available_parsers():
            parse.get_parser(name)  # raises ParserNotAvailable naming the choices
        loaded = parse._CACHE.get((name, ()))
        return loaded if (method == "fork" and loaded is not None) else (name, {})
    if method == "fork":
        return parser
    spec = _parser_spec(parser)
    if spec is not None:
        return spec
    import pickle

    try:
        pickle.dumps(parser)
    except Exception as exc:
        raise ParserNotAvailable(
            f"The parser {getattr(parser, 'name', parser)!r} cannot be sent to worker "
            f"processes started with {method!r} ({type(exc).__name__}: {exc}). Pass the parser "
            "by name (parser='spacy'), give it a `spec = (name, options)` attribute, or use "
            "jobs=1."
        ) from exc
    return parser


def _init_worker(payload: Any, batch_size: int) -> None:
    global _worker_parser, _worker_error, _worker_batch_size
    _worker_batch_size = batch_size
    try:
        if isinstance(payload, tuple):
            from .parse import get_parser

            name, options = payload
            _worker_parser = get_parser(name, **options)
        else:
            _worker_parser = payload
    except AttributionError as exc:
        _worker_error = exc.message
    except Exception as exc:  # noqa: BLE001 - reported by the parent, not lost in a worker
        _worker_error = f"{type(exc).__name__}: {exc}"
    # Everything alive now (the model, the modules) lives as long as the worker: keep it
    # out of the garbage collector's full passes, which otherwise walk all of it again
    # and again while documents are processed (and touch every inherited page).
    import gc

    gc.freeze()


def _work(chunk: list[Document]) -> tuple[str | None, list[DocResult]]:
    if _worker_error is not None or _worker_parser is None:
        return _worker_error or "the worker has no parser", []
    try:
        return None, extract_chunk(chunk, _worker_parser, batch_size=_worker_batch_size)
    except ParserNotAvailable as exc:
        return exc.message, []


def _start_method(requested: str | None) -> str:
    methods = multiprocessing.get_all_start_methods()
    if requested is not None:
        if requested not in methods:
            raise ValueError(f"start method {requested!r} is not available here; use one of {methods}")
        return requested
    return "fork" if "fork" in methods else multiprocessing.get_start_method()


def _extract_pool(
    docs: Iterable[Document],
    parser: Parser | str | None,
    jobs: int,
    batch_size: int,
    start_method: str | None,
) -> Iterator[DocResult]:
    method = _start_method(start_method)
    payload = _worker_payload(parser, method)  # raises before any worker starts
    return _Pool(payload, jobs, batch_size, method).run(docs)


class _Pool:
    """Worker processes fed with batches, read back in input order.

    A worker that dies (killed for memory, a crash in native code) breaks the whole
    executor; the pool is then restarted, the task being read is redone one document
    at a time (the document that kills a worker again gets an error) and every task
    still queued is sent again.
    """

    def __init__(self, payload: Any, jobs: int, batch_size: int, method: str):
        self.payload = payload
        self.jobs = jobs
        self.batch_size = batch_size
        self.context = multiprocessing.get_context(method)
        self.executor = self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            self.jobs, mp_context=self.context, initializer=_init_worker,
            initargs=(self.payload, self.batch_size),
        )

    def _restart(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        try:  # a pool whose workers die with no document at all cannot be blamed on one
            _checked(self.executor.submit(_work, []).result())
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise ParserNotAvailable(
                f"Worker processes ({self.context.get_start_method()!r} start method) die as "
                "soon as they start. Run with jobs=1 to see the error; with the 'spawn' "
                "start method, the main script must be guarded by `if __name__ == '__main__':`."
            ) from None

    def _submit(self, chunk: list[Document]):
        """A future for the chunk's results; one that fails at once if the pool is broken
        (a worker died since the last look), to be dealt with when its turn comes."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_work, chunk)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        pending: deque = deque()  # (chunk, future), in input order
        finished = False
        try:
            for chunk in _chunks(docs, min(self.batch_size, _MAX_TASK_DOCS)):
                pending.append((chunk, self._submit(chunk)))
                if len(pending) >= self.jobs * _IN_FLIGHT_PER_JOB:
                    yield from self._settle(pending)
            while pending:
                yield from self._settle(pending)
            finished = True
        finally:
            # On early exit (the consumer stopped, an error) queued batches are dropped;
            # workers finish the one they hold and exit.
            self.executor.shutdown(wait=finished, cancel_futures=True)

    def _settle(self, pending: deque) -> list[DocResult]:
        from concurrent.futures.process import BrokenProcessPool

        chunk, future = pending.popleft()
        try:
            return _checked(future.result())
        except BrokenProcessPool:
            pass
        self._restart()
        results = [self._one(doc) for doc in chunk]
        for j, (queued, fut) in enumerate(pending):
            if not (fut.done() and not fut.cancelled() and fut.exception() is None):
                pending[j] = (queued, self._submit(queued))  # lost with the old pool
        return results

    def _one(self, doc: Document) -> DocResult:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _checked(self.executor.submit(_work, [doc]).result())[0]
        except BrokenProcessPool:
            self._restart()
            return DocResult(
                id=doc.id, meta=doc.meta,
                error="the worker process died while reading this document (out of memory, "
                "or a crash in the parser); the rest of the batch is unaffected. Try it alone "
                "with jobs=1, or split it into smaller documents.",
            )


def _checked(outcome: tuple[str | None, list[DocResult]]) -> list[DocResult]:
    fatal, results = outcome
    if fatal is not None:
        raise ParserNotAvailable(fatal)
    return results
