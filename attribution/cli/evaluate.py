"""``attribution evaluate GOLD.jsonl [--pred PRED.jsonl]``: score against gold.

Runs extraction on the gold texts (or reads predictions) and prints quote P/R/F1,
speaker-span and speaker-name accuracy and end-to-end P/R/F1, overall and by gold kind,
with the protocol of ``../shared/eval/score.py`` (see :mod:`attribution.evaluate`).
"""
from __future__ import annotations

import argparse
import json
import sys

from tabulate import tabulate

from ..evaluate import (
    DEFAULT_THRESH,
    UNITS,
    calibration,
    error_report,
    evaluate,
    load_jsonl,
    normalise_doc,
    predict,
)
from ..model import CUE_CLASSES, KINDS
from .extract import Tally, add_batch_options, add_parser_options, parser_from_args, progress

PRECISION_NOTE = (
    "By kind K: recall over gold quotes of kind K; precision over the predictions that "
    "overlap a gold K quote or no gold quote at all."
)


def _comma_list(allowed: tuple[str, ...] | list[str], what: str):
    """An argparse type: a comma list whose every item is one of ``allowed``."""

    def parse(value: str) -> list[str]:
        items = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in items if v not in allowed]
        if bad or not items:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {', '.join(bad) or value!r}; give a comma list of {', '.join(allowed)}"
            )
        return items

    return parse


_kinds = _comma_list(KINDS, "kind")
_cue_classes = _comma_list(CUE_CLASSES, "cue class")


def _thresh(value: str) -> float:
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < t <= 1:
        raise argparse.ArgumentTypeError("give a share of the gold quote, above 0 and at most 1")
    return t


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate",
        help="score extraction against gold attributions",
        description="Score attributions against a gold JSONL file (one document a line: "
        "id, text, quotes with start, end, kind, speaker and speaker_name): quote P/R/F1, speaker-span and speaker-name accuracy, "
        "end-to-end P/R/F1, overall and by kind. Without --pred, extraction runs on the "
        "gold texts.",
        epilog=PRECISION_NOTE,
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold attributions, one document a line")
    p.add_argument("--pred", metavar="PRED.jsonl",
                   help="predictions to score instead of extracting: the output of "
                   "`attribution extract` or the gold format (start/end)")
    p.add_argument("--kinds", type=_kinds, metavar="KINDS",
                   help="comma list of gold kinds to score (direct,mixed,indirect); "
                   "predictions on other gold quotes are neither credit nor penalty")
    p.add_argument("--unit", choices=UNITS, default="statement",
                   help="statement (default): each attribution is a unit, as the Gender Gap "
                   "Tracker annotates; relation: attributions sharing a relation id (one "
                   "speaker's run) are merged first, as PolNeAR annotates")
    p.add_argument("--cue-classes", type=_cue_classes, metavar="CLASSES",
                   help="comma list of cue classes to score (speech,thought,decline); "
                   "`speech` scores speech only (the GGT convention); quotes with no cue "
                   "are always scored, quoted terms never")
    p.add_argument("--thresh", type=_thresh, default=DEFAULT_THRESH,
                   help=f"share of a gold quote a prediction must cover (default {DEFAULT_THRESH})")
    p.add_argument("--format", "-f", dest="fmt", choices=("table", "json"), default="table",
                   help="table (default) or json")
    p.add_argument("--errors", metavar="FILE",
                   help="write the misses, false positives and wrong speakers of each "
                   "document to FILE (JSONL)")
    add_parser_options(p)
    add_batch_options(p)
    p.set_defaults(func=run)


def _pct(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


def format_table(result: dict) -> str:
    """The scores as a readable table, with the counts above it."""
    kinds = ",".join(result["kinds"]) if result["kinds"] else "all"
    head = (
        f"documents: {result['docs']} (no prediction: {result['docs_missing']})   "
        f"gold quotes: {result['gold_quotes']}   predicted: {result['pred_quotes']}   "
        f"matched: {result['matched']}   kinds: {kinds}   thresh: {result['thresh']}   "
        f"unit: {result.get('unit', 'statement')}   cue classes: {','.join(result.get('cue_classes') or ['all'])}"
    )
    headers = ("scope", "gold", "pred", "match", "quote P", "quote R", "quote F1",
               "spk span", "spk name", "e2e P", "e2e R", "e2e F1")
    rows = []
    for scope, r in [("all", result), *result["by_kind"].items()]:
        rows.append([
            scope, r["gold_quotes"], r["pred_quotes"], r["matched"],
            _pct(r["quote_p"]), _pct(r["quote_r"]), _pct(r["quote_f1"]),
            _pct(r["speaker_span_acc"]), _pct(r["speaker_name_acc"]),
            _pct(r["e2e_p"]), _pct(r["e2e_r"]), _pct(r["e2e_f1"]),
        ])
    table = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    out = f"{head}\n\n{table}\n\nScores in %. {PRECISION_NOTE}"
    deciles = result.get("by_confidence") or []
    if len(deciles) > 1:
        crow = [[b["bin"], f"{b['min_confidence']:.2f}-{b['max_confidence']:.2f}", b["predictions"],
                 _pct(b["error_rate"])] for b in deciles]
        out += "\n\nErrors by confidence (lowest first):\n" + tabulate(
            crow, headers=("bin", "confidence", "predictions", "error %"), tablefmt="simple",
            disable_numparse=True)
    if result.get("ece") is not None:
        out += f"\n\nExpected calibration error: {result['ece']:.3f}"
    return out


def _rounded(d):
    if isinstance(d, float):
        return round(d, 4)
    if isinstance(d, dict):
        return {k: _rounded(v) for k, v in d.items()}
    return d


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    gold = load_jsonl(args.gold, role="gold")
    if not gold:
        print(f"attribution evaluate: error: {args.gold} holds no documents", file=err)
        return 1
    tally = None
    if args.pred:
        pred = load_jsonl(args.pred, role="prediction")
    else:
        missing_text = [d["id"] for d in gold if "text" not in d]
        if missing_text:
            print(
                f"attribution evaluate: error: {len(missing_text)} gold documents have no "
                f"\"text\" (first: {missing_text[0]}); give --pred with predictions instead",
                file=err,
            )
            return 1
        tally = Tally("evaluate", err)
        results = predict(gold, parser=parser_from_args(args), jobs=args.jobs)
        results = tally.count(progress(results, total=len(gold), enabled=not args.no_progress, err=err))
        pred = [normalise_doc(r) for r in results]
    conv = {"unit": args.unit, "cue_classes": args.cue_classes}
    result = evaluate(gold, pred, kinds=args.kinds, thresh=args.thresh, **conv)
    cal = calibration(gold, pred, thresh=args.thresh, **conv)
    result["by_confidence"], result["ece"] = cal["deciles"], cal["ece"]
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for entry in error_report(gold, pred, kinds=args.kinds, thresh=args.thresh, **conv):
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    if args.fmt == "json":
        print(json.dumps(_rounded(result)))
    else:
        print(format_table(result))
    if tally is not None:
        print(tally.summary(), file=err)
    return 0
