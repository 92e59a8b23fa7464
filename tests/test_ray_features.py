"""Step definitions for features/ray.feature: ``attribution extract --engine ray`` and
``attribution ingest --from``, run in process through ``attribution.cli.main`` in a fresh
working directory (a local Ray is started and stopped by each extraction)."""
from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'attribution[ray]')")

from attribution.cli import main  # noqa: E402
from attribution.distributed import read_shards  # noqa: E402

scenarios("ray.feature")


@dataclass
class Session:
    """The user's working folder and what the last command did."""

    folder: Path
    status: int = 0
    out: str = ""
    err: str = ""


@pytest.fixture
def session(tmp_path, monkeypatch) -> Session:
    monkeypatch.chdir(tmp_path)
    return Session(tmp_path)


def _run(command: str, into: Session, capsys) -> None:
    argv = shlex.split(command)
    assert argv[0] == "attribution"
    capsys.readouterr()
    into.status = main(argv[1:])
    captured = capsys.readouterr()
    into.out, into.err = captured.out, captured.err


@given(parsers.parse('a text file "{name}":'), target_fixture="text_file")
def text_file(session: Session, name: str, docstring: str) -> Path:
    path = session.folder / name
    path.write_text(docstring, encoding="utf-8")
    return path


@given(parsers.parse('a binary file "{name}"'))
def binary_file(session: Session, name: str) -> None:
    (session.folder / name).write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))


@given(parsers.parse('the shards of "{command}"'))
def shards_of(session: Session, command: str, capsys) -> None:
    made = Session(session.folder)
    _run(command, made, capsys)
    assert made.status == 0, made.err


@when(parsers.parse('I run "{command}"'))
def i_run(command: str, session: Session, capsys) -> None:
    _run(command, session, capsys)


@then("the command succeeds")
def succeeds(session: Session) -> None:
    assert session.status == 0, session.err


@then("the command fails")
def fails(session: Session) -> None:
    assert session.status != 0
    assert "Traceback" not in session.err


@then(parsers.parse('the folder "{folder}" holds the shard "{name}"'))
def holds_shard(session: Session, folder: str, name: str) -> None:
    assert sorted(p.name for p in (session.folder / folder).iterdir()) == [name]


@then(parsers.parse('the shard lines, sorted by id, are the lines of "{command}"'))
def same_lines(session: Session, command: str, capsys) -> None:
    local = Session(session.folder)
    _run(command, local, capsys)

    def by_id(lines):
        return sorted(lines, key=lambda line: json.loads(line)["id"])

    shards = [line for _, line in read_shards(str(session.folder / "shards"))]
    assert by_id(shards) == by_id(local.out.splitlines())


@then(parsers.parse('stderr says "{text}"'))
def stderr_says(session: Session, text: str) -> None:
    assert text in session.err


@then(parsers.parse('the output says "{text}"'))
def output_says(session: Session, text: str) -> None:
    assert text in session.out
