"""Where the ledger lives when no path is given."""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ENV_LEDGER = "ATTRIBUTION_LEDGER"
FILE_NAME = "ledger.sqlite"


def default_ledger_path(env: Mapping[str, str] | None = None) -> Path:
    """The per-user default: ``$XDG_DATA_HOME/attribution/ledger.sqlite`` (else
    ``~/.local/share/...``; ``%LOCALAPPDATA%`` on Windows, ``~/Library/Application Support``
    on macOS)."""
    env = os.environ if env is None else env
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "attribution" / FILE_NAME


def ledger_path(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``explicit`` if given, else ``$ATTRIBUTION_LEDGER``, else :func:`default_ledger_path`."""
    env = os.environ if env is None else env
    return explicit or env.get(ENV_LEDGER) or str(default_ledger_path(env))
