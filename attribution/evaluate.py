"""Scoring predicted attributions against gold, with the project's reference protocol.

This is a re-implementation of ``../shared/eval/score.py`` (after the Gender Gap Tracker
evaluation) and gives the same numbers on the same files (``tests/test_evaluate.py``
runs both):

* a predicted quote matches a gold quote when their character overlap covers at least
  ``thresh`` (0.3) of the gold quote; matching is one-to-one, largest overlap first
  (ties: later gold quote, then later prediction, first);
* quote precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
* speaker-span accuracy, over matched pairs whose gold quote has a speaker span: the
  predicted speaker span overlaps it;
* speaker-name accuracy, over matched pairs whose gold quote has a ``speaker_name``: the
  names agree after normalisation (lower case, punctuation and the titles Mr, Mrs, Ms, Dr,
  Sir, Prof and "the" dropped): equal, or the same last word.  A prediction without a name
  is compared through its speaker mention's text.  Gold may list joint speakers: naming any
  one of them counts; a predicted list counts when any of its names does;
* end-to-end: a matched pair is right when the speaker is right by name where gold has a
  name, else by span where gold has a span, else when the prediction has no speaker
  either; precision and recall divide the right pairs by predicted and gold quotes;
* ``kinds``: gold quotes of other kinds are dropped, and so are predictions that overlap
  a dropped gold quote but no kept one (finding them is neither credit nor penalty);
* non-claims (a cue of class ``decline``, "declined to comment") are recorded for
  reviewers; ``cue_classes=["speech"]`` leaves them (and thoughts) out of scoring, as the
  GGT convention does; without ``cue_classes`` every prediction is scored, exactly as
  ``adapt.py --convention all|polnear`` hands them to ``score.py``;
* ``unit="relation"``: predictions that share a ``relation`` id (one speaker's run,
  "“A,” she said. “B.”") are merged into one, spanning them all, before scoring -- the
  unit PolNeAR annotates; ``unit="statement"`` (the default) scores each as it stands,
  the unit of the Gender Gap Tracker's annotation;
* ``cue_classes``: predictions whose cue has another class are dropped (those with no
  cue are kept): ``["speech"]`` scores speech only, the GGT convention; predictions of
  kind ``term`` (quoted terms, not claims) are never scored.  This is what
  ``../shared/eval/adapt.py`` does (``--convention polnear`` / ``ggt``);
* a gold document with no prediction counts as predicted with no quotes
  (``docs_missing``); predictions for documents not in gold are ignored.  Documents are
  keyed by id; when an id repeats, the last line wins.

Scores by kind (``by_kind``) are the same protocol run with ``kinds=[K]``: recall is over
gold quotes of kind K; precision is over the predictions that overlap a gold quote of kind
K or no gold quote at all, so a false positive that overlaps nothing counts against every
kind's precision.  The predicted ``kind`` is not used for scoring.

Predictions may be in the gold format (``start``/``end``) or in the format
``attribution extract`` writes (``start_char``/``end_char``); both are accepted for gold
too.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import GoldFormatError
from .model import KINDS, TERM_KIND, DocResult, Extraction

__all__ = [
    "DEFAULT_THRESH",
    "METRICS",
    "evaluate",
    "error_report",
    "load_jsonl",
    "normalise_doc",
    "norm_name",
    "same_name",
    "predict",
    "confidence_deciles",
    "calibration",
    "UNITS",
]

DEFAULT_THRESH = 0.3
#: How predictions are counted: each statement, or merged by relation id.
UNITS = ("statement", "relation")
#: Calibration bins: equal-width confidence intervals for the expected calibration error.
ECE_BINS = 10
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "the", "prof"})
#: the keys of one score, in the order score.py prints them (``matched`` added)
METRICS = (
    "docs", "docs_missing", "gold_quotes", "pred_quotes", "matched", "quote_p", "quote_r",
    "quote_f1", "speaker_span_acc", "speaker_name_acc", "e2e_p", "e2e_r", "e2e_f1",
)


# --------------------------------------------------------------------------- reading


def _pos(d: Mapping[str, Any], short: str, where: str) -> int:
    value = d.get(short, d.get(f"{short}_char"))
    if value is None:
        raise GoldFormatError(
            f"{where}: a span has no {short!r} (or {short + '_char'!r}) offset; spans need "
            "start/end or start_char/end_char"
        )
    try:
        return int(value)
    except (TypeError, ValueError):
        raise GoldFormatError(f"{where}: offset {short}={value!r} is not an integer") from None


def _span(d: Any, where: str) -> dict[str, Any] | None:
    if not d:
        return None
    if not isinstance(d, Mapping):
        raise GoldFormatError(f"{where}: a speaker must be an object with start/end, not {d!r}")
    return {"start": _pos(d, "start", where), "end": _pos(d, "end", where), "text": d.get("text", "")}


def _quote(q: Any, where: str) -> dict[str, Any]:
    if not isinstance(q, Mapping):
        raise GoldFormatError(f"{where}: each quote must be a JSON object")
    return {
        "start": _pos(q, "start", where),
        "end": _pos(q, "end", where),
        "text": q.get("text", ""),
        "kind": q.get("kind"),
        "speaker": _span(q.get("speaker"), where),
        "speaker_name": q.get("speaker_name"),
        "confidence": q.get("confidence"),
        "relation": q.get("relation"),
        "cue_class": _cue_class(q),
    }


def _cue_class(q: Mapping[str, Any]) -> str | None:
    cue = q.get("cue")
    if isinstance(cue, Mapping) and cue.get("cue_class"):
        return str(cue["cue_class"])
    return q.get("cue_class")


def normalise_doc(doc: Any, where: str = "document") -> dict[str, Any]:
    """A document in the scorer's shape, ``{"id", "text"?, "quotes": [{"start", "end",
    "text", "kind", "speaker": {"start", "end", "text"} | None, "speaker_name"}]}``, from a
    gold/prediction dict (either offset naming), an :class:`Extraction` or a
    :class:`DocResult`.

    Raises:
        GoldFormatError: the document has no id or a quote lacks offsets.
    """
    if isinstance(doc, DocResult):
        d = {"id": doc.id, "quotes": doc.extraction.to_dict()["quotes"] if doc.extraction else []}
        if doc.error:
            d["error"] = doc.error
        doc = d
    elif isinstance(doc, Extraction):
        doc = {**doc.to_dict(), "text": doc.text}
    if not isinstance(doc, Mapping):
        raise GoldFormatError(f"{where}: expected a JSON object, got {type(doc).__name__}")
    if doc.get("id") is None:
        raise GoldFormatError(f"{where}: the document has no \"id\"")
    quotes = doc.get("quotes") or []
    if not isinstance(quotes, list):
        raise GoldFormatError(f"{where}: \"quotes\" must be a list")
    out = {"id": str(doc["id"]), "quotes": [_quote(q, where) for q in quotes]}
    if isinstance(doc.get("text"), str):
        out["text"] = doc["text"]
    if doc.get("error"):
        out["error"] = doc["error"]
    return out


def _keyed(docs: Mapping[str, Any] | Iterable[Any], role: str) -> dict[str, dict]:
    items = docs.values() if isinstance(docs, Mapping) else docs
    out: dict[str, dict] = {}
    for n, d in enumerate(items, 1):
        nd = normalise_doc(d, f"{role} document {n}")
        out[nd["id"]] = nd
    return out


def load_jsonl(path: str | Path, *, role: str = "gold") -> list[dict[str, Any]]:
    """The documents of a gold or prediction JSONL file (blank lines skipped).

    Raises:
        GoldFormatError: the file cannot be read or a line is not a JSON object with an id.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise GoldFormatError(f"cannot read {role} file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise GoldFormatError(
            f"{role} file {path} is not UTF-8 (byte offset {exc.start}); convert it to UTF-8"
        ) from None
    docs = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(
                f"{path}:{number}: not valid JSON ({exc.msg}); {role} files hold one JSON "
                "object a line"
            ) from None
        docs.append(normalise_doc(d, f"{path}:{number}"))
    return docs


