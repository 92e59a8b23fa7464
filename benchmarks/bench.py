"""Throughput benchmark: parsing, textacy's direct quotations, and our extraction.

    .venv/bin/python benchmarks/bench.py [--limit N] [--jobs 2] [--format json]

All phases run on the same articles in one run (PolNeAR dev texts from
../shared/data/polnear/dev.jsonl when present, else the generated corpus of
benchmarks/corpus.py), so the ratios compare like with like.  See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
POLNEAR_DEV = REPO.parent / "shared" / "data" / "polnear" / "dev.jsonl"

# Targets from issue 5 (ratios from one run on the project's 2-core machine).
MAX_OVERHEAD = 0.10  # our work on top of parsing, as a share of parse time
MIN_VS_TEXTACY = 0.90  # full extraction throughput / textacy baseline throughput
MIN_JOBS_SPEEDUP = 1.60  # --jobs 2 throughput / single-process throughput


def load_corpus(source: str, limit: int | None) -> tuple[str, list[dict]]:
    """(description, [{"id", "text"}]) from PolNeAR dev or the generated corpus."""
    if source in ("auto", "polnear") and POLNEAR_DEV.is_file():
        with POLNEAR_DEV.open(encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh if line.strip()]
        name = "PolNeAR dev"
    elif source == "polnear":
        raise SystemExit(f"bench: {POLNEAR_DEV} is not there; use --corpus generated")
    else:
        sys.path.insert(0, str(HERE))
        from corpus import generate

        docs = generate(limit or 60)
        name = "generated (benchmarks/corpus.py)"
    docs = [{"id": str(d["id"]), "text": d["text"]} for d in docs]
    return name, docs[:limit] if limit else docs


CPU_SECONDS: dict[str, float] = {}  # phase -> CPU seconds of this process and its children


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], Any], repeat: int, phase: str = "") -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs (the least disturbed by other load) and the result;
    the CPU time of the best run is kept in CPU_SECONDS[phase]."""
    best, result = float("inf"), None
    for _ in range(repeat):
        cpu, start = _cpu(), time.perf_counter()
        result = fn()
        wall = time.perf_counter() - start
        if wall < best:
            best = wall
            if phase:
                CPU_SECONDS[phase] = _cpu() - cpu
    return best, result


def peak_rss_mib() -> dict[str, float]:
    """Peak resident memory of this process and of its largest (finished) child, in MiB."""
    scale = 1 / 1024 if platform.system() != "Darwin" else 1 / (1024 * 1024)  # KiB vs bytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return {"self": round(own, 1), "largest_child": round(child, 1)}


def textacy_quotes(docs) -> tuple[int, int]:
    """(quotes found, documents on which direct_quotations raised).  Import textacy
    before timing this: the import alone takes seconds."""
    from textacy.extract.triples import direct_quotations

    found = failures = 0
    for doc in docs:
        try:
            found += sum(1 for _ in direct_quotations(doc))
        except Exception:  # noqa: BLE001 - e.g. ValueError on an odd number of quote marks
            failures += 1
    return found, failures


