"""Batch extraction: input order, one failing document never loses the others, the same
results with one process or several, empty documents, bounded reading of the input."""
from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from attribution import batch
from attribution.batch import extract_batch
from attribution.errors import ParserNotAvailable
from attribution.model import Document, ParsedDoc
from attribution.parse import get_parser
from attribution.pipeline import extract

HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not HAS_FORK, reason="the fork start method is not available here")

TEXTS = [
    "“We will finish the bridge by June,” said Mayor Ana Torres.",
    "Torres said the council had approved the budget.",
    "The river rose two metres overnight.\n\nNo one was hurt.",
    "“The numbers do not add up,” Councillor Marcus Brennan told reporters. “They never did.”",
    "According to the transport authority, bus fares will rise in March.",
    "A spokesperson for the water company declined to comment.",
    "Brennan warned that the port expansion would cost more than planned.",
    "“This is a good day for Lakeview,” said Governor Priya Haddad on Tuesday.",
]


@pytest.fixture(scope="module")
def spacy_parser():
    return get_parser("spacy")


def _docs(texts, prefix="doc"):
    return [Document(id=f"{prefix}-{k}", text=t, meta={"n": k}) for k, t in enumerate(texts)]


def _outcome(results):
    return [(r.id, r.error, r.extraction.to_dict() if r.extraction else None, r.meta) for r in results]


class FakeParser:
    """A Parser that makes tokenless ParsedDocs and misbehaves on marked texts:
    ``RAISE`` raises (in pipe and in parse), ``CRASH`` kills the process."""

    name = "fake"

    def __init__(self):
        self.piped: list[str] = []
        self.parsed: list[str] = []

    def _make(self, text: str) -> ParsedDoc:
        if "CRASH" in text:
            os._exit(3)
        if "RAISE" in text:
            raise RuntimeError("the parser choked")
        return ParsedDoc(text=text, tokens=[], sentences=[], parser=self.name)

    def parse(self, text: str) -> ParsedDoc:
        self.parsed.append(text)
        return self._make(text)

    def pipe(self, texts, *, batch_size: int = 16):
        for text in texts:
            self.piped.append(text)
            yield self._make(text)


class RaisingSpacy:
    """The real spaCy parser, except that texts holding ``RAISE`` make it raise."""

    def __init__(self, real):
        self.real = real
        self.name = real.name

    def parse(self, text):
        if "RAISE" in text:
            raise ValueError("cannot parse this")
        return self.real.parse(text)

    def pipe(self, texts, *, batch_size=16):
        for text in texts:
            if "RAISE" in text:
                raise ValueError("cannot parse this")
            yield self.real.parse(text)


# ---------------------------------------------------------------------- order and equality


@needs_fork
def test_two_jobs_give_the_same_results_in_the_same_order_as_one(spacy_parser):
    docs = _docs(TEXTS * 2)
    one = list(extract_batch(docs, parser=spacy_parser, jobs=1, batch_size=3))
    two = list(extract_batch(docs, parser=spacy_parser, jobs=2, batch_size=3))
    assert [r.id for r in two] == [d.id for d in docs]
    assert _outcome(two) == _outcome(one)
    assert all(r.ok for r in one)
    assert sum(len(r.extraction) for r in one) > 0  # the comparison is not of empty results


def test_batch_results_equal_extract_one_at_a_time(spacy_parser):
    docs = _docs(TEXTS)
    results = list(extract_batch(docs, parser=spacy_parser, batch_size=4))
    expected = [extract(d.text, parser=spacy_parser, id=d.id) for d in docs]
    assert [r.extraction.to_dict() for r in results] == [e.to_dict() for e in expected]


@pytest.mark.parametrize("jobs", [1, 2])
def test_meta_travels_with_each_result(jobs):
    if jobs > 1 and not HAS_FORK:
        pytest.skip("the fork start method is not available here")
    docs = [Document(id=str(k), text=f"ok {k}", meta={"url": f"https://example.org/{k}"})
            for k in range(9)]
    results = list(extract_batch(docs, parser=FakeParser(), jobs=jobs, batch_size=2))
    assert [r.meta["url"] for r in results] == [d.meta["url"] for d in docs]


