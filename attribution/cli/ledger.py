"""Ledger commands: ``claims ...`` and ``export`` (``ingest``, ``speakers``, ``articles`` and
the corrections live in their own modules and share the helpers here).

A thin layer over :class:`attribution.ledger.Ledger`: parse options, call one method,
print a table or JSON.  The ledger file comes from ``--ledger``, ``ATTRIBUTION_LEDGER`` or
the per-user default; the acting reviewer from ``--actor`` or ``ATTRIBUTION_ACTOR``.
Reading commands open the ledger read-only (they never create, migrate or wait for it);
stored text is printed through :func:`attribution.ledger.safe_text.printable`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable
from typing import Any

from tabulate import tabulate

from ..errors import MissingActor
from ..ledger import EXPORT_FORMATS, STATUSES, Claim, ClaimFilter, Ledger, ledger_path
from ..ledger.export import claim_record
from ..ledger.records import SORT_KEYS
from ..ledger.review import MAX_NOTE_CHARS, conflicting
from ..ledger.safe_text import json_printable, printable
from ..model import KINDS
from .options import count_arg, page_arg, read_text, write_output

ENV_ACTOR = "ATTRIBUTION_ACTOR"
UNASSIGNED = "none"  # --assignee none lists the claims nobody is assigned to


# -- helpers ---------------------------------------------------------------------------
def _open(args: argparse.Namespace, *, readonly: bool = False) -> Ledger:
    return Ledger(ledger_path(args.ledger), readonly=readonly)


def _actor(args: argparse.Namespace) -> str:
    actor = (args.actor or os.environ.get(ENV_ACTOR) or "").strip()
    if not actor:
        raise MissingActor(
            f"Say who is acting: pass --actor NAME or set {ENV_ACTOR}=NAME. "
            "Every change is recorded with its actor."
        )
    return actor


def _json(data: Any) -> None:
    sys.stdout.write(json_printable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def _short(text: str | None, width: int) -> str:
    text = printable(" ".join((text or "").split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def _rating(c: Claim) -> str:
    if c.rating:
        return c.rating if c.rating_value is None else f"{c.rating} ({c.rating_value:g}/5)"
    linked = c.linked_verdict
    return f"{linked.rating} (via {linked.id})" if linked else ""


def _summary(c: Claim) -> str:
    parts = [c.id, c.status]
    if c.assignee:
        parts.append(f"assigned to {c.assignee}")
    if c.rating:
        parts.append(f"verdict: {_rating(c)}")
    if c.tags:
        parts.append("tags: " + ", ".join(c.tags))
    return printable("  ".join(parts))


def _with_ledger(
    action: Callable[[Ledger, argparse.Namespace], int | None], *, readonly: bool = False
) -> Callable[[argparse.Namespace], int]:
    """A command that opens the ledger (read-only for ``readonly`` commands) around ``action``."""

    def run(args: argparse.Namespace) -> int:
        with _open(args, readonly=readonly) as ledger:
            return int(action(ledger, args) or 0)

    return run


def _write(method: str, **fixed: Any) -> Callable[[argparse.Namespace], int]:
    """A command that calls one review method with the claim id, the actor and options."""

    def action(ledger: Ledger, args: argparse.Namespace) -> int:
        actor = _actor(args)
        options = {name: getattr(args, dest) for name, dest in fixed.items()}
        claim = getattr(ledger, method)(args.id, actor=actor, **options)
        print(_summary(claim))
        return 0

    return _with_ledger(action)


def _filter_from(args: argparse.Namespace) -> ClaimFilter:
    limit = args.limit if getattr(args, "limit", None) else None
    page = getattr(args, "page", 1)
    unassigned = args.assignee is not None and args.assignee.strip().casefold() == UNASSIGNED
    return ClaimFilter(
        status=args.status,
        speaker=args.speaker,
        article=args.article,
        outlet=args.outlet,
        kind=args.kind,
        anonymous=args.anonymous,
        assignee=None if unassigned else args.assignee,
        unassigned=unassigned,
        conflicts=args.conflicts,
        tag=args.tag,
        search=args.search,
        sort=getattr(args, "sort", "created"),
        descending=getattr(args, "desc", False),
        limit=limit,
        offset=(page - 1) * limit if limit else 0,
    )


def _has_filter(args: argparse.Namespace) -> bool:
    names = ("status", "speaker", "article", "outlet", "kind", "anonymous", "assignee", "tag", "search")
    return args.conflicts or any(getattr(args, n) is not None for n in names)


# -- commands --------------------------------------------------------------------------
def _list(ledger: Ledger, args: argparse.Namespace) -> int:
    f = _filter_from(args)
    claims = ledger.claims(f)
    if args.format == "json":
        _json([claim_record(c) for c in claims])
        return 0
    rows = [
        [c.id, c.status, _short(c.speaker, 24) or "—", c.kind, _short(c.text, 56), _short(c.article_id, 40),
         _short(c.assignee, 24), _short(_rating(c), 40)]
        for c in claims
    ]
    print(tabulate(rows, headers=["id", "status", "speaker", "kind", "claim", "article", "assignee", "verdict"]))
    total = ledger.count(f)
    if claims:
        print(f"\n{f.offset + 1}–{f.offset + len(claims)} of {total} claims")
    else:
        print(f"\nno claims on this page ({total} match)" if total else "\nno claims match")
    return 0


def _show(ledger: Ledger, args: argparse.Namespace) -> int:
    c = ledger.claim(args.id)
    context = ledger.context(c.id)
    notes = ledger.notes(c.id)
    conflicts = conflicting(c.rating, c.linked)
    if args.format == "json":
        _json({**c.to_dict(), "conflict_ids": [o.id for o in conflicts], "context": context.to_dict(), "notes": notes})
        return 0
    speaker = c.speaker or "unknown speaker"
    if c.speaker_mention and c.speaker_mention != speaker:
        speaker += f" (as “{c.speaker_mention}”)"
    lines = [
        f"Claim {c.id}  [{c.status}]",
        f"Speaker:   {speaker}, {c.speaker_type}" + (", anonymous" if c.anonymous else ""),
        f"Kind:      {c.kind}" + (f", cue “{c.cue}”" if c.cue else "") + f", confidence {c.confidence:.2f}",
        f"Article:   {c.article_id} v{c.version}"
        + "".join(f" · {x}" for x in (c.article_title, c.outlet, c.article_published) if x),
    ]
    if c.article_url:
        lines.append(f"           {c.article_url}")
    lines.append(f"Assignee:  {c.assignee or '—'}")
    if c.rating:
        lines.append(f"Verdict:   {_rating(c)} by {c.reviewer} at {c.verdict_at}" + (f"  {c.factcheck_url}" if c.factcheck_url else ""))
    if c.published_at:
        lines.append(f"Published: {c.published_at}" + (f", corrected {c.modified_at}" if c.modified_at else ""))
    if c.tags:
        lines.append("Tags:      " + ", ".join(c.tags))
    if c.withdrawn_in:
        lines.append(f"WITHDRAWN: version {c.withdrawn_in} of the article no longer has this claim")
    if c.origin != "extraction":
        lines.append("Origin:    added by a reviewer")
    registry_name = ledger.speaker(c.speaker_id)["name"] if c.speaker_id else None
    if registry_name and registry_name != c.speaker:
        lines.append(f"Registry:  {registry_name} ({c.speaker_id}; attribution speakers show {c.speaker_id} says why)")
    if context.relation_note:
        lines.append(f"Relation:  {context.relation_note}")
    for other in c.linked:
        verdict = f", verdict {other.rating}" if other.rating else ""
        lines.append(f"Repeated:  {other.id} in {other.article_id} [{other.status}{verdict}]")
    for other in conflicts:
        lines.append(f"CONFLICT:  rated {c.rating} here but {other.rating} on its repeat {other.id} in {other.article_id}")
    lines.append("")
    lines += textwrap.wrap(context.marked(), 88, initial_indent="  ", subsequent_indent="  ", replace_whitespace=True)
    if notes:
        lines += ["", "Notes:"] + [f"  {n['at']}  {n['actor']}: {n['text']}" for n in notes]
    print("\n".join(printable(line) for line in lines))
    return 0


def _history(ledger: Ledger, args: argparse.Namespace) -> int:
    events = ledger.history(args.id)
    if args.format == "json":
        _json([e.to_dict() for e in events])
        return 0
    rows = []
    for e in events:
        keys = sorted(set(e.before) | set(e.after))
        change = "; ".join(
            f"{k}: {_short(json.dumps(e.before.get(k), ensure_ascii=False), 30)} → "
            f"{_short(json.dumps(e.after.get(k), ensure_ascii=False), 30)}"
            if k in e.before
            else f"{k}: {_short(json.dumps(e.after.get(k), ensure_ascii=False), 40)}"
            for k in keys
        )
        rows.append([e.at, printable(e.actor), e.action, printable(change)])
    print(tabulate(rows, headers=["at (UTC)", "actor", "action", "change"]))
    return 0


def _note(ledger: Ledger, args: argparse.Namespace) -> int:
    text = read_text(sys.stdin, limit=MAX_NOTE_CHARS) if args.text == ["-"] else " ".join(args.text)
    print(_summary(ledger.note(args.id, text, actor=_actor(args))))
    return 0


def _assign(ledger: Ledger, args: argparse.Namespace) -> int:
    for claim in ledger.assign_many(args.ids, args.to, actor=_actor(args)):
        print(_summary(claim))
    return 0


def _tag(ledger: Ledger, args: argparse.Namespace) -> int:
    print(_summary(ledger.tag(args.id, *args.tags, actor=_actor(args), remove=args.remove)))
    return 0


def _export(ledger: Ledger, args: argparse.Namespace) -> int:
    if args.claim:
        text = ledger.export(args.format, ids=args.claim)
    elif _has_filter(args):
        text = ledger.export(args.format, _filter_from(args))
    else:
        text = ledger.export(args.format)
    if args.output and args.output != "-":
        write_output(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


# -- parsers ---------------------------------------------------------------------------
def _common(actor_help: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--ledger", metavar="PATH", help="ledger file or postgresql:// URL "
                   "(default: $ATTRIBUTION_LEDGER, else ~/.local/share/attribution/ledger.sqlite)")
    p.add_argument("--actor", metavar="NAME", help=actor_help)
    return p


def _listing(p: argparse.ArgumentParser, *, fmt: bool = True) -> None:
    if fmt:
        p.add_argument("--format", choices=("table", "json"), default="table", help="output (default: table)")


def _filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--status", choices=STATUSES)
    g.add_argument("--speaker", metavar="NAME", help="speaker id, or part of a name or alias")
    g.add_argument("--article", metavar="ID", help="article id or URL")
    g.add_argument("--outlet", metavar="NAME")
    g.add_argument("--kind", choices=KINDS)
    anon = g.add_mutually_exclusive_group()
    anon.add_argument("--anonymous", dest="anonymous", action="store_const", const=True, help="anonymous sources only")
    anon.add_argument("--named", dest="anonymous", action="store_const", const=False, help="named speakers only")
    g.add_argument("--assignee", metavar="NAME", help=f"assigned to NAME ('{UNASSIGNED}': to nobody)")
    g.add_argument("--conflicts", action="store_true",
                   help="only claims whose verdict differs from a linked repeat's")
    g.add_argument("--tag", metavar="TAG")
    g.add_argument("--search", metavar="WORDS", help="full-text search in the claim and its speaker")


def _paging(p: argparse.ArgumentParser, default_limit: int = 50) -> None:
    p.add_argument("--limit", type=count_arg, default=default_limit, help=f"rows a page, 0 for all (default {default_limit})")
    p.add_argument("--page", type=page_arg, default=1, help="page number, from 1")


def _parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The common options of reading commands and of writing ones (where the actor is required)."""
    return (
        _common("who is acting (default: $ATTRIBUTION_ACTOR)"),
        _common("who is acting (required; default: $ATTRIBUTION_ACTOR)"),
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, writer = _parents()

    claims = subparsers.add_parser("claims", help="find, review and publish claims")
    actions = claims.add_subparsers(dest="claims_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", parents=[reader], help="list claims (filtered, sorted, paginated)")
    _filters(p)
    p.add_argument("--sort", choices=SORT_KEYS, default="created")
    p.add_argument("--desc", action="store_true", help="reverse the order")
    _paging(p)
    _listing(p)
    p.set_defaults(func=_with_ledger(_list, readonly=True))

    for name, func, help_text in (
        ("show", _show, "one claim with the passage it was said in"),
        ("history", _history, "every change to a claim: who, when, before and after"),
    ):
        p = actions.add_parser(name, parents=[reader], help=help_text)
        p.add_argument("id", metavar="ID")
        _listing(p)
        p.set_defaults(func=_with_ledger(func, readonly=True))

    p = actions.add_parser("assign", parents=[writer], help="assign claims to a reviewer (all or none)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--to", required=True, metavar="NAME", help="the reviewer ('' to unassign)")
    p.set_defaults(func=_with_ledger(_assign))

    p = actions.add_parser("review", parents=[writer], help="start reviewing a claim (new → in_review)")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=_write("start_review"))

    p = actions.add_parser("verdict", parents=[writer], help="give a verdict (in_review → verdict_given)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--rating", required=True, metavar="TEXT", help="True, Mostly true, Half true, Misleading, Mostly false, False, Unverifiable, or your own")
    p.add_argument("--value", type=float, metavar="N",
                   help="numeric rating, 1 (False) to 5 (True); must agree with a standard rating")
    p.add_argument("--url", metavar="URL", help="the published fact-check (http or https)")
    p.set_defaults(func=_write("verdict", rating="rating", value="value", url="url"))

    p = actions.add_parser(
        "publish", parents=[writer], help="publish the verdict (verdict_given → published)",
        description="Publish a verdict as ClaimReview. It needs an http(s) fact-check URL (--url, or the "
        "one given with the verdict) and a publisher (attribution config set publisher.name NAME).",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--url", metavar="URL", help="the published fact-check (http or https)")
    p.set_defaults(func=_write("publish", url="url"))

    p = actions.add_parser("dismiss", parents=[writer], help="dismiss a non-claim")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", metavar="TEXT")
    p.set_defaults(func=_write("dismiss", reason="reason"))

    p = actions.add_parser("note", parents=[writer], help="add a note to a claim")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", nargs="+", metavar="TEXT", help="the note, or - to read it from standard input")
    p.set_defaults(func=_with_ledger(_note))

    p = actions.add_parser("tag", parents=[writer], help="tag a claim (or --remove tags)")
    p.add_argument("id", metavar="ID")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=_with_ledger(_tag))

    p = subparsers.add_parser(
        "export", parents=[reader], help="export claims as ClaimReview JSON-LD, CSV or JSONL",
        description="Export one claim (--claim), the claims a filter selects, or (by default) "
        "every published claim. ClaimReview holds published claims only, authored by the "
        "configured publisher.",
    )
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--claim", action="append", metavar="ID", help="export this claim (repeatable)")
    _filters(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=_with_ledger(_export, readonly=True))
