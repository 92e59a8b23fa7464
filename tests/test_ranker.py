"""The cue ranker's weights file: loaded when it matches the features, refused loudly
(a coded error that says what to do) when it does not, skipped when absent."""
from __future__ import annotations

import json

import pytest

from attribution.errors import RankerMismatch
from attribution.ranker import MODEL_PATH, feature_names, load_ranker


def _shipped() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def test_the_shipped_ranker_matches_its_features():
    ranker = load_ranker()
    assert ranker is not None
    assert list(ranker.names) == feature_names()
    assert len(ranker.weights) == len(feature_names())


def test_weights_for_other_features_fail_loudly(tmp_path):
    data = _shipped()
    data["features"] = data["features"][:-1] + ["a_feature_this_code_does_not_compute"]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RankerMismatch, match=r"\[A020\].*a_feature_this_code_does_not_compute.*train_ranker"):
        load_ranker(str(path))


def test_too_few_weights_fail_loudly(tmp_path):
    data = _shipped()
    data["weights"] = data["weights"][:-3]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RankerMismatch, match=r"\[A020\]"):
        load_ranker(str(path))


def test_an_unreadable_file_fails_loudly(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RankerMismatch, match=r"cannot be read"):
        load_ranker(str(path))


def test_a_missing_file_means_no_ranker(tmp_path):
    assert load_ranker(str(tmp_path / "absent.json")) is None


def _cue(cue_class: str, frame: str):
    from attribution.cues import CueMatch

    return CueMatch(head=0, tokens=[0], lemma="x", frame=frame, cue_class=cue_class)


def test_each_kind_of_candidate_is_judged_against_its_own_threshold(tmp_path):
    data = _shipped()
    data.update(threshold=0.35, phrase_threshold=0.45, thought_threshold=0.25)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ranker = load_ranker(str(path))
    assert ranker.threshold_for(_cue("speech", "ccomp")) == 0.35
    assert ranker.threshold_for(_cue("speech", "obj_np")) == 0.45
    assert ranker.threshold_for(_cue("thought", "ccomp")) == 0.25
    assert ranker.threshold_for(_cue("thought", "obj_np")) == 0.25


def test_without_a_thought_threshold_thoughts_are_judged_as_speech(tmp_path):
    data = _shipped()
    data.pop("thought_threshold", None)
    data.update(threshold=0.35, phrase_threshold=0.45)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ranker = load_ranker(str(path))
    assert ranker.threshold_for(_cue("thought", "ccomp")) == 0.35
    assert ranker.threshold_for(_cue("thought", "obj_np")) == 0.45