# --------------------------------------------------------------------------- protocol


def _overlap(a: Mapping[str, int], b: Mapping[str, int]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def norm_name(s: Any) -> list[str]:
    """Lower-cased words of a name without punctuation and titles."""
    if not s:
        return []
    s = re.sub(r"[^\w\s'-]", " ", s.lower())
    return [t for t in s.split() if t not in _TITLES]


def same_name(p: Any, g: Any) -> bool:
    """Names agree: equal after :func:`norm_name` or the same last word; lists (joint
    speakers) agree when any member does."""
    if isinstance(g, list):
        return any(same_name(p, one) for one in g)
    if isinstance(p, list):
        return any(same_name(one, g) for one in p)
    p, g = norm_name(p), norm_name(g)
    if not p or not g:
        return False
    return p == g or p[-1] == g[-1]


def _match(gold_qs: list[dict], pred_qs: list[dict], thresh: float) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold_qs):
        glen = max(1, g["end"] - g["start"])
        for j, p in enumerate(pred_qs):
            ov = _overlap(g, p)
            if ov and ov / glen >= thresh:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _prf(tp: int, n_p: int, n_g: int) -> tuple[float, float, float]:
    p = tp / n_p if n_p else 0.0
    r = tp / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _filter_kinds(gold: dict[str, dict], pred: dict[str, dict], keep: set[str]) -> tuple[dict, dict]:
    new_gold, new_pred = {}, dict(pred)
    for doc_id, d in gold.items():
        kept = [q for q in d["quotes"] if q.get("kind") in keep]
        other = [q for q in d["quotes"] if q.get("kind") not in keep]
        new_gold[doc_id] = {**d, "quotes": kept}
        if doc_id in pred:
            new_pred[doc_id] = {
                **pred[doc_id],
                "quotes": [
                    p for p in pred[doc_id]["quotes"]
                    if any(_overlap(p, q) for q in kept) or not any(_overlap(p, q) for q in other)
                ],
            }
    return new_gold, new_pred


