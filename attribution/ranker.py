"""A small learned judge of cue candidates: is this cue, in this frame, with this content
and speaker, an attribution?

Logistic regression over a few dozen features (the cue word's statistics from the mined
lexicon, the frame, the tree position, the speaker, the content).  Trained by
``scripts/train_ranker.py`` on PolNeAR train; the weights ship as JSON
(``resources/ranker.json``).  Where the file is missing the engine falls back to the
precision thresholds in :mod:`attribution.cues`; where it was made for other features it
fails loudly (:class:`~attribution.errors.RankerMismatch`) rather than judge with weights
that mean something else.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .cues import CueMatch
from .errors import RankerMismatch
from .speakers import ANON_NOUNS, TITLE_NOUNS
from .syntax import Tree
from .words import FIRST_PERSON

#: Feature cut-offs (the weights were trained with them): a speaker this many tokens or
#: more from its cue is "far"; a content longer than this is "long".
FAR_SPEAKER_TOKENS = 8
LONG_CONTENT_TOKENS = 40
MODEL_PATH = Path(__file__).resolve().parent / "resources" / "ranker.json"
FRAMES = ("ccomp", "parataxis", "xcomp", "obj_np", "obl", "naming", "obj", "according", "noun", "label")
HEAD_DEPS = ("root", "ccomp", "advcl", "xcomp", "conj", "acl:relcl", "acl", "parataxis", "csubj")
TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB", "NN", "NNS")
#: Frames whose content is a phrase: a noun phrase, a prepositional complement, an
#: infinitive, a noun's complement, a name given.  Reported acts more than statements,
#: they are judged against their own threshold.
PHRASE_CONTENT_FRAMES = frozenset({"obj_np", "obl", "xcomp", "noun", "naming"})


@functools.cache
def top_lemmas(n: int = 40) -> tuple[str, ...]:
    """The ``n`` most frequent cue verbs of the lexicon: each gets a feature of its own."""
    from .cues_lexicon import load_lexicon

    verbs = load_lexicon().verbs
    return tuple(sorted(verbs, key=lambda k: (-(verbs[k].count or 0), k))[:n])


def feature_names() -> list[str]:
    names = ["bias_one", "precision", "clausal_precision", "has_clausal", "log_count", "frame_share",
             "core", "thought", "decline", "noun_cue", "has_speaker", "speaker_pron", "speaker_propn",
             "speaker_first_person", "speaker_person_ent", "speaker_org_ent", "log_content_len",
             "content_has_quote", "content_has_verb", "content_before", "negated", "modal",
             "cue_in_first_sentence", "content_is_pron", "speaker_far"]
    names += [f"frame={f}" for f in FRAMES]
    names += [f"head={d}" for d in HEAD_DEPS]
    names += [f"tag={t}" for t in TAGS]
    names += ["adjective_cue", "lemma_frame_rate", "lemma_frame_log_n"]
    names += ["content_has_subject", "content_mark_that", "content_head_verb", "content_head_noun",
              "speaker_anon_noun", "speaker_title_noun", "sentence_has_quote", "speaker_after_cue",
              "content_len_gt_40"]
    names += [f"lemma={w}" for w in top_lemmas()]
    return names


def rate_key(m: CueMatch) -> str:
    return f"{m.lemma}|{m.frame}"


def features(tree: Tree, m: CueMatch, in_quote: list[bool],
             rates: dict[str, tuple[float, float]] | None = None) -> list[float]:
    """The ranker's features for one candidate.  ``rates`` maps ``lemma|frame`` to
    (positives, candidates) seen in training: how often this word in this frame was an
    attribution, smoothed toward the word's lexicon precision."""
    toks = tree.tokens
    e = m.entry
    prec = (e.precision if e is not None and e.precision is not None else 0.5)
    cprec = e.clausal_precision if e is not None and getattr(e, "clausal_precision", None) is not None else None
    count = e.count if e is not None else 50
    try:
        share = e.frame_share({"obj_np": "obj", "naming": "obj", "noun": "acl"}.get(m.frame, m.frame)) if e is not None else 0.5
    except AttributeError:
        share = 0.0
    head = toks[m.head]
    sp = toks[m.speaker] if m.speaker is not None else None
    content = m.content
    f = [1.0, prec, cprec if cprec is not None else prec, float(cprec is not None), math.log1p(count), share,
         float(bool(e is not None and e.core)), float(m.cue_class == "thought"), float(m.cue_class == "decline"),
         float(head.upos == "NOUN"), float(sp is not None), float(sp is not None and sp.upos == "PRON"),
         float(sp is not None and sp.upos == "PROPN"),
         float(sp is not None and sp.text.lower() in FIRST_PERSON),
         float(sp is not None and sp.ent_type == "PERSON"),
         float(sp is not None and sp.ent_type in ("ORG", "GPE", "NORP")),
         math.log1p(len(content)), float(any(in_quote[k] for k in content)),
         float(any(toks[k].upos in ("VERB", "AUX") for k in content)),
         float(bool(content) and content[0] < m.head),
         float(any(toks[c].lemma.lower() in ("not", "never", "n't") for c in tree.children[m.head])),
         float(any(toks[c].dep == "aux" and toks[c].tag == "MD" for c in tree.children[m.head])),
         float(head.sent == 0),
         float(len(content) == 1 and toks[content[0]].upos == "PRON"),
         float(sp is not None and abs(sp.i - m.head) > FAR_SPEAKER_TOKENS)]
    f += [float(m.frame == fr) for fr in FRAMES]
    f += [float(head.deprel == d) for d in HEAD_DEPS]
    f += [float(head.tag == t) for t in TAGS]
    pos, n = (rates or {}).get(rate_key(m), (0.0, 0.0))
    f += [float(head.upos == "ADJ"), (pos + 5.0 * prec) / (n + 5.0), math.log1p(n)]
    cset = set(content)
    chead = next((k for k in content if toks[k].head not in cset or toks[k].head == k), None)
    s0, s1 = _sentence_range(tree, head.sent)
    f += [float(any(toks[k].dep == "nsubj" for k in content)),
          float(bool(content) and m.head < content[0] and any(
              toks[k].lemma.lower() in ("that", "whether", "if") and toks[k].dep == "mark"
              for k in range(m.head + 1, content[0] + 1))),
          float(chead is not None and toks[chead].upos in ("VERB", "AUX")),
          float(chead is not None and toks[chead].upos in ("NOUN", "PROPN")),
          float(sp is not None and sp.lemma.lower() in ANON_NOUNS),
          float(sp is not None and sp.lemma.lower() in TITLE_NOUNS),
          float(any(in_quote[k] for k in range(max(s0, m.head - 100), min(s1, m.head + 100)))),
          float(sp is not None and sp.i > m.head),
          float(len(content) > LONG_CONTENT_TOKENS)]
    f += [float(m.lemma == w) for w in top_lemmas()]
    return f


