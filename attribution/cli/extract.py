"""``attribution extract FILE...``: find who said what in each document.

Results are streamed in input order.  A document that cannot be read or parsed gets its
line with an ``"error"`` (and a line on stderr); the batch goes on.  At the end a
summary goes to stderr.  Exit status: 0 when at least one document was processed, 1 when
every document failed or there was no document at all.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from ..formats import FORMATS, write_results
from ..inputs import INPUT_FORMATS, read_documents
from ..model import DocResult, Document
from ..parse import available_parsers
from .extract_ray import add_engine_options, check_local_format, run_ray

EPILOG = """\
input:
  text files (the id is the path), "-" for standard input, or with --input jsonl one
  JSON object a line: {"id": ..., "text": ..., "url"?, "title"?, "outlet"?, "published"?}.
  Saved web pages (.html/.htm, or any file with --input html; "html" instead of "text" in
  a JSONL line): the article's main text and its title, URL, site name, date and author
  are read with trafilatura; offsets refer to that text. Web addresses are not fetched:
  save the page and give the file.
  Empty, binary or undecodable documents, pages with no article and bad JSONL lines are
  reported as failed documents; HTML in a text file is stripped to text.

exit status:
  0 when at least one document was processed; 1 when every document failed, no
  document was given, or the arguments were wrong (2 for usage errors).
"""


def add_input_options(p: argparse.ArgumentParser) -> None:
    """FILE..., --input and --encoding (shared with ``report``)."""
    p.add_argument("files", nargs="+", metavar="FILE",
                   help='text, saved HTML or JSONL files; "-" reads standard input')
    p.add_argument("--input", dest="input_format", choices=INPUT_FORMATS, default="text",
                   help="text: one document per file, .html/.htm files as saved pages "
                   "(default); jsonl: one JSON object a line; html: every file is a saved page")
    p.add_argument("--encoding", default="utf-8",
                   help="how the input is encoded (default utf-8; e.g. latin-1, cp1252)")


def add_parser_options(p: argparse.ArgumentParser) -> None:
    """--parser and --model-dir (shared with ``report`` and ``evaluate``)."""
    p.add_argument("--parser", choices=available_parsers(), default="spacy",
                   help="spacy (default, the embedded English pipeline); stanza (models from "
                   "--model-dir); conllu (the inputs are pre-parsed CoNLL-U; offsets refer to "
                   "the text rebuilt from it)")
    p.add_argument("--model-dir", metavar="DIR",
                   help="Stanza model directory (--parser stanza), or a spaCy pipeline path "
                   "(--parser spacy)")


def add_batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N",
                   help="worker processes (default 1)")
    p.add_argument("--no-progress", action="store_true",
                   help="no progress bar (it is shown only when stderr is a terminal)")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return n


def parser_from_args(args: argparse.Namespace):
    """What to hand to the library: the loaded parser, so that a missing model is one
    error before any document is read; with ``--jobs`` above 1 and no ``--model-dir``
    the backend name, for each worker process to load its own."""
    from ..parse import get_parser

    options = parser_options(args)
    if getattr(args, "jobs", 1) > 1 and not options:
        return args.parser
    return get_parser(args.parser, **options)


def parser_options(args: argparse.Namespace) -> dict[str, str]:
    """The options ``get_parser`` takes for ``--parser`` and ``--model-dir``."""
    options = {}
    if getattr(args, "model_dir", None):
        if args.parser == "stanza":
            options["model_dir"] = args.model_dir
        elif args.parser == "spacy":
            options["model"] = args.model_dir
    return options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract",
        help="find quotes and their speakers in articles",
        description="Find quoted and reported speech in each document and tie it to its "
        "speaker. Writes one result per document, in input order.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    p.add_argument("--format", "-f", dest="fmt", choices=(*FORMATS, "parquet"), default="jsonl",
                   help="jsonl: one line per document (default); json: an array; csv: a row "
                   "per quote; table: a readable table; parquet: shards (--engine ray)")
    add_parser_options(p)
    add_batch_options(p)
    add_engine_options(p)
    p.add_argument("--include-text", action="store_true",
                   help="keep each document's text in jsonl/json output (what `ledger ingest` "
                   "can read back without extracting again)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output "
                   "(with --engine ray: the folder for the shards)")
    p.set_defaults(func=run)


class Tally:
    """Counts results as they stream past; reports failures on stderr."""

    def __init__(self, command: str, err: IO[str]):
        self.command = command
        self.err = err
        self.documents = self.attributions = self.failures = 0
        self.started = time.perf_counter()

    def count(self, results: Iterable[DocResult]) -> Iterator[DocResult]:
        for r in results:
            self.documents += 1
            if r.error is not None:
                self.failures += 1
                print(f"attribution {self.command}: {r.id}: {r.error}", file=self.err)
            elif r.extraction is not None:
                self.attributions += len(r.extraction.attributions)
            yield r

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self) -> str:
        return (
            f"attribution {self.command}: {_count(self.documents, 'document')}, "
            f"{_count(self.attributions, 'attribution')}, {self.failures} failed, "
            f"{self.seconds:.2f} s"
        )

    @property
    def exit_status(self) -> int:
        return 1 if self.documents == 0 or self.failures == self.documents else 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def progress(items: Iterable, *, total: int | None, enabled: bool, err: IO[str]) -> Iterable:
    """A tqdm bar on ``err`` when enabled and ``err`` is a terminal; else ``items``."""
    if not enabled or not getattr(err, "isatty", lambda: False)():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="doc", file=err, leave=False)


def run_batch(args: argparse.Namespace, command: str, err: IO[str]) -> tuple[Iterator[DocResult], Tally]:
    """Read the inputs and stream results (counted, with a progress bar)."""
    from ..batch import extract_batch

    docs: Iterable[Document] = read_documents(
        args.files, input_format=args.input_format, encoding=args.encoding
    )
    parser = parser_from_args(args)
    results = extract_batch(docs, parser=parser, jobs=args.jobs)
    total = len(args.files) if args.input_format == "text" else None
    tally = Tally(command, err)
    counted = tally.count(progress(results, total=total, enabled=not args.no_progress, err=err))
    return counted, tally


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def run(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        return run_ray(args)
    check_local_format(args)
    err = sys.stderr
    results, tally = run_batch(args, "extract", err)
    with _output(args.output) as out:
        write_results(results, out, args.fmt, include_text=args.include_text)
    print(tally.summary(), file=err)
    if tally.documents == 0:
        print("attribution extract: error: no documents in the input", file=err)
    return tally.exit_status
