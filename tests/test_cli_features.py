"""Step definitions for what a user sees at the command line: features/extract.feature,
features/report.feature and features/evaluate.feature.

Commands run in process through ``attribution.cli.main`` in a fresh working directory
(the parser is loaded once per test session); ``When I run "attribution ..."`` splits the
command like a shell would.
"""
from __future__ import annotations

import csv
import io
import json
import shlex
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from attribution.cli import main

# Paths are relative to bdd_features_base_dir (features/, set in tox.ini).
scenarios("extract.feature")
scenarios("report.feature")
scenarios("evaluate.feature")
scenarios("html.feature")  # steps for saved pages: the end of this file


@dataclass
class Run:
    status: int = 0
    out: str = ""
    err: str = ""


@dataclass
class Gold:
    path: Path | None = None
    text: str = ""
    quotes: list[dict] = field(default_factory=list)

    def write(self) -> None:
        doc = {"id": "article-1", "text": self.text, "quotes": self.quotes}
        self.path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def gold() -> Gold:
    return Gold()


# --------------------------------------------------------------------------- given


@given(parsers.parse('a text file "{name}":'))
def text_file(workdir, name, docstring):
    (workdir / name).write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('an empty text file "{name}"'))
def empty_file(workdir, name):
    (workdir / name).write_bytes(b"")


@given(parsers.parse('a JSONL file "{name}":'))
def jsonl_file(workdir, name, docstring):
    (workdir / name).write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('a binary file "{name}"'))
def binary_file(workdir, name):
    (workdir / name).write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + zlib.compress(b"pixels" * 50))


@given(parsers.parse('a Latin-1 file "{name}" holding "{text}"'))
def latin1_file(workdir, name, text):
    (workdir / name).write_bytes(text.encode("latin-1"))


@given(parsers.parse('standard input holds "{text}"'))
def standard_input(workdir, monkeypatch, text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


@given(parsers.parse('a gold file "{name}" for the article:'))
def gold_file(workdir, gold, name, docstring):
    gold.path, gold.text = workdir / name, docstring
    gold.write()


@given(parsers.parse('its gold quote "{quote}" is {kind}, spoken by "{mention}" named "{name}"'))
def gold_quote(gold, quote, kind, mention, name):
    start, s = gold.text.index(quote), gold.text.index(mention)
    gold.quotes.append({
        "start": start, "end": start + len(quote), "text": quote, "kind": kind,
        "speaker": {"start": s, "end": s + len(mention), "text": mention}, "speaker_name": name,
    })
    gold.write()


@given(parsers.parse('a prediction file "{name}" with no quotes for the article'))
def empty_predictions(workdir, name):
    (workdir / name).write_text(json.dumps({"id": "article-1", "quotes": []}) + "\n")


# --------------------------------------------------------------------------- when


@when(parsers.parse('I run "{command}"'))
def run_command(workdir, run, capsys, command):
    argv = shlex.split(command)
    assert argv[0] == "attribution"
    try:
        run.status = main(argv[1:])
    except SystemExit as exc:  # argparse usage errors and --help
        run.status = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    run.out, run.err = captured.out, captured.err


# --------------------------------------------------------------------------- then: status and streams


@then("the command succeeds")
def succeeds(run):
    assert run.status == 0, run.err


@then(parsers.parse("the command fails with status {status:d}"))
def fails(run, status):
    assert run.status == status, (run.status, run.err)


@then(parsers.parse('stderr says "{text}"'))
def stderr_says(run, text):
    assert text in run.err, run.err


@then(parsers.parse('the output contains "{text}"'))
def output_contains(run, text):
    assert text in run.out, run.out


# --------------------------------------------------------------------------- then: extract


def _lines(run: Run) -> list[dict]:
    return [json.loads(line) for line in run.out.splitlines() if line.strip()]


def _line(run: Run, n: int) -> dict:
    lines = _lines(run)
    assert len(lines) >= n, run.out
    return lines[n - 1]


@then(parsers.parse("the output has {n:d} line"))
@then(parsers.parse("the output has {n:d} lines"))
def output_lines(run, n):
    assert len(_lines(run)) == n


@then(parsers.parse('line {n:d} has the id "{doc_id}"'))
def line_id(run, n, doc_id):
    assert _line(run, n)["id"] == doc_id


@then(parsers.parse('line {n:d} has the id "{doc_id}" and no error'))
def line_ok(run, n, doc_id):
    line = _line(run, n)
    assert line["id"] == doc_id and "error" not in line, line


@then(parsers.parse('line {n:d} has the id "{doc_id}" and an error saying "{text}"'))
def line_error(run, n, doc_id, text):
    line = _line(run, n)
    assert line["id"] == doc_id and text in line.get("error", ""), line
    assert line["quotes"] == []


@then(parsers.parse('line {n:d} has a direct quote "{quote}" by "{speaker}"'))
def line_direct_quote(run, n, quote, speaker):
    quotes = [q for q in _line(run, n)["quotes"] if q["kind"] == "direct" and q["text"] == quote]
    assert quotes, _line(run, n)["quotes"]
    assert quotes[0]["speaker"] and quotes[0]["speaker"]["text"] == speaker


@then(parsers.parse('line {n:d} has a warning saying "{text}"'))
def line_warning(run, n, text):
    assert any(text in w for w in _line(run, n).get("warnings", []))


@then(parsers.parse('the output is CSV with the columns "{columns}"'))
def csv_columns(run, columns):
    header = next(csv.reader(io.StringIO(run.out)))
    assert header[: len(columns.split(","))] == columns.split(",")


@then(parsers.parse('every CSV row has the id "{doc_id}"'))
def csv_ids(run, doc_id):
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert rows and all(r["id"] == doc_id for r in rows)


# --------------------------------------------------------------------------- then: report


def _table_rows(run: Run) -> list[list[str]]:
    """Rows of the report's first (attribution) table, split on runs of 2+ spaces."""
    import re

    lines = run.out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("#"))
    rows = []
    for line in lines[start + 2:]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


