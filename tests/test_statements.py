"""One claim per statement: relations, terms, duplicates, page furniture, the doubled
closing mark and the confidence table, on the real parser and engine."""
from __future__ import annotations

from functools import lru_cache

import pytest

import attribution
from attribution.engine import CALIBRATED, PRECISION_BANDS, _band, _paragraph_pieces, confidence
from attribution.model import Attribution, Extraction
from attribution.quotes import find_quotes


@lru_cache(maxsize=32)
def _extract(text: str) -> Extraction:
    return attribution.extract(text)


def _offsets_hold(ex: Extraction) -> None:
    for a in ex:
        assert ex.text[a.start_char:a.end_char] == a.text


def test_relation_ids_are_ints_unique_per_run_and_none_alone():
    text = ("“We will reopen the bridge in March,” the mayor said. “The repairs are on budget.”\n\n"
            "The opposition leader disagreed. “It will not open before June,” Ana Ruiz said.")
    ex = _extract(text)
    _offsets_hold(ex)
    mayor = [a for a in ex if a.speaker and a.speaker.text == "the mayor"]
    ruiz = [a for a in ex if a.speaker and "Ruiz" in a.speaker.text]
    assert len(mayor) == 2 and len(ruiz) == 1
    assert isinstance(mayor[0].relation, int) and mayor[0].relation == mayor[1].relation
    assert ruiz[0].relation is None


def test_relation_survives_the_json_round_trip():
    ex = _extract("“We will reopen the bridge in March,” the mayor said. “The repairs are on budget.”")
    for a in ex:
        d = a.to_dict()
        assert "relation" in d
        assert Attribution.from_dict(d).relation == a.relation


def test_a_term_has_no_speaker_and_is_no_claim():
    ex = _extract("The “phased” reopening of the old bridge begins on Monday.")
    terms = [a for a in ex if a.kind == "term"]
    assert [t.text for t in terms] == ["“phased”"]
    assert terms[0].speaker is None and not terms[0].is_claim


def test_a_statement_of_three_words_with_a_verb_is_not_a_term():
    ex = _extract("The mayor said the bridge “will reopen soon” after the repairs.")
    assert not [a for a in ex if a.kind == "term"]


def test_one_statement_is_one_attribution():
    ex = _extract("British ministers also expressed relief that the address struck a more conciliatory tone.")
    assert len(ex) == 1
    assert ex.attributions[0].cue.text == "expressed relief"


def test_nested_speakers_are_not_duplicates():
    ex = _extract("The minister said the union had claimed for weeks that the deal was unfair to nurses.")
    speakers = {a.speaker.text for a in ex if a.speaker}
    assert "The minister" in speakers


def test_page_furniture_holds_no_claims():
    ex = _extract("READ MORE: Mayor says the bridge will reopen\n\n"
                  "The mayor with the engineers at the bridge on Monday. (Jane Doe/Daily News)\n\n"
                  "“It will reopen in March,” the mayor said.")
    assert [a.text for a in ex] == ["“It will reopen in March,”"]


def test_a_transcript_label_is_not_furniture():
    ex = _extract("Vice President Mike Pence spoke first.\n\n"
                  "PENCE: Well, look, the economy is growing and jobs are coming back.")
    assert any("economy is growing" in a.text for a in ex)


def test_doubled_single_marks_close_a_double_quote():
    text = "“We print local comics,’’ says the founder. “Nothing else.”"
    spans = [text[q.start_char:q.end_char] for q in find_quotes(text)]
    assert spans == ["“We print local comics,’’", "“Nothing else.”"]


def test_paragraph_pieces_cut_at_breaks_without_edge_space():
    text = "“One.\n\n“Two. \n“Three.”"
    assert [text[s:e] for s, e in _paragraph_pieces(text, 0, len(text))] == ["“One.", "“Two.", "“Three.”"]


@pytest.mark.parametrize("precision, band", [(0.95, "high"), (0.8, "high"), (0.7, "mid"), (0.3, "low")])
def test_precision_bands(precision, band):
    assert _band(precision) == band
    assert [name for name, _ in PRECISION_BANDS][-1] == "low"


def test_confidence_is_a_probability_and_falls_without_a_speaker():
    named = confidence("content", "named", 0.9)
    unattributed = confidence("unattributed", "none", 0.0)
    assert 0.0 < unattributed < named <= 1.0
    assert confidence("content", "named", 0.9, scale=0.5) == pytest.approx(named * 0.5, abs=1e-4)
    assert all(0.0 <= rate <= 1.0 for rate in CALIBRATED.values())


def test_terms_are_not_ingested_into_the_ledger(tmp_path):
    from attribution.ledger import Ledger

    text = "Residents of the “old town” waited. “The bridge will reopen in March,” the mayor said."
    ex = attribution.extract(text)
    assert {a.kind for a in ex} == {"term", "direct"}
    with Ledger(str(tmp_path / "claims.sqlite")) as ledger:
        ledger.ingest_extraction(ex, article_id="bridge")
        texts = [c.text for c in ledger.claims()]
    assert "“old town”" not in texts
    assert any("reopen in March" in t for t in texts)


@pytest.mark.parametrize("text, speaker", [
    ('"If you look back and check the transcripts," Scott said, "I could have written it last week."',
     "Scott"),
    ('"By locking in China," Mr. Obama said, "it allowed me to go to India."', "Mr. Obama"),
])
def test_a_quote_interrupted_by_its_cue_is_one_relation_of_one_speaker(text, speaker):
    atts = [a for a in attribution.extract(text) if a.kind == "direct"]
    assert len(atts) == 2
    assert [a.speaker.text for a in atts] == [speaker, speaker]
    assert atts[0].relation is not None and atts[0].relation == atts[1].relation
