"""Extraction on a Ray cluster: many machines, the same results as one.

:func:`extract_to_shards` reads the inputs with Ray Data, extracts in a pool of actors
(each loads the parser once, when it starts) and writes the results as shards in a
folder.  Each shard line is exactly the line ``attribution extract --format jsonl`` writes
for that document, so that a run here and a run on one machine agree byte for byte once
sorted by id.

Inputs are read by :mod:`attribution.inputs`, the reader of every other command: a worker
reads each file with :func:`~attribution.inputs.read_documents` (a file on a pyarrow or
fsspec filesystem, ``s3://...`` say, is first copied to a local temporary file), so every
input format and every bad-input outcome is the one a local run has.  A path names the
document as given; on a cluster every node must see local paths at the same place (a
shared filesystem), or the inputs must live on a filesystem every node reaches.

Failures: a document that fails becomes a row with ``"error"``, never a failed run; an
actor that dies (killed, out of memory) is restarted by Ray and its batch is run again,
up to :data:`ACTOR_RESTARTS` times each.  Shards are written by the driver, under a
temporary name renamed when complete, so a crashed run leaves only whole shards.

Layout of a shard folder: ``part-00000.jsonl`` ... (or ``.parquet``), each holding at most
``shard_size`` documents.  A Parquet shard has the columns ``id`` (string), ``error``
(string, null when the document was processed), ``quotes`` (the number of attributions)
and ``result`` (the JSON line, as in a JSONL shard).

The library never prints: Ray's own progress bars and log forwarding are switched off;
``on_progress`` reports the documents done.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import AttributionError, DistributedError, InputError, ParserNotAvailable, UsageError
from .inputs import STDIN, read_documents
from .model import Document

__all__ = [
    "OUTPUT_FORMATS",
    "RayRun",
    "extract_to_shards",
    "input_files",
    "read_shard",
    "read_shards",
    "shard_paths",
]

OUTPUT_FORMATS = ("jsonl", "parquet")
SHARD_SUFFIXES = {"jsonl": ".jsonl", "parquet": ".parquet"}
SHARD_PREFIX = "part-"
#: documents a shard holds: large enough that a big corpus makes few files, small enough
#: that a crashed run loses little and a shard loads in one ledger batch of seconds
SHARD_DOCUMENTS = 1000
#: documents one actor call gets, and the parser's batch: extract_batch's default, so that
#: the parser sees batches of the same size as in a local run
BATCH_DOCUMENTS = 16
#: how often Ray restarts a dead actor, and retries a batch whose actor died, before the
#: run fails: enough for a node lost or a process killed now and then, few enough that a
#: document which kills every worker stops the run instead of looping for ever
ACTOR_RESTARTS = 4
#: object store of a local Ray started here: the documents in flight are text, a few MB;
#: Ray's default (30% of memory) would reserve gigabytes on a shared machine
LOCAL_OBJECT_STORE_BYTES = 256 * 1024**2
_TMP_SUFFIX = ".partial"


@dataclass
class RayRun:
    """What a run did: counts, the shards written (in order) and timings in seconds."""

    documents: int = 0
    attributions: int = 0
    failures: int = 0
    shards: list[str] = field(default_factory=list)
    actors: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when at least one document was processed, else 1 (as ``extract``)."""
        return 1 if self.documents == 0 or self.failures == self.documents else 0


# --------------------------------------------------------------------------- inputs


