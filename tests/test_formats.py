"""Output writers: jsonl, json, csv and table, on hand-built results (no parser needed)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from attribution.formats import CSV_FIELDS, FORMATS, result_to_dict, write_results
from attribution.model import Attribution, Cue, DocResult, Extraction, Span

TEXT = "“We will finish the bridge by June,” said Mayor Ana Torres. Torres and Lee said the council had approved the budget."
QUOTE_KEYS = {"start_char", "end_char", "text", "kind", "speaker", "speaker_name", "speaker_type", "cue", "confidence"}


def _span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part), part)


def _extraction() -> Extraction:
    q1 = _span(TEXT, "“We will finish the bridge by June,”")
    said = _span(TEXT, "said")
    a1 = Attribution(
        q1.start_char, q1.end_char, q1.text, "direct",
        speaker=_span(TEXT, "Mayor Ana Torres"), speaker_names=["Ana Torres"], speaker_type="person",
        cue=Cue(said.start_char, said.end_char, "said", "say"), confidence=0.9,
    )
    q2 = _span(TEXT, "the council had approved the budget")
    said2 = _span(TEXT, "said", said.end_char)
    a2 = Attribution(
        q2.start_char, q2.end_char, q2.text, "indirect",
        speaker=_span(TEXT, "Torres and Lee"), speaker_names=["Ana Torres", "Lee"], speaker_type="person",
        cue=Cue(said2.start_char, said2.end_char, "said", "say"), confidence=0.75,
    )
    return Extraction(text=TEXT, attributions=[a1, a2], id="doc-1", parser="test")


def _results() -> list[DocResult]:
    return [
        DocResult("doc-1", extraction=_extraction(), meta={"url": "https://example.org/1"}),
        DocResult("doc-2", error="empty document: there is no text to extract from"),
        DocResult("doc-3", extraction=Extraction(text="Nothing said here.", id="doc-3"),
                  meta={"warnings": ["input looked like HTML"]}),
    ]


def _write(fmt: str, **kw) -> str:
    out = io.StringIO()
    write_results(_results(), out, fmt, **kw)
    return out.getvalue()


def test_jsonl_writes_one_line_per_document_in_order_with_ids():
    lines = [json.loads(line) for line in _write("jsonl").splitlines()]
    assert [d["id"] for d in lines] == ["doc-1", "doc-2", "doc-3"]
    assert len(lines[0]["quotes"]) == 2


def test_jsonl_quote_has_the_documented_keys_and_offsets_into_the_text():
    doc = json.loads(_write("jsonl").splitlines()[0])
    for q in doc["quotes"]:
        assert QUOTE_KEYS <= set(q)
        assert TEXT[q["start_char"]:q["end_char"]] == q["text"]
        sp = q["speaker"]
        assert set(sp) == {"start_char", "end_char", "text"}
        assert TEXT[sp["start_char"]:sp["end_char"]] == sp["text"]
        assert TEXT[q["cue"]["start_char"]:q["cue"]["end_char"]] == q["cue"]["text"]


def test_jsonl_speaker_name_is_a_string_or_a_list_for_joint_speakers():
    doc = json.loads(_write("jsonl").splitlines()[0])
    assert doc["quotes"][0]["speaker_name"] == "Ana Torres"
    assert doc["quotes"][1]["speaker_name"] == ["Ana Torres", "Lee"]


def test_a_failed_document_still_gets_its_line_with_an_error():
    failed = json.loads(_write("jsonl").splitlines()[1])
    assert failed == {"id": "doc-2", "quotes": [], "error": "empty document: there is no text to extract from"}


def test_warnings_and_metadata_are_carried_through():
    lines = [json.loads(line) for line in _write("jsonl").splitlines()]
    assert lines[0]["meta"] == {"url": "https://example.org/1"}
    assert lines[2]["warnings"] == ["input looked like HTML"]
    assert "meta" not in lines[2]  # warnings are not metadata


def test_jsonl_round_trips_through_extraction_from_dict():
    doc = json.loads(_write("jsonl").splitlines()[0])
    back = Extraction.from_dict(doc, text=TEXT)
    assert back.attributions == _extraction().attributions


def test_include_text_keeps_the_text_the_offsets_index():
    doc = json.loads(_write("jsonl", include_text=True).splitlines()[0])
    assert doc["text"] == TEXT
    assert "text" not in json.loads(_write("jsonl").splitlines()[0])


def test_json_is_one_array_of_the_same_objects():
    arr = json.loads(_write("json"))
    assert arr == [json.loads(line) for line in _write("jsonl").splitlines()]


def test_json_of_no_results_is_an_empty_array():
    out = io.StringIO()
    write_results([], out, "json")
    assert json.loads(out.getvalue()) == []


def test_csv_has_one_row_per_quote_with_the_document_id():
    rows = list(csv.DictReader(io.StringIO(_write("csv"))))
    assert tuple(rows[0]) == CSV_FIELDS
    quotes = [r for r in rows if r["id"] == "doc-1"]
    assert [r["kind"] for r in quotes] == ["direct", "indirect"]
    assert quotes[0]["text"] == "“We will finish the bridge by June,”"
    assert int(quotes[0]["start_char"]) == 0
    assert quotes[0]["speaker"] == "Mayor Ana Torres"
    assert quotes[1]["speaker_name"] == "Ana Torres; Lee"
    assert quotes[0]["cue_lemma"] == "say"


def test_csv_reports_a_failed_document_in_a_row_of_its_own():
    rows = list(csv.DictReader(io.StringIO(_write("csv"))))
    failed = [r for r in rows if r["id"] == "doc-2"]
    assert len(failed) == 1 and failed[0]["error"].startswith("empty document")
    assert not [r for r in rows if r["id"] == "doc-3"]  # no quotes, no rows


def test_table_shows_speakers_quotes_and_errors():
    table = _write("table")
    assert "Ana Torres & Lee" in table
    assert "“We will finish the bridge by June,”" in table
    assert "ERROR: empty document" in table


def test_results_stream_one_line_at_a_time():
    """A jsonl line is written before the next result is asked for."""
    out = io.StringIO()
    seen = []

    def results():
        for r in _results():
            seen.append(out.getvalue().count("\n"))
            yield r

    write_results(results(), out, "jsonl")
    assert seen == [0, 1, 2]


def test_unknown_format_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="jsonl, json, csv, table"):
        write_results([], io.StringIO(), "xml")
    assert FORMATS == ("jsonl", "json", "csv", "table")


def test_result_to_dict_prefers_the_result_id():
    r = DocResult("the-id", extraction=Extraction(text="x", id=None))
    assert result_to_dict(r)["id"] == "the-id"


# --------------------------------------------------------------------------- report tables


def test_shorten_cuts_at_a_word_with_an_ellipsis_and_flattens_lines():
    from attribution.report import shorten

    assert shorten("short\n quote") == "short quote"
    long = "We will finish the bridge by June and then the tunnel and the harbour wall"
    cut = shorten(long, 40)
    assert cut.endswith("…") and len(cut) <= 40
    assert long.startswith(cut[:-1])
    assert cut == "We will finish the bridge by June and…"


def test_speaker_label_prefers_the_name_then_the_mention():
    from attribution.report import UNATTRIBUTED, speaker_label

    a1, a2 = _extraction().attributions
    assert speaker_label(a1) == "Ana Torres"
    assert speaker_label(a2) == "Ana Torres & Lee"
    a1.speaker_names = []
    assert speaker_label(a1) == "Mayor Ana Torres"
    a1.speaker = None
    assert speaker_label(a1) == UNATTRIBUTED


def test_speaker_summary_counts_quotes_and_kinds_most_quoted_first():
    from attribution.report import speaker_summary

    a1, a2 = _extraction().attributions
    a3 = Attribution(0, 5, "“We w", "mixed", speaker_names=["Lee"], speaker_type="person")
    a4 = Attribution(0, 5, "“We w", "direct", speaker_names=["Lee"])
    rows = speaker_summary([a1, a2, a3, a4])
    assert rows == [
        ["Lee", "person", 2, "direct 1, mixed 1"],
        ["Ana Torres", "person", 1, "direct 1"],
        ["Ana Torres & Lee", "person", 1, "indirect 1"],
    ]


def test_report_document_says_when_nothing_was_found_and_shows_errors():
    from attribution.report import report_document

    empty = DocResult("d", extraction=Extraction(text="Nothing.", id="d"))
    assert "No attributions found." in report_document(empty)
    failed = DocResult("e", error="looks binary")
    assert report_document(failed).splitlines() == ["e", "error: looks binary"]


def test_report_keeps_numbers_as_written():
    from attribution.report import report_document

    text = "“Shaken,” said 007."
    a = Attribution(0, 9, "“Shaken,”", "direct", speaker_names=["007"])
    out = report_document(DocResult("d", extraction=Extraction(text=text, attributions=[a])))
    assert "007" in out  # not the number 7


def test_unknown_table_format_is_refused():
    from attribution.report import render_report

    with pytest.raises(ValueError, match="github"):
        render_report([], tablefmt="fancy")
