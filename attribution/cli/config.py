"""``attribution init`` and ``attribution config``: create a ledger, and keep its settings
(the publisher named in ClaimReview) in the ledger itself."""
from __future__ import annotations

import argparse
import sys

from tabulate import tabulate

from ..ledger import Ledger, ledger_path
from ..ledger.config import KEYS
from ..ledger.migrations import current_version
from ..ledger.safe_text import printable
from .ledger import _actor, _json, _parents, _with_ledger


def _init(args: argparse.Namespace) -> int:
    path = ledger_path(args.ledger)
    with Ledger(path) as ledger:
        version = current_version(ledger.db)
    print(f"ledger {path} ready (schema version {version})")
    return 0


def _set(ledger: Ledger, args: argparse.Namespace) -> int:
    stored = ledger.set_config(args.key, args.value, actor=_actor(args))
    print(printable(f"{args.key} = {stored}" if stored is not None else f"{args.key} unset"))
    return 0


def _get(ledger: Ledger, args: argparse.Namespace) -> int:
    value = ledger.config().get(args.key)
    if value is None:  # nothing on standard output, a word on standard error
        print(f"attribution config: {args.key} is not set", file=sys.stderr)
        return 0
    print(printable(value))
    return 0


def _list(ledger: Ledger, args: argparse.Namespace) -> int:
    found = ledger.config()
    if args.format == "json":
        _json({key: found.get(key) for key in KEYS})
        return 0
    rows = [[key, printable(found.get(key, "")), about] for key, (about, _) in KEYS.items()]
    print(tabulate(rows, headers=["setting", "value", "what it is"]))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, writer = _parents()

    p = subparsers.add_parser(
        "init", parents=[reader], help="create the claims ledger (or upgrade its schema)",
        description="Create the ledger file (and its folder) or bring its schema up to date. "
        "Reading commands never create or upgrade a ledger.",
    )
    p.set_defaults(func=_init)

    config = subparsers.add_parser(
        "config", help="the ledger's settings: the publisher named in ClaimReview",
        description="Settings kept in the ledger: " + "; ".join(f"{k}: {about}" for k, (about, _) in KEYS.items()) + ".",
    )
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    p = actions.add_parser("set", parents=[writer], help="set a setting ('' unsets it)")
    p.add_argument("key", choices=tuple(KEYS), metavar="KEY", help=", ".join(KEYS))
    p.add_argument("value", metavar="VALUE")
    p.set_defaults(func=_with_ledger(_set))
    p = actions.add_parser("get", parents=[reader], help="print one setting")
    p.add_argument("key", choices=tuple(KEYS), metavar="KEY", help=", ".join(KEYS))
    p.set_defaults(func=_with_ledger(_get, readonly=True))
    p = actions.add_parser("list", parents=[reader], help="every setting")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_with_ledger(_list, readonly=True))
