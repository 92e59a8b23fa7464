"""The command line: extract, report, evaluate (in process through ``cli.main``), plus one
run of ``python -m attribution --help`` in a subprocess."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from attribution.cli import build_parser, main
from attribution.cli.extract import progress

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "fixtures" / "inputs"
SHARED = ROOT.parent / "shared"
SEED_GOLD = SHARED / "acceptance" / "seed-gold.jsonl"
SENTENCE = "“We will finish the bridge by June,” said Mayor Ana Torres."
REPORTED = "Torres said the council had approved the budget."


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(f"{SENTENCE}\n\n{REPORTED}\n", encoding="utf-8")
    return path


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# --------------------------------------------------------------------------- help


def test_python_dash_m_attribution_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "attribution", "--help"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    for command in ("extract", "report", "evaluate"):
        assert command in out.stdout


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def test_the_user_facing_commands_are_registered():
    assert {"extract", "report", "evaluate"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert f"usage: attribution {command}" in capsys.readouterr().out


def test_no_command_prints_help_to_stderr_and_fails(capsys):
    assert main([]) == 2
    assert "usage: attribution" in capsys.readouterr().err


# --------------------------------------------------------------------------- extract


def test_extract_writes_one_jsonl_line_with_the_id_and_a_summary_on_stderr(article, capsys):
    assert main(["extract", str(article)]) == 0
    out, err = capsys.readouterr()
    [doc] = _jsonl(out)
    assert doc["id"] == str(article)
    assert isinstance(doc["quotes"], list)
    text = article.read_text(encoding="utf-8")
    for q in doc["quotes"]:
        assert text[q["start_char"]:q["end_char"]] == q["text"]
    assert err.strip().splitlines()[-1].startswith("attribution extract: 1 document, ")
    assert "0 failed" in err


def test_extract_attributes_the_simple_direct_quote(article, capsys):
    main(["extract", str(article)])
    [doc] = _jsonl(capsys.readouterr().out)
    direct = [q for q in doc["quotes"] if q["kind"] == "direct"]
    assert [q["text"] for q in direct] == ["“We will finish the bridge by June,”"]
    assert direct[0]["speaker"]["text"] == "Mayor Ana Torres"


def test_extract_reads_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, SENTENCE.encode())
    assert main(["extract", "-"]) == 0
    assert [d["id"] for d in _jsonl(capsys.readouterr().out)] == ["stdin"]


def test_extract_jsonl_batch_keeps_order_reports_failures_and_succeeds(capsys):
    assert main(["extract", "--input", "jsonl", str(INPUTS / "batch-with-errors.jsonl")]) == 0
    out, err = capsys.readouterr()
    docs = _jsonl(out)
    src = str(INPUTS / "batch-with-errors.jsonl")
    assert [d["id"] for d in docs] == ["good-1", f"{src}:2", "no-text", "empty-text", f"{src}:6", "good-2"]
    assert ["error" in d for d in docs] == [False, True, True, True, True, False]
    assert docs[0]["meta"]["outlet"] == "Example Gazette"
    assert f"attribution extract: {src}:2: line 2 of {src} is not valid JSON" in err
    assert "6 documents" in err and "4 failed" in err


def test_extract_fails_with_status_1_when_every_document_fails(tmp_path, capsys):
    status = main(["extract", str(INPUTS / "binary.bin"), str(tmp_path / "missing.txt")])
    out, err = capsys.readouterr()
    assert status == 1
    assert [("error" in d) for d in _jsonl(out)] == [True, True]
    assert "looks binary" in err and "cannot read" in err


def test_extract_fails_when_the_input_holds_no_document(monkeypatch, capsys):
    _stdin(monkeypatch, b"\n\n")
    assert main(["extract", "--input", "jsonl", "-"]) == 1
    assert "no documents in the input" in capsys.readouterr().err


def test_extract_encoding_option(capsys):
    assert main(["extract", str(INPUTS / "latin1-article.txt")]) == 1
    assert "--encoding latin-1" in capsys.readouterr().err
    assert main(["extract", "--encoding", "latin-1", str(INPUTS / "latin1-article.txt")]) == 0
    assert "error" not in _jsonl(capsys.readouterr().out)[0]


def test_extract_unknown_encoding_is_an_error_on_stderr(article, capsys):
    assert main(["extract", "--encoding", "klingon", str(article)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("attribution extract: error:") and "unknown encoding" in err


def test_extract_html_input_gets_a_warning_in_the_output(capsys):
    assert main(["extract", str(INPUTS / "article.html.txt")]) == 0
    [doc] = _jsonl(capsys.readouterr().out)
    assert any("HTML" in w for w in doc["warnings"])


def test_extract_csv_and_output_file(article, tmp_path, capsys):
    out_path = tmp_path / "out.csv"
    assert main(["extract", "--format", "csv", "-o", str(out_path), str(article)]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(out_path.open(encoding="utf-8")))
    assert rows and all(r["id"] == str(article) for r in rows)


def test_extract_json_is_an_array(article, capsys):
    main(["extract", "--format", "json", str(article), str(article)])
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == [str(article)] * 2


def test_extract_table_format(article, capsys):
    main(["extract", "--format", "table", str(article)])
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["id", "speaker", "type"]


def test_extract_include_text(article, capsys):
    main(["extract", "--include-text", str(article)])
    assert _jsonl(capsys.readouterr().out)[0]["text"] == article.read_text(encoding="utf-8")


def test_extract_jobs_are_passed_through(article, capsys, monkeypatch):
    import attribution.batch

    seen = {}
    real = attribution.batch.extract_batch

    def spy(docs, **kw):
        seen.update(kw)
        return real(docs, **{**kw, "jobs": 1})

    monkeypatch.setattr(attribution.batch, "extract_batch", spy)
    assert main(["extract", "--jobs", "2", str(article)]) == 0
    assert seen["jobs"] == 2 and seen["parser"] == "spacy"


def test_extract_bad_jobs_is_a_usage_error(article, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--jobs", "0", str(article)])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(article, capsys):
    main(["extract", str(article)])
    err = capsys.readouterr().err
    assert "\r" not in err and "doc/s" not in err


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    items = [1, 2, 3]
    assert progress(items, total=3, enabled=True, err=io.StringIO()) is items
    assert progress(items, total=3, enabled=False, err=Tty()) is items
    bar_out = Tty()
    assert list(progress(items, total=3, enabled=True, err=bar_out)) == items
    assert "0/3" in bar_out.getvalue() and "doc/s" in bar_out.getvalue()


def test_unavailable_stanza_models_are_an_error_saying_what_to_do(article, tmp_path, capsys):
    status = main(["extract", "--parser", "stanza", "--model-dir", str(tmp_path / "no-models"), str(article)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("attribution extract: error:") and "--parser spacy" in err


# --------------------------------------------------------------------------- report


def test_report_prints_a_table_and_a_speaker_summary(article, capsys):
    assert main(["report", str(article)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(str(article))
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#"))
    assert header.split() == ["#", "speaker", "type", "cue", "kind", "quote"]
    assert "Speakers" in out
    assert "“We will finish the bridge by June,”" in out


@pytest.mark.parametrize("fmt, marker", [("github", "|---"), ("html", "<table>"), ("latex", "\\begin{tabular}"),
                                         ("grid", "+===")])
def test_report_tablefmt_passes_through(article, capsys, fmt, marker):
    assert main(["report", "--tablefmt", fmt, str(article)]) == 0
    assert marker in capsys.readouterr().out


def test_report_unknown_tablefmt_is_a_usage_error_listing_formats(article, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--tablefmt", "nope", str(article)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "unknown table format 'nope'" in err and "github" in err


def test_report_shows_failed_documents_and_jsonl_input(capsys):
    assert main(["report", "--input", "jsonl", str(INPUTS / "batch-with-errors.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "good-1" in out and "good-2" in out
    assert "error: line 3 of" in out


# --------------------------------------------------------------------------- evaluate


def _gold(tmp_path) -> Path:
    text = f"{SENTENCE}\n\n{REPORTED}"
    quote = "“We will finish the bridge by June,”"
    spk = "Mayor Ana Torres"
    gold = {"id": "bridge", "text": text, "quotes": [
        {"start": 0, "end": len(quote), "text": quote, "kind": "direct",
         "speaker": {"start": text.index(spk), "end": text.index(spk) + len(spk), "text": spk},
         "speaker_name": "Ana Torres"},
    ]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_evaluate_runs_extraction_and_prints_scores_by_kind(tmp_path, capsys):
    assert main(["evaluate", str(_gold(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "documents: 1" in out and "gold quotes: 1" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()[:1] in (["all"], ["direct"])}
    assert set(rows) == {"all", "direct"}
    assert rows["direct"][5] == "100.0"  # quote recall on the one direct quote


def test_evaluate_json_with_predictions_and_errors_file(tmp_path, capsys):
    gold = _gold(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "bridge", "quotes": [
        {"start_char": 70, "end_char": 100, "text": "", "kind": "indirect", "speaker": None, "speaker_name": None},
    ]}) + "\n")
    errors = tmp_path / "errors.jsonl"
    assert main(["evaluate", str(gold), "--pred", str(pred), "--format", "json", "--errors", str(errors)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["gold_quotes"], result["pred_quotes"], result["quote_f1"]) == (1, 1, 0.0)
    [entry] = _jsonl(errors.read_text())
    assert entry["id"] == "bridge"
    assert [m["start"] for m in entry["misses"]] == [0]
    assert [p["start"] for p in entry["false_positives"]] == [70]


def test_evaluate_kinds_option_is_checked(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["evaluate", str(_gold(tmp_path)), "--kinds", "direct,quoted"])
    assert "unknown kind 'quoted'" in capsys.readouterr().err


def test_evaluate_gold_without_text_needs_predictions(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "quotes": []}\n')
    assert main(["evaluate", str(gold)]) == 1
    assert "--pred" in capsys.readouterr().err


def test_evaluate_missing_gold_file_is_an_error(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "none.jsonl")]) == 1
    assert "cannot read gold file" in capsys.readouterr().err


@pytest.mark.skipif(not SEED_GOLD.exists(), reason=f"the acceptance gold is not at {SEED_GOLD}")
def test_evaluate_seed_article_finds_its_direct_quotes(capsys):
    assert main(["evaluate", str(SEED_GOLD), "--kinds", "direct", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["gold_quotes"] == 4 and result["quote_r"] == 1.0