def _pair_speaker(g: dict, p: dict) -> tuple[bool, bool, bool]:
    """(span right, name right, end-to-end right) for a matched pair."""
    gs, ps = g.get("speaker"), p.get("speaker")
    span_ok = bool(gs and ps and _overlap(gs, ps) > 0)
    name_ok = same_name(p.get("speaker_name") or (ps or {}).get("text"), g.get("speaker_name"))
    if g.get("speaker_name"):
        e2e = name_ok
    elif gs:
        e2e = span_ok
    else:
        e2e = not ps
    return span_ok, name_ok, e2e


def _score(gold: dict[str, dict], pred: dict[str, dict], thresh: float, details: list | None = None) -> dict[str, Any]:
    n_g = n_p = m = 0
    span_ok = span_n = name_ok = name_n = e2e = 0
    missing = 0
    for doc_id, gd in gold.items():
        pd = pred.get(doc_id)
        if pd is None:
            missing += 1
            pd = {"quotes": []}
        gq, pq = gd["quotes"], pd.get("quotes", [])
        n_g += len(gq)
        n_p += len(pq)
        pairs = _match(gq, pq, thresh)
        wrong = []
        for i, j in pairs:
            m += 1
            g, p = gq[i], pq[j]
            s_ok, n_ok, e_ok = _pair_speaker(g, p)
            if g.get("speaker"):
                span_n += 1
                span_ok += s_ok
            if g.get("speaker_name"):
                name_n += 1
                name_ok += n_ok
            e2e += e_ok
            if not e_ok:
                wrong.append({"gold": _public(g), "pred": _public(p)})
        if details is not None:
            matched_g = {i for i, _ in pairs}
            matched_p = {j for _, j in pairs}
            misses = [_public(q) for i, q in enumerate(gq) if i not in matched_g]
            false_pos = [_public(q) for j, q in enumerate(pq) if j not in matched_p]
            if misses or false_pos or wrong or doc_id not in pred:
                entry = {"id": doc_id, "misses": misses, "false_positives": false_pos, "wrong_speaker": wrong}
                if doc_id not in pred:
                    entry["no_prediction"] = True
                if pred.get(doc_id, {}).get("error"):
                    entry["error"] = pred[doc_id]["error"]
                details.append(entry)
    qp, qr, qf = _prf(m, n_p, n_g)
    ep, er, ef = _prf(e2e, n_p, n_g)
    return {
        "docs": len(gold), "docs_missing": missing, "gold_quotes": n_g, "pred_quotes": n_p,
        "matched": m, "quote_p": qp, "quote_r": qr, "quote_f1": qf,
        "speaker_span_acc": span_ok / span_n if span_n else None,
        "speaker_name_acc": name_ok / name_n if name_n else None,
        "e2e_p": ep, "e2e_r": er, "e2e_f1": ef,
    }


def _public(q: dict) -> dict[str, Any]:
    """A quote in the gold JSONL shape, for error listings."""
    out = {"start": q["start"], "end": q["end"], "text": q.get("text", ""), "kind": q.get("kind")}
    out["speaker"] = q.get("speaker")
    out["speaker_name"] = q.get("speaker_name")
    return out


