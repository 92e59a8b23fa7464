"""``attribution ingest``: extract articles and store them in the claims ledger.

An article is identified by ``--id`` (one plain-text input only), its URL, or its text,
never by the path it was read from.  ``--jobs N`` extracts in N worker processes
(:func:`attribution.batch.extract_batch`); ``--progress`` (the default on a terminal)
reports each article on standard error as it is stored.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from tabulate import tabulate

from ..ledger import Ledger
from ..ledger.records import IngestResult
from ..ledger.store import DEFAULT_INGEST_ACTOR
from .ingest_shards import add_shard_options, check_shard_options, run_shards
from .ledger import ENV_ACTOR, _json, _listing, _parents, _short, _with_ledger

MAX_JOBS = 256  # worker processes; more than any machine this runs on has cores


def jobs_arg(text: str) -> int:
    """A number of worker processes, 1 to :data:`MAX_JOBS`."""
    try:
        n = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes") from None
    if not 1 <= n <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"{text} is not between 1 and {MAX_JOBS} processes")
    return n


def progress_printer(stream=None) -> Callable[[int, int, IngestResult], None]:
    """Reports ``done/total`` and each article's outcome, one line per article."""
    out = stream or sys.stderr

    def report(done: int, total: int, result: IngestResult) -> None:
        detail = result.error or (
            f"{result.claims_added} new, {result.claims_kept} kept, {result.claims_withdrawn} withdrawn"
        )
        out.write(f"ingest: {done}/{total} {_short(result.article_id, 48)} {result.outcome} ({_short(detail, 80)})\n")
        out.flush()

    return report


def _ingest(ledger: Ledger, args: argparse.Namespace) -> int:
    actor = (args.actor or os.environ.get(ENV_ACTOR) or DEFAULT_INGEST_ACTOR).strip()
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    check_shard_options(args)
    if args.from_dir:
        return run_shards(ledger, args, actor, show)
    results = ledger.ingest_files(
        args.files, actor=actor, article_id=args.article_id, parser=args.parser,
        reextract=args.reextract, encoding=args.encoding, jobs=args.jobs,
        progress=progress_printer() if show else None, html=args.input_format == "html",
    )
    if args.format == "json":
        _json([r.to_dict() for r in results])
    else:
        rows = [
            [_short(r.article_id, 48), r.outcome, r.version or "", r.claims_added, r.claims_kept,
             r.claims_withdrawn, _short(r.error, 80)]
            for r in results
        ]
        print(tabulate(rows, headers=["article", "outcome", "version", "new claims", "kept", "withdrawn", "error"]))
    return 1 if any(r.outcome == "error" for r in results) else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, _ = _parents()
    p = subparsers.add_parser(
        "ingest", parents=[reader], help="extract and store articles in the claims ledger",
        description="Extract attributions from articles and store them as claims. FILE is a text file, "
        "- for standard input, or JSONL (id, text, url, title, outlet, published; lines with "
        "'quotes' are stored as already extracted). An article is its --id, its URL, or its text "
        "(never its path): the same text again changes nothing; a changed text under the same id "
        "or URL is the article's next version, which keeps the claims it still has.",
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--id", dest="article_id", metavar="ID",
                   help="article id for a single text input (default: its URL, else a hash of its text)")
    p.add_argument("--parser", default=None, help="parser backend (default: spacy)")
    p.add_argument("--reextract", action="store_true", help="extract again even when a JSONL line has quotes")
    p.add_argument("--encoding", default="utf-8", help="how the files are encoded (default utf-8)")
    p.add_argument("--input", dest="input_format", choices=("text", "html"), default="text",
                   help="text: plain files as text, .html/.htm as saved pages, .jsonl as JSONL "
                   "(default); html: every plain file and standard input is a saved page")
    p.add_argument("--jobs", "-j", type=jobs_arg, default=1, metavar="N",
                   help="extract in N worker processes (default 1)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--progress", dest="progress", action="store_const", const=True,
                       help="report each article on standard error (default on a terminal)")
    shown.add_argument("--no-progress", dest="progress", action="store_const", const=False)
    add_shard_options(p)
    _listing(p)
    p.set_defaults(func=_with_ledger(_ingest))