def _is_uri(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _filesystem(path: str, filesystem: Any = None) -> tuple[Any, str]:
    """(pyarrow filesystem, path inside it) for a URI; an fsspec filesystem is wrapped."""
    import pyarrow.fs as pafs

    if filesystem is not None:
        if not isinstance(filesystem, pafs.FileSystem):
            filesystem = pafs.PyFileSystem(pafs.FSSpecHandler(filesystem))
        return filesystem, path.split("://", 1)[-1] if _is_uri(path) else path
    try:
        return pafs.FileSystem.from_uri(path)
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(
            f"cannot open {path}: {exc}; give a local path or a URI pyarrow can read "
            "(s3://, gs://, hdfs://), or pass filesystem= an fsspec filesystem"
        ) from None


def input_files(paths: Iterable[str], *, filesystem: Any = None) -> list[tuple[str, str]]:
    """``(name, location)`` of every input file: a folder stands for the files under it
    (sorted, hidden ones left out), a file for itself.  ``name`` is the path as given
    (joined with the file's place in a folder): the document id a local run gives.
    ``location`` is where a worker reads it: an absolute local path, or the URI.
    A path that does not exist is kept, for the reader to report as a failed document.

    Raises:
        InputError: ``-`` (standard input cannot be shared with a cluster).
    """
    found: list[tuple[str, str]] = []
    for path in paths:
        if path == STDIN:
            raise InputError(
                "standard input cannot be read on a cluster; write it to a file, or use "
                "`attribution extract -` without --engine ray"
            )
        if filesystem is None and not _is_uri(path):
            local = path.removeprefix("file://")
            if os.path.isdir(local):
                found += [(name, os.path.abspath(name)) for name in _local_tree(local)]
            else:
                found.append((path, os.path.abspath(local)))
            continue
        found += _remote_tree(path, filesystem)
    return found


def _hidden(name: str) -> bool:
    return name.startswith((".", "_"))


def _local_tree(folder: str) -> list[str]:
    names: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        names += [os.path.join(root, f) for f in sorted(files) if not _hidden(f)]
    return names


def _remote_tree(path: str, filesystem: Any) -> list[tuple[str, str]]:
    import pyarrow.fs as pafs

    fs, inner = _filesystem(path, filesystem)
    info = fs.get_file_info(inner)
    if info.type != pafs.FileType.Directory:
        return [(path, path)]
    scheme = path.split("://", 1)[0] + "://" if _is_uri(path) else ""
    selector = pafs.FileSelector(inner, recursive=True)
    entries = sorted(
        e.path for e in fs.get_file_info(selector)
        if e.type == pafs.FileType.File
        and not any(_hidden(part) for part in e.path[len(inner):].split("/") if part)
    )
    return [(scheme + e, scheme + e) for e in entries]


def _read_file(row: dict[str, Any], *, input_format: str, encoding: str, filesystem: Any) -> list[dict[str, Any]]:
    """The documents of one input file, as rows ``{"doc": JSON}`` (Ray Data's flat_map)."""
    name, location = str(row["name"]), str(row["location"])
    if not _is_uri(location) and filesystem is None:
        return [_doc_row(_renamed(d, location, name)) for d in read_documents(
            [location], input_format=input_format, encoding=encoding)]
    with tempfile.TemporaryDirectory(prefix="attribution-") as tmp:
        local = os.path.join(tmp, os.path.basename(location.rstrip("/")) or "input")
        try:
            fs, inner = _filesystem(location, filesystem)
            with fs.open_input_stream(inner) as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except (OSError, InputError) as exc:
            return [_doc_row(Document(name, error=f"cannot read {name}: {exc}"))]
        return [_doc_row(_renamed(d, local, name)) for d in read_documents(
            [local], input_format=input_format, encoding=encoding)]


def _renamed(doc: Document, read_as: str, name: str) -> Document:
    """``doc`` as if the file had been read under ``name``: the reader names documents
    (and errors) after the path it opened."""
    if read_as == name:
        return doc
    if doc.id == read_as:
        doc.id = name
    elif doc.id.startswith(read_as + ":"):
        doc.id = name + doc.id[len(read_as):]
    if doc.error:
        doc.error = doc.error.replace(read_as, name)
    return doc


def _doc_row(doc: Document) -> dict[str, Any]:
    return {"doc": json.dumps(
        {"id": doc.id, "text": doc.text, "meta": doc.meta, "error": doc.error}, ensure_ascii=False
    )}


def _doc_from_row(value: Any) -> Document:
    d = json.loads(value)
    return Document(d["id"], text=d["text"], meta=d["meta"], error=d["error"])


# --------------------------------------------------------------------------- actors


class _Extractor:
    """A Ray Data actor: loads the parser once, then turns batches of document rows into
    result rows ``{"id", "error", "quotes", "result"}`` (``result``: the JSON line)."""

    #: ``{"parser", "options", "batch_size", "include_text"}``, set on a subclass made per
    #: run (:func:`_extractor_class`): class attributes travel with the class, so Ray
    #: keeps no constructor arguments that a restarted actor could miss
    settings: dict[str, Any] = {}

    def __init__(self) -> None:
        from .parse import get_parser

        settings = self.settings
        self.parser = get_parser(settings["parser"], **settings["options"])
        self.batch_size = settings["batch_size"]
        self.include_text = settings["include_text"]

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from .batch import extract_chunk
        from .formats import result_to_dict

        docs = [_doc_from_row(v) for v in batch["doc"]]
        out: dict[str, list] = {"id": [], "error": [], "quotes": [], "result": []}
        for result in extract_chunk(docs, self.parser, batch_size=self.batch_size):
            out["id"].append(result.id)
            out["error"].append(result.error)
            out["quotes"].append(len(result.extraction.attributions) if result.extraction else 0)
            out["result"].append(json.dumps(
                result_to_dict(result, include_text=self.include_text), ensure_ascii=False))
        return out


def _extractor_class(**settings: Any) -> type[_Extractor]:
    return type("Extractor", (_Extractor,), {"settings": settings, "__module__": __name__})


# --------------------------------------------------------------------------- output


class _ShardWriter:
    """Writes result rows into numbered shards under ``folder``, each under a temporary
    name until it is complete."""

    def __init__(self, folder: str, fmt: str, shard_size: int, filesystem: Any):
        self.folder, self.fmt, self.shard_size = folder.rstrip("/"), fmt, shard_size
        self.fs, self.inner = _output_filesystem(self.folder, filesystem)
        self.rows: list[tuple[str, str | None, int, str]] = []
        self.written: list[str] = []

    def add(self, rows: Iterable[tuple[str, str | None, int, str]]) -> None:
        for row in rows:
            self.rows.append(row)
            if len(self.rows) >= self.shard_size:
                self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        name = f"{SHARD_PREFIX}{len(self.written):05d}{SHARD_SUFFIXES[self.fmt]}"
        final = f"{self.inner}/{name}"
        partial = final + _TMP_SUFFIX
        if self.fmt == "jsonl":
            data = "".join(r[3] + "\n" for r in self.rows).encode("utf-8")
            with self.fs.open_output_stream(partial) as out:
                out.write(data)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({
                "id": pa.array([r[0] for r in self.rows], pa.string()),
                "error": pa.array([r[1] for r in self.rows], pa.string()),
                "quotes": pa.array([r[2] for r in self.rows], pa.int32()),
                "result": pa.array([r[3] for r in self.rows], pa.string()),
            })
            pq.write_table(table, partial, filesystem=self.fs)
        self.fs.move(partial, final)
        self.written.append(f"{self.folder}/{name}")
        self.rows = []


def _output_filesystem(folder: str, filesystem: Any) -> tuple[Any, str]:
    import pyarrow.fs as pafs

    if filesystem is None and not _is_uri(folder):
        local = os.path.abspath(folder.removeprefix("file://"))
        return pafs.LocalFileSystem(), local
    return _filesystem(folder, filesystem)


def _prepare_output(folder: str, filesystem: Any) -> None:
    """Create ``folder``; refuse one that already holds shards (they would mix)."""
    import pyarrow.fs as pafs

    fs, inner = _output_filesystem(folder, filesystem)
    info = fs.get_file_info(inner)
    if info.type == pafs.FileType.File:
        raise InputError(f"--output {folder} is a file; give a folder for the shards")
    if info.type == pafs.FileType.Directory:
        existing = [e for e in fs.get_file_info(pafs.FileSelector(inner))
                    if e.base_name.startswith(SHARD_PREFIX)]
        if existing:
            raise InputError(
                f"{folder} already holds shards ({existing[0].base_name}, ...); give an empty "
                "or new folder, or remove the old shards first"
            )
    fs.create_dir(inner, recursive=True)


def shard_paths(folder: str, *, filesystem: Any = None) -> list[str]:
    """The complete shards in ``folder`` (``part-*.jsonl`` / ``.parquet``), sorted.

    Raises:
        InputError: the folder does not exist or holds no shard.
    """
    import pyarrow.fs as pafs

    fs, inner = _output_filesystem(folder, filesystem)
    if fs.get_file_info(inner).type != pafs.FileType.Directory:
        raise InputError(f"{folder} is not a folder of shards; give the --output folder of "
                         "`attribution extract --engine ray`")
    names = sorted(
        e.base_name for e in fs.get_file_info(pafs.FileSelector(inner))
        if e.base_name.startswith(SHARD_PREFIX) and e.base_name.endswith(tuple(SHARD_SUFFIXES.values()))
    )
    if not names:
        raise InputError(f"{folder} holds no shards (part-*.jsonl or part-*.parquet)")
    return [f"{folder.rstrip('/')}/{n}" for n in names]


def read_shards(folder: str, *, filesystem: Any = None) -> Iterator[tuple[str, str]]:
    """``(shard, JSON line)`` for every document in the shards of ``folder``, shard by
    shard, in the order they were written."""
    for shard in shard_paths(folder, filesystem=filesystem):
        for line in read_shard(shard, filesystem=filesystem):
            yield shard, line


def read_shard(shard: str, *, filesystem: Any = None) -> Iterator[str]:
    """The JSON lines of one shard (``.jsonl`` or ``.parquet``), in order."""
    import pyarrow.parquet as pq

    fs, inner = _output_filesystem(shard, filesystem)
    if shard.endswith(".parquet"):
        yield from pq.read_table(inner, columns=["result"], filesystem=fs).column("result").to_pylist()
        return
    with fs.open_input_stream(inner) as fh:
        for line in fh.read().decode("utf-8").split("\n"):
            if line.strip():
                yield line


# --------------------------------------------------------------------------- run


def extract_to_shards(
    paths: Iterable[str],
    output: str,
    *,
    fmt: str = "jsonl",
    input_format: str = "text",
    encoding: str = "utf-8",
    parser: str = "spacy",
    parser_options: dict[str, Any] | None = None,
    address: str | None = None,
    actors: int | None = None,
    batch_size: int = BATCH_DOCUMENTS,
    shard_size: int = SHARD_DOCUMENTS,
    include_text: bool = False,
    filesystem: Any = None,
    on_progress: Callable[[int], None] | None = None,
) -> RayRun:
    """Extract attributions from every input on Ray and write shards to ``output``.

    Args:
        paths: files or folders, local or URIs (``s3://bucket/news/``).
        output: a new or empty folder (local or URI) for the shards.
        fmt: ``jsonl`` or ``parquet``.
        input_format, encoding: as for :func:`attribution.inputs.read_documents`.
        parser, parser_options: what :func:`attribution.parse.get_parser` gets, in each actor.
        address: a running cluster (``auto``, ``HOST:PORT``, ``ray://HOST:PORT``); None
            starts a local Ray with this machine's cores (unless Ray is already initialised
            in this process, which is then used as it is).
        actors: actors in the pool; default one a CPU of the cluster.
        batch_size: documents an actor call (and the parser) gets at once.
        shard_size: documents a shard holds.
        include_text: keep each document's text in its line (what ``ingest --from`` needs).
        filesystem: a pyarrow or fsspec filesystem for the inputs and the output.
        on_progress: called with the number of documents done, as results come in.

    Raises:
        ParserNotAvailable: Ray is not installed, or the parser cannot be loaded.
        InputError: unknown format, encoding or input format, standard input, an output
            folder that already holds shards.
        UsageError: ``actors``, ``batch_size`` or ``shard_size`` below 1.
        DistributedError: the run failed as a whole (actors that kept dying past
            :data:`ACTOR_RESTARTS`, a lost cluster); shards already complete stay.
    """
    started = time.perf_counter()
    if fmt not in OUTPUT_FORMATS:
        raise InputError(f"unknown shard format {fmt!r}; choose jsonl or parquet")
    for label, value in (("actors", actors), ("batch_size", batch_size), ("shard_size", shard_size)):
        if value is not None and value < 1:
            raise UsageError(f"{label} must be 1 or more, not {value}")
    read_documents([], input_format=input_format, encoding=encoding)  # checks both now
    ray = _import_ray()
    _check_parser(parser, parser_options or {}, local=address is None)
    files = input_files(paths, filesystem=filesystem)
    _prepare_output(output, filesystem)

    owned = _connect(ray, address)
    try:
        actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        job = _Job(files=files, output=_absolute(output, filesystem), fmt=fmt,
                   input_format=input_format, encoding=encoding, parser=parser,
                   parser_options=dict(parser_options or {}), actors=actors,
                   batch_size=batch_size, shard_size=shard_size, include_text=include_text,
                   filesystem=filesystem)
        startup = time.perf_counter() - started
        if _through_client(ray):
            # Through Ray Client (ray://) Ray Data cannot run in this process: the whole
            # run goes to the cluster as one task, and progress comes at the end.
            run = ray.get(ray.remote(num_cpus=0)(_execute).remote(job, None))
        else:
            run = _execute(job, on_progress)
        run.startup_seconds = startup
    except AttributionError:
        raise
    except Exception as exc:  # noqa: BLE001 - Ray's own errors, said as one coded line
        if _is_parser_failure(exc):
            raise ParserNotAvailable(
                f"the actors could not load the parser {parser!r} ({_parser_message(exc)}); "
                "install it on every node of the cluster, or check --model-dir"
            ) from None
        raise DistributedError(
            f"the Ray run failed ({type(exc).__name__}: {_root(exc)}); no shard was left "
            "half written. If workers kept dying, look for a document that kills them (memory, "
            "size) or for a node that was lost, then run again into an empty folder"
        ) from None
    finally:
        if owned:
            ray.shutdown()
    run.seconds = time.perf_counter() - started
    return run


@dataclass
class _Job:
    """Everything a run needs, checked and resolved, to send to the cluster as it is."""

    files: list[tuple[str, str]]
    output: str
    fmt: str
    input_format: str
    encoding: str
    parser: str
    parser_options: dict[str, Any]
    actors: int
    batch_size: int
    shard_size: int
    include_text: bool
    filesystem: Any


def _absolute(output: str, filesystem: Any) -> str:
    if filesystem is None and not _is_uri(output):
        return os.path.abspath(output.removeprefix("file://"))
    return output


def _execute(job: _Job, on_progress: Callable[[int], None] | None) -> RayRun:
    """Read, extract and write the shards (where Ray Data can drive the cluster)."""
    import ray.data

    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in _CONTEXT}
    for name, value in _CONTEXT.items():
        setattr(context, name, value)
    try:
        return _stream(job, on_progress)
    finally:
        for name, value in saved.items():
            setattr(context, name, value)


