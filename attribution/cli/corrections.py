"""Reviewers correct the machine: ``claims correct``, ``claims add`` and ``corrections``.

``claims correct ID --speaker NAME [--start N --end N]`` fixes a claim's speaker or span;
``claims add ARTICLE --start N --end N --speaker NAME`` adds a claim the extraction missed;
``corrections`` writes every corrected article as training data in the shared gold JSONL
format.  The first two join the ``claims`` command that ``cli/ledger.py`` registers.
"""
from __future__ import annotations

import argparse
import sys

from ..ledger import Ledger
from ..ledger.corrections import to_jsonl
from ..model import KINDS, SPEAKER_TYPES
from .ledger import _actor, _parents, _summary, _with_ledger
from .options import write_output


def _offset(text: str) -> int:
    try:
        n = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a character offset (a whole number)") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; offsets count from 0")
    return n


def _correct(ledger: Ledger, args: argparse.Namespace) -> int:
    claim = ledger.correct(
        args.id, actor=_actor(args), speaker=args.speaker, speaker_type=args.speaker_type,
        start=args.start, end=args.end, speaker_start=args.speaker_start, speaker_end=args.speaker_end,
    )
    print(_summary(claim) + f"  speaker: {claim.speaker or '—'}  {claim.start_char}-{claim.end_char}")
    return 0


def _add(ledger: Ledger, args: argparse.Namespace) -> int:
    claim = ledger.add_claim(
        args.article, start=args.start, end=args.end, speaker=args.speaker, actor=_actor(args),
        speaker_type=args.speaker_type, kind=args.kind, speaker_start=args.speaker_start, speaker_end=args.speaker_end,
    )
    print(_summary(claim) + f"  speaker: {claim.speaker}  {claim.start_char}-{claim.end_char}")
    return 0


def _export(ledger: Ledger, args: argparse.Namespace) -> int:
    text = to_jsonl(ledger.corrections(args.article))
    if args.output and args.output != "-":
        write_output(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _claims_actions(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    claims = subparsers.choices["claims"]
    return next(a for a in claims._actions if isinstance(a, argparse._SubParsersAction))


def _speaker_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--speaker-type", choices=SPEAKER_TYPES, help="the speaker's type (default: person)")
    p.add_argument("--speaker-start", type=_offset, metavar="N", help="where the speaker's mention starts "
                   "(default: the name's occurrence nearest the claim)")
    p.add_argument("--speaker-end", type=_offset, metavar="N")


def register(subparsers: argparse._SubParsersAction) -> None:
    reader, writer = _parents()
    actions = _claims_actions(subparsers)

    p = actions.add_parser("correct", parents=[writer], help="correct a claim's speaker or span",
                           description="Correct what the extraction got wrong; the original stays in the history.")
    p.add_argument("id", metavar="ID")
    p.add_argument("--speaker", metavar="NAME", help="who said it (a name or speaker id)")
    p.add_argument("--start", type=_offset, metavar="N", help="where the statement starts (character offset)")
    p.add_argument("--end", type=_offset, metavar="N", help="where it ends")
    _speaker_options(p)
    p.set_defaults(func=_with_ledger(_correct))

    p = actions.add_parser("add", parents=[writer], help="add a claim the extraction missed",
                           description="Add a claim at START-END of the article's current text.")
    p.add_argument("article", metavar="ARTICLE", help="article id or URL")
    p.add_argument("--start", type=_offset, required=True, metavar="N")
    p.add_argument("--end", type=_offset, required=True, metavar="N")
    p.add_argument("--speaker", required=True, metavar="NAME", help="who said it (a name or speaker id)")
    p.add_argument("--kind", choices=KINDS, help="default: direct when in quotation marks, else indirect")
    _speaker_options(p)
    p.set_defaults(func=_with_ledger(_add))

    p = subparsers.add_parser(
        "corrections", parents=[reader], help="corrected articles as training data (gold JSONL)",
        description="Write every article reviewers corrected (a claim corrected, added or dismissed) as one "
        "line of the shared gold format: the text and its claims as reviewed.",
    )
    p.add_argument("--article", metavar="ID", help="only this article (id or URL)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=_with_ledger(_export, readonly=True))
