"""Pronoun speakers resolved against gold coreference: the GUM news documents carry
``Entity=`` annotations, so a pronoun speaker resolved to a name is right when the
pronoun's gold entity is also mentioned by that name."""
from __future__ import annotations

from pathlib import Path

import pytest

import attribution

GUM = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gum-news"
pytestmark = pytest.mark.skipif(not GUM.is_dir(), reason=f"GUM news parses not found at {GUM}")


def _resolved_pronouns():
    from attribution.parse.conllu_backend import read_conllu

    for path in sorted(GUM.glob("*.conllu")):
        for doc in read_conllu(path):
            for a in attribution.extract_parsed(doc.parsed):
                if a.speaker is None or a.resolved_from is None or not a.speaker_names:
                    continue
                gold = [m for m in doc.mentions
                        if (m.start_char, m.end_char) == (a.speaker.start_char, a.speaker.end_char)]
                if gold:
                    surname = a.speaker_names[0].split()[-1]
                    right = any(m.entity == gold[0].entity and surname in m.text for m in doc.mentions)
                    yield path.name, a.speaker.text, a.speaker_names[0], right


def test_pronoun_speakers_resolve_to_the_gold_entity():
    rows = list(_resolved_pronouns())
    assert len(rows) >= 15, rows
    accuracy = sum(r[3] for r in rows) / len(rows)
    assert accuracy >= 0.7, [r for r in rows if not r[3]]


def test_resolved_names_are_written_in_the_article():
    from attribution.parse.conllu_backend import read_conllu

    for path in sorted(GUM.glob("*.conllu")):
        for doc in read_conllu(path):
            for a in attribution.extract_parsed(doc.parsed):
                for name in a.speaker_names:
                    assert name in doc.parsed.text, (path.name, name)
