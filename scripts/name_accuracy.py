#!/usr/bin/env python3
"""Speaker-name accuracy on a gold set broken down by the kind of gold speaker.

    name_accuracy.py GOLD.jsonl PRED.jsonl [--errors]

PRED is in the scorer's format (``../shared/eval/adapt.py`` output).  Quotes are matched
as ``attribution evaluate`` and ``../shared/eval/score.py`` match them; among matched gold
quotes with a ``speaker_name``, the name is judged right as they judge it.  Categories:

* ``pronoun``: the gold speaker span is a personal pronoun (``speaker_pronoun``);
* ``floating``: no gold speaker span (a quote that continues someone's speech);
* ``description``: a speaker span whose own words do not give the name ("the mayor" for
  Doug McCallum, "the report" for the body behind it);
* ``name``: every other speaker span (a name or a surname).

``--errors`` lists the wrong names (speaker mention and names only, never article text).
Reads no article text and writes nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from attribution.evaluate import _match, same_name  # noqa: E402  (the project's own protocol)

THRESH = 0.3  # the share of a gold quote a prediction must cover, as in score.py
CATEGORIES = ("pronoun", "floating", "description", "name")


def category(q: dict) -> str:
    sp = q.get("speaker")
    if sp is None:
        return "floating"
    if q.get("speaker_pronoun"):
        return "pronoun"
    return "name" if same_name(sp.get("text"), q.get("speaker_name")) else "description"


def breakdown(gold: list[dict], pred: dict[str, dict]) -> tuple[Counter, Counter, list]:
    right, seen, errors = Counter(), Counter(), []
    for gd in gold:
        pq = pred.get(gd["id"], {}).get("quotes", [])
        gq = gd["quotes"]
        for i, j in _match(gq, pq, THRESH):
            g, p = gq[i], pq[j]
            if not g.get("speaker_name"):
                continue
            cat = category(g)
            ok = same_name(p.get("speaker_name") or (p.get("speaker") or {}).get("text"), g["speaker_name"])
            for key in (cat, "all"):
                seen[key] += 1
                right[key] += ok
            if not ok:
                errors.append((gd["id"], cat, (g.get("speaker") or {}).get("text"), g["speaker_name"],
                               (p.get("speaker") or {}).get("text"), p.get("speaker_name")))
    return right, seen, errors


def _jsonl(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--errors", action="store_true", help="list the wrong names")
    a = ap.parse_args()
    gold = _jsonl(a.gold)
    pred = {d["id"]: d for d in _jsonl(a.pred)}
    right, seen, errors = breakdown(gold, pred)
    for key in ("all", *CATEGORIES):
        n = seen[key]
        print(f"{key:12} {right[key]:4d} / {n:4d}  {right[key] / n if n else float('nan'):.3f}")
    if a.errors:
        for row in errors:
            print("\t".join(str(x) for x in row))


if __name__ == "__main__":
    main()
