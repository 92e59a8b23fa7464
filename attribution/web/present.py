"""Words a reviewer reads on a claim page, made from a claim's fields."""
from __future__ import annotations

from ..cues import RELATIVE_PRONOUNS
from ..ledger import Claim
from ..speakers import GROUP_PRONOUNS, PERSONAL_PRONOUNS


def resolution(claim: Claim) -> str:
    """How the speaker's name was reached from the mention in the text."""
    mention = (claim.speaker_mention or "").strip()
    names = claim.speaker_names
    low = mention.casefold()
    if not mention and not names:
        return "No speaker mention was found for this statement."
    if claim.anonymous:
        return f"An unnamed source ({claim.speaker_type}): the article gives no name, so none is given."
    if not names:
        return f"The mention “{mention}” names nobody the article identifies."
    joined = " and ".join(names)
    if low in PERSONAL_PRONOUNS or low in GROUP_PRONOUNS:
        return f"The pronoun “{mention}” was resolved to {joined}, mentioned earlier in the article."
    if low in RELATIVE_PRONOUNS:
        return f"The relative pronoun “{mention}” stands for {joined}."
    if all(name.casefold() in low for name in names):
        return f"Named in the mention “{mention}”."
    return f"The mention “{mention}” was matched to {joined}, named in full elsewhere in the article."
