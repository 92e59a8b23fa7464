"""``attribution models stanza --dir DIR``: fetch the official Stanza models.

A thin layer over :func:`attribution.parse.stanza_models.download_official`: where the
network allows, stanza's own downloader fills DIR; where it does not, one coded line
says so and what to do instead.
"""
from __future__ import annotations

import argparse
import sys

from ..parse.stanza_models import DOWNLOAD_TIMEOUT, OFFICIAL_PROCESSORS, download_official


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError("give more than 0 seconds")
    return seconds


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "models",
        help="download official parser models",
        description="Download official models for a parser backend.",
    )
    which = p.add_subparsers(dest="backend", metavar="BACKEND", required=True)
    s = which.add_parser(
        "stanza",
        help="official Stanza models (stanza's own downloader)",
        description="Download the official Stanza models the stanza backend parses with "
        f"({OFFICIAL_PROCESSORS}) into DIR; then parse with --parser stanza --model-dir DIR.",
    )
    s.add_argument("--dir", required=True, metavar="DIR", help="where to put the models")
    s.add_argument("--lang", default="en", help="language (default en)")
    s.add_argument("--processors", default=OFFICIAL_PROCESSORS, metavar="LIST",
                   help=f"comma-separated processors (default {OFFICIAL_PROCESSORS})")
    s.add_argument("--timeout", type=_seconds, default=DOWNLOAD_TIMEOUT, metavar="SECONDS",
                   help=f"give up on a connection after this long (default {DOWNLOAD_TIMEOUT:g})")
    s.add_argument("--resources-url", metavar="URL",
                   help="a mirror of stanza's resources json (default: stanza's own)")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = download_official(args.dir, lang=args.lang, processors=args.processors,
                               timeout=args.timeout, resources_url=args.resources_url)
    print(f"Stanza models in {target}; parse with: attribution extract --parser stanza "
          f"--model-dir {target} FILE...", file=sys.stderr)
    return 0