# ---------------------------------------------------------------------- failures


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_could_not_be_read_passes_through_as_an_error(jobs):
    if jobs > 1 and not HAS_FORK:
        pytest.skip("the fork start method is not available here")
    docs = _docs(["ok one", "ok two", "ok three"])
    docs.insert(1, Document(id="broken.txt", error="not UTF-8: pass --encoding", meta={"n": 9}))
    results = list(extract_batch(docs, parser=FakeParser(), jobs=jobs, batch_size=2))
    assert [r.id for r in results] == ["doc-0", "broken.txt", "doc-1", "doc-2"]
    assert results[1].error == "not UTF-8: pass --encoding"
    assert results[1].extraction is None and results[1].meta == {"n": 9}
    assert [r.ok for r in results] == [True, False, True, True]


def test_a_parser_failure_inside_a_pipe_batch_costs_only_that_document():
    parser = FakeParser()
    docs = _docs(["ok a", "ok b", "RAISE c", "ok d", "ok e"])
    results = list(extract_batch(docs, parser=parser, batch_size=5))
    assert [r.id for r in results] == [d.id for d in docs]
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert "RuntimeError" in results[2].error and "the parser choked" in results[2].error
    assert [r.extraction.text for r in results if r.ok] == ["ok a", "ok b", "ok d", "ok e"]
    # The batch was retried one document at a time, each exactly once.
    assert sorted(parser.parsed) == ["RAISE c", "ok a", "ok b", "ok d", "ok e"]