#: Ray Data settings of a run (restored afterwards): no progress bars or banners of Ray's
#: own (the library never prints), and small blocks, so that the documents of one large
#: file are spread over every actor instead of travelling as one block to one of them
#: (64 KiB: about a batch of news articles; a streaming repartition would need a CPU
#: that the actors hold)
_CONTEXT = {
    "enable_progress_bars": False,
    "print_on_execution_start": False,
    "target_max_block_size": 64 * 1024,
}


def _stream(job: _Job, on_progress: Callable[[int], None] | None) -> RayRun:
    import ray.data

    run = RayRun(actors=job.actors)
    dataset = (
        ray.data.from_items([{"name": n, "location": loc} for n, loc in job.files],
                            override_num_blocks=max(1, len(job.files)))
        .flat_map(_read_file, num_cpus=0, fn_kwargs={
            "input_format": job.input_format, "encoding": job.encoding,
            "filesystem": job.filesystem})
    )
    extractor = _extractor_class(parser=job.parser, options=job.parser_options,
                                 batch_size=job.batch_size, include_text=job.include_text)
    with warnings.catch_warnings():
        # Ray 2.60 deprecates passing actor options this way, and offers no other way
        # to bound restarts (its default restarts a dead actor for ever).
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = dataset.map_batches(
            extractor,
            batch_size=job.batch_size,
            compute=ray.data.ActorPoolStrategy(size=job.actors),
            num_cpus=1,
            max_restarts=ACTOR_RESTARTS,
            max_task_retries=ACTOR_RESTARTS,
        )
    writer = _ShardWriter(job.output, job.fmt, job.shard_size, job.filesystem)
    for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        rows = list(zip(batch["id"].tolist(), batch["error"].tolist(),
                        batch["quotes"].tolist(), batch["result"].tolist()))
        writer.add((str(i), e if isinstance(e, str) else None, int(q), str(r)) for i, e, q, r in rows)
        for doc_id, error, quotes, _ in rows:
            run.documents += 1
            if isinstance(error, str):
                run.failures += 1
                run.failed.append((str(doc_id), error))
            else:
                run.attributions += int(quotes)
        if on_progress is not None:
            on_progress(run.documents)
    writer.flush()
    run.shards = writer.written
    return run


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ParserNotAvailable(
            "Ray is not installed; install it with: pip install 'attribution[ray]'"
        ) from None
    return ray


