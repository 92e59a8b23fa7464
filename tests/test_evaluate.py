"""The evaluator: the protocol on small hand-made cases, and agreement with the reference
scorer ``../shared/eval/score.py`` (run as a subprocess) on the same gold and predictions."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from attribution.errors import GoldFormatError
from attribution.evaluate import error_report, evaluate, load_jsonl, norm_name, same_name
from attribution.model import Attribution, DocResult, Extraction, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev.jsonl"
SEED_GOLD = SHARED / "acceptance" / "seed-gold.jsonl"
needs_shared = pytest.mark.skipif(
    not (SCORE_PY.exists() and POLNEAR_DEV.exists()),
    reason=f"the shared scorer and PolNeAR data are not at {SHARED}",
)


def q(start, end, kind="direct", speaker=None, name=None):
    d = {"start": start, "end": end, "text": "", "kind": kind, "speaker": None, "speaker_name": name}
    if speaker:
        d["speaker"] = {"start": speaker[0], "end": speaker[1], "text": "x"}
    return d


def doc(doc_id, *quotes):
    return {"id": doc_id, "quotes": list(quotes)}


# --------------------------------------------------------------------------- protocol


def test_a_prediction_must_cover_30_percent_of_the_gold_quote():
    gold = [doc("a", q(0, 100))]
    assert evaluate(gold, [doc("a", q(70, 200))])["matched"] == 1  # 30 of 100
    assert evaluate(gold, [doc("a", q(71, 200))])["matched"] == 0  # 29 of 100
    assert evaluate(gold, [doc("a", q(71, 200))], thresh=0.25)["matched"] == 1


def test_matching_is_one_to_one_largest_overlap_first():
    gold = [doc("a", q(0, 10), q(10, 20))]
    pred = [doc("a", q(0, 20), q(12, 20))]
    r = evaluate(gold, pred)
    # The long prediction overlaps both gold quotes by 10; ties go to the later gold
    # quote, so it takes (10, 20); the short one then has nothing left.
    assert (r["matched"], r["quote_p"], r["quote_r"]) == (1, 0.5, 0.5)
    errors = error_report(gold, pred)
    assert [m["start"] for m in errors[0]["misses"]] == [0]
    assert [p["start"] for p in errors[0]["false_positives"]] == [12]


def test_precision_recall_and_f1():
    gold = [doc("a", q(0, 10), q(20, 30), q(40, 50), q(60, 70))]
    pred = [doc("a", q(0, 10), q(20, 30), q(80, 90))]
    r = evaluate(gold, pred)
    assert r["quote_p"] == pytest.approx(2 / 3)
    assert r["quote_r"] == pytest.approx(0.5)
    assert r["quote_f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


@pytest.mark.parametrize(
    "pred_name, gold_name, same",
    [
        ("Ana Torres", "Ana Torres", True),
        ("Mayor Torres", "Ana Torres", True),  # same last word
        ("Mr. Torres", "Torres", True),  # titles dropped
        ("torres", "Ana Torres", True),
        ("Ana Lee", "Ana Torres", False),
        ("Ana", "Ana Torres", False),
        (None, "Ana Torres", False),
        ("Torres", ["Lee", "Ana Torres"], True),  # joint: any one counts
        (["Lee", "Torres"], "Ana Torres", True),
        ("The President", "President", True),
    ],
)
def test_name_agreement(pred_name, gold_name, same):
    assert same_name(pred_name, gold_name) is same


def test_norm_name_drops_punctuation_and_titles():
    assert norm_name("Dr. Jane O'Neil-Smith, Jr.") == ["jane", "o'neil-smith", "jr"]


def test_speaker_span_and_name_accuracy_and_end_to_end():
    gold = [doc("a",
                q(0, 10, speaker=(20, 25), name="Ana Torres"),  # judged by name
                q(30, 40, speaker=(50, 55)),                    # judged by span
                q(60, 70))]                                     # unattributed
    pred = [doc("a",
                q(0, 10, speaker=(90, 95), name="Torres"),  # name right, span wrong
                q(30, 40, speaker=(52, 60)),                # span right
                q(60, 70, speaker=(75, 80)))]               # invents a speaker
    r = evaluate(gold, pred)
    assert r["speaker_span_acc"] == pytest.approx(1 / 2)
    assert r["speaker_name_acc"] == 1.0
    assert r["e2e_p"] == r["e2e_r"] == pytest.approx(2 / 3)
    wrong = error_report(gold, pred)[0]["wrong_speaker"]
    assert [w["gold"]["start"] for w in wrong] == [60]


def test_a_prediction_without_a_name_is_judged_by_its_mention_text():
    gold = [doc("a", q(0, 10, name="Ana Torres"))]
    pred = [{"id": "a", "quotes": [{**q(0, 10), "speaker": {"start": 20, "end": 26, "text": "Torres"}}]}]
    assert evaluate(gold, pred)["speaker_name_acc"] == 1.0


def test_kinds_filter_drops_other_gold_and_predictions_only_on_them():
    gold = [doc("a", q(0, 10, "direct"), q(20, 30, "indirect"))]
    pred = [doc("a", q(0, 10), q(20, 30), q(50, 60))]
    r = evaluate(gold, pred, kinds="direct")
    # the prediction on the indirect quote is dropped; the one on nothing stays.
    assert (r["gold_quotes"], r["pred_quotes"], r["matched"]) == (1, 2, 1)
    assert r["kinds"] == ["direct"]


def test_by_kind_recall_is_over_gold_of_that_kind():
    gold = [doc("a", q(0, 10, "direct"), q(20, 30, "indirect"), q(40, 50, "indirect"))]
    pred = [doc("a", q(0, 10), q(20, 30), q(80, 90))]
    r = evaluate(gold, pred)
    assert set(r["by_kind"]) == {"direct", "indirect"}
    assert r["by_kind"]["direct"]["quote_r"] == 1.0
    assert r["by_kind"]["indirect"]["quote_r"] == 0.5
    # precision by kind K: predictions on a gold K quote or on none
    assert r["by_kind"]["direct"]["pred_quotes"] == 2
    assert r["by_kind"]["indirect"]["pred_quotes"] == 2


def test_missing_documents_count_as_no_quotes_and_extra_ones_are_ignored():
    gold = [doc("a", q(0, 10)), doc("b", q(0, 10))]
    pred = [doc("a", q(0, 10)), doc("zzz", q(0, 10))]
    r = evaluate(gold, pred)
    assert (r["docs"], r["docs_missing"], r["pred_quotes"], r["quote_r"]) == (2, 1, 1, 0.5)
    assert error_report(gold, pred)[0]["no_prediction"] is True


def test_predictions_in_our_output_format_score_the_same():
    gold = [doc("a", q(0, 10, speaker=(20, 25), name="Torres"))]
    ours = [{"id": "a", "quotes": [{"start_char": 0, "end_char": 10, "text": "", "kind": "direct",
                                    "speaker": {"start_char": 20, "end_char": 25, "text": "Torres"},
                                    "speaker_name": "Torres"}]}]
    assert evaluate(gold, ours) == evaluate(gold, [doc("a", q(0, 10, speaker=(20, 25), name="Torres"))])


def test_extractions_and_doc_results_are_accepted_as_predictions():
    text = "“Yes,” said Ana Torres."
    a = Attribution(0, 6, "“Yes,”", "direct", speaker=Span(12, 22, "Ana Torres"), speaker_names=["Ana Torres"])
    gold = [doc("a", q(0, 6, speaker=(12, 22), name="Ana Torres"))]
    for pred in ([Extraction(text=text, attributions=[a], id="a")],
                 [DocResult("a", extraction=Extraction(text=text, attributions=[a]))]):
        r = evaluate(gold, pred)
        assert (r["quote_f1"], r["speaker_name_acc"], r["e2e_f1"]) == (1.0, 1.0, 1.0)


def test_a_failed_document_counts_as_predicting_nothing():
    gold = [doc("a", q(0, 10))]
    r = evaluate(gold, [DocResult("a", error="boom")])
    assert (r["docs_missing"], r["pred_quotes"], r["quote_r"]) == (0, 0, 0.0)


def test_gold_without_offsets_is_a_format_error(tmp_path):
    with pytest.raises(GoldFormatError, match="no 'start'"):
        evaluate([{"id": "a", "quotes": [{"end": 3}]}], [])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "quotes": []}\nnot json\n')
    with pytest.raises(GoldFormatError, match=r"bad.jsonl:2: not valid JSON"):
        load_jsonl(bad)


# --------------------------------------------------------------------------- agreement


def _perturb(gold_docs: list[dict], seed: int) -> list[dict]:
    """Predictions made from gold by deterministic random damage: misses, shifted and
    truncated spans (around the threshold), split quotes, wrong/absent/joint speakers,
    titled names, spurious quotes, missing documents and documents not in gold."""
    rng = random.Random(seed)
    out = []
    for d in gold_docs:
        if rng.random() < 0.05:
            continue  # no prediction for this document
        n = len(d["text"])
        quotes = []
        for g in d["quotes"]:
            r = rng.random()
            if r < 0.12:
                continue
            s, e = g["start"], g["end"]
            length = max(1, e - s)
            if r < 0.3:
                s = max(0, s + rng.randint(-length, length) // 2)
                e = min(n, max(s + 1, e + rng.randint(-length, length) // 2))
            elif r < 0.4:
                e = s + max(1, int(length * rng.uniform(0.25, 0.35)))
            elif r < 0.45:
                mid = s + length // 2
                quotes.append({"start": s, "end": mid, "text": "", "kind": g.get("kind")})
                s = mid
            p = {"start": s, "end": e, "text": d["text"][s:e], "kind": rng.choice(["direct", "mixed", "indirect"])}
            gs = g.get("speaker")
            r = rng.random()
            if gs and r < 0.55:
                p["speaker"] = dict(gs)
            elif gs and r < 0.7:
                shift = rng.randint(-30, 30)
                p["speaker"] = {"start": max(0, gs["start"] + shift), "end": max(1, gs["end"] + shift), "text": "x"}
            elif r < 0.8:
                a = rng.randrange(n)
                p["speaker"] = {"start": a, "end": min(n, a + 8), "text": d["text"][a:a + 8]}
            else:
                p["speaker"] = None
            name = g.get("speaker_name")
            r = rng.random()
            if r < 0.4:
                p["speaker_name"] = name
            elif r < 0.55 and isinstance(name, str):
                p["speaker_name"] = "Mr. " + name.split()[-1]
            elif r < 0.65:
                p["speaker_name"] = ["Somebody Else", name if isinstance(name, str) else "Nobody"]
            elif r < 0.75:
                p["speaker_name"] = "Jane Q. Public"
            else:
                p["speaker_name"] = None
            quotes.append(p)
        for _ in range(rng.randint(0, 3)):
            a = rng.randrange(max(1, n - 50))
            quotes.append({"start": a, "end": a + rng.randint(5, 50), "text": "", "kind": "direct",
                           "speaker": None, "speaker_name": None})
        rng.shuffle(quotes)
        out.append({"id": d["id"], "quotes": quotes})
    out.append({"id": "not-in-gold", "quotes": [{"start": 0, "end": 5, "speaker": None}]})
    return out


def _as_our_format(docs: list[dict]) -> list[dict]:
    def span(s):
        return None if s is None else {"start_char": s["start"], "end_char": s["end"], "text": s.get("text", "")}

    out = []
    for d in docs:
        qs = []
        for p in d["quotes"]:
            o = {k: v for k, v in p.items() if k not in ("start", "end", "speaker")}
            qs.append({**o, "start_char": p["start"], "end_char": p["end"], "speaker": span(p.get("speaker"))})
        out.append({"id": d["id"], "quotes": qs})
    return out


def _write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _reference(gold: Path, pred: Path, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(SCORE_PY), str(gold), str(pred), *args],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def _ours(gold: Path, pred: Path, *args: str) -> dict:
    import contextlib
    import io

    from attribution.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["evaluate", str(gold), "--pred", str(pred), "--format", "json", *args]) == 0
    return json.loads(buf.getvalue())


def _same_numbers(reference: dict, ours: dict) -> None:
    assert {k: ours[k] for k in reference} == reference


@pytest.fixture(scope="module")
def dev_gold() -> list[dict]:
    return [json.loads(line) for line in POLNEAR_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


ARGS = [(), ("--kinds", "direct,mixed"), ("--thresh", "0.5"), ("--kinds", "mixed,indirect", "--thresh", "0.1")]


@needs_shared
def test_agrees_with_the_reference_scorer_on_perturbed_polnear_dev(tmp_path, dev_gold):
    gold = POLNEAR_DEV
    pred_docs = _perturb(dev_gold, seed=1)
    pred = _write_jsonl(tmp_path / "pred.jsonl", pred_docs)
    ours_fmt = _write_jsonl(tmp_path / "pred-ours.jsonl", _as_our_format(pred_docs))
    for n, args in enumerate(ARGS):
        reference = _reference(gold, pred, *args)
        assert reference["pred_quotes"] > 0 and 0 < reference["quote_f1"] < 1  # a real test
        _same_numbers(reference, _ours(gold, pred, *args))
        if n < 2:  # our own output format (start_char/end_char) reads the same
            _same_numbers(reference, _ours(gold, ours_fmt, *args))


@needs_shared
def test_by_kind_scores_are_the_reference_scorer_with_that_kind(tmp_path, dev_gold):
    """Also checks --kinds with a single kind, since by_kind[K] is that protocol."""
    pred = _write_jsonl(tmp_path / "pred.jsonl", _perturb(dev_gold, seed=2))
    ours = _ours(POLNEAR_DEV, pred)
    assert set(ours["by_kind"]) == {"direct", "mixed", "indirect"}
    for kind, scores in ours["by_kind"].items():
        _same_numbers(_reference(POLNEAR_DEV, pred, "--kinds", kind), scores)


@needs_shared
def test_gold_against_itself_scores_perfectly(dev_gold):
    r = evaluate(dev_gold, dev_gold)
    assert (r["quote_f1"], r["e2e_f1"], r["speaker_span_acc"]) == (1.0, 1.0, 1.0)


ADAPT_PY = SHARED / "eval" / "adapt.py"
#: adapt.py's conventions and the evaluate options that read our output the same way
CONVENTIONS = {"all": (), "polnear": ("--unit", "relation"), "ggt": ("--cue-classes", "speech")}


def _adapted(raw: Path, convention: str, out: Path) -> Path:
    with raw.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        subprocess.run([sys.executable, str(ADAPT_PY), "--convention", convention],
                       stdin=fin, stdout=fout, check=True)
    return out


@needs_shared
def test_agrees_with_the_reference_scorer_on_our_own_predictions(tmp_path, dev_gold):
    """Extract with the real engine (the seed article and a few PolNeAR dev articles),
    write our output format, turn it into each convention with adapt.py and score it with
    score.py; evaluate --unit/--cue-classes on our raw output gives the same numbers."""
    from attribution.batch import extract_batch
    from attribution.formats import write_results
    from attribution.model import Document

    gold_docs = dev_gold[:3]
    if SEED_GOLD.exists():
        gold_docs = [json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])] + gold_docs
    gold = _write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    ours_path = tmp_path / "ours.jsonl"
    with ours_path.open("w", encoding="utf-8") as fh:
        write_results(extract_batch(Document(d["id"], d["text"]) for d in gold_docs), fh, "jsonl")
    ours_docs = [json.loads(line) for line in ours_path.read_text(encoding="utf-8").splitlines()]
    assert any(q.get("relation") is not None for d in ours_docs for q in d["quotes"])  # a real test
    for convention, options in CONVENTIONS.items():
        ref_pred = _adapted(ours_path, convention, tmp_path / f"adapted-{convention}.jsonl")
        for args in [(), ("--kinds", "direct,mixed")]:
            _same_numbers(_reference(gold, ref_pred, *args), _ours(gold, ours_path, *options, *args))


def test_relation_unit_merges_a_run_before_scoring():
    gold = [doc("a", q(0, 50, speaker=(60, 65)))]
    run = [{**q(0, 20, speaker=(60, 65)), "relation": 1}, {**q(25, 50, speaker=(60, 65)), "relation": 1}]
    by_statement = evaluate(gold, [doc("a", *run)])
    by_relation = evaluate(gold, [doc("a", *run)], unit="relation")
    assert (by_statement["pred_quotes"], by_statement["quote_p"]) == (2, 0.5)
    assert (by_relation["pred_quotes"], by_relation["quote_p"], by_relation["e2e_f1"]) == (1, 1.0, 1.0)


def test_speech_only_drops_thoughts_and_declines_but_keeps_quotes_without_cue():
    gold = [doc("a", q(0, 10))]
    pred = [doc("a", q(0, 10),
                {**q(20, 30), "cue": {"cue_class": "thought"}},
                {**q(40, 50), "cue": {"cue_class": "decline"}},
                {**q(60, 70), "cue": {"cue_class": "speech"}})]
    assert evaluate(gold, pred)["pred_quotes"] == 4
    assert evaluate(gold, pred, cue_classes=["speech"])["pred_quotes"] == 2


def test_terms_are_never_scored():
    gold = [doc("a", q(0, 10))]
    pred = [doc("a", q(0, 10), {**q(20, 30), "kind": "term"})]
    assert evaluate(gold, pred)["pred_quotes"] == 1


def test_expected_calibration_error():
    from attribution.evaluate import calibration

    gold = [doc("a", q(0, 10), q(20, 30))]
    right = [{**q(0, 10), "confidence": 0.95}, {**q(20, 30), "confidence": 0.95}]
    assert calibration(gold, [doc("a", *right)])["ece"] == pytest.approx(0.05)
    wrong = [{**q(100, 110), "confidence": 0.95}]
    assert calibration(gold, [doc("a", *wrong)])["ece"] == pytest.approx(0.95)


def test_confidence_deciles_put_errors_at_the_bottom():
    from attribution.evaluate import confidence_deciles

    gold = [{"id": "d", "quotes": [{"start": 0, "end": 10, "speaker": {"start": 20, "end": 25}},
                                   {"start": 30, "end": 40, "speaker": {"start": 50, "end": 55}}]}]
    pred = [{"id": "d", "quotes": [
        {"start": 0, "end": 10, "speaker": {"start": 20, "end": 25}, "confidence": 0.9},  # right
        {"start": 30, "end": 40, "speaker": {"start": 0, "end": 2}, "confidence": 0.5},  # wrong speaker
        {"start": 60, "end": 70, "speaker": None, "confidence": 0.1},  # no gold quote
        {"start": 80, "end": 90, "speaker": None},  # no confidence: left out
    ]}]
    bins = confidence_deciles(gold, pred, bins=3)
    assert [b["predictions"] for b in bins] == [1, 1, 1]
    assert [b["error_rate"] for b in bins] == [1.0, 1.0, 0.0]
    assert bins[0]["max_confidence"] == 0.1


def test_non_claims_are_neither_credit_nor_penalty_when_scoring_speech():
    gold = [{"id": "d", "quotes": [{"start": 0, "end": 10, "speaker": None}]}]
    decline = {"start": 40, "end": 60, "speaker": None, "cue": {"cue_class": "decline"}}
    pred = [{"id": "d", "quotes": [{"start": 0, "end": 10, "speaker": None}, decline]}]
    r = evaluate(gold, pred, cue_classes="speech")
    assert r["pred_quotes"] == 1 and r["quote_p"] == 1.0


def test_cli_reads_by_relation_and_speech_only_and_prints_the_calibration_error(tmp_path, capsys):
    from attribution.cli import main

    gold = _write_jsonl(tmp_path / "gold.jsonl", [doc("a", q(0, 50, speaker=(60, 65)))])
    run = [{**q(0, 20, speaker=(60, 65)), "relation": 1, "confidence": 0.9},
           {**q(25, 50, speaker=(60, 65)), "relation": 1, "confidence": 0.9},
           {**q(70, 80), "confidence": 0.2, "cue": {"cue_class": "thought"}}]
    pred = _write_jsonl(tmp_path / "pred.jsonl", [doc("a", *run)])
    assert main(["evaluate", str(gold), "--pred", str(pred), "--unit", "relation",
                 "--cue-classes", "speech", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert (r["unit"], r["cue_classes"], r["pred_quotes"], r["quote_p"]) == ("relation", ["speech"], 1, 1.0)
    assert r["ece"] == pytest.approx(0.1)
    assert main(["evaluate", str(gold), "--pred", str(pred), "--unit", "relation"]) == 0
    out = capsys.readouterr().out
    assert "unit: relation" in out and "Expected calibration error" in out


def test_cli_refuses_an_unknown_cue_class(tmp_path, capsys):
    from attribution.cli import main

    gold = _write_jsonl(tmp_path / "gold.jsonl", [doc("a", q(0, 10))])
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", str(gold), "--pred", str(gold), "--cue-classes", "gossip"])
    assert exc.value.code != 0
    assert "unknown cue class 'gossip'" in capsys.readouterr().err
