"""Quoted terms: a word or short phrase in quote marks inside someone else's sentence,
used as a name or a label ("what officials call a “phased” effort").  A term is kept in
the output as kind ``term`` but is no claim.  A short quote that a speech cue introduces
is a statement however short: “No,” she said.  Smith said: “Never.”"""
from __future__ import annotations

from .cues import NAMING_VERBS, CueMatch
from .document import DocState
from .syntax import is_quote_token

#: At most this many words, none of them a verb, make a quoted term; a longer quote, or
#: one with a verb, says something.
MAX_TERM_WORDS = 3
#: Frames whose content is a clause of its own: a quote that is all of that clause is
#: the statement the cue introduces ("She said “no.”").
CLAUSE_FRAMES = frozenset({"ccomp", "parataxis", "label", "signature"})


def is_term(d: DocState, qi: int, cue: CueMatch | None, how: str) -> bool:
    """The quote ``qi``, tied to ``cue`` by ``how`` (a link of :mod:`attribution.linking`),
    is a quoted term rather than a statement."""
    words = [k for k in d.quote_tokens(qi) if d.toks[k].upos != "PUNCT" and not is_quote_token(d.toks[k].text)]
    if not words or len(words) > MAX_TERM_WORDS or any(d.toks[k].upos in ("VERB", "AUX") for k in words):
        return False
    return not _introduced(d, qi, cue, how)


def _introduced(d: DocState, qi: int, cue: CueMatch | None, how: str) -> bool:
    """The quote stands as a statement of its own: it opens its sentence, follows a
    colon, continues a speaker's run, or is all of its cue's clause; or a named speaker
    gives it as their own word for something ("what British officials call a “phased”
    effort")."""
    if how in ("continuation", "colon"):
        return True
    if cue is not None and cue.lemma in NAMING_VERBS and cue.speaker is not None:
        return True
    qtok = d.quote_tokens(qi)
    toks = d.toks
    first = qtok[0]
    start = d.doc.sentences[toks[first].sent][0] if d.doc.sentences else 0
    if all(toks[k].upos == "PUNCT" for k in range(start, first)):
        return True
    before = first - 1
    while before >= 0 and is_quote_token(toks[before].text):
        before -= 1
    if before >= 0 and toks[before].text == ":":
        return True
    if cue is not None and how == "content" and cue.frame in CLAUSE_FRAMES:
        inside = set(qtok)
        return all(k in inside or toks[k].upos == "PUNCT" for k in cue.content)
    return False
