"""The command-line interface: a thin layer over the library.

Each command lives in its own module with a ``register(subparsers)`` function that adds
its sub-parser and sets ``func(args) -> int``.  Library errors become one line on stderr
and a non-zero exit status.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import AttributionError, UsageError

COMMAND_MODULES = ("extract", "report", "evaluate", "ledger", "ingest", "speakers", "articles", "corrections", "config", "users", "serve", "models", "ledger_copy")


class CodedArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors carry a code like the library's ([A055]);
    sub-parsers inherit it.  Exit status 2, as argparse."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: [{UsageError.code}] {message}\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = CodedArgumentParser(
        prog="attribution",
        description="Find quoted and reported speech in news articles, attribute it to "
        "speakers, and keep a claims ledger for fact-checkers.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"attribution {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except AttributionError as exc:
        print(f"attribution {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("attribution: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
