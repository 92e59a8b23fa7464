"""``attribution speakers``: the speakers registry.

``speakers`` lists canonical speakers (an anonymous source with the article it is from);
``speakers show ID`` tells its aliases and why each is one, and the speakers merged into
it; ``merge KEEP OTHER``, ``split ID`` and ``rename ID NAME`` are reviewers' corrections,
each recorded with its actor and reason and each reversible.
"""
from __future__ import annotations

import argparse
from typing import Any

from tabulate import tabulate

from ..ledger import Ledger
from .ledger import _actor, _json, _listing, _paging, _parents, _short, _with_ledger


def _list(ledger: Ledger, args: argparse.Namespace) -> int:
    found = ledger.speakers(
        search=args.search, anonymous=args.anonymous, sort=args.sort, limit=args.limit or None,
        offset=(args.page - 1) * args.limit if args.limit else 0,
    )
    if args.format == "json":
        _json([s.to_dict() for s in found])
        return 0
    rows = [
        [s.id, _short(s.label, 48), s.type, "yes" if s.anonymous else "", s.claims, s.articles,
         _short(", ".join(s.aliases), 40)]
        for s in found
    ]
    print(tabulate(rows, headers=["id", "name", "type", "anonymous", "claims", "articles", "aliases"]))
    return 0


def _print_details(d: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        _json(d)
        return
    where = f" (in {d['article_id']})" if d.get("article_id") else ""
    lines = [f"Speaker {d['id']}  {_short(d['name'], 60)}{where}, {d['type']}, {d['claims']} claims"]
    if d.get("merged_into"):
        lines.append(f"Merged into {d['merged_into']} (undo with: attribution speakers split {d['id']})")
    for a in d["aliases"]:
        lines.append(f"  alias  {_short(a['alias'], 40):<40}  {_short(a['reason'], 70)}")
    for m in d["merged"]:
        names = ", ".join([m["name"], *m["aliases"]])
        lines.append(f"  merged {m['id']}  {_short(names, 40)}  {_short(m['reason'], 70)}")
    if d["history"]:
        lines.append("History:")
        for e in d["history"]:
            what = e.get("reason") or (f"{e.get('before')} → {e.get('after')}" if "after" in e else "")
            lines.append(f"  {e['at'][:19]}  {_short(e['actor'], 20)}  {e['action']}  {_short(what, 70)}")
    print("\n".join(lines))


def _show(ledger: Ledger, args: argparse.Namespace) -> int:
    _print_details(ledger.speaker(args.id), args.format)
    return 0


def _merge(ledger: Ledger, args: argparse.Namespace) -> int:
    _print_details(ledger.merge_speakers(args.keep, args.other, actor=_actor(args), reason=args.reason), args.format)
    return 0


def _split(ledger: Ledger, args: argparse.Namespace) -> int:
    _print_details(ledger.split_speaker(args.id, actor=_actor(args), reason=args.reason), args.format)
    return 0


def _rename(ledger: Ledger, args: argparse.Namespace) -> int:
    _print_details(ledger.rename_speaker(args.id, " ".join(args.name), actor=_actor(args)), args.format)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, writer = _parents()
    p = subparsers.add_parser(
        "speakers", parents=[reader], help="the speakers registry: list, show, merge, split, rename",
        description="List the speakers (one per person across articles), or show, merge, split or rename one.",
    )
    p.add_argument("--search", metavar="NAME", help="part of a name or alias")
    anon = p.add_mutually_exclusive_group()
    anon.add_argument("--anonymous", dest="anonymous", action="store_const", const=True)
    anon.add_argument("--named", dest="anonymous", action="store_const", const=False)
    p.add_argument("--sort", choices=("claims", "name"), default="claims")
    _paging(p)
    _listing(p)
    p.set_defaults(func=_with_ledger(_list, readonly=True))
    actions = p.add_subparsers(dest="speakers_command", metavar="ACTION")

    s = actions.add_parser("show", parents=[reader], help="a speaker's aliases and merges, and why")
    s.add_argument("id", metavar="ID", help="speaker id, or a name or alias")
    _listing(s)
    s.set_defaults(func=_with_ledger(_show, readonly=True))

    s = actions.add_parser("merge", parents=[writer], help="merge OTHER into KEEP: one person")
    s.add_argument("keep", metavar="KEEP")
    s.add_argument("other", metavar="OTHER")
    s.add_argument("--reason", metavar="TEXT", help="why they are one person (kept with the merge)")
    _listing(s)
    s.set_defaults(func=_with_ledger(_merge))

    s = actions.add_parser("split", parents=[writer], help="undo a merge: ID is its own speaker again")
    s.add_argument("id", metavar="ID", help="the speaker that was merged into another")
    s.add_argument("--reason", metavar="TEXT")
    _listing(s)
    s.set_defaults(func=_with_ledger(_split))

    s = actions.add_parser("rename", parents=[writer], help="give a speaker another name (the old one stays an alias)")
    s.add_argument("id", metavar="ID")
    s.add_argument("name", nargs="+", metavar="NAME")
    _listing(s)
    s.set_defaults(func=_with_ledger(_rename))
