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
from attribution.engine import _Doc  # noqa: E402
from attribution.ranker import MODEL_PATH, feature_names, features  # noqa: E402

SKIP_FRAMES = {"according", "label"}


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def candidates(doc, parse):
    d = _Doc(parse)
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
        yield features(d.tree, m, d.in_quote), y


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
    X, Y, G = [], [], []
    for n, (doc, parse) in enumerate(zip(docs, parses)):
        for x, y in candidates(doc, parse):
            X.append(x)
            Y.append(y)
            G.append(n % 5)
    X, Y, G = np.array(X, dtype=float), np.array(Y), np.array(G)
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
    p = clf.predict_proba(Z[held])[:, 1]
    best = (0.0, 0.5)
    for t in np.arange(0.2, 0.8, 0.02):
        pred = p >= t
        tp = float((pred & (Y[held] == 1)).sum())
        prec = tp / max(1, pred.sum())
        rec = tp / max(1, (Y[held] == 1).sum())
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[0]:
            best = (f1, float(t))
    clf = fit(np.ones(len(Y), dtype=bool))
    out = {
        "version": 1,
        "source": "PolNeAR train, scripts/train_ranker.py",
        "candidates": int(len(Y)),
        "positives": int(Y.sum()),
        "heldout_f1": round(best[0], 4),
        "threshold": round(best[1], 2),
        "features": feature_names(),
        "weights": [round(float(w), 6) for w in clf.coef_[0]],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
    }
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"candidates {len(Y)}, positives {int(Y.sum())}, held-out F1 {best[0]:.3f} at {best[1]:.2f}")


if __name__ == "__main__":
    main()
