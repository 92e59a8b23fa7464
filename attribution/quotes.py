"""Quote spans: where the text stands in quotation marks.

Works on the raw text, before and independently of any parse.  Straight, curly, low-9,
single and guillemet marks are paired; apostrophes (``don’t``, ``the Smiths’ house``,
``’90s``) are not quote marks.  An unmatched mark degrades only its own quote (it runs
to the end of its paragraph and is flagged ``complete=False``); a paragraph that opens a
quote without closing it, followed by a paragraph that opens again, is one quote running
across paragraphs, as news style writes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = {"“": "”", "„": "“”", "«": "»", '"': '"', "‹": "›"}
DOUBLE_CLOSE = {"”", "»", '"', "›", "“"}  # “ closes „ in German typography
#: Any double mark, and any single mark or apostrophe: the characters the pairing reads.
_DOUBLE_MARK = re.compile("[" + re.escape("".join(sorted(set(DOUBLE_OPEN) | DOUBLE_CLOSE))) + "]")
_SINGLE_MARK = re.compile("[‘’'‚]")
SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘’"}
MAX_QUOTE_CHARS = 20_000
#: Two closing single marks typed for a closing double mark: “It works,’’ she said.
DOUBLED_SINGLE_CLOSE = "’’"
# A quote continued in the next paragraph is a statement, not an unclosed word or two
# (“reckless. -- a missing closing mark).
MIN_CONTINUED_WORDS = 6


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of text in quote marks.  ``start_char``/``end_char`` include the marks."""

    start_char: int
    end_char: int
    complete: bool = True  # False when the closing mark was missing
    single: bool = False  # single marks (‘…’)
    paragraphs: int = 1  # > 1 when the quote runs across paragraphs

    @property
    def inner(self) -> tuple[int, int]:
        s = self.start_char + 1
        e = self.end_char - 1 if self.complete else self.end_char
        return s, max(s, e)


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n", text)] + [len(text)]


def _is_word(c: str) -> bool:
    return c.isalnum()


def _straight_double_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if (after.isspace() or after in ".,;:!?)]}—–-/'’") and not before.isspace():
        return "close"
    return "either"


def _single_role(text: str, i: int) -> str | None:
    """open/close/None (an apostrophe) for a single mark at ``i``."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if _is_word(before) and _is_word(after):
        return None  # don't, it’s, O’Brien
    if c in "‘‚'" and not _is_word(before) and (after.isalpha() or after in "“\"…"):
        if c == "'" and text[i + 1: i + 4].lower() in ("em ", "tis", "twa"):
            return None
        return "open"
    if after.isdigit():
        return None  # ’90s
    if c in "’'" and not before.isspace() and not _is_word(after):
        return "close"
    return None


def find_quotes(text: str) -> list[QuoteSpan]:
    """All top-level quote spans in ``text``, in order.  Never raises on odd marks."""
    para_ends = _paragraph_ends(text)
    doubles = _pair_doubles(text, para_ends)
    singles = _pair_singles(text, para_ends, doubles)
    out = sorted(doubles + singles, key=lambda q: q.start_char)
    # Keep only top-level spans (a single-quoted stretch inside a double quote is nested).
    top: list[QuoteSpan] = []
    for q in out:
        if top and q.start_char < top[-1].end_char:
            continue
        top.append(q)
    return top


def _para_end_after(para_ends: list[int], i: int) -> int:
    import bisect

    return para_ends[bisect.bisect_left(para_ends, i)]


def _pair_doubles(text: str, para_ends: list[int]) -> list[QuoteSpan]:
    marks = sorted([m.start() for m in _DOUBLE_MARK.finditer(text)]
                   + [m.start() for m in re.finditer(DOUBLED_SINGLE_CLOSE, text)])
    spans: list[QuoteSpan] = []
    k = 0
    n = len(marks)
    while k < n:
        i = marks[k]
        c = text[i]
        role = _straight_double_role(text, i) if c == '"' else ("open" if c in DOUBLE_OPEN and c != "“" or c == "“" else "close")
        if c in ("”", "»", "›"):
            role = "close"
            if c == "”" and (i == 0 or text[i - 1] == "\n") and i + 1 < len(text) and text[i + 1].isalnum():
                role = "open"  # ”Text…” -- a closing mark typed to open a paragraph's quote
        if role == "close":
            k += 1  # a stray closing mark: ignore it
            continue
        # Find the closing mark within this paragraph, or continue across paragraphs.
        start = i
        paragraphs = 1
        pend = _para_end_after(para_ends, i)
        j = k + 1
        closed_at = None
        while j < n:
            m = marks[j]
            if m - start > MAX_QUOTE_CHARS:
                break
            if m > pend:
                # The paragraph ended without a close.  If the next paragraph starts with
                # an opening mark the quote continues there.
                nxt = text[pend:m].strip()
                if nxt == "" and len(text[start:pend].split()) >= MIN_CONTINUED_WORDS and text[m] in DOUBLE_OPEN and (text[m] != '"' or _straight_double_role(text, m) != "close"):
                    paragraphs += 1
                    pend = _para_end_after(para_ends, m)
                    j += 1
                    continue
                break
            mc = text[m]
            if text.startswith(DOUBLED_SINGLE_CLOSE, m):
                closed_at = m + 1  # “…,’’ -- two single marks typed for a closing double
                break
            if mc in ("”", "»", "›") or (mc == '"' and _straight_double_role(text, m) != "open") \
                    or (mc == "“" and c == "„"):
                closed_at = m
                break
            if mc == '"' or mc in ("“", "«", "„"):
                # Another opening mark before any close: our mark was unmatched.
                break
            j += 1
        if closed_at is not None:
            spans.append(QuoteSpan(start, closed_at + 1, True, False, paragraphs))
            k = j + 1
        else:
            end = _para_end_after(para_ends, start) if paragraphs == 1 else pend
            end = _rstrip(text, start, end)
            if end - start > 1:
                spans.append(QuoteSpan(start, end, False, False, paragraphs))
            k = j if j > k else k + 1
            # Skip marks inside the degraded span.
            while k < n and marks[k] < end:
                k += 1
    return spans


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _pair_singles(text: str, para_ends: list[int], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_para_end = -1
    for m in _SINGLE_MARK.finditer(text):
        i = m.start()
        if open_at is not None and i > open_para_end:
            open_at = None  # unmatched single opener: ignore it (too often an apostrophe)
        role = _single_role(text, i)
        if role == "open" and open_at is None:
            open_at = i
            open_para_end = _para_end_after(para_ends, i)
        elif role == "close" and open_at is not None:
            if _possessive_plural(text, i) and _later_close(text, i, open_para_end):
                continue  # "the Smiths’ front door" inside a single-quoted quote
            if i - open_at > 1:
                spans.append(QuoteSpan(open_at, i + 1, True, True, 1))
            open_at = None
    return spans


def _possessive_plural(text: str, i: int) -> bool:
    """``s’ word``: a plural possessive, when a word follows the mark."""
    return i > 0 and text[i - 1] in "sS" and text[i + 1: i + 3][:1] == " " and text[i + 2: i + 3].isalpha()


def _later_close(text: str, i: int, para_end: int) -> bool:
    for j in range(i + 1, min(para_end, len(text))):
        if text[j] in "’'" and _single_role(text, j) == "close" and not _possessive_plural(text, j):
            return True
    return False
