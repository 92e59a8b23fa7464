#!/usr/bin/env python3
"""Train the cue-candidate ranker (attribution/ranker.py) on PolNeAR train.

    .venv/bin/python scripts/train_ranker.py [--train ../shared/data/polnear/train.jsonl]
                                             [--cache .cache/train-parses.pkl]

Every lexicon cue in every frame is a candidate (``find_cues(..., candidates=True)``).
A candidate is positive when a gold attribution's content overlaps the candidate's
content by >= 30% of the gold content (the scoring protocol's threshold) and, where the
gold has a cue, the cue tokens overlap it.  Logistic regression on standardised
features; the threshold is the one with the best F1 on a held-out fifth of the
articles.  Writes attribution/resources/ranker.json.  Deterministic (fixed split and
solver); only train is read, never dev.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attribution.cues import find_cues  # noqa: E402
from attribution.document import DocState  # noqa: E402
from attribution.ranker import MODEL_PATH, feature_names, features, rate_key  # noqa: E402

SKIP_FRAMES = {"according", "label"}


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def candidates(doc, parse):
    """(CueMatch, features without rates, label, DocState) for every judged candidate."""
    d = DocState(parse)
    toks = d.toks
    golds = doc["quotes"]
    for m in find_cues(d.tree, d.in_quote, candidates=True):
        if not m.content or m.frame in SKIP_FRAMES:
            continue
        s, e = toks[m.content[0]].start_char, toks[m.content[-1]].end_char
        c0, c1 = toks[m.tokens[0]].start_char, toks[m.tokens[-1]].end_char
        y = 0
        for g in golds:
            glen = max(1, g["end"] - g["start"])
            if overlap(s, e, g["start"], g["end"]) / glen < 0.3:
                continue
            gc = g.get("cue")
            if gc and not overlap(c0, c1, gc["start"], gc["end"]):
                continue
            y = 1
            break
        yield m, y, d


def choose_threshold(clf, mean, scale, rates, held_docs):
    """The threshold with the best end-to-end F1 of the whole engine on held-out train
    articles (the scoring protocol), with the ranker trained without them."""
    import dataclasses

    import attribution.engine as engine
    from attribution.evaluate import evaluate
    from attribution.ranker import Ranker

    base = Ranker(tuple(feature_names()), tuple(float(w) for w in clf.coef_[0]), tuple(mean),
                  tuple(scale), 0.5, {k: tuple(v) for k, v in rates.items()})
    saved = engine.load_ranker
    best = (0.0, 0.5)
    try:
        for t in [x / 100 for x in range(20, 62, 3)]:
            ranker = dataclasses.replace(base, threshold=t)
            engine.load_ranker = lambda ranker=ranker: ranker
            preds = []
            for doc, parse in held_docs:
                quotes = [{"start": a.start_char, "end": a.end_char,
                           "speaker": a.speaker and {"start": a.speaker.start_char, "end": a.speaker.end_char},
                           "speaker_name": None}
                          for a in engine.attribute(parse) if a.is_claim]
                preds.append({"id": doc["id"], "quotes": quotes})
            golds = [{"id": d["id"], "text": d["text"], "quotes": d["quotes"]} for d, _ in held_docs]
            r = evaluate(golds, preds)
            score = (r["quote_f1"] + r["e2e_f1"]) / 2
            if score > best[0]:
                best = (score, t)
    finally:
        engine.load_ranker = saved
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(ROOT.parent / "shared/data/polnear/train.jsonl"))
    ap.add_argument("--cache", default=str(ROOT / ".cache/train-parses.pkl"))
    ap.add_argument("--out", default=str(MODEL_PATH))
    a = ap.parse_args(argv)
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    docs = [json.loads(line) for line in open(a.train, encoding="utf-8")]
    cache = Path(a.cache)
    if cache.exists():
        parses = pickle.loads(cache.read_bytes())
    else:
        from attribution.parse import get_parser

        parses = list(get_parser("spacy").pipe([d["text"] for d in docs]))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(parses))
    rows = []  # (fold, key, label, doc, cue)
    for n, (doc, parse) in enumerate(zip(docs, parses)):
        for m, y, d in candidates(doc, parse):
            rows.append((n % 5, rate_key(m), y, d, m))
    # lemma|frame rates: out of fold for training rows, from all of train for the model
    from collections import defaultdict

    def tally(select):
        t = defaultdict(lambda: [0.0, 0.0])
        for fold, key, y, _, _ in rows:
            if select(fold):
                t[key][0] += y
                t[key][1] += 1
        return t

    folds = {f: tally(lambda g, f=f: g != f) for f in range(5)}
    X = np.array([features(d.tree, m, d.in_quote, folds[fold]) for fold, _, _, d, m in rows], dtype=float)
    Y = np.array([y for _, _, y, _, _ in rows])
    G = np.array([fold for fold, _, _, _, _ in rows])
    full = tally(lambda g: True)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the constant column carries the intercept
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale

    def fit(rows):
        clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
        clf.fit(Z[rows], Y[rows])
        return clf

    held = G == 0
    clf = fit(~held)
    best = choose_threshold(clf, mean, scale, tally(lambda g: g != 0),
                            [(doc, parse) for n, (doc, parse) in enumerate(zip(docs, parses)) if n % 5 == 0])
    clf = fit(np.ones(len(Y), dtype=bool))
    out = {
        "version": 1,
        "source": "PolNeAR train, scripts/train_ranker.py",
        "candidates": int(len(Y)),
        "positives": int(Y.sum()),
        "heldout_quote_f1": round(best[0], 4),
        "threshold": round(best[1], 2),
        "features": feature_names(),
        "weights": [round(float(w), 6) for w in clf.coef_[0]],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "rates": {k: v for k, v in sorted(full.items()) if v[1] >= 3},
    }
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"candidates {len(Y)}, positives {int(Y.sum())}, threshold {best[1]:.2f} "
          f"(held-out train articles: mean of quote F1 and end-to-end F1 {best[0]:.3f})")


if __name__ == "__main__":
    main()
