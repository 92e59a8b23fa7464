"""The cue lexicon: the packaged JSON, the loader, and the hand-written core."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from attribution.cues_lexicon import (
    CORE_ADJECTIVES,
    CORE_NOUNS,
    CORE_PHRASES,
    CORE_VERBS,
    DEFAULT_PATH,
    CueLexicon,
    lexicon_from_dict,
    load_lexicon,
    normalise_phrase,
)
from attribution.model import CUE_CLASSES, STANCES

REPO = Path(__file__).resolve().parents[1]
ENTRY_FIELDS = {"class", "stance", "count", "occurrences", "precision", "frames", "speaker_frames"}


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lex() -> CueLexicon:
    return load_lexicon()


def test_packaged_json_has_the_documented_structure(raw):
    assert raw["version"] == 1
    assert raw["source"].startswith("PolNeAR train")
    for section in ("verbs", "nouns", "adjectives", "phrases"):
        assert isinstance(raw[section], dict) and raw[section], section
    assert len(raw["verbs"]) >= 80 and len(raw["nouns"]) >= 30


@pytest.mark.parametrize("section", ["verbs", "nouns", "adjectives", "phrases"])
def test_every_entry_is_well_formed(raw, section):
    min_count = raw["thresholds"]["min_count"]
    for key, e in raw[section].items():
        assert ENTRY_FIELDS <= e.keys(), (key, ENTRY_FIELDS - e.keys())
        assert e["class"] in CUE_CLASSES and e["stance"] in STANCES, key
        assert 0.0 <= e["precision"] <= 1.0, key
        assert 0.0 <= e.get("clausal_precision", 0.0) <= 1.0, key
        assert e["count"] >= min_count and e["occurrences"] >= 1, key
        assert sum(e["frames"].values()) == e["count"], key
        assert sum(e["speaker_frames"].values()) == e["count"], key
        if section != "phrases":
            assert key.isalpha() and key == key.lower(), key


def test_mined_say_is_the_top_verb_and_takes_clausal_complements(raw):
    say = raw["verbs"]["say"]
    assert max(raw["verbs"], key=lambda k: raw["verbs"][k]["count"]) == "say"
    assert say["count"] > 3000
    assert max(say["frames"], key=say["frames"].get) == "ccomp"
    assert max(say["speaker_frames"], key=say["speaker_frames"].get) == "nsubj"


def test_according_to_is_a_phrase_whose_speaker_is_its_object(raw):
    entry = raw["phrases"]["according to"]
    assert entry["count"] > 300
    assert max(entry["speaker_frames"], key=entry["speaker_frames"].get) in ("obl", "nmod")


@pytest.mark.parametrize(
    "lemma, pos, cls, stance",
    [
        ("say", "verb", "speech", "assert"),
        ("tell", "verb", "speech", "assert"),
        ("believe", "verb", "thought", "believe"),
        ("think", "verb", "thought", "believe"),
        ("deny", "verb", "speech", "deny"),
        ("warn", "verb", "speech", "predict"),
        ("ask", "verb", "speech", "question"),
        ("decline", "verb", "decline", "decline"),
        ("claim", "noun", "speech", "assert"),
        ("warning", "noun", "speech", "predict"),
        ("skeptical", "adjective", "thought", "believe"),
        ("according to", "phrase", "speech", "assert"),
    ],
)
def test_core_cues_have_sensible_classes(lex, lemma, pos, cls, stance):
    e = lex.entry(lemma, pos)
    assert e is not None, lemma
    assert (e.cue_class, e.stance) == (cls, stance)
    assert lex.classify(lemma) == (cls, stance)


def test_json_agrees_with_the_hand_written_core(raw):
    cores = (("verbs", CORE_VERBS), ("nouns", CORE_NOUNS), ("adjectives", CORE_ADJECTIVES),
             ("phrases", CORE_PHRASES))
    for section, core in cores:
        for key, (cls, stance) in core.items():
            if key in raw[section]:
                e = raw[section][key]
                assert (e["class"], e["stance"]) == (cls, stance), key


def test_lookups_accept_any_case_and_spacing(lex):
    assert lex.is_cue_verb("Say")
    assert lex.is_cue_phrase("According  To")
    assert normalise_phrase("In  a Statement") == "in a statement"
    assert lex.entry("according to") is lex.phrases["according to"]
    assert not lex.is_cue_verb("eat")
    assert lex.entry("banana") is None
    assert lex.classify("banana") == ("speech", "assert")


def test_the_parsers_wrong_lemmas_find_their_entry(lex):
    # the default spaCy pipeline lemmatises "hoping" as "hop"
    assert lex.entry("hop", "verb") is lex.verbs["hope"]
    assert lex.is_cue_verb("hop")
    assert "hop" not in lex.verbs


def test_thought_and_decline_cues_are_flagged(lex):
    assert lex.entry("believe").is_thought
    assert not lex.entry("say").is_thought
    assert not lex.entry("decline", "verb").is_claim
    assert lex.entry("say").is_claim


def test_min_precision_filters_mined_cues_but_not_the_core():
    lex = lexicon_from_dict({
        "verbs": {
            "zorp": {"class": "speech", "stance": "assert", "count": 3, "occurrences": 300,
                     "precision": 0.01, "frames": {"ccomp": 3}, "speaker_frames": {"nsubj": 3}},
            "say": {"class": "speech", "stance": "assert", "count": 1, "occurrences": 100,
                    "precision": 0.01, "frames": {}, "speaker_frames": {}},
        }
    })
    assert lex.is_cue_verb("zorp")
    assert not lex.is_cue_verb("zorp", min_precision=0.1)
    assert lex.is_cue_verb("say", min_precision=0.9)
    assert lex.entry("zorp").frame_share("ccomp") == 1.0
    assert lex.entry("zorp").frame_share("obj") == 0.0


def test_entry_rejects_an_unknown_part_of_speech(lex):
    with pytest.raises(ValueError, match="verb, noun, adjective, phrase"):
        lex.entry("say", "adverb")


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]"])
def test_missing_or_broken_json_falls_back_to_the_core(tmp_path, content):
    path = tmp_path / "cues.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    lex = load_lexicon(path)
    assert "not loaded" in lex.source
    assert set(CORE_VERBS) <= set(lex.verbs)
    assert lex.is_cue_verb("say") and lex.is_cue_verb("believe")
    assert lex.entry("believe").cue_class == "thought"
    assert lex.is_cue_phrase("according to")
    assert lex.entry("say").precision is None


def test_load_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()


def test_mining_script_hand_table_agrees_with_the_core():
    spec = importlib.util.spec_from_file_location("mine_cues", REPO / "scripts" / "mine_cues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = module.hand_table()
    module.check_core_agrees(table)  # raises SystemExit on disagreement
    assert table["believe"] == ("thought", "believe")
    assert module.classify("say", table) == ("speech", "assert")


def test_json_classes_are_the_mining_scripts_hand_table(raw):
    """Every mined entry's class and stance are what scripts/mine_cues.py assigns, so the
    shipped lexicon is what the miner would write."""
    spec = importlib.util.spec_from_file_location("mine_cues", REPO / "scripts" / "mine_cues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = module.hand_table()
    for section in ("verbs", "nouns", "adjectives", "phrases"):
        for key, e in raw[section].items():
            assert (e["class"], e["stance"]) == module.classify(key, table), (section, key)


@pytest.mark.parametrize("lemma", ["find", "show", "conclude", "estimate"])
def test_evidence_verbs_are_not_speech(lex, lemma):
    """"The study found that ...": what someone knows or concludes, not a statement."""
    assert lex.entry(lemma, "verb").cue_class == "thought"
