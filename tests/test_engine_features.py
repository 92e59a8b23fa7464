"""Step definitions for the engine's behaviour: features/quotes.feature,
features/reported_speech.feature and features/speakers.feature.

Each scenario extracts the attributions of one short article (inline, or one of the
project's fixture articles in ``fixtures/articles/``) and checks what a user sees.

Matching is tolerant of where exactly a span starts or stops, strict on behaviour:
  - an attribution *is* the quote "X" when its text contains X, or X contains its text
    and its text is at least 80% as long as X; among several, the shortest is taken;
  - a speaker *is* "Y" when the speaker mention contains Y (ignoring case);
    ``its speaker mention is exactly`` compares the whole mention;
  - names are compared whole (``Ana Torres``), after collapsing whitespace.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

import attribution
from attribution.model import Attribution, Extraction

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

# Paths are relative to bdd_features_base_dir (features/, set in tox.ini).
scenarios("quotes.feature")
scenarios("reported_speech.feature")
scenarios("speakers.feature")
scenarios("statements.feature")

MIN_SHARE = 0.8  # a span inside the wanted text must cover this share of it


@lru_cache(maxsize=64)
def _extract(text: str) -> Extraction:
    """One extraction per distinct text for the whole session (scenarios share articles)."""
    return attribution.extract(text)


def _matches(a: Attribution, wanted: str) -> bool:
    if wanted in a.text:
        return True
    return bool(a.text.strip()) and a.text in wanted and len(a.text) >= MIN_SHARE * len(wanted)


def _describe(extraction: Extraction) -> str:
    if not len(extraction):
        return "  (no attributions)"
    rows = []
    for a in extraction:
        speaker = a.speaker.text if a.speaker else None
        cue = a.cue.text if a.cue else None
        rows.append(f"  {a.kind:8} {a.text!r} speaker={speaker!r} name={a.speaker_name!r}"
                    f" type={a.speaker_type} cue={cue!r}")
    return "\n".join(rows)


def _find(extraction: Extraction, wanted: str, kind: str | None = None) -> Attribution:
    found = [a for a in extraction if _matches(a, wanted)]
    of_kind = [a for a in found if kind is None or a.kind == kind]
    if not of_kind:
        what = f"{kind} attribution" if kind else "attribution"
        extra = (f" (found as {', '.join(sorted({a.kind for a in found}))})" if found else "")
        pytest.fail(f"no {what} matching {wanted!r}{extra}; the engine found:\n"
                    + _describe(extraction))
    return min(of_kind, key=lambda a: a.end_char - a.start_char)


def _norm(name: str) -> str:
    return " ".join(name.split())


# --- given / when ---------------------------------------------------------------------


@given("the article:", target_fixture="article")
def article_inline(docstring: str) -> str:
    return docstring


@given(parsers.parse('the fixture article "{slug}"'), target_fixture="article")
def article_fixture(slug: str) -> str:
    path = ARTICLES / f"{slug}.txt"
    assert path.exists(), f"no fixture article {path}; see fixtures/build_gold.py"
    return path.read_text(encoding="utf-8")


@when("I extract the attributions", target_fixture="extraction")
def extract_attributions(article: str) -> Extraction:
    return _extract(article)


# --- finding one attribution -----------------------------------------------------------


@then(parsers.parse('there is a direct quote "{text}"'), target_fixture="attr")
def direct_quote(extraction: Extraction, text: str) -> Attribution:
    return _find(extraction, text, "direct")


@then(parsers.parse('there is a mixed attribution "{text}"'), target_fixture="attr")
def mixed_attribution(extraction: Extraction, text: str) -> Attribution:
    return _find(extraction, text, "mixed")


@then(parsers.parse('there is an indirect attribution "{text}"'), target_fixture="attr")
def indirect_attribution(extraction: Extraction, text: str) -> Attribution:
    return _find(extraction, text, "indirect")


@then(parsers.parse('there is an attribution "{text}"'), target_fixture="attr")
def any_attribution(extraction: Extraction, text: str) -> Attribution:
    return _find(extraction, text)


@then(parsers.parse('there is an attribution whose speaker is "{mention}"'),
      target_fixture="attr")
def attribution_by_speaker(extraction: Extraction, mention: str) -> Attribution:
    found = [a for a in extraction
             if a.speaker and mention.casefold() in a.speaker.text.casefold()]
    assert found, f"no attribution has the speaker {mention!r}; found:\n" + _describe(extraction)
    return found[0]


@then(parsers.parse('one direct quote contains both "{first}" and "{second}"'),
      target_fixture="attr")
def one_quote_with_both(extraction: Extraction, first: str, second: str) -> Attribution:
    found = [a for a in extraction if a.kind == "direct" and first in a.text and second in a.text]
    assert found, (f"no single direct quote holds both {first!r} and {second!r}; found:\n"
                   + _describe(extraction))
    return found[0]


# --- counts and the whole extraction -------------------------------------------------


@then(parsers.parse("there is exactly {n:d} direct quote"))
@then(parsers.parse("there are exactly {n:d} direct quotes"))
def count_direct(extraction: Extraction, n: int) -> None:
    direct = [a for a in extraction if a.kind == "direct"]
    assert len(direct) == n, (f"expected {n} direct quote(s), found {len(direct)}:\n"
                              + _describe(extraction))


@then(parsers.parse("there is exactly {n:d} attribution"))
@then(parsers.parse("there are exactly {n:d} attributions"))
def count_all(extraction: Extraction, n: int) -> None:
    assert len(extraction) == n, (f"expected {n} attribution(s), found {len(extraction)}:\n"
                                  + _describe(extraction))


@then("no attribution has a speaker name")
def no_names(extraction: Extraction) -> None:
    assert len(extraction), "no attributions at all: nothing to check names on"
    named = [a for a in extraction if a.speaker_name]
    assert not named, "a name was given where the article names nobody:\n" + _describe(extraction)


@then(parsers.parse('both "{first}" and "{second}" are attributed to "{name}"'))
def both_attributed(extraction: Extraction, first: str, second: str, name: str) -> None:
    for part in (first, second):
        a = _find(extraction, part)
        assert a.speaker_name == _norm(name), (
            f"{part!r} is attributed to {a.speaker_name!r}, not {name!r}:\n" + _describe(extraction))


# --- the attribution in hand: its content ----------------------------------------------


@then(parsers.parse('it does not contain "{text}"'))
def does_not_contain(attr: Attribution, text: str) -> None:
    assert text not in attr.text, f"the span {attr.text!r} runs into {text!r}"


@then(parsers.parse('it also contains "{text}"'))
def also_contains(attr: Attribution, text: str) -> None:
    assert text in attr.text, f"the span {attr.text!r} stops short of {text!r}"


@then(parsers.parse('its fragments include "{text}"'))
def fragment_included(attr: Attribution, text: str) -> None:
    frags = [f.text for f in attr.fragments]
    assert any(text in f for f in frags), f"fragments {frags!r} do not include {text!r}"
    for f in attr.fragments:
        assert attr.start_char <= f.start_char < f.end_char <= attr.end_char, (
            f"fragment {f.text!r} lies outside its attribution {attr.text!r}")


# --- the attribution in hand: its speaker ----------------------------------------------


@then(parsers.parse('its speaker is "{mention}"'))
def speaker_is(attr: Attribution, mention: str) -> None:
    assert attr.speaker is not None, f"{attr.text!r} has no speaker; expected {mention!r}"
    assert mention.casefold() in attr.speaker.text.casefold(), (
        f"speaker of {attr.text!r} is {attr.speaker.text!r}, expected {mention!r}")


@then(parsers.parse('its speaker mention is exactly "{mention}"'))
def speaker_mention_exactly(attr: Attribution, mention: str) -> None:
    assert attr.speaker is not None, f"{attr.text!r} has no speaker; expected {mention!r}"
    assert attr.speaker.text.strip() == mention, (
        f"speaker mention is {attr.speaker.text!r}, expected exactly {mention!r}")


@then("it has no speaker")
def no_speaker(attr: Attribution) -> None:
    assert attr.speaker is None, f"{attr.text!r} was given the speaker {attr.speaker.text!r}"


@then(parsers.parse('its speaker name is "{name}"'))
def speaker_name_is(attr: Attribution, name: str) -> None:
    got = attr.speaker_name
    assert isinstance(got, str) and _norm(got) == _norm(name), (
        f"speaker name of {attr.text!r} is {got!r}, expected {name!r}")


@then(parsers.parse('its speaker names are "{first}" and "{second}"'))
def speaker_names_are(attr: Attribution, first: str, second: str) -> None:
    got = sorted(_norm(n) for n in attr.speaker_names)
    assert got == sorted([_norm(first), _norm(second)]), (
        f"speaker names of {attr.text!r} are {got!r}, expected {first!r} and {second!r}")


@then("it has no speaker name")
def no_speaker_name(attr: Attribution) -> None:
    assert attr.speaker_name is None, (
        f"{attr.text!r} was given the name {attr.speaker_name!r}, which the article never "
        "gives its speaker")


@then(parsers.parse('its speaker type is "{kind}"'))
def speaker_type_is(attr: Attribution, kind: str) -> None:
    assert attr.speaker_type == kind, f"speaker type is {attr.speaker_type!r}, expected {kind!r}"


@then("it is flagged anonymous")
def flagged_anonymous(attr: Attribution) -> None:
    assert attr.anonymous, f"{attr.text!r} by {attr.speaker and attr.speaker.text!r} not flagged"


@then("it is not flagged anonymous")
def not_flagged_anonymous(attr: Attribution) -> None:
    assert not attr.anonymous, f"{attr.text!r} by {attr.speaker and attr.speaker.text!r} flagged"


@then(parsers.parse('it was resolved through "{mention}"'))
def resolved_through(attr: Attribution, mention: str, article: str) -> None:
    """The recorded antecedent overlaps a place where the article writes ``mention``."""
    span = attr.resolved_from
    assert span is not None, f"{attr.text!r} records no mention it was resolved from"
    places = [m.start() for m in re.finditer(re.escape(mention), article)]
    assert any(span.start_char < p + len(mention) and p < span.end_char for p in places), (
        f"resolved through {span.text!r} at {span.start_char}, not a mention of {mention!r}")


# --- the attribution in hand: its cue --------------------------------------------------


def _cue(attr: Attribution):
    assert attr.cue is not None, f"{attr.text!r} has no cue"
    return attr.cue


@then(parsers.parse('its cue lemma is "{lemma}"'))
def cue_lemma(attr: Attribution, lemma: str) -> None:
    assert _cue(attr).lemma == lemma, f"cue lemma is {attr.cue.lemma!r}, expected {lemma!r}"


@then(parsers.parse('its cue contains "{text}"'))
def cue_contains(attr: Attribution, text: str) -> None:
    assert text in _cue(attr).text, f"cue is {attr.cue.text!r}, expected it to contain {text!r}"


@then(parsers.parse('its cue class is "{cls}"'))
def cue_class(attr: Attribution, cls: str) -> None:
    assert _cue(attr).cue_class == cls, f"cue class is {attr.cue.cue_class!r}, expected {cls!r}"


@then(parsers.parse('the cue stance is "{stance}"'))
def cue_stance(attr: Attribution, stance: str) -> None:
    assert _cue(attr).stance == stance, f"cue stance is {attr.cue.stance!r}, expected {stance!r}"


@then(parsers.parse('the cue tense is "{tense}"'))
def cue_tense(attr: Attribution, tense: str) -> None:
    assert _cue(attr).tense == tense, f"cue tense is {attr.cue.tense!r}, expected {tense!r}"


@then(parsers.parse('the cue modality is "{modality}"'))
def cue_modality(attr: Attribution, modality: str) -> None:
    assert _cue(attr).modality == modality, (
        f"cue modality is {attr.cue.modality!r}, expected {modality!r}")


@then("the cue has no modality")
def cue_no_modality(attr: Attribution) -> None:
    assert not _cue(attr).modality, f"cue modality is {attr.cue.modality!r}, expected none"


@then("it is recorded as a non-claim")
def non_claim(attr: Attribution) -> None:
    assert _cue(attr).cue_class == "decline", (
        f"cue class is {attr.cue.cue_class!r}; a refusal to comment has the class 'decline'")
    assert not attr.is_claim, f"{attr.text!r} is counted as a claim"


# --- sanity of the step matcher itself (no engine needed) ----------------------------


@pytest.mark.parametrize(
    "span, wanted, expected",
    [
        ("“We will finish the bridge by June,”", "We will finish the bridge by June", True),
        ("the budget had risen by 12 per cent", "the budget for the line had risen by 12 per cent",
         False),
        ("budget for the line had risen by 12 per cent",
         "the budget for the line had risen by 12 per cent", True),
        ("official", "one senior official", False),
        ("", "anything", False),
    ],
)
def test_matching_rule(span: str, wanted: str, expected: bool) -> None:
    a = Attribution(start_char=0, end_char=len(span), text=span, kind="direct")
    assert _matches(a, wanted) is expected


# --- statements: relations, terms, claims, duplicates ------------------------------------


@then(parsers.parse('there is a term "{text}"'), target_fixture="attr")
def term(extraction: Extraction, text: str) -> Attribution:
    return _find(extraction, text, "term")


@then("it is not a claim")
def not_a_claim(attr: Attribution) -> None:
    assert not attr.is_claim, f"{attr.text!r} ({attr.kind}) is counted as a claim"


@then(parsers.parse("there are exactly {n:d} claims"))
def count_claims(extraction: Extraction, n: int) -> None:
    claims = [a for a in extraction if a.is_claim]
    assert len(claims) == n, f"expected {n} claim(s), found {len(claims)}:\n" + _describe(extraction)


@then(parsers.parse('the quotes "{first}", "{second}" and "{third}" share one relation'),
      target_fixture="run")
def share_relation(extraction: Extraction, first: str, second: str, third: str) -> list[Attribution]:
    run = [_find(extraction, text, "direct") for text in (first, second, third)]
    relations = {a.relation for a in run}
    assert len(relations) == 1 and None not in relations, (
        f"relations {[a.relation for a in run]}; one speaker's run shares one relation id:\n"
        + _describe(extraction))
    return run


@then(parsers.parse('the quotes "{first}" and "{second}" are one relation'), target_fixture="run")
def two_in_relation(extraction: Extraction, first: str, second: str) -> list[Attribution]:
    return _one_relation(extraction, first, second, "direct")


@then(parsers.parse('the statements "{first}" and "{second}" are one relation'), target_fixture="run")
def two_statements_in_relation(extraction: Extraction, first: str, second: str) -> list[Attribution]:
    return _one_relation(extraction, first, second, None)


def _one_relation(extraction: Extraction, first: str, second: str, kind: str | None) -> list[Attribution]:
    run = [_find(extraction, text, kind) for text in (first, second)]
    assert run[0] is not run[1] and run[0].relation is not None and run[0].relation == run[1].relation, (
        f"relations {[a.relation for a in run]}; the statements of one quote share one relation id:\n"
        + _describe(extraction))
    return run


@then(parsers.parse('each of them is said by "{mention}"'))
def run_speaker(run: list[Attribution], mention: str) -> None:
    for a in run:
        assert a.speaker is not None and mention.lower() in a.speaker.text.lower(), (
            f"{a.text!r} is said by {a.speaker.text if a.speaker else None!r}, not {mention!r}")


@then("it has no relation")
def no_relation(attr: Attribution) -> None:
    assert attr.relation is None, f"{attr.text!r} has relation {attr.relation}; a statement alone has none"


@then("no two attributions of one speaker cover the same words")
def no_duplicates(extraction: Extraction) -> None:
    atts = list(extraction)
    for i, a in enumerate(atts):
        for b in atts[i + 1:]:
            same = (a.speaker is not None and a.speaker == b.speaker) or (
                a.speaker_names and a.speaker_names == b.speaker_names)
            overlap = min(a.end_char, b.end_char) - max(a.start_char, b.start_char)
            shorter = min(a.end_char - a.start_char, b.end_char - b.start_char)
            assert not (same and overlap >= 0.5 * shorter), (
                f"{a.text!r} and {b.text!r} report one statement twice:\n" + _describe(extraction))
