"""Ledger commands given awkward input: out-of-range numbers, unwritable outputs, LIKE
wildcards, unassigned claims, bulk assignment, compact JSON, notes from standard input and
stored text that would drive the terminal."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from ledger_cli_helpers import cli_runner

from attribution.cli import main

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"


@pytest.fixture
def council(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    run = cli_runner(capsys)
    assert run("ingest", COUNCIL)[0] == 0
    return run


def listed(run, *filters):
    rc, out, err = run("claims", "list", *filters, "--format", "json")
    assert rc == 0, err
    return json.loads(out)


def usage_error(run, *argv):
    with pytest.raises(SystemExit) as exit_:
        run(*argv)
    return exit_.value.code


@pytest.mark.parametrize(
    "argv",
    [
        ("claims", "list", "--limit", "99999999999999999999"),
        ("claims", "list", "--limit", "-1"),
        ("claims", "list", "--page", "0"),
        ("claims", "list", "--page", "-3"),
        ("claims", "list", "--page", "99999999999999999999"),
        ("speakers", "--limit", "1e9"),
    ],
)
def test_out_of_range_numbers_are_coded_usage_errors(council, capsys, argv):
    assert usage_error(council, *argv) == 2
    err = capsys.readouterr().err
    assert "[A055]" in err and "Traceback" not in err


def test_huge_limits_in_range_list_everything(council):
    assert len(listed(council, "--limit", str(2**31 - 1), "--page", "1")) == 7
    assert listed(council, "--limit", str(2**31 - 1), "--page", str(2**31 - 1)) == []


@pytest.mark.parametrize("target", ["nodir/x.json", "file/x.json", "."])
def test_unwritable_export_targets_are_coded_errors(council, tmp_path, target):
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    rc, out, err = council("export", "--format", "jsonl", "--status", "new", "-o", tmp_path / target)
    assert rc == 1 and "[A054]" in err and "--output" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "ledger.sqlite", "ledger.sqlite-shm", "ledger.sqlite-wal"]


@pytest.mark.parametrize("option", ["--search", "--speaker", "--outlet"])
@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "_%_", "\\"])
def test_like_wildcards_match_literally(council, option, wildcard):
    assert listed(council, option, wildcard) == []


def test_speaker_and_search_still_match_parts(council):
    assert len(listed(council, "--speaker", "Torr")) == 3
    assert len(listed(council, "--search", "bridge")) >= 2


def test_unassigned_claims_and_bulk_assignment(council):
    first, second, *rest = [c["id"] for c in listed(council, "--status", "new")]
    rc, out, _ = council("claims", "assign", first, second, "--to", "tom")
    assert rc == 0 and out.count("assigned to tom") == 2
    assert {c["id"] for c in listed(council, "--assignee", "tom")} == {first, second}
    assert {c["id"] for c in listed(council, "--assignee", "none")} == {c["id"] for c in listed(council)} - {first, second}
    rc, _, err = council("claims", "assign", rest[0], "c_ffffffffff", "--to", "ana")
    assert rc == 1 and "[A041]" in err
    assert listed(council, "--assignee", "ana") == []  # all or nothing


def test_json_listing_carries_linked_ids_and_counts_not_copies(council):
    claims = listed(council)
    mayor = next(c for c in claims if c["linked_count"])
    assert "linked" not in mayor
    assert all(isinstance(i, str) and i.startswith("c_") for i in mayor["linked_ids"])
    assert mayor["linked_count"] == len(mayor["linked_ids"]) == 1
    assert mayor["conflict_ids"] == []


def test_a_note_from_standard_input(council, monkeypatch):
    claim = listed(council)[0]["id"]
    monkeypatch.setattr("sys.stdin", io.StringIO("Line one\nline two\n"))
    assert council("claims", "note", claim, "-")[0] == 0
    rc, out, _ = council("claims", "show", claim, "--format", "json")
    assert json.loads(out)["notes"][-1]["text"] == "Line one\nline two"
    monkeypatch.setattr("sys.stdin", io.StringIO("x" * 20_001))
    rc, _, err = council("claims", "note", claim, "-")
    assert rc == 1 and "[A002]" in err


def test_show_neutralises_control_characters_and_ansi_escapes(council):
    claim = listed(council)[0]["id"]
    typed = "\x1b[2J\x1b[31mALL CLEAR\x1b[0m\x07 \u202egnp.exe\r\x9b1m"
    assert council("claims", "note", claim, typed)[0] == 0
    assert council("claims", "tag", claim, "\x1b]0;owned\x07")[0] == 0
    for argv in (("claims", "show", claim), ("claims", "history", claim), ("claims", "list")):
        rc, out, _ = council(*argv)
        assert rc == 0
        assert not any(ch in out for ch in "\x1b\x07\r\x9b\u202e"), argv
    out = council("claims", "show", claim)[1]
    assert "\\x1b[31mALL CLEAR\\x1b[0m\\x07 \\u202egnp.exe\\x0d\\x9b1m" in out
    rc, out, _ = council("claims", "show", claim, "--format", "json")
    assert not any(ch in out for ch in "\x1b\x07\r\x9b\u202e")
    assert json.loads(out)["notes"][-1]["text"] == typed.strip()  # stored as typed, JSON escapes


def test_syndicated_copies_list_counts_and_a_few_ids(tmp_path, capsys):
    from attribution import extract
    from attribution.ledger import Ledger
    from attribution.ledger.export import MAX_LISTED_LINKS

    text = json.loads(COUNCIL.read_text(encoding="utf-8").splitlines()[0])["text"]
    extraction = extract(text)
    copies = MAX_LISTED_LINKS + 5
    path = tmp_path / "syndicated.sqlite"
    with Ledger(path) as ledger:
        for i in range(copies):
            ledger.ingest_extraction(extraction, article_id=f"copy-{i}", meta={"url": f"https://outlet{i}.example.org/a"})
        full = ledger.claims(kind="direct", limit=1)[0]
    assert main(["claims", "list", "--limit", "0", "--format", "json", "--ledger", str(path)]) == 0
    records = json.loads(capsys.readouterr().out)
    record = next(r for r in records if r["id"] == full.id)
    assert record["linked_count"] == copies - 1 == len(full.linked)
    assert record["linked_ids"] == [c.id for c in full.linked[:MAX_LISTED_LINKS]]
    assert all("linked" not in r for r in records)


def test_config_commands_keep_the_publisher_in_the_ledger(council):
    rc, out, err = council("config", "set", "publisher.url", "javascript:alert(1)")
    assert rc == 1 and "[A053]" in err
    assert council("config", "set", "publisher.name", "Valley  Fact Check")[1].strip() == "publisher.name = Valley Fact Check"
    assert council("config", "set", "publisher.url", "https://valley.example.org")[0] == 0
    assert council("config", "get", "publisher.name")[1] == "Valley Fact Check\n"
    rc, out, _ = council("config", "list", "--format", "json")
    listed_settings = json.loads(out)
    assert listed_settings["publisher.name"] == "Valley Fact Check"
    assert listed_settings["publisher.url"] == "https://valley.example.org"
    assert council("config", "set", "publisher.url", "")[1].strip() == "publisher.url unset"
    rc, out, err = council("config", "get", "publisher.url")
    assert (rc, out) == (0, "") and "not set" in err
    with pytest.raises(SystemExit):
        council("config", "set", "publisher.colour", "red")
