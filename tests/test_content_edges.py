"""Where a phrase content ends: it runs on through the cue's later dependents ("criticized
X for Y") but stops at one that says something of its own -- a coordinated verb or a
clause set off by a comma -- which is a statement of its own, not more of this one."""
from __future__ import annotations

import pytest

import attribution


def _contents(text: str) -> dict[str, str]:
    ex = attribution.extract(text)
    for a in ex:
        assert ex.text[a.start_char:a.end_char] == a.text
    return {a.cue.text: a.text for a in ex if a.cue is not None}


@pytest.mark.parametrize("text, cue, content", [
    ("The senator accused the agency of negligence, saying the response came too late.",
     "accused", "the agency of negligence"),
    ("The senator accused the agency of negligence, saying the response came too late.",
     "saying", "the response came too late"),
    ("The administration has promised a veto and attempted to persuade members of both "
     "parties.", "has promised", "a veto"),
])
def test_content_stops_at_a_predicate_of_its_own(text, cue, content):
    assert _contents(text)[cue] == content


@pytest.mark.parametrize("text, cue, content", [
    ("The senator criticized the agency for its slow response.", "criticized",
     "the agency for its slow response"),
    ("She urged lawmakers to act before the recess.", "urged", "lawmakers to act before the recess"),
])
def test_content_keeps_the_cues_own_later_dependents(text, cue, content):
    assert _contents(text)[cue] == content


@pytest.mark.parametrize("text, cue, content", [
    # the parser hangs the "that"-clause on the time phrase as a relative clause
    ("Trump tweeted in the early morning hours that Machado was disgusting.", "tweeted",
     "Machado was disgusting"),
    # and swallows the clause into a long source as its apposition
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear and "
     "desperation.", "According to", "the move reeks of fear and desperation"),
])
def test_a_misattached_content_is_found(text, cue, content):
    assert _contents(text)[cue] == content


@pytest.mark.parametrize("text, cue, content", [
    # a participle set off by a comma that the parser hung inside the reported clause
    ("The senator said he did not believe the claims, arguing that the party was divided.",
     "said", "he did not believe the claims"),
    ("The senator said he did not believe the claims, arguing that the party was divided.",
     "arguing", "the party was divided"),
    ("She said she was leaving the city, adding that the rent was too high.", "adding",
     "the rent was too high"),
])
def test_a_second_act_of_the_speaker_is_a_statement_of_its_own(text, cue, content):
    assert _contents(text)[cue] == content


def test_a_second_act_cut_off_a_clause_is_said_by_the_clauses_speaker():
    text = "China said it was firmly opposed to the test and warned North Korea to refrain from further actions."
    ex = attribution.extract(text)
    by_cue = {a.cue.text: a for a in ex if a.cue is not None}
    assert by_cue["said"].text == "it was firmly opposed to the test"
    assert by_cue["warned"].speaker.text == "China"


def test_a_second_act_of_someone_else_in_the_clause_is_not_the_speakers():
    # "asked" is what the police did, by the grammar: no rider said by "He"
    ex = attribution.extract("He said the police arrived and asked everyone to leave.")
    assert not any(a.cue is not None and a.cue.text == "asked" and a.speaker.text == "He" for a in ex)


def test_a_second_act_of_a_reported_speaker_stays_theirs():
    # "and said" continues Machado's report inside Merrill's, not Merrill's own words
    text = "Merrill says Machado promised to keep supporting Clinton and said she would stand up to the attacks."
    ex = attribution.extract(text)
    assert all(a.speaker.text != "Merrill" for a in ex if a.cue is not None and a.cue.text == "said")


def test_a_participle_without_a_comma_stays_in_the_clause():
    text = "He said the officers were seen leaving the building."
    assert _contents(text)["said"] == "the officers were seen leaving the building"


def test_a_real_relative_clause_stays_in_its_phrase():
    assert _contents("He recalled the hours that he spent in the lobby.")["recalled"] == \
        "the hours that he spent in the lobby"


def test_a_run_in_doubled_marks_keeps_its_speaker():
    # archives write ''…'' for quote marks; the parser may leave the opening pair of the
    # second quote at the end of the sentence before it
    text = ("The senator has come up with one.\n\n''This isn't tax reform,'' said Dana Whitfield, "
            "an economist who served as director of the Budget Office and is now president of the "
            "Civic Action Forum, a conservative, pro-growth advocacy group. ''It's anti-reform. "
            "She's layering on even more complexity.''\n\nHer views were echoed by others.")
    ex = attribution.extract(text)
    speakers = [a.speaker.text if a.speaker else None for a in ex]
    assert speakers == ["Dana Whitfield", "Dana Whitfield"]
    assert ex.attributions[0].relation is not None
    assert ex.attributions[0].relation == ex.attributions[1].relation


