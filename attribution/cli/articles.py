"""``attribution articles``: the articles in the ledger, their versions and what each
version changed (claims added, kept, withdrawn, restored; lines of text)."""
from __future__ import annotations

import argparse

from tabulate import tabulate

from ..ledger import Ledger
from .ledger import _json, _listing, _paging, _parents, _short, _with_ledger


def _list(ledger: Ledger, args: argparse.Namespace) -> int:
    limit = args.limit or None
    found = ledger.articles(limit=limit, offset=(args.page - 1) * limit if limit else 0)
    if args.format == "json":
        _json([a.to_dict() for a in found])
        return 0
    rows = [
        [_short(a.id, 40), a.versions, a.claims, a.withdrawn or "", _short(a.title or a.url, 48), a.updated_at[:19]]
        for a in found
    ]
    print(tabulate(rows, headers=["article", "versions", "claims", "withdrawn", "title", "updated (UTC)"]))
    return 0


def _show(ledger: Ledger, args: argparse.Namespace) -> int:
    summary, versions = ledger.article(args.id)
    if args.format == "json":
        _json({**summary.to_dict(), "history": [v.to_dict() for v in versions]})
        return 0
    lines = [f"Article {_short(summary.id, 80)}  ({summary.versions} versions, {summary.claims} claims"
             + (f", {summary.withdrawn} withdrawn)" if summary.withdrawn else ")")]
    for x in (summary.title, summary.outlet, summary.url):
        if x:
            lines.append("  " + _short(x, 100))
    for v in versions:
        lines.append("")
        source = f" from {_short(v.source, 60)}" if v.source else ""
        lines.append(f"Version {v.version}  {v.ingested_at[:19]} by {_short(v.ingested_by, 30)}{source}, {v.chars} characters")
        for label, ids in (("new", v.added), ("kept", v.kept), ("withdrawn", v.withdrawn), ("restored", v.restored)):
            if ids:
                lines.append(f"  {label + ':':<10} {len(ids)}  " + _short(" ".join(ids), 78))
        lines += ["  " + _short(change, 100) for change in v.text_changes]
    print("\n".join(lines))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, _ = _parents()
    p = subparsers.add_parser(
        "articles", parents=[reader], help="list articles with their versions and claims",
        description="List the ledger's articles, or show one article's versions and what each changed.",
    )
    _paging(p)
    _listing(p)
    p.set_defaults(func=_with_ledger(_list, readonly=True))
    actions = p.add_subparsers(dest="articles_command", metavar="ACTION")
    s = actions.add_parser("show", parents=[reader], help="an article's versions and what each changed")
    s.add_argument("id", metavar="ARTICLE", help="article id or URL")
    _listing(s)
    s.set_defaults(func=_with_ledger(_show, readonly=True))
