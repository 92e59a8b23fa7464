"""``attribution report FILE...``: a readable table of who said what, then who spoke.

For each document: one row per attribution (speaker, type, cue, kind, shortened quote)
and a per-speaker summary.  Exit status as for ``extract``: 1 when every document failed.
"""
from __future__ import annotations

import argparse
import sys

from ..report import TABLE_FORMATS, render_report
from .extract import add_batch_options, add_input_options, add_parser_options, run_batch


def _tablefmt(value: str) -> str:
    if value not in TABLE_FORMATS:
        raise argparse.ArgumentTypeError(
            f"unknown table format {value!r}; choose one of: {', '.join(sorted(TABLE_FORMATS))}"
        )
    return value


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="print a table of who said what",
        description="Extract attributions and print them as a table per document (speaker, "
        "type, cue, kind, quote), then a summary per speaker.",
        epilog="Table formats: " + ", ".join(sorted(TABLE_FORMATS)),
    )
    add_input_options(p)
    p.add_argument("--tablefmt", type=_tablefmt, default="simple", metavar="FORMAT",
                   help="any tabulate format: simple (default), github, grid, psql, html, "
                   "latex ...")
    add_parser_options(p)
    add_batch_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    results, tally = run_batch(args, "report", err)
    first = True
    for r in results:
        # One document at a time, so a long batch shows its report as it goes.
        if not first:
            sys.stdout.write("\n\n")
        sys.stdout.write(render_report([r], tablefmt=args.tablefmt) + "\n")
        sys.stdout.flush()
        first = False
    print(tally.summary(), file=err)
    if tally.documents == 0:
        print("attribution report: error: no documents in the input", file=err)
    return tally.exit_status
