"""``attribution extract --engine ray``: the options and the run, a thin layer over
:func:`attribution.distributed.extract_to_shards`."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import IO

from ..errors import UsageError

ENGINES = ("local", "ray")
SHARD_FORMATS = ("jsonl", "parquet")
#: loggers Ray writes its INFO lines to; the command line keeps warnings and errors
RAY_LOGGERS = ("ray",)


def add_engine_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("distributed (--engine ray)")
    g.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: this machine, --jobs processes (default); ray: a Ray cluster, "
                   "writing shards to the --output folder")
    g.add_argument("--address", metavar="ADDR",
                   help="the Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: "
                   "start a local Ray with this machine's cores)")
    g.add_argument("--actors", type=_positive, metavar="N",
                   help="extraction actors, each with its own parser (default: one a CPU of "
                   "the cluster)")
    g.add_argument("--shard-size", type=_positive, metavar="N",
                   help="documents a shard holds (default 1000)")


def _positive(value: str) -> int:
    from .extract import _positive_int

    return _positive_int(value)


def check_local_format(args: argparse.Namespace) -> None:
    """A local run writes one stream: no Parquet, no engine-only options."""
    if args.fmt == "parquet":
        raise UsageError("--format parquet writes shards: use it with --engine ray --output DIR")
    for flag, value in (("--address", args.address), ("--actors", args.actors),
                        ("--shard-size", args.shard_size)):
        if value is not None:
            raise UsageError(f"{flag} is an option of --engine ray")


def run_ray(args: argparse.Namespace, err: IO[str] | None = None) -> int:
    from ..distributed import SHARD_DOCUMENTS, extract_to_shards
    from .extract import _count, parser_options, progress

    err = err or sys.stderr
    if args.fmt not in SHARD_FORMATS:
        raise UsageError(f"--engine ray writes {' or '.join(SHARD_FORMATS)} shards, not {args.fmt}")
    if not args.output or args.output == "-":
        raise UsageError("--engine ray needs --output DIR: the folder the shards are written to")
    if args.jobs != 1:
        raise UsageError("--jobs is for the local engine; with --engine ray use --actors N")
    # Ray Data's own lines (each run's "execution finished", its notes on block counts,
    # the stack traces of a failed run) say nothing a user of this command can act on: a
    # failed run ends in one coded line of ours.  Ray's own warnings stay.
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "CRITICAL")
    for name in RAY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)

    bar = progress(iter(()), total=None, enabled=not args.no_progress, err=err)
    update = getattr(bar, "update", None)
    state = {"done": 0}

    def on_progress(done: int) -> None:
        if update is not None:
            update(done - state["done"])
        state["done"] = done

    try:
        run = extract_to_shards(
            args.files, args.output, fmt=args.fmt, input_format=args.input_format,
            encoding=args.encoding, parser=args.parser, parser_options=parser_options(args),
            address=args.address, actors=args.actors, include_text=args.include_text,
            shard_size=args.shard_size or SHARD_DOCUMENTS, on_progress=on_progress,
        )
    finally:
        if hasattr(bar, "close"):
            bar.close()
    for doc_id, error in run.failed:
        print(f"attribution extract: {doc_id}: {error}", file=err)
    print(
        f"attribution extract: {_count(run.documents, 'document')}, "
        f"{_count(run.attributions, 'attribution')}, {run.failures} failed, "
        f"{_count(len(run.shards), 'shard')} in {args.output}, {_count(run.actors, 'actor')}, "
        f"{run.seconds:.2f} s ({run.startup_seconds:.2f} s to start)",
        file=err,
    )
    if run.documents == 0:
        print("attribution extract: error: no documents in the input", file=err)
    return run.exit_status
