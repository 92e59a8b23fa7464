"""Mine the cue lexicon (verbs, nouns, adjectives, phrases and their frames) from PolNeAR train.

Reproduce from the repository root, with the shared data checked out next to it:

    .venv/bin/python scripts/mine_cues.py
    # = --data ../shared/data --out attribution/resources/cues.json \
    #   --report scripts/cue_report.md --cache .cache

Only ``polnear/train.jsonl`` is read (dev is the evaluation set and stays unseen).
Texts are parsed with the project's default parser (``get_parser("spacy")``); the
parses are cached in ``.cache/`` (which ignores itself via its own ``.gitignore``), so
a second run takes seconds.  Delete the cache to re-parse, e.g. after a model change.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_CACHE = REPO / ".cache"
DEFAULT_OUT = REPO / "attribution" / "resources" / "cues.json"
DEFAULT_REPORT = REPO / "scripts" / "cue_report.md"

sys.path.insert(0, str(REPO))
from attribution.cues_lexicon import LEMMA_ALIASES  # noqa: E402
from attribution.model import ParsedDoc  # noqa: E402
from attribution.parse import get_parser  # noqa: E402


# --------------------------------------------------------------------------- data + parses
def load_articles(data_dir: Path) -> list[dict]:
    path = Path(data_dir) / "polnear" / "train.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} not found: pass --data DIR (the shared data directory).")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_parses(articles: list[dict], cache_dir: Path, *, log=print) -> list[ParsedDoc]:
    """Parse every article text with the default spaCy parser, cached by content hash."""
    parser = get_parser("spacy")
    digest = hashlib.sha1()
    for a in articles:
        digest.update(a["text"].encode("utf-8"))
    key = f"polnear-train.{parser.name.replace(':', '_')}.{digest.hexdigest()[:12]}.jsonl.gz"
    cache_dir = Path(cache_dir)
    path = cache_dir / key
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [ParsedDoc.from_dict(json.loads(line)) for line in fh]
    cache_dir.mkdir(parents=True, exist_ok=True)
    ignore = cache_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    log(f"parsing {len(articles)} articles with {parser.name} (cached in {path}) ...")
    docs: list[ParsedDoc] = []
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for n, doc in enumerate(parser.pipe((a["text"] for a in articles), batch_size=8)):
            docs.append(doc)
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            if (n + 1) % 100 == 0:
                log(f"  {n + 1} parsed")
    tmp.replace(path)
    return docs


# --------------------------------------------------------------------------- hand assignments
SPEECH = "speech"
# Class and stance of cue lemmas, assigned by hand.  One row per (class, stance); a mined
# lemma in no row is a speech cue that asserts ("said", "noted", "according to").
HAND_TABLE_TEXT = """
# class    stance    lemmas (verbs, nouns and adjectives share one namespace)
thought    believe   believe think feel hope fear know want worry suspect assume doubt
thought    believe   consider see view regard understand realize recognize remember imagine
thought    believe   guess suppose wish trust seem appear look sound envision reckon sense
thought    believe   presume prefer like love hate intend plan care mind
thought    believe   belief opinion concern feeling impression assumption suspicion
thought    believe   perception sentiment desire
thought    believe   sure confident convinced skeptical worried concerned certain afraid nervous
thought    believe   wary optimistic hopeful pessimistic unsure uncertain aware unaware angry
thought    believe   happy glad pleased frustrated disappointed willing eager reluctant proud
thought    believe   upset comfortable fearful doubtful
# evidence and inference ("the study found that", "data show that"): what someone
# knows or concludes, not what they said
thought    believe   find show indicate estimate determine conclude hear learn discover
thought    believe   notice demonstrate prove finding
# stances and intentions ("supports the bill", "will seek a recount", "endorsed Clinton"):
# what someone is for or means to do, not words they said
thought    believe   support oppose favor back endorse embrace seek aim decide choose accept
thought    believe   attempt
thought    predict   expect anticipate expectation likely unlikely
thought    question  wonder
speech     deny      deny dispute reject refute rebut contradict dismiss disagree downplay
speech     deny      disavow retract repudiate denial rejection
speech     predict   predict warn forecast promise vow pledge project threaten guarantee
speech     predict   prediction warning threat
speech     question  ask question inquire query
decline    decline   decline refuse refusal
"""


def hand_table() -> dict[str, tuple[str, str]]:
    """Parse :data:`HAND_TABLE_TEXT` into ``{lemma: (class, stance)}``."""
    table: dict[str, tuple[str, str]] = {}
    for line in HAND_TABLE_TEXT.strip().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cls, stance, *lemmas = line.split()
        for lemma in lemmas:
            if lemma in table and table[lemma] != (cls, stance):
                raise ValueError(f"{lemma!r} has two different rows in HAND_TABLE_TEXT")
            table[lemma] = (cls, stance)
    return table


def check_core_agrees(table: dict[str, tuple[str, str]]) -> None:
    """The loader's hand-written core (attribution.cues_lexicon) must agree with this table."""
    from attribution.cues_lexicon import CORE_ADJECTIVES, CORE_NOUNS, CORE_PHRASES, CORE_VERBS

    for core in (CORE_VERBS, CORE_NOUNS, CORE_ADJECTIVES, CORE_PHRASES):
        for lemma, pair in core.items():
            if classify(lemma, table) != pair:
                raise SystemExit(f"{lemma!r}: core list says {pair}, HAND_TABLE says "
                                 f"{classify(lemma, table)}; make them agree")


