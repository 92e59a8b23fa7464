"""No ledger command ends in a traceback, whatever it is given.

A property-based test drives every ledger command through ``attribution.cli.main`` with
hostile arguments (huge and negative numbers, empty and unicode text, LIKE and glob
wildcards, quotes, terminal escapes, script URLs, paths that cannot be written) and accepts
only two outcomes: success, or a non-zero exit with a coded message (``[A0..]``; batch
commands such as ``ingest`` report each document's error on its own row instead).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.cli import main
from attribution.ledger import Ledger

COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "ledger" / "articles.jsonl"
CODED = re.compile(r"\[A\d{3}\]")
EXAMPLES = 300  # enough to reach every command with several kinds of hostile value

WORDS = [
    "", " ", "-", "--", "0", "-1", "1", "5", "99999999999999999999", "-99999999999999999999",
    "1e309", "nan", "inf", "-inf", "0x10", "%", "_", "%_%", "*", "?", "\\", "'", '"',
    "' OR 1=1 --", "'); DROP TABLE claims; --", "😀", "Ω≈ç√ ßü", "\u202eevil", "\x1b[31mred",
    "x" * 5000, "c_", "c_0000", "c_ffffffffff", "none", "True", "Misleading", "published",
    "publisher.name", "publisher.url", "javascript:alert(1)", "data:text/html,x",
    "https://checks.example.org/x", "http://", "=1+1", "@SUM(A1)", "\t", "\r\n",
]
PATHS = ["", ".", "..", "/", "/proc/nope/x.sqlite", "nodir/x.json", "a-file/x.json", "out.json", "ünï/😀.sqlite"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
SAFE_NAME = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\."), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A ledger with the council articles, one claim published, a publisher configured."""
    path = tmp_path_factory.mktemp("template") / "ledger.sqlite"
    with Ledger(path) as ledger:
        ledger.ingest_files([str(COUNCIL)])
        ledger.set_config("publisher.name", "Valley Checks", actor="ines")
        claim = ledger.claims(kind="direct")[0].id
        ledger.start_review(claim, actor="ines")
        ledger.verdict(claim, "False", url="https://checks.example.org/1", actor="ines")
        ledger.publish(claim, actor="ines")
        ids = [c.id for c in ledger.claims()]
    return path, ids


def commands(ids: list[str]) -> st.SearchStrategy[list[str]]:
    word = st.one_of(st.sampled_from(WORDS), TEXT, st.integers().map(str), st.sampled_from(ids))
    path = st.one_of(st.sampled_from(PATHS), SAFE_NAME, SAFE_NAME.map(lambda n: f"nodir/{n}"))
    claim = st.one_of(st.sampled_from(ids), word)
    option = st.sampled_from(
        ["--limit", "--page", "--search", "--speaker", "--article", "--outlet", "--assignee", "--tag",
         "--status", "--kind", "--sort", "--format"]
    )
    listing_options = st.lists(st.tuples(option, word), max_size=4).map(lambda ps: [x for p in ps for x in p])

    def argv(*parts: object) -> st.SearchStrategy[list[str]]:
        return st.tuples(*(p if isinstance(p, st.SearchStrategy) else st.just(p) for p in parts)).map(
            lambda xs: [x for part in xs for x in (part if isinstance(part, list) else [part])]
        )

    return st.one_of(
        argv("claims", "list", listing_options),
        argv("claims", "list", "--conflicts", "--format", "json", listing_options),
        argv("claims", "show", claim),
        argv("claims", "show", claim, "--format", "json"),
        argv("claims", "history", claim),
        argv("claims", "assign", claim, claim, "--to", word),
        argv("claims", "review", claim),
        argv("claims", "verdict", claim, "--rating", word, "--value", word),
        argv("claims", "verdict", claim, "--rating", word, "--url", word),
        argv("claims", "publish", claim, "--url", word),
        argv("claims", "dismiss", claim, "--reason", word),
        argv("claims", "note", claim, word),
        argv("claims", "note", claim, "-"),
        argv("claims", "tag", claim, word, word),
        argv("claims", "tag", claim, word, "--remove"),
        argv("export", "--format", word),
        argv("export", "--format", st.sampled_from(["claimreview", "csv", "jsonl"]), "--claim", claim),
        argv("export", "--format", st.sampled_from(["claimreview", "csv", "jsonl"]), listing_options),
        argv("export", "--format", "csv", "-o", path),
        argv("config", "set", word, word),
        argv("config", "set", "publisher.url", word),
        argv("config", "get", word),
        argv("config", "list", "--format", word),
        argv("speakers", "--search", word, "--limit", word, "--page", word),
        argv("claims", "list", "--ledger", path),
        argv("export", "--format", "jsonl", "--ledger", path),
        argv("init", "--ledger", path),
        argv("claims", "assign", claim, "--to", word, "--ledger", path),
        argv("claims", "review", claim, "--actor", word),
        argv("speakers", st.sampled_from(["show", "split"]), word),
        argv("speakers", "merge", word, word, "--reason", word),
        argv("speakers", "rename", word, word),
        argv("articles", "--limit", word, "--page", word),
        argv("articles", "show", word),
        argv("corrections", "--article", word, "--output", path),
        argv("claims", "correct", claim, "--speaker", word, "--start", word, "--end", word),
        argv("claims", "add", word, "--start", word, "--end", word, "--speaker", word),
        argv("ingest", path, "--id", word, "--encoding", word),
        argv("ingest", path, path, "--id", word),
        argv("ingest", "--jobs", word, path),
        argv(st.sampled_from(["claims", "export", "config", "init", "speakers", "articles", "ingest"]), word, word),
    )


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    try:
        rc = main(argv)
    except SystemExit as exit_:  # argparse: usage errors (2) and --help (0)
        rc = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return rc, err + out  # batch commands report each document's coded error in their output


def test_no_ledger_command_ends_in_a_traceback(template, capsys, monkeypatch):
    source, ids = template
    monkeypatch.setenv("ATTRIBUTION_ACTOR", "ines")

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(argv=commands(ids), stdin=TEXT)
    def check(argv: list[str], stdin: str) -> None:
        home = os.getcwd()
        with tempfile.TemporaryDirectory() as scratch:
            ledger = Path(scratch) / "ledger.sqlite"
            shutil.copy(source, ledger)
            (Path(scratch) / "a-file").write_text("a file, not a folder", encoding="utf-8")
            os.environ["ATTRIBUTION_LEDGER"] = str(ledger)
            os.chdir(scratch)  # relative paths land in the scratch folder
            try:
                monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
                rc, said = run_cli(argv, capsys)
            finally:
                os.chdir(home)
        assert "Traceback" not in said, (argv, said)
        if rc != 0:
            per_document = argv[0] == "ingest" and "outcome" in said and re.search(r"\serror\s", said)
            assert CODED.search(said) or per_document, (argv, rc, said)

    check()