def component_seconds(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each pipeline component (and the tokenizer), run one after another."""
    out = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    out["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        out[name] = time.perf_counter() - start
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    from attribution.batch import extract_batch
    from attribution.model import Document
    from attribution.parse import get_parser
    from attribution.parse.spacy_backend import _BOUNDARY_COMPONENT, from_spacy, load_spacy_model
    from attribution.pipeline import extract_parsed

    corpus_name, raw = load_corpus(args.corpus, args.limit)
    texts = [d["text"] for d in raw]
    documents = [Document(id=d["id"], text=d["text"]) for d in raw]
    words = sum(len(t.split()) for t in texts)
    bs, rep = args.batch_size, args.repeat
    load_before = os.getloadavg()

    import textacy.extract.triples  # noqa: F401 - imported (seconds) before any timing

    # Models are loaded once, before any timing (as a long batch run amortises it).
    stock = load_spacy_model()  # the default pipeline, as spacy.load gives it
    ours = get_parser("spacy")  # same weights + our paragraph-boundary component
    warm = texts[:2]
    textacy_quotes(list(stock.pipe(warm)))
    list(extract_batch([Document(id="w", text=t) for t in warm], parser=ours))

    t_parse, spacy_docs = timed(lambda: list(stock.pipe(texts, batch_size=bs)), rep, "parse")
    t_textacy, (textacy_found, textacy_failed) = timed(lambda: textacy_quotes(spacy_docs), rep,
                                                       "textacy")
    t_convert, parsed = timed(
        lambda: [from_spacy(d, parser=ours.name, text=t) for d, t in zip(spacy_docs, texts)], rep,
        "convert")
    boundary = ours.nlp.get_pipe(_BOUNDARY_COMPONENT)
    tokenised = [stock.make_doc(t) for t in texts]
    t_boundary, _ = timed(lambda: [boundary(d) for d in tokenised], rep, "paragraph_component")
    spacy_docs = tokenised = None  # free the memory before the engine runs
    t_engine, engine_out = timed(lambda: [extract_parsed(p) for p in parsed], rep, "engine")
    parsed = None

    t_single, single = timed(
        lambda: list(extract_batch(documents, parser=ours, jobs=1, batch_size=bs)), rep, "full_single")
    t_jobs, multi = timed(
        lambda: list(extract_batch(documents, parser=ours, jobs=args.jobs, batch_size=bs,
                                   start_method=args.start_method)), rep, "full_jobs")
    same = [r.extraction.to_dict() if r.extraction else r.error for r in single] == \
           [r.extraction.to_dict() if r.extraction else r.error for r in multi]
    failed = sum(1 for r in single if r.error)
    del single, multi
    components = component_seconds(ours.nlp, texts, bs) if args.components else None

    overhead = (t_boundary + t_convert + t_engine) / t_parse
    cpu = CPU_SECONDS
    overhead_cpu = (cpu["paragraph_component"] + cpu["convert"] + cpu["engine"]) / cpu["parse"]
    vs_textacy_cpu = (cpu["parse"] + cpu["textacy"]) / cpu["full_single"]
    textacy_time = t_parse + t_textacy
    return {
        "corpus": corpus_name,
        "documents": len(texts),
        "words": words,
        "batch_size": bs,
        "jobs": args.jobs,
        "repeat": rep,
        "cpus": os.cpu_count(),
        "load_average": {"before": [round(x, 2) for x in load_before],
                         "after": [round(x, 2) for x in os.getloadavg()]},
        "seconds": {
            "parse": t_parse, "textacy": t_textacy, "paragraph_component": t_boundary,
            "convert": t_convert, "engine": t_engine, "full_single": t_single,
            f"full_jobs{args.jobs}": t_jobs,
        },
        "words_per_second": {
            "parse_only": words / t_parse,
            "textacy_baseline": words / textacy_time,
            "engine_only": words / t_engine if t_engine else float("inf"),
            "full_single": words / t_single,
            f"full_jobs{args.jobs}": words / t_jobs,
        },
        "found": {
            "textacy_quotes": textacy_found,
            "textacy_failed_documents": textacy_failed,
            "our_attributions": sum(len(e) for e in engine_out),
            "our_failed_documents": failed,
        },
        "jobs_results_identical": same,
        # CPU seconds (this process and its children) of each phase's best run: steadier
        # than wall time when other processes share the CPUs.
        "cpu_seconds": {k if k != "full_jobs" else f"full_jobs{args.jobs}": v
                        for k, v in CPU_SECONDS.items()},
        "jobs_cpu_time_ratio": CPU_SECONDS["full_jobs"] / CPU_SECONDS["full_single"],
        "component_seconds": components,
        "peak_rss_mib": peak_rss_mib(),
        "ratios": {
            "overhead_vs_parse": {"value": overhead, "target": f"<= {MAX_OVERHEAD}",
                                  "met": overhead <= MAX_OVERHEAD, "by_cpu_time": overhead_cpu},
            "full_vs_textacy": {"value": textacy_time / t_single, "target": f">= {MIN_VS_TEXTACY}",
                                "met": textacy_time / t_single >= MIN_VS_TEXTACY,
                                "by_cpu_time": vs_textacy_cpu},
            f"jobs{args.jobs}_vs_single": {"value": t_single / t_jobs,
                                           "target": f">= {MIN_JOBS_SPEEDUP}",
                                           "met": t_single / t_jobs >= MIN_JOBS_SPEEDUP},
        },
    }


def render(r: dict[str, Any]) -> str:
    s, w, c = r["seconds"], r["words_per_second"], r["cpu_seconds"]
    j = r["jobs"]
    jk = f"full_jobs{j}"
    rows = [
        ("(a) parse only, default pipeline (nlp.pipe)", "parse", w["parse_only"]),
        ("(b) textacy direct_quotations on (a)'s parses", "textacy", None),
        ("    textacy baseline = (a) + (b)", ("parse", "textacy"), w["textacy_baseline"]),
        ("    our paragraph-boundary component", "paragraph_component", None),
        ("    our conversion to ParsedDoc (from_spacy)", "convert", None),
        ("    our engine alone, on converted docs", "engine", w["engine_only"]),
        ("(c) our full extraction, 1 process", "full_single", w["full_single"]),
        (f"(c) our full extraction, --jobs {j}", jk, w[jk]),
    ]
    out = [
        f"corpus: {r['corpus']}: {r['documents']} documents, {r['words']:,} words "
        f"(batch size {r['batch_size']}, best of {r['repeat']}, {r['cpus']} CPUs, "
        f"load average before/after {r['load_average']['before'][0]}/{r['load_average']['after'][0]})",
        "",
        f"{'phase':<50} {'seconds':>8} {'CPU s':>7} {'words/s':>9}",
    ]
    for name, key, wps in rows:
        keys = key if isinstance(key, tuple) else (key,)
        sec, cpu = sum(s[k] for k in keys), sum(c[k] for k in keys)
        out.append(f"{name:<50} {sec:8.2f} {cpu:7.2f} {'' if wps is None else f'{wps:9,.0f}':>9}")
    f = r["found"]
    out += [
        "",
        f"textacy: {f['textacy_quotes']} direct quotations, raised on "
        f"{f['textacy_failed_documents']} of {r['documents']} documents; ours: "
        f"{f['our_attributions']} attributions, {f['our_failed_documents']} failed documents; "
        f"jobs={j} results identical to single process: {r['jobs_results_identical']}",
        f"peak memory (max RSS): this process {r['peak_rss_mib']['self']:,.0f} MiB "
        f"(holds both pipelines and the benchmark's data), largest worker "
        f"{r['peak_rss_mib']['largest_child']:,.0f} MiB",
    ]
    if r.get("component_seconds"):
        comp = r["component_seconds"]
        total = sum(comp.values())
        out += ["", "our pipeline, component by component (share of its time): " + ", ".join(
            f"{k} {v:.2f} s ({v / total:.0%})" for k, v in comp.items())]
    out += ["", f"{'ratios':<48} {'value':>6}   {'target':<7}  met   by CPU time"]
    labels = {
        "overhead_vs_parse": "our work on top of parsing / parse time",
        "full_vs_textacy": "full extraction / textacy baseline (throughput)",
        f"jobs{j}_vs_single": f"--jobs {j} / single process (throughput)",
    }
    for key, label in labels.items():
        v = r["ratios"][key]
        by_cpu = f"{v['by_cpu_time']:6.3f}" if "by_cpu_time" in v else ""
        out.append(f"{label:<48} {v['value']:6.3f}   {v['target']:<7}  "
                   f"{'yes' if v['met'] else 'NO ':<5} {by_cpu}")
    out += [
        "",
        f"CPU time of --jobs {j} / 1 process: {r['jobs_cpu_time_ratio']:.2f} (1.0: the workers add "
        "no work, and on free CPUs the speedup approaches the number of jobs)",
    ]
    if r["load_average"]["before"][0] > 0.5:
        out.append(f"note: the load average was {r['load_average']['before'][0]} before the run: "
                   "other processes were using the CPUs; wall times vary, the --jobs ratio most. "
                   "The CPU-time column is steadier.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Throughput of parsing, textacy and our extraction.")
    ap.add_argument("--limit", type=int, help="use only the first N documents")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run (default 2)")
    ap.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch (default 16)")
    ap.add_argument("--corpus", choices=("auto", "polnear", "generated"), default="auto",
                    help="auto: PolNeAR dev when ../shared is there, else generated (default)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time each phase N times and keep the best (steadier on a busy machine)")
    ap.add_argument("--start-method", choices=("fork", "spawn", "forkserver"),
                    help="multiprocessing start method for the parallel run (default: fork where available)")
    ap.add_argument("--components", action="store_true",
                    help="also time each component of our spaCy pipeline on its own (one more parse)")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args(argv)
    if args.jobs < 2:
        ap.error("--jobs must be 2 or more (the single-process run is always measured)")
    result = run(args)
    print(json.dumps(result, indent=2) if args.format == "json" else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
