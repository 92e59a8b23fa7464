"""Showing stored text on a terminal without letting it act on the terminal.

Notes, claims and article fields are stored exactly as typed or found; only their display
is made safe.  Control characters (C0 and C1, so the ESC that starts an ANSI sequence and
the single-byte CSI), DEL and the bidirectional overrides that reorder what a line appears
to say are shown as visible escapes (``\\x1b``, ``\\u202e``) instead of being sent raw."""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 controls, bidi marks, embeddings and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str | None, *, keep_newlines: bool = False) -> str:
    """``text`` safe to print: unsafe characters as visible escapes; tabs as spaces; newlines
    kept with ``keep_newlines``, else shown as ``\\n`` so one value stays on one line."""
    text = _UNSAFE.sub(_escape, text or "").replace("\t", " ")
    return text if keep_newlines else text.replace("\n", "\\n")


def json_printable(text: str) -> str:
    """JSON text with the unsafe characters JSON leaves raw (DEL, C1, bidi controls) written
    as ``\\uXXXX`` escapes: the same JSON value, safe on a terminal."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