def _sentence_range(tree: Tree, sent: int) -> tuple[int, int]:
    sents = tree.doc.sentences
    return sents[sent] if 0 <= sent < len(sents) else (0, 0)


@dataclass(frozen=True)
class Ranker:
    names: tuple[str, ...]
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    rates: dict = None  # type: ignore[assignment]
    #: The threshold for cues whose content is a phrase, not a clause ("attacked Machado",
    #: "called for an inquiry", "urged X to ..."); None: the same as ``threshold``.
    phrase_threshold: float | None = None
    #: The threshold for thoughts, beliefs and stances ("believes that", "supports the
    #: bill"): conventions that count speech alone never see them, so it is chosen on
    #: PolNeAR's convention alone; None: as for speech.
    thought_threshold: float | None = None

    def threshold_for(self, m: CueMatch) -> float:
        """The probability a candidate in ``m``'s frame and class needs to be kept."""
        if m.cue_class == "thought" and self.thought_threshold is not None:
            return self.thought_threshold
        if m.frame in PHRASE_CONTENT_FRAMES and self.phrase_threshold is not None:
            return self.phrase_threshold
        return self.threshold

    def score(self, tree: Tree, m: CueMatch, in_quote: list[bool]) -> float:
        return self.probability(features(tree, m, in_quote, self.rates))

    def probability(self, x: list[float]) -> float:
        z = 0.0
        for v, w, mu, sd in zip(x, self.weights, self.mean, self.scale):
            z += w * ((v - mu) / sd if sd else 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def load_ranker(path: str | None = None) -> Ranker | None:
    """The shipped ranker, or None where its file is missing (the engine then falls back
    to the lexicon's precision thresholds).

    Raises:
        RankerMismatch: the file is unreadable, or its weights were made for other
            features than :func:`feature_names` lists.
    """
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        names, weights = data["features"], data["weights"]
        mean, scale, threshold = data["mean"], data["scale"], float(data["threshold"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RankerMismatch(f"the cue ranker {p} cannot be read ({exc}); retrain it with "
                             "scripts/train_ranker.py") from None
    expected = feature_names()
    if names != expected or not len(weights) == len(mean) == len(scale) == len(expected):
        differ = sorted(set(expected) ^ set(names))[:5]
        raise RankerMismatch(
            f"the cue ranker {p} was trained for other features ({len(names)} named, {len(weights)} "
            f"weights; this code computes {len(expected)}; first differences: {differ or 'order'}); "
            "retrain it with scripts/train_ranker.py")
    rates = {k: (float(v[0]), float(v[1])) for k, v in data.get("rates", {}).items()}
    phrase, thought = data.get("phrase_threshold"), data.get("thought_threshold")
    return Ranker(tuple(names), tuple(weights), tuple(mean), tuple(scale), threshold, rates,
                  None if phrase is None else float(phrase), None if thought is None else float(thought))
