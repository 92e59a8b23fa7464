"""Running ledger commands in tests: ``attribution.cli.main`` with captured output."""
from __future__ import annotations

from collections.abc import Callable

from attribution.cli import main


def cli_runner(capsys) -> Callable[..., tuple[int, str, str]]:
    """``run(*argv) -> (exit status, stdout, stderr)``; arguments are turned into text."""

    def run(*argv: object) -> tuple[int, str, str]:
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return rc, out, err

    return run