def classify(lemma: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """Class and stance of a lemma or phrase: the hand table, else speech/assert."""
    if lemma in table:
        return table[lemma]
    return (SPEECH, "assert")


# --------------------------------------------------------------------------- mining
QUOTE_CHARS = "\"“”‘’'«»„‟‹›`"
VERB_POS = {"VERB"}
NOUN_POS = {"NOUN"}
ADJ_POS = {"ADJ"}
SUBJECTS = {"nsubj", "csubj", "expl"}
FUNCTION_DEPRELS = {"case", "mark", "fixed", "cc", "det", "punct"}
# Prepositional phrases inside a verb cue are recorded as phrases ("said in a statement"
# -> "in a statement") only when their noun is a medium of communication; others
# ("for the first time", "with a grin") modify the cue without being one.
MEDIUM_NOUNS = set("""
statement interview email e-mail tweet post letter speech op-ed editorial release column
conference call telephone phone memo filing testimony video message text blog article book
remark remarks media twitter facebook record briefing broadcast podcast appearance radio
television tv op ed report news
""".split())

# Thresholds for keeping a mined entry; the report lists what they drop.  Below one use
# in 50, a verb or noun is a cue mainly through PolNeAR's broad annotation ("won", "did",
# "get") and would cost a rule more false alarms than it finds.  Phrases are matched as
# strings, without a part of speech or frame to gate them, so they need a higher prior.
MIN_COUNT = 2
MIN_PRECISION = 0.02
MIN_PRECISION_PHRASE = 0.05


class DocIndex:
    """Character-offset lookups and tree walks over one :class:`ParsedDoc`."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.tokens = doc.tokens
        self.children: list[list[int]] = [[] for _ in doc.tokens]
        for t in doc.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self._depth: dict[int, int] = {}

    def overlapping(self, start: int, end: int, *, keep_punct: bool = False) -> list[int]:
        out = [t.i for t in self.tokens if t.start_char < end and t.end_char > start]
        if keep_punct:
            return out
        words = [i for i in out if self.tokens[i].upos != "PUNCT"]
        return words or out

    def depth(self, i: int) -> int:
        if i not in self._depth:
            d, j, seen = 0, i, set()
            while self.tokens[j].head != j and j not in seen:
                seen.add(j)
                j = self.tokens[j].head
                d += 1
            self._depth[i] = d
        return self._depth[i]

    def path_up(self, i: int) -> list[int]:
        """``i`` and its ancestors, nearest first."""
        out, seen = [i], {i}
        while self.tokens[out[-1]].head != out[-1]:
            h = self.tokens[out[-1]].head
            if h in seen:
                break
            out.append(h)
            seen.add(h)
        return out

    def head_of(self, idx: list[int], prefer_attached_to: int | None = None) -> int | None:
        """The syntactic head of a set of tokens: one whose head lies outside the set,
        preferring one attached to ``prefer_attached_to``, then the shallowest."""
        if not idx:
            return None
        inside = set(idx)
        tops = [i for i in idx if self.tokens[i].head not in inside or self.tokens[i].head == i]
        if prefer_attached_to is not None:
            attached = [i for i in tops if self.tokens[i].head == prefer_attached_to]
            if attached:  # a clause or object before a subject ("X is expected to ...")
                return min(attached, key=lambda i: (self.tokens[i].dep in SUBJECTS, i))
        return min(tops, key=lambda i: (self.depth(i), i))

    def relation(self, dep: int, gov: int) -> str:
        """How token ``dep`` relates to token ``gov`` in the tree, as a frame name."""
        t, g = self.tokens[dep], self.tokens[gov]
        if dep == gov:
            return "same_token"
        if t.head == gov:
            return t.deprel
        if g.head == dep:
            return "^" + g.deprel
        if t.head == g.head and t.head != dep:
            return "sibling:" + t.deprel
        up = self.path_up(dep)
        if gov in up:
            return "deep:" + self.tokens[up[up.index(gov) - 1]].deprel
        up_g = self.path_up(gov)
        if dep in up_g:
            return "^deep:" + self.tokens[up_g[up_g.index(dep) - 1]].deprel
        if t.head in up_g and t.head != dep:
            return "ancestor:" + t.deprel
        if t.sent != g.sent:
            return "other_sentence"
        return "other"


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when the span starts or ends with a quotation mark, or is enclosed by one."""
    inner = text[start:end].strip()
    if inner and (inner[0] in QUOTE_CHARS or inner[-1] in QUOTE_CHARS):
        return True
    before = text[max(0, start - 2):start].strip()
    after = text[end:end + 2].strip()
    return bool(before and before[-1] in QUOTE_CHARS) or bool(after and after[0] in QUOTE_CHARS)


def spans_of(q: dict) -> list[tuple[int, int]]:
    frags = q.get("fragments") or []
    return [(f["start"], f["end"]) for f in frags] or [(q["start"], q["end"])]


def group_of(upos: str, deprel: str) -> str:
    """Lexicon section of a cue token: function words and adverbs ("according to",
    "reportedly") are matched as phrases; verbs, nouns and adjectives by lemma."""
    if deprel in FUNCTION_DEPRELS or upos in {"ADP", "SCONJ", "PUNCT", "PART", "CCONJ", "DET",
                                               "ADV"}:
        return "phrases"
    if upos in VERB_POS:
        return "verbs"
    if upos in NOUN_POS:
        return "nouns"
    if upos in ADJ_POS:
        return "adjectives"
    return "other:" + upos


def lemma_of(t) -> str:
    """The token's lemma, lower-cased, with the parser's known lemma errors fixed."""
    lemma = t.lemma.lower()
    return LEMMA_ALIASES.get(lemma, lemma)


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def analyse(q: dict, ix: DocIndex) -> dict | None:
    """Everything the miner records about one gold attribution, or None without a cue."""
    cue = q["cue"]
    if cue is None:
        return None
    toks = ix.tokens
    text = ix.doc.text
    cue_idx = ix.overlapping(cue["start"], cue["end"])
    if not cue_idx:
        return None
    spk = q["speaker"]
    spk_idx = ix.overlapping(spk["start"], spk["end"]) if spk else []
    exclude = set(cue_idx) | set(spk_idx)
    content_idx = sorted({
        i for s, e in spans_of(q) for i in ix.overlapping(s, e)
        if i not in exclude and toks[i].upos != "PUNCT"
    })
    syn_head = ix.head_of(cue_idx)
    assert syn_head is not None
    content_head = ix.head_of(content_idx, prefer_attached_to=syn_head)
    # The cue token: where the content attaches inside the cue span ("expressed relief
    # that ...", "went on to say ..."), else the syntactic head of the cue span.
    # A copula heading the cue yields to its adjective ("are skeptical of", "is clear").
    c = syn_head
    support = None
    content_pos = VERB_POS | NOUN_POS | ADJ_POS
    if content_head is not None:
        gov = toks[content_head].head
        if gov in cue_idx and gov != syn_head and toks[gov].upos in content_pos:
            c, support = gov, lemma_of(toks[syn_head])
    if c == syn_head and toks[c].lemma.lower() == "be":
        adjs = [k for k in ix.children[c] if k in cue_idx and toks[k].upos in ADJ_POS]
        if adjs:
            c, support = adjs[0], "be"
    ct = toks[c]
    group = group_of(ct.upos, ct.deprel)
    key = norm(" ".join(toks[i].text for i in cue_idx)) if group == "phrases" else lemma_of(ct)
    # Where a phrase's function word hangs (the noun of "according to X").
    anchor = ct.head if group == "phrases" and ct.head != c else c

    # Content frame.
    if any(s <= cue["start"] and cue["end"] <= e for s, e in spans_of(q)):
        frame = "contains_cue"
    elif content_head is None:
        frame = "empty"
    else:
        frame = ix.relation(content_head, c)
        if (anchor != c and frame in ("other", "other_sentence")) or frame.startswith("^deep"):
            via = ix.relation(content_head, anchor)
            if not via.startswith(("other", "deep")):
                frame = via
        if frame in ("other", "other_sentence") and is_quoted(text, q["start"], q["end"]):
            frame = "quote" if frame == "other" else "quote:other_sentence"

    # Speaker frame.
    spk_head = ix.head_of(spk_idx, prefer_attached_to=c)
    if spk_head is None:
        sframe = "none"
    elif anchor == spk_head and anchor != c:
        sframe = toks[spk_head].deprel  # "according to X": X is obl of the content
    else:
        sframe = ix.relation(spk_head, c)

    # Embedded prepositional phrases inside a verb cue ("said in a statement").
    pps = []
    cue_set = set(cue_idx)
    for i in cue_idx:
        t = toks[i]
        if t.deprel in ("obl", "nmod") and t.head in cue_set and lemma_of(t) in MEDIUM_NOUNS:
            cases = [k for k in ix.children[i] if toks[k].deprel == "case" and k in cue_set]
            if cases:
                lo = min(cases)
                pps.append(norm(" ".join(toks[k].text for k in range(lo, i + 1))))
    content_sents = {toks[i].sent for i in content_idx}
    auxes = [toks[k].lemma.lower() for k in ix.children[c] if toks[k].dep == "aux"]
    return {
        "key": key, "group": group, "cue_token": c, "support": support, "pps": pps,
        "frame": frame, "speaker_frame": sframe, "form": norm(cue["text"]),
        "content_head": content_head, "speaker_head": spk_head,
        "content_sents": len(content_sents), "content_tokens": len(content_idx),
        "same_sentence": content_head is not None and toks[content_head].sent == ct.sent,
        "auxes": auxes,
    }


def occurrences(docs: list[ParsedDoc]) -> tuple[Counter, Counter, set]:
    """Token counts per (group, lemma), clausal ones (with a ccomp/acl child), and the
    set of (doc, token) pairs that have such a clausal child."""
    occ: Counter = Counter()
    clausal_occ: Counter = Counter()
    clausal: set[tuple[int, int]] = set()
    for d, doc in enumerate(docs):
        has_clause = {t.head for t in doc.tokens if t.dep in ("ccomp", "acl") and t.head != t.i
                      and t.upos in ("VERB", "AUX")}
        for t in doc.tokens:
            group = group_of(t.upos, t.deprel)
            if group in ("verbs", "nouns", "adjectives"):
                key = (group, lemma_of(t))
                occ[key] += 1
                if t.i in has_clause:
                    clausal_occ[key] += 1
                    clausal.add((d, t.i))
    return occ, clausal_occ, clausal


def phrase_occurrences(texts: list[str], phrases: list[str]) -> Counter:
    out: Counter = Counter()
    for p in phrases:
        body = r"\s+".join(re.escape(w) for w in p.split())
        left = r"(?<!\w)" if p[0].isalnum() else ""
        right = r"(?!\w)" if p[-1].isalnum() else ""
        pat = re.compile(left + body + right, re.IGNORECASE)
        out[p] = sum(len(pat.findall(t.replace("’", "'"))) for t in texts)
    return out


def mine(articles: list[dict], docs: list[ParsedDoc]) -> tuple[dict, list[dict], list[tuple]]:
    """Return the lexicon, one analysis record per gold attribution, and the entries
    with count >= MIN_COUNT that the thresholds dropped."""
    table = hand_table()
    check_core_agrees(table)
    records: list[dict] = []
    stats: dict[tuple[str, str], dict] = defaultdict(lambda: {
        "count": 0, "tokens": set(), "frames": Counter(), "speaker_frames": Counter(),
        "kinds": Counter(), "support": Counter(), "forms": Counter()})
    for d, (art, doc) in enumerate(zip(articles, docs)):
        if doc.text != art["text"]:
            raise SystemExit(f"parse cache does not match article {art['id']}: delete the cache")
        ix = DocIndex(doc)
        for q in art["quotes"]:
            r = analyse(q, ix)
            rec = {"doc": d, "q": q, "a": r, "ix": ix}
            records.append(rec)
            if r is None:
                continue
            keys = [(r["group"], r["key"])] + [("phrases", p) for p in r["pps"]]
            for group, key in keys:
                s = stats[(group, key)]
                s["count"] += 1
                s["tokens"].add((d, r["cue_token"]))
                s["frames"][r["frame"]] += 1
                s["speaker_frames"][r["speaker_frame"]] += 1
                s["kinds"][q["kind"]] += 1
                s["forms"][r["form"]] += 1
                if r["support"] and group != "phrases":
                    s["support"][r["support"]] += 1
    occ, clausal_occ, clausal = occurrences(docs)
    phrase_keys = [k for (g, k), s in stats.items() if g == "phrases" and s["count"] >= MIN_COUNT]
    p_occ = phrase_occurrences([a["text"] for a in articles], phrase_keys)
    lexicon: dict = {"verbs": {}, "nouns": {}, "adjectives": {}, "phrases": {}}
    dropped: list[tuple[str, str, int, float, str]] = []
    for (group, key), s in sorted(stats.items(), key=lambda kv: (-kv[1]["count"], kv[0])):
        if group not in lexicon:
            continue
        n_occ = p_occ[key] if group == "phrases" else occ[(group, key)]
        distinct = len(s["tokens"])
        precision = min(1.0, distinct / n_occ) if n_occ else 0.0
        reason = ""
        if s["count"] < MIN_COUNT:
            reason = "count"
        elif precision < (MIN_PRECISION_PHRASE if group == "phrases" else MIN_PRECISION):
            reason = "precision"
        elif group != "phrases" and not key.isalpha():
            reason = "not a word"
        if reason:
            if s["count"] >= MIN_COUNT:
                dropped.append((group, key, s["count"], precision, reason))
            continue
        cls, stance = classify(key, table)
        entry = {
            "class": cls, "stance": stance, "count": s["count"], "occurrences": n_occ,
            "precision": round(precision, 4),
            "frames": dict(s["frames"].most_common()),
            "speaker_frames": dict(s["speaker_frames"].most_common()),
            "kinds": dict(s["kinds"].most_common()),
        }
        if group != "phrases":
            c_occ = clausal_occ[(group, key)]
            c_hits = sum(1 for tok in s["tokens"] if tok in clausal)
            entry["clausal_occurrences"] = c_occ
            entry["clausal_precision"] = round(min(1.0, c_hits / c_occ), 4) if c_occ else 0.0
        if s["support"]:
            entry["support_verbs"] = dict(s["support"].most_common(8))
        # Recurring surface forms only: no one-off stretches of article text.
        entry["forms"] = {f: k for f, k in s["forms"].most_common(5) if k >= MIN_COUNT}
        lexicon[group][key] = entry
    return lexicon, records, dropped


# --------------------------------------------------------------------------- report
FRAME_LEGEND = {
    "<deprel>": "the content head (or speaker head) is a direct dependent of the cue token",
    "^<deprel>": "the cue token (for a phrase, the noun it marks) hangs under the content head",
    "sibling:<deprel>": "both hang under the same token (controlled or shared subject)",
    "ancestor:<deprel>": "it hangs under a higher ancestor of the cue (`X went on to say`)",
    "deep:<deprel>": "a deeper descendant of the cue, through the named relation",
    "^deep:<deprel>": "the cue is a deeper descendant of the content head",
    "quote": "no tree link; the content is in quotation marks in the cue's sentence",
    "quote:other_sentence": "no tree link; quoted content in another sentence",
    "other_sentence": "no tree link; unquoted content in another sentence",
    "contains_cue": "the annotated content includes the cue (mostly source-less cues)",
    "other": "no tree link in the cue's sentence",
    "empty": "the content has no word tokens",
    "same_token": "the speaker is the cue token itself",
    "none": "no speaker annotated",
}


def name_like_words(docs: list[ParsedDoc]) -> set[str]:
    """Words capitalised inside sentences more often than written in lower case (names the
    tagger missed, such as "Trump" tagged NOUN)."""
    capital: Counter = Counter()
    lower: Counter = Counter()
    for doc in docs:
        starts = {s for s, _ in doc.sentences}
        for t in doc.tokens:
            if t.text.islower():
                lower[t.text] += 1
            elif t.text[:1].isupper() and t.i not in starts:
                capital[t.text.lower()] += 1
    return {w for w, n in capital.items() if n > lower[w]}


def pct(n: int, d: int) -> str:
    return f"{n} ({100 * n / d:.1f}%)" if d else "0"


def top(counter: Counter, n: int, total: int | None = None) -> str:
    total = total or sum(counter.values())
    return ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in counter.most_common(n))


