"""A generated corpus of news-like articles with quotes, for benchmarks without shared data.

Every article is made up here from templates and invented names: direct quotes with the
speaker before or after, indirect speech, "according to", mixed quotes, quotes running
over two paragraphs, a declined comment, and plain reporting sentences in between.
Nothing is copied from real news.  The output depends only on the seed.

    python benchmarks/corpus.py --n 5          # print five articles
"""
from __future__ import annotations

import argparse
import random

FIRST = ["Ana", "Marcus", "Leila", "Tomasz", "Grace", "Ibrahim", "Sofia", "Daniel", "Priya",
         "Oskar", "Helen", "Kwame", "Rosa", "Victor", "Mei", "Jonas", "Farah", "Elliot"]
LAST = ["Torres", "Whitfield", "Okafor", "Lindqvist", "Moreau", "Haddad", "Brennan",
        "Castellano", "Nakamura", "Petrov", "Adeyemi", "Sorensen", "Vasquez", "Kowalski"]
ROLES = ["Mayor", "Senator", "Councillor", "Governor", "Minister", "Dr.", "Professor",
         "Commissioner", "Judge", "Representative"]
ORGS = ["the city council", "the transport authority", "the state health department",
        "Northfield Water Company", "the Riverside Teachers Union", "the Ministry of Finance",
        "the regional hospital board", "Harbor Freight Lines", "the electoral commission"]
PLACES = ["Millbrook", "Eastport", "Cedar Falls", "Port Alder", "Greystone", "Lakeview",
          "Ashford", "Silver Creek", "Marlow Heights"]
TOPICS = ["the new bridge", "the school budget", "the water treatment plant", "the bus fares",
          "the housing plan", "the hospital merger", "the port expansion", "the tax reform",
          "the flood defences", "the library closures"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CUES = ["said", "told reporters", "said on Tuesday", "said in a statement", "added",
        "told the local radio station", "wrote in an email", "said at a news conference"]
INVERTIBLE = ["said", "added"]  # "..., said the mayor"
INDIRECT_CUES = ["said", "argued", "warned", "claimed", "insisted", "suggested", "announced",
                 "acknowledged", "denied", "believes"]
CLAIMS = [
    "{topic} would be finished by {month}",
    "the costs of {topic} had doubled since last year",
    "{org} had not been consulted about {topic}",
    "residents of {place} would pay more under the proposal",
    "the decision on {topic} was made without a public vote",
    "there was enough money to complete {topic}",
    "{topic} would create hundreds of jobs in {place}",
    "the review of {topic} would be published in {month}",
]
QUOTES = [
    "We will finish {topic} by {month}, and we will do it without raising taxes",
    "Nobody in {place} was asked about this, and that is simply not acceptable",
    "The numbers do not add up. They never did",
    "I have said from the start that {topic} is the most important project we have",
    "This is a good day for {place}",
    "We are looking at every option, including delaying {topic} until next year",
    "If {org} wants to talk, our door is open",
    "People deserve to know what {topic} will really cost them",
    "I don't think anyone expected the bill to be this high",
]
FILLER = [
    "The project was first proposed {n} years ago.",
    "{place} has a population of about {big} people.",
    "A public meeting on {topic} is planned for {month}.",
    "The vote is expected before the end of {month}.",
    "Officials from {org} did not attend the meeting.",
    "Construction crews were seen near the site on Monday morning.",
    "The budget for the coming year is {n}.{n2} million dollars.",
    "Critics have raised questions about the tendering process.",
    "It was not immediately clear when work would resume.",
]


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people = [(rng.choice(ROLES), rng.choice(FIRST), rng.choice(LAST)) for _ in range(4)]
        self.place = rng.choice(PLACES)
        self.topic = rng.choice(TOPICS)
        self.org = rng.choice(ORGS)

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(topic=self.topic, place=self.place, org=self.org,
                               month=r.choice(MONTHS), n=r.randint(2, 12), n2=r.randint(1, 9),
                               big=f"{r.randint(12, 480)},{r.randint(100, 999)}")

    def person(self) -> tuple[str, str, str]:
        return self.rng.choice(self.people)

    def quote(self) -> str:
        return self.fill(self.rng.choice(QUOTES))

    def claim(self) -> str:
        return self.fill(self.rng.choice(CLAIMS))

    def filler(self) -> str:
        return self.fill(self.rng.choice(FILLER))

    def paragraph(self) -> str:
        r = self.rng
        role, first, last = self.person()
        kind = r.randrange(8)
        if kind == 0 and r.random() < 0.5:
            s = f"“{self.quote()},” {r.choice(INVERTIBLE)} {role} {first} {last}."
        elif kind == 0:
            s = f"“{self.quote()},” {role} {first} {last} {r.choice(CUES)}."
        elif kind == 1:
            s = f"{role} {first} {last} {r.choice(INDIRECT_CUES)} that {self.claim()}."
        elif kind == 2:
            s = f"“{self.quote()},” {last} {r.choice(CUES)}. “{self.quote()}.”"
        elif kind == 3:
            s = f"According to {self.org}, {self.claim()}."
        elif kind == 4:
            words = self.quote().rstrip(".").split()
            start = r.randrange(max(1, len(words) - 3))
            fragment = " ".join(words[start:start + r.randint(3, 6)]).strip(",.")
            s = (f"{last} called the plan “{fragment}” and {r.choice(INDIRECT_CUES)} "
                 f"that {self.claim()}.")
        elif kind == 5:
            s = f"A spokesperson for {self.org} declined to comment on {self.topic}."
        elif kind == 6:
            s = f"{last} {r.choice(INDIRECT_CUES)} {self.claim()}. {self.filler()}"
        else:
            s = f'"{self.quote()}," said {first} {last}, who lives in {self.place}.'
        extra = " ".join(self.filler() for _ in range(r.randint(0, 2)))
        return f"{s} {extra}".strip()

    def article(self, paragraphs: int) -> str:
        role, first, last = self.people[0]
        lead = (f"{self.place.upper()} — {role} {first} {last} on Monday defended "
                f"{self.topic}, as {self.org} prepared for a vote next week.")
        body = [self.paragraph() for _ in range(paragraphs)]
        if self.rng.random() < 0.25:
            # A quote that runs over two paragraphs: no closing mark on the first.
            body.insert(len(body) // 2, f"“{self.quote()}.\n\n“{self.quote()},” {last} said.")
        return "\n\n".join([lead, *body])


def generate(n: int = 60, *, seed: int = 2016, paragraphs: tuple[int, int] = (14, 26)) -> list[dict]:
    """``n`` articles as ``{"id", "text"}`` dicts; about 40 words a paragraph."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        w = _Writer(rng)
        out.append({"id": f"generated-{k:04d}", "text": w.article(rng.randint(*paragraphs))})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3, help="how many articles (default 3)")
    ap.add_argument("--seed", type=int, default=2016)
    args = ap.parse_args(argv)
    for doc in generate(args.n, seed=args.seed):
        print(f"=== {doc['id']}\n{doc['text']}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
