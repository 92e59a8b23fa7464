"""Ray against local processes: ``extract --jobs 2`` and ``extract --engine ray --actors 2``
on the same articles in one run, Ray's start-up cost, and memory per actor.

    .venv/bin/python benchmarks/ray_bench.py [--limit N] [--corpus auto|polnear|generated]

Each phase is the command a user runs, in a subprocess, timed from start to exit
(start-up, model loading and writing included).  Memory is sampled every 0.2 s as the
resident set of each worker process (the local pool's children; Ray's extraction actors).
The fixed cost of a Ray run is measured on one short document; per-core throughput is the
corpus over the CPU seconds the actors spent on it (their CPU time less what starting and
loading the parser cost), which holds on a busy machine where wall time does not.  See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from importlib import import_module
from pathlib import Path
from typing import Any

import ray  # noqa: F401  - also puts the psutil that Ray bundles on the path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench import load_corpus  # noqa: E402

psutil = import_module("psutil")

SAMPLE_S = 0.2
SECONDS_PER_HOUR = 3600
#: node sizes the multi-node recipe quotes articles per hour for
NODE_CPUS = (4, 8, 16, 32)
TINY = "“We will finish the bridge by June,” said Mayor Ana Torres."


class Sampler(threading.Thread):
    """Peak resident memory (MiB) of each process below ``root`` that ``pick`` selects."""

    def __init__(self, root: int, pick) -> None:
        super().__init__(daemon=True)
        self.root, self.pick = root, pick
        self.peaks: dict[int, float] = {}
        self.unique: dict[int, float] = {}  # peak USS: memory the process alone holds
        self.cpu: dict[int, float] = {}  # CPU seconds, user + system, at the last sample
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for proc in self._candidates():
                try:
                    if self.pick(proc):
                        mem = proc.memory_full_info()
                        pid = proc.pid
                        self.peaks[pid] = max(self.peaks.get(pid, 0.0), mem.rss / 2**20)
                        self.unique[pid] = max(self.unique.get(pid, 0.0), mem.uss / 2**20)
                        times = proc.cpu_times()
                        self.cpu[pid] = times.user + times.system
                except psutil.Error:
                    continue
            time.sleep(SAMPLE_S)

    def _candidates(self):
        try:
            return psutil.Process(self.root).children(recursive=True)
        except psutil.Error:
            return []


def _is_actor(proc: psutil.Process) -> bool:
    return "Extractor" in " ".join(proc.cmdline())


def timed_command(args: list[str], pick) -> tuple[float, Sampler, str]:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "attribution", *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid, pick)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"ray_bench: {' '.join(args[:4])} failed:\n{err[-2000:]}")
    return seconds, sampler, err


def _ray_start_seconds() -> float:
    """Seconds for ``ray.init`` of a local Ray as the engine starts it, and to stop it."""
    code = (
        "import time, ray; t = time.perf_counter(); "
        "ray.init(num_cpus=2, object_store_memory=256*1024**2, include_dashboard=False, "
        "log_to_driver=False, configure_logging=False); "
        "s = time.perf_counter() - t; ray.shutdown(); print(s)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(args: argparse.Namespace) -> dict[str, Any]:
    name, docs = load_corpus(args.corpus, args.limit)
    words = sum(len(d["text"].split()) for d in docs)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ray-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        tiny = Path(tmp) / "tiny.jsonl"
        tiny.write_text(json.dumps({"id": "tiny", "text": TINY}, ensure_ascii=False) + "\n", encoding="utf-8")
        common = ["--input", "jsonl", "--no-progress"]

        local_s, local, _ = timed_command(
            ["extract", *common, "--jobs", "2", str(corpus), "--output", str(Path(tmp) / "local.jsonl")],
            lambda proc: True)
        ray_s, ray_run, ray_err = timed_command(
            ["extract", *common, "--engine", "ray", "--actors", "2", str(corpus),
             "--output", str(Path(tmp) / "ray")], _is_actor)
        fixed_s, tiny, _ = timed_command(
            ["extract", *common, "--engine", "ray", "--actors", "2", str(tiny),
             "--output", str(Path(tmp) / "tiny")], _is_actor)
        init_s = _ray_start_seconds()
    load_after = os.getloadavg()[0]
    actors = 2
    # CPU seconds the actors spent on the corpus: all they used, less what an actor costs
    # to start and load the parser (the one-document run).  Unlike wall time this does not
    # depend on what else the machine runs; a dedicated core gives one CPU second a second.
    fixed_cpu = sum(tiny.cpu.values()) / max(1, len(tiny.cpu))
    work_cpu = sum(ray_run.cpu.values()) - fixed_cpu * len(ray_run.cpu)
    per_core_docs_s = len(docs) / work_cpu
    per_core_words_s = words / work_cpu
    return {
        "corpus": name, "documents": len(docs), "words": words, "cpus": os.cpu_count(),
        "python": platform.python_version(), "load_before": load_before, "load_after": load_after,
        "local_jobs2_s": local_s, "ray_actors2_s": ray_s, "ray_over_local": ray_s / local_s,
        "ray_fixed_cost_s": fixed_s, "ray_init_s": init_s,
        "ray_summary": ray_err.strip().splitlines()[-1] if ray_err.strip() else "",
        "actor_rss_mib": sorted(ray_run.peaks.values(), reverse=True)[:actors],
        "actor_uss_mib": sorted(ray_run.unique.values(), reverse=True)[:actors],
        "local_worker_rss_mib": sorted(local.peaks.values(), reverse=True)[:2],
        "local_worker_uss_mib": sorted(local.unique.values(), reverse=True)[:2],
        "actor_start_cpu_s": fixed_cpu, "actor_work_cpu_s": work_cpu,
        "per_core_docs_per_s": per_core_docs_s, "per_core_words_per_s": per_core_words_s,
        "articles_per_hour": {n: round(per_core_docs_s * n * SECONDS_PER_HOUR) for n in NODE_CPUS},
    }


def render(r: dict[str, Any]) -> str:
    lines = [
        f"corpus: {r['corpus']}: {r['documents']} documents, {r['words']:,} words "
        f"({r['cpus']} CPUs, load average before/after {r['load_before']:.2f}/{r['load_after']:.2f})",
        f"local --jobs 2:            {r['local_jobs2_s']:7.1f} s",
        f"ray --actors 2 (local Ray): {r['ray_actors2_s']:7.1f} s   ray / local = {r['ray_over_local']:.2f}",
        f"fixed cost of a Ray run (one short document): {r['ray_fixed_cost_s']:.1f} s "
        f"(of which ray.init {r['ray_init_s']:.1f} s)",
        f"peak memory per actor, RSS (USS): {_mib(r['actor_rss_mib'], r['actor_uss_mib'])}; "
        f"per local worker: {_mib(r['local_worker_rss_mib'], r['local_worker_uss_mib'])}",
        f"actor CPU: {r['actor_start_cpu_s']:.1f} s to start and load the parser; "
        f"{r['actor_work_cpu_s']:.1f} s on the corpus, both actors together",
        f"per core: {r['per_core_docs_per_s']:.2f} articles/s, {r['per_core_words_per_s']:,.0f} words/s",
        "articles per hour for a node of N cores (one actor a core): "
        + ", ".join(f"{n}: {v:,}" for n, v in r["articles_per_hour"].items()),
    ]
    return "\n".join(lines)


def _mib(rss: list[float], uss: list[float]) -> str:
    return ", ".join(f"{a:.0f} ({b:.0f})" for a, b in zip(rss, uss)) + " MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("auto", "polnear", "generated"), default="auto")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args(argv)
    result = run(args)
    print(json.dumps(result, indent=2) if args.format == "json" else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
