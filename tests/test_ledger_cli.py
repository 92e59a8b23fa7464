"""The ledger's command line: thin commands, JSON listings with ids, actors, exit codes."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.ledger import default_ledger_path, ledger_path
from attribution.ledger.ids import article_id_for_text
from attribution.model import DocResult, Extraction

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "ledger.sqlite"))
    monkeypatch.delenv("ATTRIBUTION_ACTOR", raising=False)

    def run(*argv):
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return rc, out, err

    return run


@pytest.fixture
def council(run):
    rc, out, err = run("ingest", COUNCIL)
    assert rc == 0, err
    rc, out, err = run("config", "set", "publisher.name", "Valley Checks", "--actor", "ines")
    assert rc == 0, err
    return run


def ids(run, *filters):
    rc, out, _ = run("claims", "list", *filters, "--format", "json")
    assert rc == 0
    return [c["id"] for c in json.loads(out)]


def test_ingest_prints_a_table_of_outcomes(run):
    rc, out, _ = run("ingest", COUNCIL)
    assert rc == 0
    assert "riverside-bridge-steel  added" in out and "new claims" in out
    rc, out, _ = run("ingest", COUNCIL)
    assert out.count("unchanged") == 2


def test_listings_in_json_are_arrays_of_objects_with_ids(council):
    for argv in (("claims", "list"), ("speakers",)):
        rc, out, _ = council(*argv, "--format", "json")
        items = json.loads(out)
        assert rc == 0 and isinstance(items, list) and items
        assert all(isinstance(i, dict) and i["id"] for i in items)
    claim = ids(council)[0]
    rc, out, _ = council("claims", "history", claim, "--format", "json")
    [created] = json.loads(out)
    assert (created["action"], created["actor"]) == ("created", "attribution-ingest")


def test_table_listing_pages(council):
    rc, out, _ = council("claims", "list", "--limit", "3", "--page", "2", "--sort", "id")
    assert rc == 0
    assert out.splitlines()[0].split()[:3] == ["id", "status", "speaker"]
    assert "4–6 of 7 claims" in out
    assert sum(line.startswith("c_") for line in out.splitlines()) == 3


def test_filters_on_the_command_line(council):
    assert len(ids(council, "--status", "new")) == 6
    assert len(ids(council, "--anonymous")) == 1
    assert len(ids(council, "--named")) == 6
    assert len(ids(council, "--outlet", "Riverside Courier", "--kind", "direct")) == 2
    assert len(ids(council, "--search", "steel")) == 1


def test_write_commands_refuse_without_an_actor(council):
    claim = ids(council)[0]
    rc, _, err = council("claims", "assign", claim, "--to", "tom")
    assert rc == 1 and "--actor" in err and "ATTRIBUTION_ACTOR" in err
    assert ids(council, "--assignee", "tom") == []


def test_actor_option_and_environment(council, monkeypatch):
    claim = ids(council)[0]
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    assert council("claims", "review", claim)[0] == 0
    assert council("claims", "note", claim, "Call", "the", "council", "--actor", "tom")[0] == 0
    rc, out, _ = council("claims", "history", claim, "--format", "json")
    assert [(e["action"], e["actor"]) for e in json.loads(out)][1:] == [("review", "ines"), ("note", "tom")]
    assert json.loads(out)[-1]["after"] == {"note": "Call the council"}


def test_the_review_commands(council, monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")
    claim = ids(council, "--speaker", "Okafor", "--kind", "direct")[0]
    assert council("claims", "assign", claim, "--to", "tom")[1].strip() == f"{claim}  new  assigned to tom"
    assert council("claims", "review", claim)[0] == 0
    rc, out, _ = council("claims", "verdict", claim, "--rating", "Mostly true", "--value", "4", "--url", "https://c.example/1")
    assert rc == 0 and "verdict_given" in out and "Mostly true (4/5)" in out
    assert council("claims", "tag", claim, "traffic")[0] == 0
    assert "published" in council("claims", "publish", claim)[1]
    rc, out, _ = council("claims", "show", claim)
    assert "⟦The old bridge carries twice the traffic it was built for,⟧" in out
    assert "Mostly true (4/5) by ines" in out and "Tags:      traffic" in out
    other = ids(council, "--status", "new")[0]
    assert "dismissed" in council("claims", "dismiss", other, "--reason", "opinion")[1]


def test_illegal_transition_and_unknown_claim_exit_1_with_a_message(council):
    claim = ids(council)[0]
    rc, _, err = council("claims", "publish", claim, "--actor", "ines")
    assert rc == 1 and "[A042]" in err and "verdict first" in err
    rc, _, err = council("claims", "show", "c_ffffffffff")
    assert rc == 1 and "No claim" in err


def test_export_to_a_file(council, tmp_path):
    claim = ids(council, "--speaker", "Okafor", "--kind", "direct")[0]
    for argv in (("review", claim), ("verdict", claim, "--rating", "False"), ("publish", claim, "--url", "https://c.example/2")):
        assert council("claims", *argv, "--actor", "ines")[0] == 0
    target = tmp_path / "reviews.json"
    assert council("export", "--format", "claimreview", "--output", target)[0] == 0
    [review] = json.loads(target.read_text(encoding="utf-8"))
    assert review["reviewRating"]["alternateName"] == "False"
    rc, out, _ = council("export", "--format", "jsonl", "--claim", claim)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [claim]
    rc, out, _ = council("export", "--format", "csv", "--status", "new")
    assert len(out.splitlines()) == 1 + 5


def test_ingest_text_files_and_stdin(run, tmp_path, monkeypatch):
    import attribution.batch

    def no_quotes(docs, **kw):
        for doc in docs:
            yield DocResult(doc.id, extraction=Extraction(doc.text, id=doc.id))

    monkeypatch.setattr(attribution.batch, "extract_batch", no_quotes)
    article = tmp_path / "a.txt"
    article.write_text("The council met on Tuesday.\n", encoding="utf-8")
    rc, out, _ = run("ingest", article, "--format", "json")
    assert rc == 0 and json.loads(out)[0]["article_id"] == article_id_for_text("The council met on Tuesday.")
    monkeypatch.setattr("sys.stdin", io.StringIO("The council met again.\n"))
    rc, out, _ = run("ingest", "-", "--id", "council-2", "--format", "json")
    assert json.loads(out)[0] == {
        "article_id": "council-2", "outcome": "added", "version": 1, "claims_added": 0, "claims_kept": 0,
        "claims_withdrawn": 0, "error": None,
    }
    rc, out, _ = run("ingest", tmp_path / "missing.txt", article, "--format", "json")
    assert rc == 1
    assert [r["outcome"] for r in json.loads(out)] == ["error", "unchanged"]


def test_ledger_path_resolution(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert default_ledger_path(env) == tmp_path / "data" / "attribution" / "ledger.sqlite"
    assert default_ledger_path({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local/share/attribution/ledger.sqlite"
    assert ledger_path(None, env) == str(tmp_path / "data" / "attribution" / "ledger.sqlite")
    assert ledger_path(None, {**env, "ATTRIBUTION_LEDGER": "/x/l.sqlite"}) == "/x/l.sqlite"
    assert ledger_path("/y/l.sqlite", {**env, "ATTRIBUTION_LEDGER": "/x/l.sqlite"}) == "/y/l.sqlite"


def test_cli_uses_the_default_ledger_under_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ATTRIBUTION_LEDGER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["ingest", str(COUNCIL)]) == 0
    assert (tmp_path / "attribution" / "ledger.sqlite").exists()
    capsys.readouterr()
    assert main(["speakers", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)
