"""Argument types and I/O helpers shared by commands: bounded numbers, output files and
text read from standard input, each failing with a coded error instead of a traceback."""
from __future__ import annotations

import argparse
import os
from typing import IO

from ..errors import InputError, OutputError

# Rows and pages beyond any ledger: page × limit stays inside SQLite's 64-bit integers.
MAX_COUNT = 2**31 - 1


def _integer(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def count_arg(text: str) -> int:
    """A number of rows: 0 (meaning all) up to :data:`MAX_COUNT`."""
    n = _integer(text)
    if not 0 <= n <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and {MAX_COUNT} (0 means all)")
    return n


def page_arg(text: str) -> int:
    """A page number: 1 up to :data:`MAX_COUNT` (there is no page 0)."""
    n = _integer(text)
    if not 1 <= n <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{text} is not a page number (pages count from 1 to {MAX_COUNT})")
    return n


def read_text(stream: IO[str], *, limit: int) -> str:
    """Up to ``limit`` characters from ``stream`` (standard input).

    Raises:
        InputError: the stream holds more than ``limit`` characters or cannot be decoded.
    """
    try:
        text = stream.read(limit + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read standard input: {exc}. Pipe UTF-8 text into the command.") from exc
    if len(text) > limit:
        raise InputError(f"Standard input holds more than {limit:,} characters; shorten the text.")
    return text


def write_output(path: str, text: str) -> None:
    """Write ``text`` to the file ``path`` (UTF-8), replacing it whole: the text goes to a
    temporary file beside it first, so a failed write never leaves half a file.

    Raises:
        OutputError: the folder does not exist, or the file cannot be written.
    """
    if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
        _write_special(path, text)  # /dev/stdout, a named pipe: written to, never replaced
        return
    temporary = f"{path}.tmp-{os.getpid()}"
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except (OSError, ValueError) as exc:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise OutputError(
            f"Cannot write {path!r}: {reason}. Check that its folder exists and that you may "
            "write there, or leave out --output to print to standard output."
        ) from exc


def _write_special(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as exc:
        raise OutputError(f"Cannot write {path!r}: {exc.strerror}.") from exc