def _units(quotes: list[dict], unit: str, cue_classes: set[str] | None) -> list[dict]:
    """The predictions as scored units: terms dropped, other cue classes dropped, and
    with ``unit="relation"`` the statements of one relation merged into the first."""
    out: list[dict] = []
    by_relation: dict[Any, dict] = {}
    for q in quotes:
        if q.get("kind") == TERM_KIND:
            continue
        if cue_classes is not None and q.get("cue_class") is not None and q["cue_class"] not in cue_classes:
            continue
        rel = q.get("relation")
        if unit == "relation" and rel is not None:
            first = by_relation.get(rel)
            if first is not None:
                first["start"], first["end"] = min(first["start"], q["start"]), max(first["end"], q["end"])
                continue
            q = dict(q)
            by_relation[rel] = q
        out.append(q)
    return out


def _prepare(gold_docs, pred_docs, kinds, unit: str = "statement",
             cue_classes: Iterable[str] | str | None = None) -> tuple[dict, dict, list[str] | None]:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if isinstance(cue_classes, str):
        cue_classes = [c for c in cue_classes.split(",") if c]
    classes = set(cue_classes) if cue_classes else None
    gold = _keyed(gold_docs, "gold")
    pred = {k: {**d, "quotes": _units(d["quotes"], unit, classes)} for k, d in _keyed(pred_docs, "prediction").items()}
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",") if k]
    kinds = list(kinds) if kinds else None
    if kinds:
        gold, pred = _filter_kinds(gold, pred, set(kinds))
    return gold, pred, kinds


def evaluate(
    gold_docs: Mapping[str, Any] | Iterable[Any],
    pred_docs: Mapping[str, Any] | Iterable[Any],
    *,
    kinds: Iterable[str] | str | None = None,
    thresh: float = DEFAULT_THRESH,
    unit: str = "statement",
    cue_classes: Iterable[str] | str | None = None,
) -> dict[str, Any]:
    """Score predictions against gold (see the module docstring for the protocol).

    Args:
        gold_docs: gold documents (dicts in the JSONL format of ``../shared/data``), as a
            list or a mapping by id.
        pred_docs: predicted documents: dicts in either offset naming, :class:`Extraction`
            or :class:`DocResult` objects.
        kinds: gold kinds to keep (``["direct", "mixed"]`` or ``"direct,mixed"``).
        thresh: share of a gold quote's characters a prediction must cover to match it.
        unit: ``statement`` or ``relation`` (merge predictions sharing a relation id).
        cue_classes: cue classes to score (``["speech"]``); None scores every class.

    Returns:
        ``{"docs", "docs_missing", "gold_quotes", "pred_quotes", "matched", "quote_p",
        "quote_r", "quote_f1", "speaker_span_acc", "speaker_name_acc", "e2e_p", "e2e_r",
        "e2e_f1", "thresh", "kinds", "by_kind": {kind: {same scores}}}``; an accuracy is
        None when nothing was there to judge.

    Raises:
        GoldFormatError: a document is not in either JSONL format.
    """
    gold, pred, kinds = _prepare(gold_docs, pred_docs, kinds, unit, cue_classes)
    result = _score(gold, pred, thresh)
    result["thresh"] = thresh
    result["kinds"] = kinds
    result["unit"] = unit
    result["cue_classes"] = sorted(set(cue_classes.split(",") if isinstance(cue_classes, str) else cue_classes)) \
        if cue_classes else None
    present = {q.get("kind") for d in gold.values() for q in d["quotes"]}
    by_kind = {}
    for kind in [k for k in KINDS if k in present] + sorted(k for k in present if k not in KINDS and k):
        kg, kp = _filter_kinds(gold, pred, {kind})
        by_kind[kind] = _score(kg, kp, thresh)
    result["by_kind"] = by_kind
    return result


def error_report(
    gold_docs: Mapping[str, Any] | Iterable[Any],
    pred_docs: Mapping[str, Any] | Iterable[Any],
    *,
    kinds: Iterable[str] | str | None = None,
    thresh: float = DEFAULT_THRESH,
    unit: str = "statement",
    cue_classes: Iterable[str] | str | None = None,
) -> list[dict[str, Any]]:
    """Per document, what went wrong: ``{"id", "misses": [gold quotes not found],
    "false_positives": [predictions matching no gold quote], "wrong_speaker": [{"gold",
    "pred"}]}`` (quotes in the gold format), for documents with at least one problem."""
    gold, pred, _ = _prepare(gold_docs, pred_docs, kinds, unit, cue_classes)
    details: list[dict] = []
    _score(gold, pred, thresh, details)
    return details