@then(parsers.parse('the report has the columns "{columns}"'))
def report_columns(run, columns):
    header = next(line for line in run.out.splitlines() if line.lstrip().startswith("#"))
    assert header.split() == columns.split()


@then(parsers.parse('the report has a row with speaker "{speaker}", cue "{cue}" and kind "{kind}"'))
def report_row(run, speaker, cue, kind):
    rows = _table_rows(run)
    assert any(speaker in r[1] and r[3] == cue and r[4] == kind for r in rows), rows


@then(parsers.parse('the speaker summary shows "{speaker}" with {n:d} quotes'))
def summary_row(run, speaker, n):
    lines = run.out.splitlines()
    start = lines.index("Speakers")
    rows = [line.split() for line in lines[start + 3:] if line.strip()]
    assert any(speaker in " ".join(r) and str(n) in r for r in rows), lines[start:]


@then(parsers.parse('the report shows a quote ending in "{ellipsis}" no longer than {width:d} characters'))
def shortened(run, ellipsis, width):
    quotes = [r[5] for r in _table_rows(run)]
    assert any(q.endswith(ellipsis) for q in quotes), quotes
    assert all(len(q) <= width for q in quotes)


# --------------------------------------------------------------------------- then: evaluate


@then(parsers.parse('the "{scope}" row shows quote recall "{value}"'))
def scope_recall(run, scope, value):
    rows = {line.split()[0]: line.split() for line in run.out.splitlines() if line.strip()}
    assert scope in rows, run.out
    assert rows[scope][5] == value, rows[scope]


@then(parsers.parse('the JSON output has "{key}" {value:d}'))
def json_value(run, key, value):
    assert json.loads(run.out)[key] == value


@then(parsers.parse('the JSON output has "{k1}" {v1:d}, "{k2}" {v2:d} and "{k3}" {v3:g}'))
def json_values(run, k1, v1, k2, v2, k3, v3):
    result = json.loads(run.out)
    assert (result[k1], result[k2], result[k3]) == (v1, v2, v3), result


@then(parsers.parse('"{name}" lists the quote "{quote}" as a miss'))
def errors_file(workdir, name, quote):
    entries = [json.loads(line) for line in (workdir / name).read_text(encoding="utf-8").splitlines()]
    assert any(m["text"] == quote for e in entries for m in e["misses"]), entries


# --------------------------------------------------------------------------- saved web pages

HTML_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


@given(parsers.parse('the saved page "{name}"'))
def saved_page(workdir, name):
    (workdir / name).write_bytes((HTML_FIXTURES / name).read_bytes())


@given(parsers.parse('the saved page "{name}" as "{saved_as}"'))
def saved_page_as(workdir, name, saved_as):
    (workdir / saved_as).write_bytes((HTML_FIXTURES / name).read_bytes())


@then(parsers.parse('line {n:d} has "{key}" "{value}" in its metadata'))
def line_meta(run, n, key, value):
    assert _line(run, n)["meta"].get(key) == value, _line(run, n)["meta"]


@then(parsers.parse('the text of line {n:d} does not contain "{text}"'))
def text_lacks(run, n, text):
    line = _line(run, n)
    assert line["text"] and text not in line["text"]
