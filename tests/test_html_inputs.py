"""Saved web pages: main text and metadata by trafilatura, offsets into the extracted text,
pages with no article, web addresses refused, and the metadata carried into the ledger and
its ClaimReview export.  The pages are the project's own (``fixtures/html/``)."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from attribution import extract
from attribution.cli import main
from attribution.errors import NoArticleText, UrlNotSupported
from attribution.html import MIN_PARAGRAPH_WORDS, is_url, read_article
from attribution.inputs import read_documents
from attribution.ledger import Ledger

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
NEWS, OPINION, NO_ARTICLE = HTML / "harbour-ferry.html", HTML / "opinion-libraries.html", HTML / "no-article.html"

# What the news page holds around its article: none of it is article text.
NEWS_BOILERPLATE = (
    "Subscribe for 1 pound a week",  # navigation
    "Breaking: Road closures",  # ticker
    "Compare car insurance",  # banner advert
    "Holidays in the sun",  # advert inside the story
    "Related stories",
    "Disgraceful service",  # reader comments
    "All rights reserved",  # footer
    "dataLayer",  # script
)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_news_page_metadata():
    article = read_article(_read(NEWS))
    assert article.meta == {
        "title": "Ferry fares to rise by a fifth, council says",
        "url": "https://www.caldergazette.example/news/2024/03/14/ferry-fares-rise",
        "outlet": "The Calder Gazette",
        "published": "2024-03-14",
        "author": "Priya Ramsden",
    }


def test_news_page_keeps_the_article_and_drops_the_boilerplate():
    text = read_article(_read(NEWS)).text
    assert "Ferry fares between Port Calder and the islands will rise by a fifth" in text
    assert "“This is a tax on living here,” he said." in text  # &ldquo; &rdquo; unescaped
    assert "The new fares will be reviewed in twelve months, Ms Oyelaran said." in text
    for junk in NEWS_BOILERPLATE:
        assert junk not in text, junk


def test_paragraphs_are_separated_by_a_blank_line():
    text = read_article(_read(NEWS)).text
    paragraphs = text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert paragraphs[0] == "Ferry fares to rise by a fifth, council says"  # the headline
    assert paragraphs[-1] == "The new fares will be reviewed in twelve months, Ms Oyelaran said."
    assert len(paragraphs) == 7


def test_opinion_page():
    article = read_article(_read(OPINION))
    assert article.meta["author"] == "Daniel Achebe"
    assert article.meta["outlet"] == "Eastwick Courier"
    assert article.meta["published"] == "2024-05-02"
    assert "Keep them open." in article.text
    assert "We use cookies" not in article.text and "Sign up to our newsletter" not in article.text


def test_a_page_without_an_article_is_a_coded_error():
    with pytest.raises(NoArticleText, match=r"^\[A010\] sport\.html: no article text"):
        read_article(_read(NO_ARTICLE), source="sport.html")


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", "<p>Short words only here.</p>",
                                  "<html><script>var a = 'one two three four five six seven eight';</script></html>"])
def test_empty_and_script_only_pages_have_no_article(html):
    with pytest.raises(NoArticleText):
        read_article(html)


def test_a_single_sentence_of_enough_words_is_an_article():
    words = " ".join(["word"] * MIN_PARAGRAPH_WORDS)
    article = read_article(f"<html><body><article><p>{words}.</p></article></body></html>")
    assert article.text == words + "."


def test_html_files_are_read_as_pages_by_their_suffix(tmp_path):
    upper = tmp_path / "STORY.HTM"
    upper.write_bytes(NEWS.read_bytes())
    docs = list(read_documents([str(NEWS), str(upper), str(NO_ARTICLE)]))
    assert [d.error is None for d in docs] == [True, True, False]
    assert docs[0].meta["outlet"] == docs[1].meta["outlet"] == "The Calder Gazette"
    assert docs[2].error.startswith("[A010] ")
    assert "warnings" not in docs[0].meta


def test_input_html_reads_a_page_whatever_its_name(tmp_path):
    saved = tmp_path / "saved-page"
    saved.write_bytes(NEWS.read_bytes())
    [as_html] = read_documents([str(saved)], input_format="html")
    [as_text] = read_documents([str(saved)])
    assert as_html.meta["title"] == "Ferry fares to rise by a fifth, council says"
    assert "Disgraceful service" not in as_html.text
    assert "Disgraceful service" in as_text.text  # the plain-text reader only strips tags
    [from_stdin] = read_documents(["-"], input_format="html", stdin=io.BytesIO(NEWS.read_bytes()))
    assert from_stdin.text == as_html.text and from_stdin.id == "stdin"


def test_a_jsonl_line_may_carry_html_and_its_own_fields_win():
    lines = [
        json.dumps({"id": "ferry", "html": _read(NEWS), "outlet": "Gazette (print)"}),
        json.dumps({"id": "front", "html": _read(NO_ARTICLE)}),
        json.dumps({"id": "neither"}),
    ]
    ferry, front, neither = read_documents_from_lines(lines)
    assert ferry.error is None and ferry.meta["outlet"] == "Gazette (print)"
    assert ferry.meta["title"] == "Ferry fares to rise by a fifth, council says"
    assert front.error.startswith("[A010] line 2 of batch.jsonl: no article text")
    assert 'lacks a "text" field' in neither.error and '"html"' in neither.error


def read_documents_from_lines(lines: list[str]):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    docs = list(read_documents(["-"], input_format="jsonl", stdin=io.BytesIO(data)))
    for d in docs:  # name the source as a file would be named
        if d.error:
            d.error = d.error.replace("of stdin", "of batch.jsonl")
    return docs


@pytest.mark.parametrize("name", ["http://news.example.org/a", "https://x.example/story.html", "HTTPS://A.B/c"])
def test_web_addresses_are_refused_before_reading(name):
    assert is_url(name)
    with pytest.raises(UrlNotSupported, match=r"^\[A011\] .* reads saved pages and files only"):
        read_documents(["story.txt", name])


def test_paths_and_storage_uris_are_not_web_addresses():
    assert not any(is_url(p) for p in ("story.html", "./http/x.html", "C:\\news\\a.html", "-",
                                       "s3://bucket/articles/", "gs://b/a.jsonl"))


def test_offsets_refer_to_the_extracted_text():
    doc = next(read_documents([str(NEWS)]))
    result = extract(doc.text)
    assert result.attributions
    for a in result.attributions:
        assert doc.text[a.start_char:a.end_char] == a.text
        for span in (a.speaker, a.cue):
            if span is not None:
                assert doc.text[span.start_char:span.end_char] == span.text
    speakers = {a.speaker_name for a in result.attributions}
    assert {"Margaret Oyelaran", "Tom Bexley", "Alan Petrie"} <= speakers


def _run(argv, capsys):
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_extract_writes_the_page_metadata(capsys):
    status, out, err = _run(["extract", "--include-text", str(NEWS), str(NO_ARTICLE)], capsys)
    assert status == 0
    news, empty = (json.loads(line) for line in out.splitlines())
    assert news["meta"]["url"].endswith("/ferry-fares-rise") and news["meta"]["published"] == "2024-03-14"
    first = news["quotes"][0]
    assert news["text"][first["start_char"]:first["end_char"]] == first["text"]
    assert empty["error"].startswith("[A010] ")
    assert re.search(r"no-article\.html: \[A010\]", err) and "1 failed" in err


def test_cli_refuses_a_web_address_plainly(capsys):
    status, out, err = _run(["report", "https://www.caldergazette.example/news/story"], capsys)
    assert status == 1 and out == ""
    assert "[A011]" in err and "reads saved pages and files only" in err
    assert "Traceback" not in err


def test_ledger_keeps_the_page_metadata_and_the_extracted_text():
    with Ledger(":memory:") as led:
        [result] = led.ingest_files([str(NEWS)], article_id="ferry")
        assert result.outcome == "added", result.error
        claims = led.claims(article="ferry")
        assert claims
        claim = claims[0]
        assert claim.article_title == "Ferry fares to rise by a fifth, council says"
        assert claim.article_url == "https://www.caldergazette.example/news/2024/03/14/ferry-fares-rise"
        assert claim.outlet == "The Calder Gazette" and claim.article_published == "2024-03-14"
        text = led.article_text("ferry")
        assert text == read_article(_read(NEWS)).text
        assert all(text[c.start_char:c.end_char] == c.text for c in claims)


def test_ledger_refuses_a_web_address():
    with Ledger(":memory:") as led, pytest.raises(UrlNotSupported):
        led.ingest_files(["https://www.caldergazette.example/news/story"])


def test_claimreview_appearance_comes_from_the_page():
    with Ledger(":memory:") as led:
        led.ingest_files([str(NEWS)], article_id="ferry")
        led.set_config("publisher.name", "Harbour Checks", actor="ines")
        claim = led.claims(article="ferry", speaker="Oyelaran", kind="direct")[0]
        led.start_review(claim.id, actor="ines")
        led.verdict(claim.id, "Mostly true", url="https://checks.example.org/ferry", actor="ines")
        led.publish(claim.id, actor="ines")
        [review] = json.loads(led.export("claimreview"))
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://www.caldergazette.example/news/2024/03/14/ferry-fares-rise"
    assert appearance["headline"] == "Ferry fares to rise by a fifth, council says"
    assert appearance["publisher"]["name"] == "The Calder Gazette"
    assert appearance["datePublished"] == "2024-03-14"


def test_ingest_input_html_reads_any_file_and_stdin_as_a_page(tmp_path, capsys, monkeypatch):
    saved = tmp_path / "saved-page"
    saved.write_bytes(NEWS.read_bytes())
    ledger = str(tmp_path / "l.sqlite")
    assert main(["ingest", "--ledger", ledger, "--input", "html", "--format", "json", str(saved)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["article_id"] == "https://www.caldergazette.example/news/2024/03/14/ferry-fares-rise"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(OPINION.read_bytes()), encoding="utf-8"))
    assert main(["ingest", "--ledger", ledger, "--input", "html", "--format", "json", "-"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["outcome"] == "added" and "eastwickcourier" in result["article_id"]
    with Ledger(ledger, readonly=True) as led:
        assert {c.outlet for c in led.claims()} == {"The Calder Gazette", "Eastwick Courier"}
