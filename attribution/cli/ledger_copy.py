"""``attribution ledger copy SRC DST``: move a ledger to another database (an SQLite file
to PostgreSQL, typically).  A thin layer over :func:`attribution.ledger.copy.copy_ledger`."""
from __future__ import annotations

import argparse
import sys

from tabulate import tabulate

from ..ledger.copy import copy_ledger
from ..ledger.postgres import redact


def register(subparsers) -> None:
    p = subparsers.add_parser("ledger", help="move a ledger to another database")
    actions = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    c = actions.add_parser(
        "copy",
        help="copy a ledger into a new, empty one (e.g. SQLite to PostgreSQL)",
        description="Copy every article, claim, speaker, note, event, user and setting of the "
        "ledger SRC into the new ledger DST, in one transaction (all of it or nothing). SRC is "
        "read only. DST is a path or a postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL; it "
        "is created if needed and must hold no data.",
    )
    c.add_argument("source", metavar="SRC", help="the ledger to copy (path or postgresql:// URL)")
    c.add_argument("destination", metavar="DST", help="the new ledger (path or postgresql:// URL)")
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = copy_ledger(args.source, args.destination)
    rows = [(table, n) for table, n in report.rows.items()]
    print(tabulate(rows, headers=["table", "rows"], tablefmt="simple"))
    print(f"attribution ledger copy: {report.total} rows copied from {redact(report.source)} "
          f"to {redact(report.destination)}", file=sys.stderr)
    return 0
