"""``attribution ingest --from DIR``: the shards of ``extract --engine ray --include-text``
go into the ledger in batches; a run stopped part way and run again adds nothing twice;
failed documents are reported and not stored; ``--part`` splits a folder between ingests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'attribution[ray]')")

from attribution.cli import main  # noqa: E402
from attribution.distributed import extract_to_shards, read_shards  # noqa: E402
from attribution.errors import InputError  # noqa: E402
from attribution.ledger import Ledger  # noqa: E402
from attribution.ledger.shards import ingest_shards, parse_part  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(str(p) for p in (ROOT / "fixtures" / "articles").glob("*.txt"))
BINARY = str(ROOT / "fixtures" / "inputs" / "binary.bin")
ACTOR = "test-ingest"


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """Shards of the fixture articles and one binary file (an error row), two a shard."""
    out = tmp_path_factory.mktemp("ray") / "shards"
    run = extract_to_shards([*ARTICLES, BINARY], str(out), actors=1, shard_size=2, include_text=True)
    assert len(run.shards) == 4 and run.failures == 1
    return out


def _counts(path: Path) -> tuple[int, int]:
    with Ledger(str(path)) as ledger:
        articles = ledger.db.scalar("SELECT count(*) FROM articles")
        claims = ledger.db.scalar("SELECT count(*) FROM claims")
    return int(articles), int(claims)


def test_every_article_is_stored_with_its_claims_and_the_failed_one_is_reported(shards, tmp_path):
    lines = [json.loads(line) for _, line in read_shards(str(shards))]
    expected_claims = sum(len(d["quotes"]) for d in lines if "error" not in d)
    with Ledger(str(tmp_path / "l.sqlite")) as ledger:
        results = list(ingest_shards(ledger, str(shards), actor=ACTOR, batch_size=3))
    assert len(results) == 7
    assert sorted(r.outcome for r in results) == ["added"] * 6 + ["error"]
    failed = next(r for r in results if r.outcome == "error")
    assert "binary" in failed.article_id and "looks binary" in failed.error
    assert sum(r.claims_added for r in results) == expected_claims > 0
    assert _counts(tmp_path / "l.sqlite") == (6, expected_claims)


def test_a_run_stopped_part_way_and_run_again_adds_nothing_twice(shards, tmp_path):
    path = str(tmp_path / "l.sqlite")
    with Ledger(path) as ledger:
        stream = ingest_shards(ledger, str(shards), actor=ACTOR, batch_size=2)
        first = [next(stream), next(stream)]  # the first batch is stored, then the run dies
        stream.close()
    # Ray writes the shards in no fixed order: the unreadable article may be in that batch
    done = [r.outcome for r in first]
    assert sorted(done) in (["added", "added"], ["added", "error"])
    with Ledger(path) as ledger:
        again = list(ingest_shards(ledger, str(shards), actor=ACTOR, batch_size=2))
    assert [r.outcome for r in again[:2]] == ["unchanged" if o == "added" else "error" for o in done]
    added_before, failed_before = done.count("added"), done.count("error")
    assert sorted(r.outcome for r in again[2:]) == ["added"] * (6 - added_before) + ["error"] * (1 - failed_before)
    clean = tmp_path / "clean.sqlite"
    with Ledger(str(clean)) as ledger:
        list(ingest_shards(ledger, str(shards), actor=ACTOR))
    assert _counts(tmp_path / "l.sqlite") == _counts(clean)
    with Ledger(path) as ledger:
        third = list(ingest_shards(ledger, str(shards), actor=ACTOR))
    assert {r.outcome for r in third} == {"unchanged", "error"}
    assert _counts(tmp_path / "l.sqlite") == _counts(clean)


def test_parts_share_the_shards_between_ingests_without_overlap(shards, tmp_path):
    seen = []
    for k in range(3):
        with Ledger(str(tmp_path / "l.sqlite")) as ledger:
            seen += [r.article_id for r in ingest_shards(ledger, str(shards), actor=ACTOR, part=(k, 3))]
    assert len(seen) == len(set(seen)) == 7
    with pytest.raises(Exception, match="K must be between 1 and N"):
        parse_part("4/3")
    assert parse_part("2/4") == (1, 4)


def test_shards_without_text_are_refused_with_what_to_do(shards, tmp_path):
    folder = tmp_path / "notext"
    folder.mkdir()
    # Ray writes shards in no fixed order: the first line may be the unreadable article's
    obj = next(o for o in (json.loads(line) for _, line in read_shards(str(shards))) if "text" in o)
    obj.pop("text")
    (folder / "part-00000.jsonl").write_text(json.dumps(obj) + "\n", encoding="utf-8")
    with Ledger(str(tmp_path / "l.sqlite")) as ledger, pytest.raises(InputError, match="--include-text"):
        list(ingest_shards(ledger, str(folder), actor=ACTOR))


def test_cli_ingest_from_prints_a_summary_and_a_second_run_changes_nothing(shards, tmp_path, capsys):
    ledger = str(tmp_path / "l.sqlite")
    assert main(["ingest", "--ledger", ledger, "--from", str(shards), "--no-progress"]) == 1
    out, err = capsys.readouterr()
    assert "7 articles from" in out and "6 added" in out and "1 error" in out
    assert "looks binary" in err
    main(["ingest", "--ledger", ledger, "--from", str(shards), "--no-progress"])
    out, _ = capsys.readouterr()
    assert "6 unchanged" in out and "0 new claims" in out


@pytest.mark.parametrize("argv, message", [
    (["--from", "DIR", "a.txt"], "not both"),
    (["--part", "1/2", "a.txt"], "give --from too"),
    ([], "FILE...) or --from DIR"),
])
def test_wrong_shard_options_are_one_coded_line(argv, message, tmp_path, capsys):
    assert main(["ingest", "--ledger", str(tmp_path / "l.sqlite"), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and "[A055]" in err and "Traceback" not in err


def test_a_copied_folder_of_parquet_shards_loads_the_same(shards, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "parquet"
    folder.mkdir()
    for k, shard in enumerate(sorted(shards.glob("part-*.jsonl"))):
        rows = [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
        pq.write_table(pa.table({
            "id": [r["id"] for r in rows], "error": [r.get("error") for r in rows],
            "quotes": pa.array([len(r["quotes"]) for r in rows], pa.int32()),
            "result": [json.dumps(r, ensure_ascii=False) for r in rows],
        }), folder / f"part-{k:05d}.parquet")
    with Ledger(str(tmp_path / "p.sqlite")) as ledger:
        results = list(ingest_shards(ledger, str(folder), actor=ACTOR))
    with Ledger(str(tmp_path / "j.sqlite")) as ledger:
        list(ingest_shards(ledger, str(shards), actor=ACTOR))
    assert len(results) == 7
    assert _counts(tmp_path / "p.sqlite") == _counts(tmp_path / "j.sqlite")


def test_two_ingests_of_one_folder_at_once_store_every_article_once(shards, ledger_target, tmp_path):
    """Two processes, started together, each load the whole folder into one ledger (with
    PostgreSQL, or SQLite taking turns on its lock): what they store together is what one
    ingest stores, each article once."""
    import subprocess
    import sys

    with Ledger(ledger_target):
        pass  # created before the race, as a shared ledger would be
    command = [sys.executable, "-m", "attribution", "ingest", "--ledger", ledger_target,
               "--from", str(shards), "--no-progress"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 1, err  # 1: the binary file's error row, reported by both
        assert "7 articles from" in out and "Traceback" not in err
    added = sum(int(out.split(" added")[0].rsplit(" ", 1)[-1]) if " added" in out else 0
                for out, _ in outputs)
    assert added == 6  # each article added by exactly one of the two
    clean = tmp_path / "clean.sqlite"
    with Ledger(str(clean)) as ledger:
        list(ingest_shards(ledger, str(shards), actor=ACTOR))
    with Ledger(ledger_target) as ledger:
        counts = (int(ledger.db.scalar("SELECT count(*) FROM articles")),
                  int(ledger.db.scalar("SELECT count(*) FROM claims")))
    assert counts == _counts(clean)
