"""Reading articles to ingest: text files, standard input, JSONL with or without quotes."""
from __future__ import annotations

import io
import json

import pytest

from attribution.errors import UsageError
from attribution.ledger import read_inputs
from attribution.ledger.ids import article_id_for_text


def test_text_file_is_one_article_named_by_its_text_not_its_path(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffHello “world”.\n".encode("utf-8"))
    [item] = read_inputs([str(path)])
    assert (item.document.text, item.extraction) == ("Hello “world”.\n", None)
    assert item.document.id == article_id_for_text("Hello “world”.")
    assert item.document.meta["source"] == str(path)
    monkeypatch.chdir(tmp_path)
    [relative] = read_inputs(["story.txt"])
    assert relative.document.id == item.document.id  # the spelling of the path does not matter
    [named] = read_inputs([str(path)], article_id="story-1")
    assert named.document.id == "story-1"


def test_id_names_one_plain_text_input_only(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One.", encoding="utf-8")
    b.write_text("Two.", encoding="utf-8")
    with pytest.raises(UsageError, match="names one article, but 2 inputs"):
        list(read_inputs([str(a), str(b)], article_id="x"))
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": "One."}) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="JSONL"):
        list(read_inputs([str(lines)], article_id="x"))


def test_jsonl_line_without_id_or_url_is_named_by_its_text(tmp_path):
    lines = tmp_path / "lines.jsonl"
    rows = [{"text": "One."}, {"text": "Two."}, {"url": "https://x.example/3", "text": "Three."}]
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ids = [i.document.id for i in read_inputs([str(lines)])]
    assert ids == [article_id_for_text("One."), article_id_for_text("Two."), "https://x.example/3"]


def test_unreadable_and_non_utf8_files_become_errors(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    missing, bad = read_inputs([str(tmp_path / "nope.txt"), str(latin)])
    assert "cannot read" in missing.document.error
    assert "--encoding latin-1" in bad.document.error
    [latin_ok] = read_inputs([str(latin)], encoding="latin-1")
    assert latin_ok.document.text == "café"


def test_jsonl_lines_with_metadata(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": "x1", "text": "One.", "url": "https://e.example/1", "outlet": "E", "meta": {"section": "city"}},
        {"url": "https://e.example/2", "text": "Two."},
        {"title": "no text"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n{broken\n", encoding="utf-8")
    first, second, third, fourth = read_inputs([str(path)])
    assert first.document.meta == {"section": "city", "url": "https://e.example/1", "outlet": "E"}
    assert second.document.id == "https://e.example/2"
    assert third.document.error and third.extraction is None
    assert "line 5" in fourth.document.error and str(path) in fourth.document.error


def test_jsonl_with_quotes_in_either_offset_format(tmp_path):
    text = "“Go,” said Ana Torres."
    line = {
        "id": "g1",
        "text": text,
        "quotes": [
            {"start": 1, "end": 4, "text": "Go,", "kind": "direct",
             "speaker": {"start": 11, "end": 21, "text": "Ana Torres"}, "speaker_name": "Ana Torres",
             "cue": {"start": 6, "end": 10, "text": "said"}},
        ],
    }
    [item] = read_inputs(["-"], stdin=io.StringIO(json.dumps(line) + "\n"))
    [a] = item.extraction.attributions
    assert (a.start_char, a.end_char, a.speaker.text, a.speaker_names, a.cue.lemma) == (1, 4, "Ana Torres", ["Ana Torres"], "said")


def test_malformed_quotes_are_an_error_for_that_line(tmp_path):
    line = {"id": "g1", "text": "abc", "quotes": [{"text": "a"}]}
    [item] = read_inputs(["-"], stdin=io.StringIO(json.dumps(line)))
    assert "malformed quote" in item.document.error


def test_quotes_stay_with_their_own_line(tmp_path):
    text = "“Go,” said Ana Torres."
    quoted = {"id": "q", "text": text, "quotes": [{"start_char": 1, "end_char": 4, "text": "Go,", "kind": "direct"}]}
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "plain", "text": "No quotes here."}), "\u00a0", json.dumps(quoted)]
    path.write_text("\n".join(lines), encoding="utf-8")
    plain, with_quotes = read_inputs([str(path)])
    assert (plain.document.id, plain.extraction) == ("plain", None)
    assert [a.text for a in with_quotes.extraction.attributions] == ["Go,"]


def test_quotes_over_html_that_was_stripped_are_an_error(tmp_path):
    html = "<p>“Go,” said <b>Ana</b>.</p><p>More.</p>"
    line = {"id": "h", "text": html, "quotes": [{"start_char": 4, "end_char": 7, "text": "Go,", "kind": "direct"}]}
    [item] = read_inputs(["-"], stdin=io.StringIO(json.dumps(line)))
    assert item.extraction is None and "HTML removed" in item.document.error


def test_stdin_texts_are_named_by_their_text(tmp_path):
    [item] = read_inputs(["-"], stdin=io.StringIO("Plain words."))
    assert (item.document.id, item.document.text) == (article_id_for_text("Plain words."), "Plain words.")
    [other] = read_inputs(["-"], stdin=io.StringIO("Other words."))
    assert other.document.id != item.document.id  # two unrelated texts are two articles
    [spaced] = read_inputs(["-"], stdin=io.StringIO("Plain   words.\r\n"))
    assert spaced.document.id == item.document.id  # white space does not make another article


def test_the_feature_article_file_matches_its_extracted_twin():
    from pathlib import Path

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "ledger"
    first = next(read_inputs([str(fixtures / "articles.jsonl")]))
    assert first.document.text == (fixtures / "riverside-bridge.txt").read_text(encoding="utf-8")
    for a in first.extraction.attributions:
        assert first.document.text[a.start_char : a.end_char] == a.text
