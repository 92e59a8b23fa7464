"""Page furniture: paragraphs of a news page that are not the article's prose, so hold
no claims -- cross-references ("WATCH: Sanders says ...", "READ MORE: ..."), photo
captions ending in a credit ("... at her home in Amherst, N.S. (Steve Lawrence/CBC)"),
headlines that open with a pull quote ("'Life-changing and heartbreaking': Family
recalls ..."), subheads that are a quote in capitals alone (“WASHED AWAY”) and calls to
follow the writer on social media.  None of these is annotated as a claim in PolNeAR
train or GGT dev, where they occur."""
from __future__ import annotations

import re

from .document import DocState

#: A label of at most this many words before its colon is a cross-reference marker.
MAX_MARKER_WORDS = 2
#: A photo credit closing a caption: "(Photographer/Outlet)" or "(Outlet photo)".
CREDIT = re.compile(r"\((?:[^()/\n]{2,60}/[^()/\n]{2,60}|[^()\n]{2,40}\bphoto)\)\s*$", re.IGNORECASE)
#: A headline opening with a pull quote and a colon: "'Life-changing and heartbreaking': ...".
#: (A transcript's "PENCE: ..." has its colon inside the marks.)
PULL_QUOTE_HEADLINE = re.compile(r"^[\"“‘'][^\n:]{2,120}?[\"”’']\s*:\s")
#: A headline runs to at most this many words; a longer paragraph is prose.
MAX_HEADLINE_WORDS = 25
#: A call to follow the writer on social media closing the page ("Follow Pam Key on
#: Twitter @pamkeyNEN."): 21 in PolNeAR train, none holding an attribution.
SOCIAL_PROMO = re.compile(r"^[\"“]?Follow (?:[A-Z][\w.'’-]*\s){1,4}on (?:Twitter|Facebook|Instagram)\b")
#: A subhead: a quote in capitals standing alone as its paragraph, with no mark that
#: ends a sentence (“WASHED AWAY”; not a shouted “NO!”).
QUOTED_SUBHEAD = re.compile(r"^[\"“‘'][^a-z.!?\n]*[A-Z][^a-z.!?\n]*[\"”’']$")


def furniture_paragraphs(d: DocState) -> frozenset[int]:
    """The paragraphs (token ``para`` numbers) that are page furniture."""
    out = set()
    toks = d.toks
    for k, t in enumerate(toks):
        if k and toks[k - 1].para == t.para:
            continue
        if _is_marker(d, k):
            out.add(t.para)
    for para, text in _paragraph_texts(d):
        if CREDIT.search(text) or QUOTED_SUBHEAD.match(text) or SOCIAL_PROMO.match(text) or (
                PULL_QUOTE_HEADLINE.match(text) and len(text.split()) <= MAX_HEADLINE_WORDS):
            out.add(para)
    return frozenset(out)


def _is_marker(d: DocState, first: int) -> bool:
    """"WATCH:", "READ MORE:": capitals before a colon that name nobody in the article
    (unlike a transcript's "PENCE: Well, look ...")."""
    toks = d.toks
    words = []
    k = first
    while k < len(toks) and toks[k].para == toks[first].para and toks[k].text != ":":
        words.append(toks[k])
        k += 1
    if k >= len(toks) or toks[k].text != ":" or not 0 < len(words) <= MAX_MARKER_WORDS:
        return False
    return all(w.text.isalpha() and w.text.isupper() and len(w.text) > 1 and w.ent_type not in ("PERSON", "ORG")
               and w.text.lower() not in d.surnames for w in words)


def _paragraph_texts(d: DocState):
    toks = d.toks
    start = 0
    for k in range(1, len(toks) + 1):
        if k == len(toks) or toks[k].para != toks[start].para:
            yield toks[start].para, d.text[toks[start].start_char:toks[k - 1].end_char]
            start = k
