"""``extract --engine ray`` on a local Ray: the same lines as ``extract --jobs 1``, byte for
byte once sorted by id; bad documents become error rows; JSONL and Parquet shards; the
errors a user can make.  The multi-node cluster and a killed worker are tested in
``test_ray_cluster.py``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'attribution[ray]')")

from attribution.cli import main  # noqa: E402
from attribution.distributed import (  # noqa: E402
    extract_to_shards,
    input_files,
    read_shards,
    shard_paths,
)
from attribution.errors import InputError, UsageError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "articles").glob("*.txt"))
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "html").glob("*.html"))
BAD = [f"fixtures/inputs/{n}" for n in ("binary.bin", "latin1-article.txt", "whitespace.txt",
                                         "article.html.txt")] + ["fixtures/inputs/missing.txt"]
BATCH_WITH_ERRORS = "fixtures/inputs/batch-with-errors.jsonl"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"


def by_id(lines: list[str]) -> list[str]:
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def local_lines(paths: list[str], tmp_path: Path, *extra: str) -> list[str]:
    """What ``attribution extract --jobs 1 --format jsonl`` writes for ``paths``."""
    out = tmp_path / "local.jsonl"
    main(["extract", "--jobs", "1", "--format", "jsonl", "--no-progress", *extra, *paths,
          "--output", str(out)])
    return out.read_text(encoding="utf-8").splitlines()


def shard_lines(folder: Path) -> list[str]:
    return [line for _, line in read_shards(str(folder))]


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_cli_ray_gives_the_local_lines_byte_for_byte_with_error_rows(in_repo, tmp_path, capsys):
    paths = ARTICLES + PAGES + BAD  # saved pages are read as such by suffix
    expected = local_lines(paths, tmp_path)
    capsys.readouterr()
    out = tmp_path / "shards"
    status = main(["extract", "--engine", "ray", "--actors", "2", "--shard-size", "4",
                   "--no-progress", *paths, "--output", str(out)])
    err = capsys.readouterr().err
    assert status == 0
    got = shard_lines(out)
    assert by_id(got) == by_id(expected)
    assert len(got) == len(paths)
    assert len(shard_paths(str(out))) == 4  # 14 documents, 4 a shard
    assert not list(out.glob("*.partial"))
    failed = {json.loads(line)["id"] for line in got if "error" in json.loads(line)}
    assert failed == {"fixtures/inputs/binary.bin", "fixtures/inputs/latin1-article.txt",
                      "fixtures/inputs/whitespace.txt", "fixtures/inputs/missing.txt",
                      "fixtures/html/no-article.html"}
    assert "14 documents" in err and "5 failed" in err and "4 shards" in err
    assert "fixtures/inputs/missing.txt: cannot read" in err


def test_jsonl_through_an_fsspec_filesystem_to_parquet_keeps_line_ids_errors_and_text(tmp_path):
    """The path a remote filesystem (s3://...) takes: listed and read through the given
    filesystem, copied to a local file for the library's reader, named as given."""
    import fsspec
    import pyarrow.parquet as pq

    source = str(ROOT / BATCH_WITH_ERRORS)
    expected = local_lines([source], tmp_path, "--input", "jsonl", "--include-text")
    out = tmp_path / "parquet"
    run = extract_to_shards([source], str(out), fmt="parquet", input_format="jsonl", actors=1,
                            include_text=True, shard_size=4, filesystem=fsspec.filesystem("file"))
    assert [Path(s).name for s in run.shards] == ["part-00000.parquet", "part-00001.parquet"]
    assert by_id(shard_lines(out)) == by_id(expected)
    table = pq.read_table(run.shards[0])
    assert table.column_names == ["id", "error", "quotes", "result"]
    rows = pq.read_table(str(out)).to_pylist()
    errors = {r["id"]: r["error"] for r in rows}
    # a line that is not JSON is named SOURCE:LINE, as in a local run
    assert errors["good-1"] is None and f"line 2 of {source}" in errors[f"{source}:2"]
    assert "not a JSON object" in errors[f"{source}:6"]
    good = json.loads(next(r["result"] for r in rows if r["id"] == "good-1"))
    assert good["text"].startswith("“We will finish the bridge")
    assert sum(r["quotes"] for r in rows) == run.attributions > 0
    assert run.documents == 6 and run.failures == 4 and run.exit_status == 0


def test_a_folder_stands_for_its_files_named_as_a_shell_glob_names_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news" / "b").mkdir(parents=True)
    for name in ("news/a.txt", "news/b/c.txt", "news/.hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = input_files(["news", "gone.txt"])
    assert [name for name, _ in found] == ["news/a.txt", "news/b/c.txt", "gone.txt"]
    assert all(Path(location).is_absolute() for _, location in found)


def test_standard_input_cannot_go_to_a_cluster():
    with pytest.raises(InputError, match="standard input cannot be read on a cluster"):
        input_files(["-"])


def test_an_output_folder_with_shards_is_refused_before_ray_starts(tmp_path):
    (tmp_path / "part-00000.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(InputError, match="already holds shards"):
        extract_to_shards(ARTICLES, str(tmp_path))


@pytest.mark.parametrize("argv, message", [
    (["--engine", "ray", "--format", "csv"], "writes jsonl or parquet shards"),
    (["--engine", "ray"], "needs --output DIR"),
    (["--engine", "ray", "--jobs", "2", "--output", "x"], "use --actors N"),
    (["--format", "parquet"], "use it with --engine ray"),
    (["--actors", "2"], "--actors is an option of --engine ray"),
])
def test_wrong_engine_options_are_one_coded_line(argv, message, capsys):
    assert main(["extract", *argv, ARTICLES[0]]) == 1
    err = capsys.readouterr().err
    assert f"[{UsageError.code}]" in err and message in err and "Traceback" not in err


def test_shard_reading_says_what_a_folder_lacks(tmp_path):
    with pytest.raises(InputError, match="holds no shards"):
        shard_paths(str(tmp_path))
    with pytest.raises(InputError, match="is not a folder of shards"):
        shard_paths(str(tmp_path / "nowhere"))


@pytest.mark.slow
def test_polnear_dev_on_ray_gives_the_local_lines(request, tmp_path):
    """Minutes of parsing: run with ``-m slow``."""
    if "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("parses PolNeAR dev twice (minutes); run with -m slow")
    if not POLNEAR_DEV.exists():
        pytest.skip(f"PolNeAR dev is not here ({POLNEAR_DEV}); it lives in ../shared/")
    expected = local_lines([str(POLNEAR_DEV)], tmp_path, "--input", "jsonl")
    run = extract_to_shards([str(POLNEAR_DEV)], str(tmp_path / "shards"), input_format="jsonl",
                            actors=2)
    assert run.documents == len(expected) == 84
    assert by_id(shard_lines(tmp_path / "shards")) == by_id(expected)


def test_a_missing_model_folder_is_one_coded_line_before_ray_starts(tmp_path, capsys):
    status = main(["extract", "--engine", "ray", "--parser", "stanza", "--model-dir",
                   str(tmp_path / "nowhere"), ARTICLES[0], "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1
    assert "[A001]" in err and "nowhere" in err and "Traceback" not in err


def test_a_parser_failure_inside_an_actor_is_told_as_the_parser_error():
    from attribution.distributed import _parser_message

    # what Ray raises when an actor's constructor fails: our error, as text in its own
    ray_error = RuntimeError(
        "The actor died because of an error raised in its creation task\n  File ...\n"
        "attribution.errors.ParserNotAvailable: [A001] No Stanza models could be loaded from /m\n"
    )
    assert _parser_message(ray_error) == "No Stanza models could be loaded from /m"
    assert _parser_message(RuntimeError("the node was lost")) is None
