"""The closed word lists the rules read, in one place.  Open classes (which verbs and
nouns are cues, and how often) are data: the cue lexicon (:mod:`attribution.cues_lexicon`,
``resources/cues.json``).  Speaker words (pronouns, titles, anonymous nouns) live with the
speaker mentions in :mod:`attribution.speakers`."""
from __future__ import annotations

# Verb cues: how the content hangs on the cue.
LIGHT_VERBS = {"express", "voice", "issue", "make", "repeat", "renew", "reiterate", "offer", "give",
               "release", "publish", "send", "sound", "raise", "level", "echo", "dismiss", "reject"}
OWN_STANCE_VERBS = {"reject", "dismiss", "echo"}  # "rejected X's claim": a claim of their own
NAMING_VERBS = {"call", "describe", "dub", "label", "term", "brand", "characterize", "characterise"}
XCOMP_CUES = {"promise", "vow", "pledge", "threaten", "urge", "ask", "call", "decline", "refuse",
              "agree", "offer", "demand", "encourage", "order", "tell", "warn", "advise", "claim",
              "plead", "beg", "invite", "press", "push", "implore", "appeal"}
DECLINE_OBJECTS = {"comment", "elaborate", "discuss", "say", "answer", "respond", "specify",
                   "confirm", "speak", "reply", "detail", "disclose", "address", "identify", "provide",
                   "return"}
DECLINE_VERBS = {"decline", "refuse"}
#: "asked not to be named/identified": the speaker's wish for anonymity, no claim.
ANONYMITY_VERBS = {"ask", "request", "speak", "talk"}
ANONYMITY_OBJECTS = {"name", "identify", "quote", "use"}
#: Verbs whose object does what their infinitive says ("encouraged his supporters to ask").
OBJECT_CONTROL_VERBS = {"urge", "encourage", "ask", "persuade", "convince", "tell", "invite", "press",
                        "pressure", "push", "force", "order", "instruct", "direct", "implore", "beg", "challenge"}
#: "spoke on condition of anonymity": the terms of speaking, no claim.
ANONYMITY_NOUNS = {"anonymity"}
#: "was not authorized to discuss ...": why a source is unnamed, no claim.
PERMISSION_VERBS = {"authorize", "permit", "allow", "clear"}
#: What a speaker "did not respond to": the request, not a statement.
REQUEST_NOUNS = {"request", "requests", "call", "question", "message", "email", "inquiry", "query", "comment"}
QUESTION_WORDS = {"whether", "what", "who", "why", "how", "when", "where", "which", "if"}
NEGATIONS = {"not", "never", "n't"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
MODALS = {"will", "would", "may", "might", "can", "could", "should", "must", "shall"}
#: Nouns that name a statement: as a definite object ("repeated the pledge") they point
#: back at what was said elsewhere.
STATEMENT_NOUNS = {"claim", "statement", "comment", "remark", "assertion", "allegation", "accusation",
                   "pledge", "promise", "vow", "warning", "threat", "assurance", "denial", "prediction",
                   "message", "word", "argument", "call"}
#: Determiners of an object that points back at something said before ("the pledge").
POINTING_DETERMINERS = {"the", "this", "that", "these", "those"}
OBL_CONTENT_CASES = {"for", "about", "of", "on", "against", "to"}

# Quoted terms and titles (attribution.terms)
#: Verbs that give a thing its name ("a film titled “…”", "a rally named “…”"): with no
#: speaker of their own, the quote after them is a title, not a statement.
TITLING_VERBS = frozenset({"title", "entitle", "name", "subtitle", "headline", "caption"})
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "at", "by", "de"})

# Transcript labels (attribution.linking): the one-letter labels of a question and its answer
INTERVIEW_ROLES = frozenset({"Q", "A"})
#: Entity types that name no speaker: a label of one ("FRIDAY:", "OTTAWA:") is a heading.
NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "GPE", "CARDINAL"})

# Dash signatures closing a quote's paragraph: “…” ― Jane Smith (attribution.linking)
DASHES = {"―", "—", "–", "-", "--"}

# The ranker's first-person speaker feature (attribution.ranker)
FIRST_PERSON = {"i", "we", "me", "us"}

# Subjects that point at an event, not a speaker: "This led to ...", "These allow ..."
# (PolNeAR train: 486 subjects, 3 speakers; attribution.sources)
EVENT_DEMONSTRATIVES = {"this", "these"}
