"""Train a small English Stanza pack (tokenize, mwt, pos, lemma, depparse) from GUM.

Uses stanza's own data preparation and training scripts (``stanza.utils.datasets.prepare_*``
and ``stanza.utils.training.run_*``) on the gold UD parses in ``../shared/data/gum-news/`` and
``../shared/data/gum-more/`` (CC BY), with the stanza version the project pins: a checkpoint
trained by another stanza version may not load.  Nothing is downloaded (no charlm, no
pretrained word vectors, gold tags for the lemmatizer and parser data).

    python scripts/train_stanza_pack.py --out fixtures/stanza-pack            # tiny, CPU minutes
    python scripts/train_stanza_pack.py --size full --out ~/stanza-newsgum     # GPU machine

The pack is laid out so that ``stanza.Pipeline(lang="en", dir=OUT,
processors="tokenize,mwt,pos,lemma,depparse", download_method=None)`` loads it, which is
what ``attribution --parser stanza --model-dir OUT`` does.  At the end the pack parses
the raw text of the held-out GUM news documents and is scored against the gold parses
(UPOS and LAS, end to end from raw text, CoNLL 2018 scorer as shipped with stanza); the
scores, sizes and times are written to ``OUT/TRAINING.json``.

The split is fixed: GUM's official dev and test documents of the news genre are held out
(dev: homeopathic, iodine; test: nasa, sensitive); every other document trains.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SOURCES = ("gum-news", "gum-more")
TREEBANK = "UD_English-Newsgum"  # not UD_English-GUM: stanza special-cases that name
SHORT = "en_newsgum"
PACKAGE = "newsgum"
DEV_DOCS = ("GUM_news_homeopathic", "GUM_news_iodine")
TEST_DOCS = ("GUM_news_nasa", "GUM_news_sensitive")
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")

# Training options per pack size.  "tiny" is for the test suite: a few MB, minutes on
# one CPU core, accuracy beside the point.  "full" is stanza's own defaults (bigger
# networks, long training with early stopping) and wants a GPU.
NO_DOWNLOADS = ["--no_charlm"]
SIZES = {
    "tiny": {
        "tokenize": NO_DOWNLOADS + ["--steps", "600", "--eval_steps", "300", "--emb_dim", "16",
                                    "--hidden_dim", "32"],
        "mwt": ["--num_epoch", "2", "--emb_dim", "16", "--hidden_dim", "32"],
        # the tagger's batch is in sentences: many small updates learn faster than few big ones
        # (and light dropout: a small network trained briefly underfits, it does not overfit)
        "pos": NO_DOWNLOADS + ["--no_pretrain", "--max_steps", "1500", "--eval_interval", "500",
                               "--batch_size", "32", "--word_emb_dim", "48", "--char_emb_dim", "32",
                               "--char_hidden_dim", "100", "--hidden_dim", "128", "--num_layers", "1",
                               "--tag_emb_dim", "8", "--deep_biaff_hidden_dim", "48",
                               "--composite_deep_biaff_hidden_dim", "8", "--dropout", "0.25",
                               "--word_dropout", "0.2"],
        # the lemmatizer's POS embedding must be as wide as its character embedding
        "lemma": NO_DOWNLOADS + ["--num_epoch", "2", "--emb_dim", "24", "--pos_dim", "24",
                                 "--hidden_dim", "48"],
        # the parser's batch is in words
        "depparse": NO_DOWNLOADS + ["--no_pretrain", "--max_steps", "600", "--eval_interval", "200",
                                    "--batch_size", "1000", "--word_emb_dim", "32",
                                    "--char_emb_dim", "24", "--char_hidden_dim", "48",
                                    "--hidden_dim", "64", "--num_layers", "2", "--tag_emb_dim", "8",
                                    "--deep_biaff_hidden_dim", "64", "--dropout", "0.25",
                                    "--word_dropout", "0.2"],
    },
    "full": {
        "tokenize": NO_DOWNLOADS,
        "mwt": [],
        "pos": NO_DOWNLOADS + ["--no_pretrain"],
        "lemma": NO_DOWNLOADS,
        "depparse": NO_DOWNLOADS + ["--no_pretrain"],
    },
}
# Data preparation options: gold tags for lemma and depparse (otherwise stanza
# downloads a tagger to retag the data).
PREPARE = {"tokenize": [], "mwt": [], "pos": [], "lemma": ["--gold"], "depparse": ["--gold"]}
TRAINER = {"tokenize": "run_tokenizer", "mwt": "run_mwt", "pos": "run_pos",
           "lemma": "run_lemma", "depparse": "run_depparse"}
PREPARER = {"tokenize": "prepare_tokenizer_treebank", "mwt": "prepare_mwt_treebank",
            "pos": "prepare_pos_treebank", "lemma": "prepare_lemma_treebank",
            "depparse": "prepare_depparse_treebank"}


def split_documents(data: Path) -> dict[str, list[Path]]:
    """Every GUM document under ``data``'s sources, assigned to train, dev or test."""
    files = sorted(f for src in SOURCES for f in (data / src).glob("*.conllu"))
    if not files:
        raise SystemExit(f"No GUM CoNLL-U documents under {data}/{{{','.join(SOURCES)}}}.")
    split: dict[str, list[Path]] = {"train": [], "dev": [], "test": []}
    for f in files:
        name = f.stem
        split["dev" if name in DEV_DOCS else "test" if name in TEST_DOCS else "train"].append(f)
    return split