def entry_row(lemma: str, e: dict) -> str:
    frames = Counter(e["frames"])
    sframes = Counter(e["speaker_frames"])
    return (f"| {lemma} | {e['class']}/{e['stance']} | {e['count']} | {e['precision']:.3f} | "
            f"{e.get('clausal_precision', 0):.2f} | {top(frames, 3)} | {top(sframes, 2)} |")


def report(lexicon: dict, records: list[dict], dropped: list[tuple], parser_name: str,
           n_articles: int) -> str:
    n = len(records)
    analysed = [r for r in records if r["a"] is not None]
    A = [r["a"] for r in analysed]
    frames = Counter(a["frame"] for a in A)
    sframes = Counter(a["speaker_frame"] for a in A)
    groups = Counter(a["group"].split(":")[0] for a in A)
    kinds = Counter(r["q"]["kind"] for r in records)
    no_source = sum(1 for r in records if r["q"]["speaker"] is None)
    according = sum(1 for a in A if a["key"] == "according to")
    before = after = inside = 0
    spk_before = spk_after = 0
    for r in analysed:
        q, c = r["q"], r["q"]["cue"]
        if q["start"] <= c["start"] and c["end"] <= q["end"]:
            inside += 1
        elif q["end"] <= c["start"]:
            before += 1
        else:
            after += 1
        if q["speaker"]:
            if q["speaker"]["end"] <= c["start"]:
                spk_before += 1
            else:
                spk_after += 1
    n_spk = spk_before + spk_after
    sents = Counter(min(a["content_sents"], 4) for a in A)
    tok_by_kind = defaultdict(list)
    for r in analysed:
        tok_by_kind[r["q"]["kind"]].append(r["a"]["content_tokens"])
    shared = Counter((r["doc"], r["a"]["cue_token"]) for r in analysed)
    multi = sum(v for v in shared.values() if v > 1)
    pronoun = Counter(r["q"].get("speaker_pronoun") for r in records if r["q"]["speaker"])
    # Speakers without a proper noun, entity or pronoun: anonymous sources, groups, documents.
    anon = Counter()
    n_anon = 0
    name_like = name_like_words([r["ix"].doc for r in {id(r["ix"]): r for r in analysed}.values()])
    for r in analysed:
        q, a, ix = r["q"], r["a"], r["ix"]
        if not q["speaker"] or q.get("speaker_pronoun") or a["speaker_head"] is None:
            continue
        idx = ix.overlapping(q["speaker"]["start"], q["speaker"]["end"])
        toks = [ix.tokens[i] for i in idx]
        if any(t.upos == "PROPN" or t.ent_type in ("PERSON", "ORG", "GPE", "NORP")
               or t.text.lower() in name_like for t in toks):
            continue
        if any(t.upos == "PRON" for t in toks) and len(toks) == 1:
            continue
        n_anon += 1
        anon[ix.tokens[a["speaker_head"]].lemma.lower()] += 1
    auxes = Counter()
    for a in A:
        if a["group"] == "verbs":
            for x in a["auxes"]:
                if x in ("will", "would", "have", "could", "may", "might", "can", "should", "must"):
                    auxes[x] += 1
    n_verbs = groups["verbs"]
    other_heads = Counter(a["group"].split(":")[1] + " " + a["key"] for a in A
                          if a["group"].startswith("other"))
    by_kind = {k: Counter(a["frame"] for r, a in zip(analysed, A) if r["q"]["kind"] == k)
               for k in ("direct", "mixed", "indirect")}
    L: list[str] = []
    w = L.append
    w("# Cue lexicon report: PolNeAR train")
    w("")
    w(f"Written by `scripts/mine_cues.py` from {n_articles} train articles, {n} attributions "
      f"({top(kinds, 3)}), parsed with `{parser_name}`. Dev was not read.")
    w(f"Kept: {len(lexicon['verbs'])} verbs, {len(lexicon['nouns'])} nouns, "
      f"{len(lexicon['adjectives'])} adjectives, {len(lexicon['phrases'])} phrases (count >= "
      f"{MIN_COUNT}; precision >= {MIN_PRECISION}, phrases {MIN_PRECISION_PHRASE}). "
      "Frame names: `frame_legend` in cues.json.")
    w("")
    w("## Overview")
    w(f"- Cue head is a verb {pct(n_verbs, len(A))}, a noun {pct(groups['nouns'], len(A))}, "
      f"an adjective {pct(groups['adjectives'], len(A))}, "
      f"a phrase, function word or adverb {pct(groups['phrases'], len(A))}, other "
      f"{pct(sum(v for k, v in groups.items() if k == 'other'), len(A))} "
      f"({top(other_heads, 6, len(A))}, share of all).")
    w(f"- `according to`: {pct(according, n)}. No speaker (no_source): {pct(no_source, n)}. "
      f"Pronoun speakers: {pct(pronoun.get('personal', 0), n)} personal, "
      f"{pct(pronoun.get('other', 0), n)} other.")
    w(f"- Speaker is nsubj of the cue: {pct(sframes['nsubj'], n)}; nsubj:pass "
      f"{sframes['nsubj:pass']}, obl:agent {sframes['obl:agent']}, nmod:poss "
      f"{sframes['nmod:poss']}, obl (according to X) {sframes['obl']}, sibling:nsubj "
      f"{sframes['sibling:nsubj']}, ancestor:nsubj {sframes['ancestor:nsubj']}, ^acl:relcl "
      f"{sframes['^acl:relcl']}.")
    w(f"- Speaker frames (all): {top(sframes, 12, len(A))}.")
    w(f"- Content is ccomp of the cue: {pct(frames['ccomp'], n)}; parataxis "
      f"{frames['parataxis']}, ^parataxis {frames['^parataxis']}, xcomp {frames['xcomp']}, "
      f"obj {frames['obj']}, quote {frames['quote'] + frames['quote:other_sentence']}.")
    w(f"- Content frames (all): {top(frames, 14, len(A))}.")
    w("- Content frames by kind: " + "; ".join(f"{k}: {top(c, 5)}" for k, c in by_kind.items())
      + ".")
    w(f"- Content before the cue {pct(before, len(A))}, after {pct(after, len(A))}, "
      f"around it (split quotes) {pct(inside, len(A))}. Speaker before the cue "
      f"{pct(spk_before, n_spk)}, after (inverted, `said Torres`) {pct(spk_after, n_spk)}.")
    sent_dist = ", ".join(f"{k if k < 4 else '4+'}: {v}" for k, v in sorted(sents.items()))
    w(f"- Content sentences: {sent_dist}. "
      f"Content head in the cue's sentence: {pct(sum(a['same_sentence'] for a in A), len(A))}. "
      f"One cue token with several contents: {pct(multi, len(A))}. "
      "Content length in tokens, median (mean): " + ", ".join(
        f"{k} {statistics.median(v):.0f} ({statistics.mean(v):.0f})"
        for k, v in sorted(tok_by_kind.items())) + ".")
    w(f"- Verb cues with an auxiliary: {top(auxes, 9, n_verbs)} (share of verb cues).")
    w("")
    w(f"## Speakers with no proper noun, entity or pronoun ({n_anon}): head lemmas")
    w(", ".join(f"{k} {v}" for k, v in anon.most_common(45)) + ".")
    w("")
    header = ("| lemma | class/stance | count | precision | clausal prec. | content frames | "
              "speaker frames |")
    w("## Top 80 verb cues")
    w("precision = cue tokens / all VERB tokens with the lemma; clausal prec. = the same "
      "among tokens with a ccomp child.")
    w(header)
    w("|" + "---|" * 7)
    for lemma, e in list(lexicon["verbs"].items())[:80]:
        w(entry_row(lemma, e))
    w("")
    w("## Top 30 noun cues")
    w(header)
    w("|" + "---|" * 7)
    for lemma, e in list(lexicon["nouns"].items())[:30]:
        w(entry_row(lemma, e))
    w("")
    w("## Phrases (top 20: count, precision, main content frame)")
    w("; ".join(f"`{k}` {e['count']}, {e['precision']:.2f}, {next(iter(e['frames']))}"
                for k, e in list(lexicon["phrases"].items())[:20]) + ".")
    w("")
    w("## Adjectives (top 20: count, precision, class)")
    w("; ".join(f"`{k}` {e['count']}, {e['precision']:.2f}, {e['class']}"
                for k, e in list(lexicon["adjectives"].items())[:20]) + ".")
    w("")
    w(f"## Dropped by the thresholds (count >= {MIN_COUNT}), largest first")
    w("; ".join(f"{g[:-1]} `{k}` {c} ({p:.4f}, {why})"
                for g, k, c, p, why in sorted(dropped, key=lambda x: -x[2])[:25]) + ".")
    for g, k, c, _, _ in sorted(dropped, key=lambda x: -x[2]):
        if g == "phrases" and c >= 20:
            heads = Counter(r["ix"].tokens[r["a"]["speaker_head"]].lemma.lower() for r in analysed
                            if r["a"]["key"] == k and r["a"]["speaker_head"] is not None)
            w(f"- Dropped cue `{k}` ({c}): speaker heads {', '.join(f'{h} {n}' for h, n in heads.most_common(6))}.")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------- main