def test_a_verb_signing_its_quote_is_its_cue_whatever_its_usual_sense():
    # "continue" is rarely a speech verb, but “…,” she continued. is a signature
    text = ("“How many times must we see this?” Ana Ruiz said. “This is unbearable.”\n\n"
            "“Maybe I can say, look, this is not who we are,” she continued. “We have got to "
            "improve policing.”")
    ex = attribution.extract(text)
    cues = [a.cue.text if a.cue else None for a in ex]
    assert cues == ["said", None, "continued", None]
    assert ex.attributions[1].relation != ex.attributions[2].relation


@pytest.mark.parametrize("text, speaker", [
    ("He was quoted as saying that the deal was dead.", "He"),
    ("The mayor was fired after saying that the police lied.", "The mayor"),
])
def test_the_subject_of_a_passive_verb_speaks_in_its_clause(text, speaker):
    ex = attribution.extract(text)
    assert [a.speaker.text for a in ex if a.speaker] == [speaker]


def test_the_one_told_is_not_the_speaker():
    ex = attribution.extract("The minister was told that the deal was dead.")
    assert all(a.speaker is None or a.speaker.text != "The minister" for a in ex)


def test_a_quote_around_its_cue_gives_both_halves_one_relation():
    ex = attribution.extract("“We will win,” the mayor said, “and we will stay for as long as it takes.”")
    assert [a.text for a in ex] == ["“We will win,”", "“and we will stay for as long as it takes.”"]
    assert {a.speaker.text for a in ex} == {"the mayor"}
    assert ex.attributions[0].relation is not None
    assert ex.attributions[0].relation == ex.attributions[1].relation


def test_a_short_clause_around_a_quote_is_reported_speech_not_a_term():
    ex = attribution.extract("Demonstrators said they want “justice for Terrence.”")
    assert [(a.kind, a.text) for a in ex] == [("mixed", "they want “justice for Terrence.”")]


def test_a_coordinated_clause_with_its_own_speech_verb_takes_nothing_before_it():
    ex = attribution.extract("Trump is promising lower taxes and more jobs, but he has not said how.")
    assert not [a for a in ex if a.cue is not None and a.cue.text == "has not said"]


@pytest.mark.parametrize("text, kind", [
    ("He said “Never again.”", "direct"),  # a sentence a speech verb says, however short
    ("They chanted “What curfew?”", "direct"),
    ("The company announced “Project Blue” on Monday.", "term"),  # a name, not a sentence
])
def test_a_short_quote_right_after_its_speech_verb(text, kind):
    assert [a.kind for a in attribution.extract(text)] == [kind]


def test_a_reported_act_inside_a_reported_statement_is_part_of_it():
    text = ("According to people familiar with the call, the ministers reiterated their support "
            "and discussed options for economic aid.")
    ex = attribution.extract(text)
    assert [a.cue.text for a in ex if a.cue] == ["According to"]


def test_a_statement_inside_a_statement_stays_its_own():
    ex = attribution.extract("The senator said the governor claimed that the budget was balanced.")
    assert sorted(a.cue.text for a in ex if a.cue) == ["claimed", "said"]


def test_the_host_clause_runs_on_past_a_parenthetical_cue():
    # one statement each side of the cue that interrupts it, the two one relation
    text = ("The middle fifth paid 8.9 percent, the agency said in a June report, and those in "
            "the bottom fifth paid 0.8 percent.")
    ex = attribution.extract(text)
    said = [a for a in ex if a.cue is not None and a.cue.text == "said"]
    assert [a.text for a in said] == ["The middle fifth paid 8.9 percent",
                                      "those in the bottom fifth paid 0.8 percent"]
    assert said[0].relation is not None and said[0].relation == said[1].relation
    assert all(a.speaker.text == "the agency" for a in said)


def test_a_second_cue_after_a_parenthetical_is_its_own_statement():
    contents = _contents("The plan will fail, he said, and he added that it was too late.")
    assert contents == {"said": "The plan will fail", "added": "it was too late"}


def test_without_the_ranker_a_reported_act_inside_a_statement_is_part_of_it(monkeypatch):
    # the lexicon's thresholds stand in for the ranker; the statement rules are the same
    import attribution.engine as engine

    monkeypatch.setattr(engine, "load_ranker", lambda: None)
    text = ("According to people familiar with the call, the ministers reiterated their support "
            "and discussed options for economic aid.")
    ex = attribution.extract(text)
    assert [a.cue.text for a in ex if a.cue] == ["According to"]
