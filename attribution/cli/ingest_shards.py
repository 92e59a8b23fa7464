"""``attribution ingest --from DIR``: store the shards of ``extract --engine ray`` in the
ledger, a thin layer over :func:`attribution.ledger.shards.ingest_shards`."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from ..errors import UsageError
from ..ledger import Ledger
from ..ledger.shards import ingest_shards, parse_part


def add_shard_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("shards (from extract --engine ray)")
    g.add_argument("--from", dest="from_dir", metavar="DIR",
                   help="store the shards in DIR (written by `extract --engine ray "
                   "--include-text`), in batches; running it again adds nothing twice")
    g.add_argument("--part", metavar="K/N",
                   help="with --from: only every N-th shard from the K-th, so that N ingests "
                   "share the folder (with PostgreSQL, at the same time)")


def check_shard_options(args: argparse.Namespace) -> None:
    """FILE... or --from DIR, not both; --part only with --from."""
    if args.from_dir and args.files:
        raise UsageError("give FILE... or --from DIR, not both")
    if not args.from_dir and not args.files:
        raise UsageError("give the articles to ingest (FILE...) or --from DIR")
    if args.part and not args.from_dir:
        raise UsageError("--part splits the shards of --from DIR; give --from too")


def run_shards(ledger: Ledger, args: argparse.Namespace, actor: str, show: bool) -> int:
    for flag, given in (("--id", args.article_id), ("--reextract", args.reextract)):
        if given:
            raise UsageError(f"{flag} does not apply to --from: the shards are already extracted")
    part = parse_part(args.part) if args.part else (0, 1)
    outcomes: Counter[str] = Counter()
    claims = 0
    for result in ingest_shards(ledger, args.from_dir, actor=actor, part=part):
        outcomes[result.outcome] += 1
        claims += result.claims_added
        if result.outcome == "error":
            print(f"attribution ingest: {result.article_id}: {result.error}", file=sys.stderr)
        if show and sum(outcomes.values()) % 100 == 0:
            print(f"ingest: {sum(outcomes.values())} articles", file=sys.stderr, flush=True)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items())) or "nothing"
    print(f"{sum(outcomes.values())} articles from {args.from_dir}: {summary}; {claims} new claims")
    return 1 if outcomes["error"] else 0