def dump_lexicon(out: dict) -> str:
    """JSON with one entry per line: small, greppable, and diffs show what changed."""
    lines = ["{"]
    items = list(out.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("verbs", "nouns", "adjectives", "phrases"):
            lines.append(f" {json.dumps(key)}: {{")
            entries = list(value.items())
            for m, (lemma, entry) in enumerate(entries):
                sep = "," if m < len(entries) - 1 else ""
                lines.append(f"  {json.dumps(lemma, ensure_ascii=False)}: "
                             f"{json.dumps(entry, ensure_ascii=False)}{sep}")
            lines.append(" }" + comma)
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write cues.json")
    ap.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="markdown report")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="parse cache directory")
    args = ap.parse_args(argv)
    articles = load_articles(args.data)
    docs = load_parses(articles, args.cache)
    lexicon, records, dropped = mine(articles, docs)
    parser_name = docs[0].parser if docs else ""
    n = sum(len(a["quotes"]) for a in articles)
    out = {
        "version": 1,
        "source": (f"PolNeAR train ({len(articles)} articles, {n} attributions; "
                   f"networkdynamics/PolNeAR), parsed with {parser_name}; "
                   "mined by scripts/mine_cues.py"),
        "thresholds": {"min_count": MIN_COUNT, "min_precision": MIN_PRECISION,
                       "min_precision_phrase": MIN_PRECISION_PHRASE},
        "frame_legend": FRAME_LEGEND,
        "notes": [
            "frames: how the content's head relates to the cue token; speaker_frames: how "
            "the speaker's head does (for `according to`, `obl`: the speaker is its object).",
            "precision = distinct cue tokens / occurrences of the lemma with that part of "
            "speech (phrases: of the string) in train; clausal_precision = the same among "
            "occurrences with a clausal dependent (ccomp, or acl for nouns).",
            "Phrases found inside a verb cue (`said in a statement`) carry that verb's frames.",
            "support_verbs: the word heading the cue span when the content attaches to a "
            "noun or adjective inside it (`expressed relief that`, `are skeptical of`).",
        ],
        **lexicon,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump_lexicon(out), encoding="utf-8")
    args.report.write_text(report(lexicon, records, dropped, parser_name, len(articles)),
                           encoding="utf-8")
    sizes = ", ".join(f"{len(v)} {k}" for k, v in lexicon.items())
    print(f"wrote {args.out} ({sizes}) and {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
