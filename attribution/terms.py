"""Quoted terms: a word or short phrase in quote marks inside someone else's sentence,
used as a name or a label ("what officials call a “phased” effort"), or the title of a
work (“The Apprentice”).  A term is kept in
the output as kind ``term`` but is no claim.  A short quote that a speech cue introduces
is a statement however short: “No,” she said.  Smith said: “Never.”"""
from __future__ import annotations

from .cues import CueMatch
from .document import DocState
from .syntax import is_quote_token
from .words import NAMING_VERBS, RELATIVE_PRONOUNS, TITLE_SMALL_WORDS, TITLING_VERBS

#: At most this many words, none of them a verb, make a quoted term; a longer quote, or
#: one with a verb, says something.
MAX_TERM_WORDS = 3
#: A participle used as a modifier ("a “phased” effort") describes; it says nothing.
MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Punctuation that ends or splits a sentence: a quote holding it says something.
SENTENCE_PUNCT = frozenset({".", ",", "!", "?", ";", ":"})
#: A title of a work runs to a few capitalised words (and the small words between them);
#: longer, a stretch in capitals is more likely a headline's statement.
MAX_TITLE_WORDS = 10
#: Marks that end a sentence: a quote holding one is a sentence said.
SENTENCE_ENDS = frozenset({".", "!", "?"})
#: Relations of a subject: a quote holding a subject and its verb is a clause of its own.
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
#: Frames whose content is a clause of its own: a quote that is all of that clause is
#: the statement the cue introduces ("She said “no.”").
CLAUSE_FRAMES = frozenset({"ccomp", "parataxis", "label", "signature"})
#: A cue at most this many tokens after the closing mark introduces the quote before it
#: ("“No,” she said.", "“Yes,” replied the senator.").
MAX_CUE_GAP = 3


def is_term(d: DocState, qi: int, cue: CueMatch | None, how: str) -> bool:
    """The quote ``qi``, tied to ``cue`` by ``how`` (a link of :mod:`attribution.linking`),
    is a quoted term rather than a statement."""
    inside = [d.toks[k] for k in d.quote_tokens(qi) if not is_quote_token(d.toks[k].text)]
    words = [t for t in inside if t.upos != "PUNCT"]
    if not words:
        return False
    if stage_direction(d, [t.i for t in inside]):
        return True
    body = inside[:max(n for n, t in enumerate(inside) if t.upos != "PUNCT") + 1]  # “The Show,” -> The Show
    titled = _is_title(words) and not any(t.text in SENTENCE_PUNCT for t in body) and not _own_clause(d, qi, words)
    if not titled and (len(words) > MAX_TERM_WORDS
                       or any(t.upos in ("VERB", "AUX") and t.dep not in MODIFIER_DEPS for t in words)):
        return False
    return not _introduced(d, qi, cue, how)


#: The brackets that set off a transcript's stage direction ("(CROSSTALK)", "[LAUGHTER]").
STAGE_BRACKETS = {"(": ")", "[": "]"}


def stage_direction(d: DocState, tokens: list[int]) -> bool:
    """A transcript's stage direction in brackets, “(CROSSTALK.)”: nobody's words."""
    return bool(tokens) and STAGE_BRACKETS.get(d.toks[tokens[0]].text) == d.toks[tokens[-1]].text


def _is_title(words: list) -> bool:
    """A quoted name of a show, film or book (“The Apprentice”, “The Kid Who Would Be
    King”): a few words, each capitalised but the small ones.  (A one-word quote is
    capitalised as a sentence is; it is judged as a term, not as a title.)"""
    if not 1 < len(words) <= MAX_TITLE_WORDS:
        return False
    return all(t.text[:1].isupper() or t.text[:1].isdigit() or t.text.lower() in TITLE_SMALL_WORDS for t in words) \
        and (words[0].text[:1].isupper() or words[0].text[:1].isdigit())


def _own_clause(d: DocState, qi: int, words: list) -> bool:
    """The quote holds a clause of its own: a subject, not a relative pronoun, of a word
    inside it ("You Should Be Criminally Investigated"; not "The Kid Who Would Be King")."""
    return any(t.dep in SUBJECT_DEPS and t.text.lower() not in RELATIVE_PRONOUNS and d.tq[t.head] == qi
               for t in words)


def _introduced(d: DocState, qi: int, cue: CueMatch | None, how: str) -> bool:
    """The quote stands as a statement of its own: its cue comes right before it ("Smith
    said: “Never.”") or right after it ("“No,” she said."), it continues a speaker's run,
    or it is all of its cue's clause; or a named speaker gives it as their own word for something ("what
    British officials call a “phased” effort")."""
    if how in ("continuation", "colon"):
        return True
    if cue is None:
        return False
    if cue.lemma in NAMING_VERBS | TITLING_VERBS:
        # "what officials call a “phased” effort": their word; "a film titled “…”": a name
        return cue.speaker is not None
    qtok = d.quote_tokens(qi)
    toks = d.toks
    said = cue.cue_class == "speech" and any(toks[k].text in SENTENCE_ENDS for k in qtok)
    if 0 < cue.head - qtok[-1] <= MAX_CUE_GAP and _opens_sentence(d, qtok[0]):
        return True  # “No,” she said.
    if 0 < qtok[0] - cue.head <= MAX_CUE_GAP and any(toks[k].text in (":", ",") for k in range(cue.head, qtok[0])):
        return True  # Smith said: “Never.”
    if qtok[0] == max(cue.tokens) + 1 and said:
        return True  # He said “Never again.” (not: announced “Project Blue”)
    if how == "content" and (cue.frame in CLAUSE_FRAMES or (cue.frame == "obj" and said)):
        # all of the clause, or a sentence a speech verb says ("They chanted “What curfew?”")
        inside = set(qtok)
        return all(k in inside or toks[k].upos == "PUNCT" for k in cue.content)
    return False


def _opens_sentence(d: DocState, first: int) -> bool:
    """Token ``first`` opens its sentence, but for punctuation (an opening mark)."""
    toks = d.toks
    start = d.doc.sentences[toks[first].sent][0] if d.doc.sentences else 0
    return all(toks[k].upos == "PUNCT" for k in range(start, first))
