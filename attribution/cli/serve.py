"""``attribution serve``: the review desk in a browser (see docs/web.md).

Binds to 127.0.0.1 unless ``--host`` says otherwise, and says where it listens.
"""
from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from ..errors import LedgerNotFound, UsageError
from ..ledger import Ledger, ledger_path
from ..ledger.users import Users

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOCAL_NAMES = ("localhost",)


def is_local(host: str) -> bool:
    """Whether ``host`` is a loopback address (reachable from this machine only)."""
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise UsageError(f"The review desk needs the web extra ({exc.name} is missing): "
                         "pip install 'attribution[web]'.") from None
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}.")
    path = ledger_path(args.ledger)
    if "://" not in path and not Path(path).expanduser().exists():
        raise LedgerNotFound(
            f"There is no ledger at {path}; the desk serves an existing one. Create it and its first user with: "
            f"attribution users add NAME --role admin --password-stdin --ledger {path}"
        )
    app = create_app(path, https_only=args.secure_cookies)
    with Ledger(path) as ledger:
        users = Users(ledger.db).count_active()
    where = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
    print(f"attribution serve: the review desk for ledger {path} at {where}", file=sys.stderr)
    if is_local(args.host):
        print("attribution serve: listening on this machine only (pass --host 0.0.0.0 to share it; "
              "put it behind HTTPS when you do).", file=sys.stderr)
    else:
        print(f"attribution serve: WARNING: listening on {args.host}, reachable from other machines; "
              "serve it behind HTTPS (and pass --secure-cookies).", file=sys.stderr)
    if not users:
        print("attribution serve: no users yet; add one with: "
              "attribution users add NAME --role admin --password-stdin", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="the review desk in a browser (queue, claims, verdicts, publishing)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, "
                   "this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--ledger", metavar="PATH", help="ledger file (default: $ATTRIBUTION_LEDGER, "
                   "else ~/.local/share/attribution/ledger.sqlite)")
    p.add_argument("--secure-cookies", action="store_true", help="mark the session cookie Secure "
                   "(when the desk is served over HTTPS)")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level (default: warning)")
    p.set_defaults(func=_serve)
