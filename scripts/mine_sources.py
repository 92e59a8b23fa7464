#!/usr/bin/env python3
"""Mine the source nouns: the common nouns that head a speaker in PolNeAR train
("the poll", "officials", "the campaign", "a spokesman"), with how often each does.

    .venv/bin/python scripts/mine_sources.py [--train ../shared/data/polnear/train.jsonl]
                                             [--cache .cache/train-parses.pkl]

The engine asks it of a cue whose content is a phrase ("allows the government to ...",
"recorded his first goal"): one whose subject is a common noun that no annotator ever
took for a speaker ("the victory", "such funds") reports an event, not a statement.
Names, pronouns and named entities are never judged by it.  Only train is read (dev is
the evaluation set).  Writes attribution/resources/sources.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_ranker import load_train  # noqa: E402

from attribution.sources import SOURCES_PATH  # noqa: E402


def speaker_heads(doc: dict, parse) -> list[str]:
    """The lemma of the common noun heading each gold speaker span of ``doc``."""
    out = []
    for q in doc["quotes"]:
        s = q.get("speaker")
        if not s:
            continue
        inside = [t for t in parse.tokens if t.start_char >= s["start"] and t.end_char <= s["end"]]
        ids = {t.i for t in inside}
        head = next((t for t in inside if t.head not in ids or t.head == t.i), None)
        if head is not None and head.upos == "NOUN":
            out.append(head.lemma.lower())
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(ROOT.parent / "shared/data/polnear/train.jsonl"))
    ap.add_argument("--cache", default=str(ROOT / ".cache/train-parses.pkl"))
    ap.add_argument("--out", default=str(SOURCES_PATH))
    a = ap.parse_args(argv)
    docs, parses = load_train(a.train, a.cache)
    counts = Counter(h for doc, parse in zip(docs, parses) for h in speaker_heads(doc, parse))
    out = {"source": "heads of gold speaker spans, PolNeAR train, scripts/mine_sources.py",
           "nouns": dict(sorted(counts.items()))}
    Path(a.out).write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(counts)} source nouns from {len(docs)} articles -> {a.out}")


if __name__ == "__main__":
    main()