def test_other_batches_still_go_through_the_pipe():
    parser = FakeParser()
    docs = _docs(["ok a", "RAISE b", "ok c", "ok d"])
    list(extract_batch(docs, parser=parser, batch_size=2))
    assert parser.parsed == ["ok a", "RAISE b"]  # only the failing batch fell back
    assert parser.piped[-2:] == ["ok c", "ok d"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_with_the_real_parser_the_neighbours_of_a_failing_document_are_extracted(spacy_parser, jobs):
    if jobs > 1 and not HAS_FORK:
        pytest.skip("the fork start method is not available here")
    texts = [TEXTS[0], "RAISE here", TEXTS[1], TEXTS[3]]
    results = list(extract_batch(_docs(texts), parser=RaisingSpacy(spacy_parser), jobs=jobs,
                                 batch_size=4))
    assert [r.ok for r in results] == [True, False, True, True]
    assert "cannot parse this" in results[1].error
    for r, text in zip([results[0], results[2], results[3]], [TEXTS[0], TEXTS[1], TEXTS[3]]):
        assert r.extraction.to_dict() == extract(text, parser=spacy_parser, id=r.id).to_dict()


@needs_fork
def test_a_parser_failure_in_a_worker_costs_only_that_document():
    docs = _docs(["ok a", "ok b", "RAISE c", "ok d", "ok e", "ok f", "ok g"])
    results = list(extract_batch(docs, parser=FakeParser(), jobs=2, batch_size=3))
    assert [r.id for r in results] == [d.id for d in docs]
    assert [r.ok for r in results] == [True, True, False, True, True, True, True]


@needs_fork
def test_a_worker_that_dies_on_a_document_costs_only_that_document():
    texts = ["ok a", "ok b", "ok c", "CRASH d", "ok e", "ok f", "ok g", "ok h", "ok i"]
    results = list(extract_batch(_docs(texts), parser=FakeParser(), jobs=2, batch_size=2))
    assert [r.id for r in results] == [f"doc-{k}" for k in range(len(texts))]
    assert [r.ok for r in results] == [t.startswith("ok") for t in texts]
    assert "worker process died" in results[3].error
    assert [r.extraction.text for r in results if r.ok] == [t for t in texts if t.startswith("ok")]


def _die_at_start(*args):
    os._exit(1)


@needs_fork
def test_workers_that_cannot_start_stop_the_batch_with_a_clear_error(monkeypatch):
    monkeypatch.setattr(batch, "_init_worker", _die_at_start)
    with pytest.raises(ParserNotAvailable, match="jobs=1"):
        list(extract_batch(_docs(["ok a", "ok b", "ok c"]), parser=FakeParser(), jobs=2, batch_size=1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unknown_parser_fails_before_any_document(jobs):
    with pytest.raises(ParserNotAvailable, match="spacy"):
        extract_batch(_docs(["ok"]), parser="no-such-parser", jobs=jobs)


def test_a_parser_that_cannot_reach_spawned_workers_says_what_to_do():
    parser = FakeParser()
    parser.lock = threading.Lock()  # cannot be pickled; no spec to rebuild it from
    with pytest.raises(ParserNotAvailable, match="by name"):
        extract_batch(_docs(["ok"]), parser=parser, jobs=2, start_method="spawn")


def test_spawned_workers_rebuild_a_named_parser_from_its_spec(spacy_parser):
    assert batch._worker_payload(spacy_parser, "spawn") == ("spacy", {})
    assert batch._worker_payload(None, "spawn") == ("spacy", {})
    assert batch._worker_payload(spacy_parser, "fork") is spacy_parser  # inherited as is


def test_the_spawn_start_method_works():
    docs = _docs(["ok a", "RAISE b", "ok c", "ok d", "ok e"])
    docs.insert(2, Document(id="unread", error="binary file"))
    results = list(extract_batch(docs, parser=FakeParser(), jobs=2, batch_size=2,
                                 start_method="spawn"))
    assert [r.id for r in results] == [d.id for d in docs]
    assert [r.ok for r in results] == [True, False, False, True, True, True]


@pytest.mark.parametrize("bad", [{"jobs": 0}, {"batch_size": 0}])
def test_nonsense_settings_are_refused(bad):
    with pytest.raises(ValueError):
        extract_batch([], **bad)


# ---------------------------------------------------------------------- empty documents


@pytest.mark.parametrize("jobs", [1, 2])
def test_empty_documents_give_an_extraction_without_quotes(jobs):
    if jobs > 1 and not HAS_FORK:
        pytest.skip("the fork start method is not available here")
    parser = FakeParser()
    docs = _docs(["", "ok a", "   \n\t ", "ok b"])
    results = list(extract_batch(docs, parser=parser, jobs=jobs, batch_size=4))
    assert [r.ok for r in results] == [True] * 4
    for r in (results[0], results[2]):
        assert len(r.extraction) == 0
        assert r.extraction.parser == "fake"
        assert "empty text" in r.extraction.warnings
    if jobs == 1:
        assert parser.piped == ["ok a", "ok b"]  # empty texts never reach the parser


def test_an_empty_input_gives_no_results():
    assert list(extract_batch([], parser=FakeParser())) == []


def test_a_batch_of_only_empty_documents_with_the_real_parser(spacy_parser):
    results = list(extract_batch(_docs(["", " ", "\n\n"]), parser=spacy_parser))
    assert [len(r.extraction) for r in results] == [0, 0, 0]
    assert all(r.extraction.parser == spacy_parser.name for r in results)


# ---------------------------------------------------------------------- streaming


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_input_is_read_lazily(jobs):
    """The first result comes before the input is read to the end: a stream of any
    length goes through in bounded memory."""
    if jobs > 1 and not HAS_FORK:
        pytest.skip("the fork start method is not available here")
    read = []

    def stream():
        for k in range(10_000):
            read.append(k)
            yield Document(id=str(k), text=f"ok {k}")

    results = extract_batch(stream(), parser=FakeParser(), jobs=jobs, batch_size=8)
    first = next(results)
    assert first.id == "0"
    assert len(read) <= 200
    results.close()  # stopping early shuts the workers down
