"""Input readers: every bad input gets its defined outcome (see attribution/inputs.py),
and a batch with broken documents finishes and reports them."""
from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from attribution.batch import extract_batch
from attribution.errors import InputError
from attribution.inputs import (
    HTML_WARNING,
    looks_binary,
    looks_like_html,
    read_documents,
    read_text_file,
    strip_html,
)

INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"
SENTENCE = "“We will finish the bridge by June,” said Mayor Ana Torres."


def _one(path, **kw):
    [doc] = list(read_documents([str(path)], **kw))
    return doc


# --------------------------------------------------------------------------- text files


def test_a_text_file_is_one_document_whose_id_is_the_path(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    doc = _one(path)
    assert (doc.id, doc.text, doc.error) == (str(path), SENTENCE, None)


def test_files_are_read_in_the_order_given(tmp_path):
    names = []
    for n in ("b", "a", "c"):
        (tmp_path / f"{n}.txt").write_text(f"Story {n}.", encoding="utf-8")
        names.append(str(tmp_path / f"{n}.txt"))
    assert [d.id for d in read_documents(names)] == names


def test_a_missing_file_is_an_error_for_that_document(tmp_path):
    doc = _one(tmp_path / "nope.txt")
    assert doc.error.startswith(f"cannot read {tmp_path / 'nope.txt'}")
    assert "No such file" in doc.error


def test_an_empty_file_is_an_empty_document_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _one(tmp_path / "empty.txt").error.startswith("empty document")


def test_whitespace_only_is_an_empty_document_error():
    doc = _one(INPUTS / "whitespace.txt")
    assert doc.error.startswith("empty document")


def test_binary_file_is_reported_as_binary():
    assert "looks binary" in _one(INPUTS / "binary.bin").error


def test_valid_utf8_with_nul_characters_is_binary_too(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"Some words\x00\x00 and more")
    assert "looks binary" in _one(tmp_path / "nul.txt").error


def test_text_of_mostly_control_characters_looks_binary():
    assert looks_binary("\x01\x02\x03\x04abc\x05\x06")
    assert not looks_binary("Plain text\twith a tab,\nnewlines\r\nand a form feed\f.")


def test_non_utf8_bytes_name_the_offset_and_suggest_an_encoding():
    doc = _one(INPUTS / "latin1-article.txt")
    raw = (INPUTS / "latin1-article.txt").read_bytes()
    offset = raw.index(b"\xe9")  # the é of café
    assert f"byte offset {offset}" in doc.error
    assert "0xe9" in doc.error
    assert "--encoding latin-1" in doc.error


def test_encoding_option_decodes_latin1():
    doc = _one(INPUTS / "latin1-article.txt", encoding="latin-1")
    assert doc.error is None
    assert "café owner in Zürich" in doc.text and "£4,000" in doc.text


def test_utf16_file_gets_a_hint_and_reads_with_encoding(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"))
    assert "--encoding utf-16" in _one(path).error
    assert _one(path, encoding="utf-16").text == SENTENCE


def test_a_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + SENTENCE.encode())
    assert _one(path).text == SENTENCE


def test_an_unknown_encoding_is_refused_before_reading():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_documents(["whatever.txt"], encoding="klingon")


def test_an_unknown_input_format_is_refused():
    with pytest.raises(InputError, match="choose text, jsonl or html"):
        read_documents(["x"], input_format="xml")


# --------------------------------------------------------------------------- HTML


def test_html_is_stripped_to_text_with_a_warning():
    doc = _one(INPUTS / "article.html.txt")
    assert doc.error is None
    assert doc.meta["warnings"] == [HTML_WARNING]
    assert "<" not in doc.text and "&amp;" not in doc.text
    assert SENTENCE in doc.text  # &ldquo; / &rdquo; unescaped to curly quotes
    assert "budget & the timetable" in doc.text
    assert "color: red" not in doc.text and "var x" not in doc.text  # style, script dropped
    assert "Harbour plan approved\n\n“We will" in doc.text  # block elements become paragraphs


def test_offsets_after_html_stripping_refer_to_the_stripped_text():
    doc = _one(INPUTS / "article.html.txt")
    [result] = extract_batch([doc])
    for a in result.extraction.attributions:
        assert doc.text[a.start_char:a.end_char] == a.text


@pytest.mark.parametrize(
    "text",
    [
        "The index rose 3 < 4 points and fell > 2 later.",
        "He wrote <b> once, by mistake.",
        "Use the <Enter> key to continue.",
    ],
)
def test_prose_with_angle_brackets_is_not_taken_for_html(text):
    assert not looks_like_html(text)


def test_html_that_strips_to_nothing_is_an_empty_document(tmp_path):
    # HTML in a text file is stripped; a .html file is a saved page (tests/test_html_inputs.py)
    (tmp_path / "empty.txt").write_text("<html><body><p> </p><div></div></body></html>")
    doc = _one(tmp_path / "empty.txt")
    assert doc.error.startswith("empty document")


def test_strip_html_keeps_line_breaks_and_unescapes_entities():
    assert strip_html("<p>One&nbsp;two<br>three &eacute;</p>") == "One two\nthree é"


# --------------------------------------------------------------------------- JSONL


def test_jsonl_batch_gets_one_document_per_line_with_errors_naming_lines():
    docs = list(read_documents([str(INPUTS / "batch-with-errors.jsonl")], input_format="jsonl"))
    src = str(INPUTS / "batch-with-errors.jsonl")
    assert [d.id for d in docs] == ["good-1", f"{src}:2", "no-text", "empty-text", f"{src}:6", "good-2"]
    errors = {d.id: d.error for d in docs}
    assert errors["good-1"] is None and errors["good-2"] is None
    assert errors[f"{src}:2"].startswith(f"line 2 of {src} is not valid JSON")
    assert errors["no-text"].startswith(f"line 3 of {src} lacks a \"text\" field")
    assert "line 5" in errors["empty-text"] and "empty document" in errors["empty-text"]
    assert errors[f"{src}:6"].startswith(f"line 6 of {src} is not a JSON object")


def test_jsonl_optional_fields_are_kept_as_metadata():
    docs = list(read_documents([str(INPUTS / "batch-with-errors.jsonl")], input_format="jsonl"))
    assert docs[0].meta == {"url": "https://example.org/bridge", "outlet": "Example Gazette"}
    assert docs[0].text == SENTENCE


def test_jsonl_from_stdin():
    lines = [{"id": 7, "text": "One."}, {"text": "Two.", "url": "https://example.org/2"}]
    stdin = io.BytesIO("\n".join(json.dumps(x) for x in lines).encode())
    docs = list(read_documents(["-"], input_format="jsonl", stdin=stdin))
    assert [(d.id, d.text) for d in docs] == [("7", "One."), ("https://example.org/2", "Two.")]


def test_jsonl_text_that_is_not_a_string_is_an_error():
    docs = list(read_documents(["-"], input_format="jsonl", stdin=io.StringIO('{"id": "n", "text": 42}\n')))
    assert docs[0].id == "n" and "not a string" in docs[0].error


def test_one_undecodable_jsonl_line_does_not_lose_the_file(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": "Fine."}).encode() + b"\n"
        + b'{"id": "b", "text": "caf\xe9"}\n'
        + json.dumps({"id": "c", "text": "Also fine."}).encode() + b"\n"
    )
    docs = list(read_documents([str(path)], input_format="jsonl"))
    assert [d.error is None for d in docs] == [True, False, True]
    assert docs[1].id == f"{path}:2"
    assert "line 2" in docs[1].error and "--encoding latin-1" in docs[1].error


def test_jsonl_is_streamed_line_by_line():
    consumed = []

    class Stream:
        def __iter__(self):
            for i in range(3):
                consumed.append(i)
                yield (json.dumps({"id": str(i), "text": "Words."}) + "\n").encode()

    docs = read_documents(["-"], input_format="jsonl", stdin=Stream())
    assert next(docs).id == "0" and consumed == [0]
    assert [d.id for d in docs] == ["1", "2"]


def test_utf16_jsonl_reads_with_the_encoding_option(tmp_path):
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": "a", "text": "Café."}), json.dumps({"id": "b", "text": "Zürich."})]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    docs = list(read_documents([str(path)], input_format="jsonl", encoding="utf-16"))
    assert [(d.id, d.text) for d in docs] == [("a", "Café."), ("b", "Zürich.")]


def test_a_missing_jsonl_file_is_one_failed_document(tmp_path):
    [doc] = read_documents([str(tmp_path / "none.jsonl")], input_format="jsonl")
    assert doc.error.startswith("cannot read")


def test_plain_text_from_stdin_is_one_document_named_stdin():
    [doc] = read_documents(["-"], stdin=io.BytesIO(SENTENCE.encode()))
    assert (doc.id, doc.text) == ("stdin", SENTENCE)


def test_jsonl_html_text_is_stripped_too():
    line = json.dumps({"id": "h", "text": "<p>One.</p><p>Two &amp; three.</p>"})
    [doc] = read_documents(["-"], input_format="jsonl", stdin=io.StringIO(line))
    assert doc.text == "One.\n\nTwo & three." and doc.meta["warnings"] == [HTML_WARNING]


# --------------------------------------------------------------------------- huge articles


def test_a_5mb_article_is_read_whole(tmp_path):
    para = SENTENCE + " Torres said the council had approved the budget.\n\n"
    text = para * (5_000_000 // len(para) + 1)
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    doc = read_text_file(tmp_path / "huge.txt")
    assert doc.error is None and doc.text == text


def test_texts_longer_than_spacy_max_length_are_parsed_in_pieces(monkeypatch):
    """The spaCy backend cuts long texts at paragraph breaks, so nlp.max_length never
    refuses an article; the pieces join into one parse with offsets into the whole text."""
    from attribution.parse import get_parser, spacy_backend

    parser = get_parser("spacy")
    para = SENTENCE + "\nTorres said the council had approved the budget on Tuesday.\n\n"
    text = para * 30
    whole = parser.parse(text)
    monkeypatch.setattr(spacy_backend, "MAX_CHUNK_CHARS", 1_000)
    monkeypatch.setattr(parser.nlp, "max_length", 1_500)  # the whole text would be refused
    pieces = parser.parse(text)
    assert len(pieces.tokens) == len(whole.tokens)
    assert [t.text for t in pieces.tokens] == [t.text for t in whole.tokens]
    assert all(text[t.start_char:t.end_char] == t.text for t in pieces.tokens)
    assert [t.i for t in pieces.tokens] == list(range(len(pieces.tokens)))
    assert all(0 <= t.head < len(pieces.tokens) for t in pieces.tokens)
    assert pieces.sentences == whole.sentences
    assert [t.para for t in pieces.tokens] == [t.para for t in whole.tokens]
    [long_doc, short_doc] = parser.pipe([text, "Short text."])
    assert len(long_doc.tokens) == len(whole.tokens) and len(short_doc.tokens) == 3


@pytest.mark.slow
def test_a_5mb_article_is_extracted(request):
    """Minutes of parsing: run with ``-m slow``."""
    if "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("parses a 5 MB article (minutes); run with -m slow")
    import attribution

    para = SENTENCE + " Torres said the council had approved the budget.\n\n"
    text = para * (5_000_000 // len(para) + 1)
    ex = attribution.extract(text)
    assert len(ex.attributions) > 0
    assert all(text[a.start_char:a.end_char] == a.text for a in ex.attributions)



# --------------------------------------------------------------------------- batches


def test_a_batch_with_broken_documents_finishes_and_reports_them(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    paths = [
        str(INPUTS / "binary.bin"), str(good), str(tmp_path / "missing.txt"),
        str(INPUTS / "whitespace.txt"), str(INPUTS / "latin1-article.txt"),
        str(INPUTS / "article.html.txt"),
    ]
    results = list(extract_batch(read_documents(paths)))
    assert [r.id for r in results] == paths
    assert [r.ok for r in results] == [False, True, False, False, False, True]
    assert all(r.error for r in results if not r.ok)
    assert results[1].extraction is not None


def test_a_jsonl_batch_with_broken_lines_finishes_and_reports_them():
    docs = read_documents([str(INPUTS / "batch-with-errors.jsonl")], input_format="jsonl")
    results = list(extract_batch(docs))
    assert [r.ok for r in results] == [True, False, False, False, False, True]
    assert results[0].meta["outlet"] == "Example Gazette"