def _confidence_rows(gold: dict, pred: dict, thresh: float) -> list[tuple[float, bool]]:
    """(confidence, right end to end) for every prediction with a confidence, lowest first."""
    rows = []
    for doc_id, pd in pred.items():
        gq = gold.get(doc_id, {"quotes": []})["quotes"]
        pq = pd.get("quotes", [])
        right = {j: _pair_speaker(gq[i], pq[j])[2] for i, j in _match(gq, pq, thresh)}
        rows += [(float(q["confidence"]), right.get(j, False)) for j, q in enumerate(pq)
                 if q.get("confidence") is not None]
    rows.sort(key=lambda r: r[0])
    return rows


def _deciles(rows: list[tuple[float, bool]], bins: int) -> list[dict[str, Any]]:
    out = []
    for b in range(bins):
        part = rows[b * len(rows) // bins:(b + 1) * len(rows) // bins]
        if part:
            out.append({"bin": b + 1, "min_confidence": part[0][0], "max_confidence": part[-1][0],
                        "predictions": len(part),
                        "error_rate": 1 - sum(ok for _, ok in part) / len(part)})
    return out


def _ece(rows: list[tuple[float, bool]], bins: int = ECE_BINS) -> float | None:
    """Expected calibration error: over equal-width confidence bins, the gap between the
    mean confidence and the share right, weighted by the bin's share of predictions."""
    if not rows:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        part = [r for r in rows if lo <= r[0] < hi or (b == bins - 1 and r[0] >= hi)]
        if part:
            conf = sum(c for c, _ in part) / len(part)
            acc = sum(ok for _, ok in part) / len(part)
            total += len(part) / len(rows) * abs(conf - acc)
    return total


def confidence_deciles(
    gold_docs: Mapping[str, Any] | Iterable[Any],
    pred_docs: Mapping[str, Any] | Iterable[Any],
    *,
    thresh: float = DEFAULT_THRESH,
    bins: int = 10,
    unit: str = "statement",
    cue_classes: Iterable[str] | str | None = None,
) -> list[dict[str, Any]]:
    """Error rate of the predictions by confidence, lowest first: does the confidence
    sort real errors to the bottom?  A prediction is an error when it matches no gold
    quote or its speaker is wrong (the end-to-end rule).  Predictions without a
    confidence are left out.

    Returns:
        one ``{"bin", "min_confidence", "max_confidence", "predictions", "error_rate"}``
        per bin of (nearly) equal size.
    """
    gold, pred, _ = _prepare(gold_docs, pred_docs, None, unit, cue_classes)
    return _deciles(_confidence_rows(gold, pred, thresh), bins)


def calibration(
    gold_docs: Mapping[str, Any] | Iterable[Any],
    pred_docs: Mapping[str, Any] | Iterable[Any],
    *,
    thresh: float = DEFAULT_THRESH,
    unit: str = "statement",
    cue_classes: Iterable[str] | str | None = None,
) -> dict[str, Any]:
    """How far confidence can be read as the chance of being right end to end:
    ``{"deciles": confidence_deciles(...), "ece": expected calibration error over
    ECE_BINS equal-width bins (None without confidences)}``."""
    gold, pred, _ = _prepare(gold_docs, pred_docs, None, unit, cue_classes)
    rows = _confidence_rows(gold, pred, thresh)
    return {"deciles": _deciles(rows, 10), "ece": _ece(rows)}


# --------------------------------------------------------------------------- predicting


def predict(
    gold_docs: Iterable[Mapping[str, Any]],
    *,
    parser=None,
    jobs: int = 1,
) -> Iterator[DocResult]:
    """Run extraction on the text of each gold document, in order (one
    :class:`DocResult` each; a document without text gets an error)."""
    from .batch import extract_batch
    from .model import Document

    docs = []
    for d in gold_docs:
        text = d.get("text")
        if isinstance(text, str):
            docs.append(Document(str(d["id"]), text))
        else:
            docs.append(Document(str(d["id"]), error="the gold document has no \"text\" to extract from"))
    return extract_batch(docs, parser=parser, jobs=jobs)