def write_treebank(split: dict[str, list[Path]], udbase: Path) -> Path:
    folder = udbase / TREEBANK
    folder.mkdir(parents=True, exist_ok=True)
    for part, files in split.items():
        with open(folder / f"{SHORT}-ud-{part}.conllu", "w", encoding="utf-8") as out:
            for f in files:
                body = f.read_text(encoding="utf-8").strip("\n")
                out.write(body + "\n\n")
    return folder


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UDBASE"] = str(work / "ud")
    env["DATA_ROOT"] = str(work / "data")
    for name, sub in (("TOKENIZE", "tokenize"), ("MWT", "mwt"), ("POS", "pos"),
                      ("LEMMA", "lemma"), ("DEPPARSE", "depparse")):
        env[f"{name}_DATA_DIR"] = str(work / "data" / sub)
        (work / "data" / sub).mkdir(parents=True, exist_ok=True)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path, log) -> None:
    log.write("$ " + " ".join(args) + "\n")
    log.flush()
    done = subprocess.run(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    if done.returncode:
        raise SystemExit(f"Failed ({done.returncode}): {' '.join(args)}; see {log.name}")


def train(processor: str, size: str, work: Path, env: dict[str, str], log) -> Path:
    """Prepare the data and train one processor; the path of its model file."""
    py = sys.executable
    run([py, "-m", f"stanza.utils.datasets.{PREPARER[processor]}", TREEBANK, *PREPARE[processor]],
        env, work, log)
    save_dir = work / "saved_models" / processor
    for stale in save_dir.glob("*_checkpoint.pt"):  # stanza would resume it, options and all
        stale.unlink()
    run([py, "-m", f"stanza.utils.training.{TRAINER[processor]}", TREEBANK,
         "--save_dir", str(save_dir), "--force", *SIZES[size][processor]], env, work, log)
    # the model, not the checkpoint stanza keeps beside it to resume training (optimizer state)
    models = sorted((p for p in save_dir.glob(f"{SHORT}*.pt") if not p.stem.endswith("_checkpoint")),
                    key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit(f"stanza wrote no {processor} model under {save_dir}; see {log.name}")
    return models[-1]


def resources_json() -> dict:
    chosen = {p: PACKAGE for p in PROCESSORS}
    return {"en": {"lang_name": "English", **{p: {PACKAGE: {}} for p in PROCESSORS},
                   "packages": {"default": chosen}, "default_processors": chosen}}


def gold_text(conllu: str) -> str:
    """The raw text of a CoNLL-U document: sentences joined by spaces, paragraphs by
    blank lines (GUM marks paragraphs with ``# newpar``)."""
    paragraphs: list[list[str]] = []
    for line in conllu.splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line[len("# text = "):])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def evaluate(pack: Path, test_files: list[Path], work: Path) -> dict[str, float]:
    """UPOS and LAS of the pack on the test documents, end to end from raw text."""
    import stanza
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    nlp = stanza.Pipeline(lang="en", dir=str(pack), processors=",".join(PROCESSORS),
                          download_method=None, use_gpu=False, logging_level="WARN")
    gold_path, system_path = work / "test-gold.conllu", work / "test-system.conllu"
    with open(gold_path, "w", encoding="utf-8") as gold, \
            open(system_path, "w", encoding="utf-8") as system:
        for f in test_files:
            conllu = f.read_text(encoding="utf-8")
            gold.write(conllu.strip("\n") + "\n\n")
            doc = nlp(gold_text(conllu))
            CoNLL.write_doc2conll(doc, system)
    scores = ud_scores(str(gold_path), str(system_path))
    return {metric: round(100 * scores[metric].f1, 1)
            for metric in ("Tokens", "Sentences", "Words", "UPOS", "UAS", "LAS")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="pack directory to write")
    ap.add_argument("--size", choices=sorted(SIZES), default="tiny")
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding gum-news/, gum-more/")
    ap.add_argument("--work", type=Path, default=None,
                    help="scratch folder (default: a temporary one, removed at the end)")
    ap.add_argument("--keep", default="", metavar="PROCESSORS",
                    help="comma-separated processors already in OUT to keep, not retrain "
                    "(their times and sizes are taken from OUT/TRAINING.json)")
    args = ap.parse_args(argv)

    import stanza

    work = args.work or Path(tempfile.mkdtemp(prefix="stanza-pack-"))
    work.mkdir(parents=True, exist_ok=True)
    split = split_documents(args.data)
    write_treebank(split, work / "ud")
    env = environment(work)
    pack = args.out
    (pack / "en").mkdir(parents=True, exist_ok=True)
    report: dict = {"stanza": stanza.__version__, "size": args.size,
                    "documents": {k: len(v) for k, v in split.items()},
                    "dev": list(DEV_DOCS), "test": list(TEST_DOCS), "seconds": {}, "bytes": {},
                    "options": {p: SIZES[args.size][p] for p in PROCESSORS}}
    keep = {p for p in args.keep.split(",") if p}
    previous = pack / "TRAINING.json"
    earlier = json.loads(previous.read_text()) if keep and previous.exists() else {}
    with open(work / "train.log", "a", encoding="utf-8") as log:
        print(f"log: {log.name}", file=sys.stderr)
        for processor in PROCESSORS:
            if processor in keep and (pack / "en" / processor / f"{PACKAGE}.pt").exists():
                for key in ("seconds", "bytes", "options"):
                    report[key][processor] = earlier.get(key, {}).get(processor)
                continue
            started = time.monotonic()
            model = train(processor, args.size, work, env, log)
            target = pack / "en" / processor / f"{PACKAGE}.pt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(model, target)
            report["seconds"][processor] = round(time.monotonic() - started)
            report["bytes"][processor] = target.stat().st_size
            print(f"{processor}: {report['seconds'][processor]} s, "
                  f"{target.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
            previous.write_text(json.dumps(report, indent=1) + "\n")  # what is done so far
    (pack / "resources.json").write_text(json.dumps(resources_json(), indent=1) + "\n")
    report["gum_news_test"] = evaluate(pack, split["test"], work)
    report["total_seconds"] = sum(v or 0 for v in report["seconds"].values())
    report["total_bytes"] = sum(v or 0 for v in report["bytes"].values())
    (pack / "TRAINING.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