#: parser options that name a model folder
_MODEL_PATH_OPTIONS = ("model_dir", "model")


def _check_parser(parser: str, options: dict[str, Any], *, local: bool) -> None:
    """Fail here, in one line, on what would make every actor fail as it starts: an
    unknown backend, or (for a local Ray, whose actors see this machine's files) a model
    folder that does not exist, which ``get_parser`` reports without loading anything."""
    from .parse import available_parsers, get_parser

    if parser not in available_parsers():
        raise ParserNotAvailable(
            f"unknown parser {parser!r}; choose one of {', '.join(available_parsers())}"
        )
    missing = [k for k in _MODEL_PATH_OPTIONS if isinstance(options.get(k), str)
               and not os.path.exists(options[k])]
    if local and missing:
        get_parser(parser, **options)  # raises ParserNotAvailable naming the folder


def _connect(ray: Any, address: str | None) -> bool:
    """Join ``address``, or start a small local Ray; True when this call started Ray
    (and should stop it)."""
    if ray.is_initialized():
        return False
    common = {"log_to_driver": False, "configure_logging": False, "include_dashboard": False}
    try:
        if address:
            ray.init(address=address, **common)
        else:
            ray.init(num_cpus=os.cpu_count() or 1, object_store_memory=LOCAL_OBJECT_STORE_BYTES, **common)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise InputError(
            f"cannot start or join {where}: {_root(exc)}; check --address (auto, HOST:PORT "
            "or ray://HOST:PORT) and that `ray status` works there"
        ) from None
    return True


def _is_parser_failure(exc: BaseException) -> bool:
    return _parser_message(exc) is not None


def _parser_message(exc: BaseException) -> str | None:
    """The message of the ParserNotAvailable behind ``exc``: raised here, or in an actor
    (Ray then carries it as text in its own error)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ParserNotAvailable):
            return seen.message
        marker = f"ParserNotAvailable: [{ParserNotAvailable.code}] "
        text = str(seen)
        if marker in text:
            return text.split(marker, 1)[1].splitlines()[0].strip()
        seen = seen.__cause__ or seen.__context__
    return None


def _root(exc: BaseException) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else type(exc).__name__


def _through_client(ray: Any) -> bool:
    """True when this process reaches the cluster through Ray Client (``ray://``)."""
    from ray.util.client import ray as client

    return bool(client.is_connected())
