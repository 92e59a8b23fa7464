"""Speaker mentions: the whole noun phrase, its conjuncts, and its type.

``one British official`` not ``official``; ``UK Prime Minister Sir Keir Starmer and French
President Emmanuel Macron`` is one mention naming two speakers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .syntax import Tree, trim
from .words import DASHES

PERSONAL_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "", "me": ""}
GROUP_PRONOUNS = {"they", "we", "them", "us"}
#: Of those, the ones that stand for a group the article names ("they said"); "we" and
#: "us" speak for the writer's or the speaker's own side.
THIRD_PERSON_PLURAL = {"they", "them"}
#: Verbs whose subject "it" stands for nobody when a clause follows ("it appeared that").
EXPLETIVE_VERBS = {"appear", "seem"}
#: Nouns for people that agree in the plural without a plural form ("police say").
PLURAL_AGREEMENT_NOUNS = {"police", "people", "staff", "personnel", "clergy", "military", "media"}
ANON_NOUNS = {"source", "official", "aide", "insider", "person", "people", "adviser", "advisor",
              "diplomat", "staffer", "confidant", "ally", "associate", "operative", "someone",
              "individual", "officer", "employee", "strategist", "lawmaker", "member",
              "minister", "administrator", "executive"}
TITLE_NOUNS = {"president", "secretary", "minister", "chancellor", "governor", "mayor", "senator",
               "spokesman", "spokeswoman", "spokesperson", "director", "chief", "chairman",
               "chairwoman", "chair", "ceo", "leader", "premier", "ambassador", "general", "judge",
               "attorney", "congressman", "congresswoman", "representative", "candidate", "nominee",
               "commissioner", "head", "speaker", "king", "queen", "prince", "pope", "coach", "manager", "founder", "owner", "author", "professor", "economist", "lawyer",
               "prosecutor", "sheriff", "councillor", "councilor", "mp", "deputy", "treasurer",
               "editor", "captain", "commander", "inspector", "superintendent", "officer"}
ORG_NOUNS = {"government", "ministry", "department", "administration", "agency", "police", "council",
             "committee", "company", "campaign", "party", "court", "office", "commission", "army",
             "military", "embassy", "parliament", "congress", "senate", "house", "firm", "group",
             "union", "bank", "board", "authority", "authorities", "organization", "organisation",
             "institute", "university", "school", "hospital", "team", "club", "league", "network",
             "newspaper", "station", "service", "kremlin", "cabinet", "regime", "coalition",
             "foundation", "corporation", "federation", "association", "county", "city", "state",
             "district", "prosecutors", "watchdog", "regulator", "fbi", "cia", "airline", "carrier",
             "retailer", "insurer", "broadcaster", "utility", "charity", "manufacturer", "automaker",
             "lender", "publisher", "operator", "employer", "nonprofit", "startup", "railway",
             "railroad", "supplier", "chain", "brand", "bureau", "secretariat"}
#: Last words of organisation names the parser may take for people's.
ORG_NAME_WORDS = ORG_NOUNS - {"house", "state", "city", "county", "district"} | {
    "press", "inc", "ltd", "corp", "llc", "plc", "rcmp", "media", "news", "times", "gazette",
    "herald", "tribune", "journal", "institute", "college", "ministries", "partners", "holdings"}
DOC_NOUNS = {"report", "letter", "statement", "study", "survey", "poll", "document", "memo",
             "filing", "lawsuit", "complaint", "analysis", "data", "figure", "record", "email",
             "tweet", "post", "article", "paper", "book", "website", "release", "indictment",
             "ruling", "order", "bill", "law", "plan", "proposal", "audit", "review", "investigation",
             "transcript", "video", "footage", "message", "note", "estimate", "forecast", "research",
             "evidence", "documents", "records", "database", "blog", "newsletter", "bulletin", "notice",
             "announcement", "petition", "affidavit", "brief", "guidelines", "decision"}
ORG_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
HYPHENS = {"-", "‐", "‑"}
#: Punctuation that may stand inside a name written as one word ("Wilson-Raybould",
#: "O'Brien", "J.R."); any other mark ends the word ("Belkacemi,60").
_INNER_MARKS = HYPHENS | {"'", "’", "."}
POSSESSIVE = ("’s", "'s", "’", "'")
#: Last words of the names of buildings and streets that stand for the institution inside
#: ("Downing Street said", "the White House said", "Queen's Park said"): never a person.
SEAT_WORDS = {"street", "house", "hall", "palace", "park", "hill", "square", "avenue",
              "building", "castle", "tower", "pentagon", "kremlin", "quai"}
#: Of those, the ones that are also common surnames ("Stuart Hall", "Park Geun-hye"): an
#: institution only where the parser does not tag the name a person.
SURNAME_SEATS = {"hall", "park", "hill", "house"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "mr.",
              "mrs.", "ms.", "dr.", "prof.", "rev."}
INDEFINITE = {"a", "an", "one", "some", "several", "two", "three", "many", "other", "another",
              "various", "multiple", "few", "numerous"}


@dataclass(frozen=True)
class Mention:
    """A speaker mention: its tokens, the heads of its conjuncts, and what it is."""

    tokens: list[int]
    heads: list[int]  # one head per conjunct
    type: str = "unknown"
    anonymous: bool = False
    pronoun: str | None = None  # the pronoun, lower-cased, for pronoun mentions


def mention_tokens(tree: Tree, head: int) -> list[int]:
    """The whole noun phrase headed by ``head``, without relative clauses, trailing
    appositions after a comma, or edge punctuation."""
    toks = tree.tokens
    exclude = set()
    for c in tree.children[head]:
        t = toks[c]
        if t.deprel in ("acl:relcl", "parataxis", "dep") or (t.dep == "appos" and c > head and _comma_between(tree, head, c)):
            exclude.add(c)
        if t.dep == "punct" and c > head and _breaks(tree, head, c, (",", "—", "–", "(", ";", ":")):
            # a comma after the head ends the mention, unless a conjunction list follows
            if not any(toks[k].dep == "conj" and k > c for k in tree.children[head]):
                exclude.update(k for k in tree.children[head] if k >= c)
        if t.dep == "case" and c < head:
            exclude.add(c)  # "according to", "by"
    idx = tree.subtree(head, exclude=exclude)
    # keep it contiguous around the head
    idx = _contiguous(idx, head)
    idx = [k for k in idx if not (toks[k].dep == "case" and toks[k].head == head and k < head)]
    idx = trim(tree, idx, keep_quotes=False) or [head]
    idx = _without_dateline(tree, idx, head)
    # whole words: "Wilson-Raybould" parsed as three subjects is one speaker
    return list(range(glued(tree, idx[0], -1), glued(tree, idx[-1], 1) + 1))


def _comma_between(tree: Tree, a: int, b: int) -> bool:
    return any(_breaks(tree, a, k, (",", "(", "—", "–")) for k in range(a + 1, b))


def _breaks(tree: Tree, head: int, k: int, marks: tuple[str, ...]) -> bool:
    """Token ``k`` after ``head`` is one of ``marks`` or a dash set off by spaces ("Kall --
    co-editor of", "The film ― which"), not a hyphen inside a word ("Wilson-Raybould") nor
    the dash after a dateline ("WASHINGTON -- President Obama")."""
    toks = tree.tokens
    t = toks[k]
    if t.text in marks:
        return True
    return (t.text in DASHES and glued(tree, k, -1) == k and glued(tree, k, 1) == k
            and not toks[head].text.isupper())


def _without_dateline(tree: Tree, idx: list[int], head: int) -> list[int]:
    """``idx`` without a dateline before the head ("WASHINGTON -- President Obama"): words
    in capitals and a dash."""
    toks = tree.tokens
    for n, k in enumerate(idx):
        if k >= head:
            break
        if toks[k].text in DASHES and n > 0 and all(toks[j].text.isupper() or toks[j].upos == "PUNCT" for j in idx[:n]):
            return idx[n + 1:] or idx
    return idx


def _contiguous(idx: list[int], head: int) -> list[int]:
    s = set(idx)
    lo = hi = head
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    return list(range(lo, hi + 1))


def conjunct_heads(tree: Tree, head: int) -> list[int]:
    heads = [head]
    stack = [head]
    while stack:
        h = stack.pop()
        for c in tree.kids(h, "conj"):
            if tree.tokens[c].upos in ("PROPN", "NOUN", "PRON"):
                heads.append(c)
                stack.append(c)
    return sorted(heads)


def build_mention(tree: Tree, head: int, *, cue: int | None = None, surnames=frozenset()) -> Mention:
    """The mention headed by ``head``.  ``cue`` is the cue token the mention is the
    speaker of (used to cut a fronted phrase: "Ahead of the talks, the minister said");
    ``surnames`` are lower-cased surnames of people named in the article."""
    toks = tree.tokens
    idx = mention_tokens(tree, head)
    if cue is not None and idx and idx[-1] + 1 == cue:
        commas = [k for k in idx if toks[k].text == "," and k > idx[0]]
        if commas and commas[-1] + 1 < cue:
            tail = [k for k in idx if k > commas[-1]]
            nouns = [k for k in tail if toks[k].upos in ("NOUN", "PROPN") and toks[k].head not in tail]
            if nouns:
                idx, head = tail, nouns[-1]
    heads = conjunct_heads(tree, head)
    heads = [h for h in heads if h in idx] or [head]
    h = toks[head]
    low = h.text.lower()
    if low == "it" and h.upos == "PRON":
        return Mention(tokens=idx, heads=heads, type="unknown", pronoun=low)
    if h.upos == "PRON" or low in PERSONAL_PRONOUNS or low in GROUP_PRONOUNS:
        return Mention(tokens=idx, heads=heads, type="person" if low in PERSONAL_PRONOUNS else "group", pronoun=low)
    kind, anonymous = classify(tree, idx, head, surnames)
    return Mention(tokens=idx, heads=heads, type=kind, anonymous=anonymous)


def glued(tree: Tree, k: int, step: int) -> int:
    """The last token, going ``step`` (-1 or 1) from ``k``, of the whitespace-delimited
    word ``k`` belongs to ("Wilson-Raybould" is three tokens, one word); a mark stays in
    the word only between two pieces of it ("Torres." ends at "Torres")."""
    toks = tree.tokens

    def joined(a, b) -> bool:
        return a.end_char == b.start_char and a.sent == b.sent and b.text not in POSSESSIVE

    while 0 <= k + step < len(toks):
        nxt = toks[k + step]
        if not joined(*((nxt, toks[k]) if step < 0 else (toks[k], nxt))):
            break
        if nxt.upos == "PUNCT":
            far = k + 2 * step
            if nxt.text not in _INNER_MARKS or not 0 <= far < len(toks) or toks[far].upos == "PUNCT" \
                    or not joined(*((toks[far], nxt) if step < 0 else (nxt, toks[far]))):
                break
            k = far
            continue
        k += step
    return k


def words_of(tree: Tree, s: int, e: int) -> list[str]:
    """The words of tokens [s, e) as the text writes them: tokens written together
    ("Wilson", "-", "Raybould") are one word; a possessive "’s" stays its own."""
    toks = tree.tokens
    text = tree.doc.text
    out: list[str] = []
    k = s
    while k < e:
        end = min(glued(tree, k, 1), e - 1)
        out.append(text[toks[k].start_char:toks[end].end_char])
        k = end + 1
    return out


def _word(tree: Tree, k: int) -> str:
    """The whitespace-delimited word token ``k`` is part of ("Wilson-Raybould")."""
    return " ".join(words_of(tree, glued(tree, k, -1), glued(tree, k, 1) + 1))


def _names_a_seat(tree: Tree, head: int) -> bool:
    """``head`` ends the name of a seat of power ("Downing Street", "the White House") or
    is written together with an organisation's name ("SNC-Lavalin")."""
    toks = tree.tokens
    h = toks[head]
    if h.upos != "PROPN":
        return False
    low = h.text.lower()
    if low in SEAT_WORDS and (low not in SURNAME_SEATS or h.ent_type != "PERSON") and (
            head == 0 or toks[head - 1].upos == "PROPN" or low in ("kremlin", "pentagon")):
        return True
    k = head
    while k > 0 and toks[k - 1].end_char == toks[k].start_char:  # glued: "SNC-Lavalin"
        k -= 1
        if toks[k].ent_type == "ORG":
            return True
    return False


def is_organisation_word(word: str) -> bool:
    """``word`` ends the names of organisations, never of people ("Press", "Inc", "RCMP")."""
    return word.lower().rstrip(".") in ORG_NAME_WORDS


def titled_name(tree: Tree, head: int) -> bool:
    """``head`` ends a name written after a person's title in lower case ("economist Philip
    Cross", "coach Ray Bennett"): a person's name, even where the tagger made it an
    organisation's."""
    toks = tree.tokens
    if toks[head].upos != "PROPN":
        return False
    k = head
    while k - 1 >= 0 and toks[k - 1].upos == "PROPN" and toks[k - 1].head == head:
        k -= 1
    t = toks[k - 1] if k > 0 else None
    return t is not None and t.head == head and t.dep == "compound" and t.text.islower() and t.lemma.lower() in TITLE_NOUNS


def dets_all(tree: Tree, head: int) -> set[str]:
    """The determiners of ``head``, lower-cased."""
    return {tree.tokens[k].text.lower() for k in tree.kids(head, "det")}


def classify(tree: Tree, idx: list[int], head: int, surnames=frozenset()) -> tuple[str, bool]:
    """Speaker type and anonymous flag for a non-pronoun mention."""
    toks = tree.tokens
    h = toks[head]
    lemma = h.lemma.lower()
    has_person = any(toks[k].ent_type == "PERSON" for k in idx)
    has_propn_head = h.upos == "PROPN"
    dets = {toks[k].text.lower() for k in idx if k < head and toks[k].dep in ("det", "nummod", "amod")}
    plural = h.tag in ("NNS", "NNPS") or "Number=Plur" in h.morph
    if has_propn_head and _word(tree, head).lower() in surnames:
        return "person", False
    if _names_a_seat(tree, head):
        return "organisation", False
    if has_propn_head and is_organisation_word(h.text):  # "Studiocomix Press", "Burnaby RCMP"
        return "organisation", False
    if titled_name(tree, head):  # "economist Philip Cross", whatever the tagger made of the name
        return "person", False
    if has_person and (has_propn_head or toks[head].ent_type == "PERSON"):
        return "person", False
    # "the minister" is someone the article has named (a title); "a minister" is not
    titled = lemma in TITLE_NOUNS and not plural and ("the" in dets_all(tree, head) or tree.kids(head, "nmod:poss"))
    if (lemma in ANON_NOUNS and not titled) or (lemma in TITLE_NOUNS and (plural or dets & INDEFINITE)):
        if not has_person:
            return "anonymous", True
    if lemma in TITLE_NOUNS:
        return "person", False
    if lemma in DOC_NOUNS:
        return "document", False
    if h.ent_type in ORG_ENTS or lemma in ORG_NOUNS:
        if h.ent_type == "NORP" and plural:
            return "group", False
        return "organisation", False
    if has_person:
        return "person", False
    if has_propn_head:
        return "person" if h.ent_type in ("", "PERSON") else "organisation", False
    if plural:
        return "group", False
    return "unknown", False
