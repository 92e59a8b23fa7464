"""The table report: who said what in each document, then who spoke how often.

Rendered with :mod:`tabulate`; any of its formats (``simple``, ``github``, ``grid``,
``psql``, ``html``, ``latex`` ...) can be asked for.  Pure functions: they return strings.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from tabulate import tabulate, tabulate_formats

from .model import KINDS, Attribution, DocResult, Extraction

__all__ = [
    "QUOTE_WIDTH",
    "TABLE_FORMATS",
    "UNATTRIBUTED",
    "shorten",
    "speaker_label",
    "attribution_rows",
    "speaker_summary",
    "report_document",
    "render_report",
    "results_table",
]

QUOTE_WIDTH = 60
UNATTRIBUTED = "(unattributed)"
TABLE_FORMATS: tuple[str, ...] = tuple(tabulate_formats)
ATTRIBUTION_HEADERS = ("#", "speaker", "type", "cue", "kind", "quote")
SUMMARY_HEADERS = ("speaker", "type", "quotes", "kinds")


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` on one line, cut to at most ``width`` characters at a word boundary
    with an ellipsis (``…``) when it is longer."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def speaker_label(a: Attribution) -> str:
    """The speaker's resolved name (joint speakers joined with ``&``), else the mention a
    relative pronoun stands for ("who" -> "one senior official"), else the mention as
    written, else ``(unattributed)``."""
    if a.speaker_names:
        return " & ".join(a.speaker_names)
    if a.speaker is not None and a.resolved_from is not None:
        return re.sub(r"\s+", " ", a.resolved_from.text).strip()
    if a.speaker is not None:
        return re.sub(r"\s+", " ", a.speaker.text).strip()
    return UNATTRIBUTED


def attribution_rows(extraction: Extraction, *, width: int = QUOTE_WIDTH) -> list[list]:
    """One row per attribution: number, speaker, type, cue, kind, shortened quote."""
    return [
        [n, speaker_label(a), a.speaker_type, a.cue.text if a.cue else "", a.kind, shorten(a.text, width)]
        for n, a in enumerate(extraction.attributions, 1)
    ]


def _kinds_text(counts: dict[str, int]) -> str:
    order = [k for k in KINDS if k in counts] + sorted(k for k in counts if k not in KINDS)
    return ", ".join(f"{k} {counts[k]}" for k in order)


def speaker_summary(attributions: Iterable[Attribution]) -> list[list]:
    """One row per speaker: speaker, type, number of quotes, kinds with their counts.
    Most quoted first; ties in order of first appearance."""
    groups: dict[str, dict] = {}
    for a in attributions:
        label = speaker_label(a)
        g = groups.setdefault(label, {"type": a.speaker_type, "n": 0, "kinds": {}})
        if g["type"] == "unknown" and a.speaker_type != "unknown":
            g["type"] = a.speaker_type
        g["n"] += 1
        g["kinds"][a.kind] = g["kinds"].get(a.kind, 0) + 1
    order = sorted(groups, key=lambda k: -groups[k]["n"])  # stable: first appearance
    return [[k, groups[k]["type"], groups[k]["n"], _kinds_text(groups[k]["kinds"])] for k in order]


def _heading(title: str, tablefmt: str, level: int = 2) -> str:
    if "html" in tablefmt:
        return f"<h{level}>{html.escape(title)}</h{level}>"
    if tablefmt.startswith("latex"):
        command = "section" if level == 2 else "subsection"
        return f"\\{command}*{{" + re.sub(r"([&%$#_{}])", r"\\\1", title) + "}"
    if tablefmt in ("github", "pipe"):
        return "#" * level + " " + title
    return title


def _note(text: str, tablefmt: str) -> str:
    if "html" in tablefmt:
        return f"<p>{html.escape(text)}</p>"
    return text


def report_document(result: DocResult, *, tablefmt: str = "simple", width: int = QUOTE_WIDTH) -> str:
    """The report for one document: heading, attribution table, per-speaker summary."""
    parts = [_heading(result.id, tablefmt)]
    for warning in result.meta.get("warnings", []):
        parts.append(_note(f"warning: {warning}", tablefmt))
    if result.error is not None or result.extraction is None:
        parts.append(_note(f"error: {result.error or 'no result'}", tablefmt))
        return "\n".join(parts)
    ex = result.extraction
    for warning in ex.warnings:
        parts.append(_note(f"warning: {warning}", tablefmt))
    if not ex.attributions:
        parts.append(_note("No attributions found.", tablefmt))
        return "\n".join(parts)
    parts.append(tabulate(attribution_rows(ex, width=width), headers=ATTRIBUTION_HEADERS, tablefmt=tablefmt, disable_numparse=True))
    parts.append("")
    parts.append(_heading("Speakers", tablefmt, level=3))
    parts.append(tabulate(speaker_summary(ex.attributions), headers=SUMMARY_HEADERS, tablefmt=tablefmt, disable_numparse=True))
    return "\n".join(parts)


def render_report(results: Iterable[DocResult], *, tablefmt: str = "simple", width: int = QUOTE_WIDTH) -> str:
    """The report for every document, separated by blank lines.

    Raises:
        ValueError: ``tablefmt`` is not a tabulate format.
    """
    _check_format(tablefmt)
    return "\n\n".join(report_document(r, tablefmt=tablefmt, width=width) for r in results)


def results_table(results: Iterable[DocResult], *, tablefmt: str = "simple", width: int = QUOTE_WIDTH) -> str:
    """One table for many documents (``extract --format table``): a row per attribution
    with the document id and confidence; a failed document gets one row with its error."""
    _check_format(tablefmt)
    rows = []
    for r in results:
        if r.error is not None or r.extraction is None:
            rows.append([r.id, "", "", "", "", f"ERROR: {r.error or 'no result'}", ""])
            continue
        for a in r.extraction.attributions:
            rows.append([
                r.id, speaker_label(a), a.speaker_type, a.cue.text if a.cue else "", a.kind,
                shorten(a.text, width), f"{a.confidence:.2f}",
            ])
    headers = ("id", "speaker", "type", "cue", "kind", "quote", "conf")
    return tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def _check_format(tablefmt: str) -> None:
    if tablefmt not in TABLE_FORMATS:
        raise ValueError(
            f"unknown table format {tablefmt!r}; choose one of: {', '.join(sorted(TABLE_FORMATS))}"
        )
