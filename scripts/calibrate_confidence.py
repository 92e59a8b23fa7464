#!/usr/bin/env python3
"""Measure how often attributions are right end to end, by how they were tied to their
cue and how well their speaker is known: the table ``CALIBRATED`` in
attribution/engine.py.

    .venv/bin/python scripts/calibrate_confidence.py --train-cache PARSES.pkl \\
        [--transfer ../shared/data/ggt/dev.jsonl --transfer-cache PARSES.pkl]

Calibrated on articles the ranker's thresholds were not chosen on where it can be: the
PolNeAR train articles of the publishers ``scripts/train_ranker.py`` holds out (scored by
relation, every cue class: PolNeAR's convention) and, with ``--transfer``, the GGT dev
articles (each statement a unit, speech only).  Each set counts alike: a cell (with
MIN_CELL attributions or more in all) gets the mean of the sets' rates, each shrunk toward
the pooled rate by PRIOR attributions.  Prints the table as Python to paste into the
engine.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import attribution.engine as engine  # noqa: E402
from attribution.evaluate import _match, _pair_speaker, normalise_doc  # noqa: E402

MIN_CELL = 20  # attributions a cell needs (both sets together) to get a rate of its own
PRIOR = 10  # a set's rate in a cell counts as if PRIOR more attributions had the pooled rate
MAX_TRAIN_DOCS = 200


def _recorded(parse):
    """The attributions of one parse, each with the (link, speaker state) of its confidence."""
    calls = []
    real = engine.confidence

    def record(how, state, precision, scale=1.0):
        link = f"indirect:{engine._band(precision)}" if how == "indirect" else how
        calls.append((link, state))
        return float(len(calls) - 1)

    engine.confidence = record
    try:
        atts = engine.attribute(parse)
    finally:
        engine.confidence = real
    return [(a, calls[int(a.confidence)]) for a in atts]


def _outcomes(gold, parse, unit, speech_only):
    """(cell, right end to end) for each scored attribution of one article."""
    recorded = _recorded(parse)
    kept = [(a, cell) for a, cell in recorded if a.kind != "term"
            and not (speech_only and a.cue is not None and a.cue.cue_class in ("thought", "decline"))]
    units, members = [], []
    by_relation = {}
    for a, cell in kept:
        if unit == "relation" and a.relation is not None and a.relation in by_relation:
            u = by_relation[a.relation]
            units[u]["start"], units[u]["end"] = min(units[u]["start"], a.start_char), max(units[u]["end"], a.end_char)
            members[u].append(cell)
            continue
        q = normalise_doc({"id": "x", "quotes": [a.to_dict()]})["quotes"][0]
        if a.relation is not None:
            by_relation[a.relation] = len(units)
        units.append(q)
        members.append([cell])
    gq = normalise_doc(gold)["quotes"]
    right = {j: _pair_speaker(gq[i], units[j])[2] for i, j in _match(gq, units, 0.3)}
    return [(cell, right.get(j, False)) for j, cells in enumerate(members) for cell in cells]


def main(argv=None):
    from train_ranker import publisher_folds

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(ROOT.parent / "shared/data/polnear/train.jsonl"))
    ap.add_argument("--train-cache", required=True, help="pickled parses of --train (train_ranker's cache)")
    ap.add_argument("--transfer")
    ap.add_argument("--transfer-cache")
    a = ap.parse_args(argv)
    docs = [json.loads(line) for line in open(a.train, encoding="utf-8")]
    parses = pickle.loads(Path(a.train_cache).read_bytes())
    folds = publisher_folds(docs)
    held = [(d, p) for d, p, f in zip(docs, parses, folds) if f == 0][:MAX_TRAIN_DOCS]
    tallies = {"polnear": defaultdict(lambda: [0, 0])}
    for d, p in held:
        for cell, ok in _outcomes(d, p, "relation", False):
            tallies["polnear"][cell][0] += ok
            tallies["polnear"][cell][1] += 1
    if a.transfer:
        golds = [json.loads(line) for line in open(a.transfer, encoding="utf-8") if line.strip()]
        tparses = pickle.loads(Path(a.transfer_cache).read_bytes())
        tallies["transfer"] = defaultdict(lambda: [0, 0])
        for d, p in zip(golds, tparses):
            for cell, ok in _outcomes(d, p, "statement", True):
                tallies["transfer"][cell][0] += ok
                tallies["transfer"][cell][1] += 1
    cells = sorted({c for t in tallies.values() for c in t})
    table = {}
    for cell in cells:
        seen = sum(t[cell][1] for t in tallies.values())
        if seen < MIN_CELL:
            continue
        pooled = sum(t[cell][0] for t in tallies.values()) / seen
        # each set's rate, shrunk toward the pooled rate as far as it saw little
        rates = [(t[cell][0] + PRIOR * pooled) / (t[cell][1] + PRIOR) for t in tallies.values() if t[cell][1]]
        table[cell] = round(sum(rates) / len(rates), 2)
        counts = {name: tuple(t[cell]) for name, t in tallies.items()}
        print(f"# {cell}: right/seen {counts} -> {table.get(cell)}", file=sys.stderr)
    print("CALIBRATED: dict[tuple[str, str], float] = {")
    for cell, rate in table.items():
        print(f"    {cell!r}: {rate},")
    print("}")


if __name__ == "__main__":
    main()
