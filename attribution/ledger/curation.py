"""The :class:`Ledger` methods for what reviewers curate besides verdicts: corrections of
the machine's claims, the speakers registry, and articles with their versions."""
from __future__ import annotations

from typing import Any

from . import corrections, registry, versions
from .db import Database
from .records import Claim


def _actor(actor: str | None) -> str:
    from .store import _actor as required

    return required(actor)


class Curation:
    """Mixed into :class:`~attribution.ledger.Ledger` (which provides ``db`` and ``claim``)."""

    db: Database

    def claim(self, claim_id: str) -> Claim:  # provided by Ledger
        raise NotImplementedError

    # -- corrections --------------------------------------------------------------------
    def correct(
        self,
        claim_id: str,
        *,
        actor: str | None,
        speaker: str | None = None,
        speaker_type: str | None = None,
        start: int | None = None,
        end: int | None = None,
        speaker_start: int | None = None,
        speaker_end: int | None = None,
    ) -> Claim:
        """Correct the claim's speaker (a name or speaker id; the mention is found in the
        text or given by ``speaker_start``/``speaker_end``) and/or its span.  One
        ``correct`` event keeps the extraction's values as ``before``."""
        cid = corrections.correct(
            self.db, claim_id, actor=_actor(actor), speaker=speaker, speaker_type=speaker_type,
            start=start, end=end, speaker_start=speaker_start, speaker_end=speaker_end,
        )
        return self.claim(cid)

    def add_claim(
        self,
        article: str,
        *,
        start: int,
        end: int,
        speaker: str,
        actor: str | None,
        speaker_type: str | None = None,
        kind: str | None = None,
        speaker_start: int | None = None,
        speaker_end: int | None = None,
    ) -> Claim:
        """Add a claim the extraction missed (``start``-``end`` of the article's current
        text, said by ``speaker``); it is ``new``, its origin ``reviewer``."""
        cid = corrections.add_claim(
            self.db, article, start=start, end=end, speaker=speaker, actor=_actor(actor),
            speaker_type=speaker_type, kind=kind, speaker_start=speaker_start, speaker_end=speaker_end,
        )
        return self.claim(cid)

    def corrections(self, article: str | None = None) -> list[dict[str, Any]]:
        """Articles reviewers corrected, in the shared gold JSONL format (training data)."""
        return corrections.training_data(self.db, article)

    # -- the speakers registry ----------------------------------------------------------
    def speaker(self, speaker: str) -> dict[str, Any]:
        """One speaker (id, unique id prefix, name or alias): aliases and why, the speakers
        merged into it and why, its registry history."""
        return registry.details(self.db, speaker)

    def merge_speakers(self, keep: str, other: str, *, actor: str | None, reason: str | None = None) -> dict[str, Any]:
        """Merge ``other`` into ``keep``: one person.  Reversible with :meth:`split_speaker`."""
        who = _actor(actor)
        keep_id, other_id = registry.resolve(self.db, keep), registry.resolve(self.db, other)
        registry.merge(self.db, keep_id, other_id, actor=who, reason=reason or f"merged by {who}")
        return registry.details(self.db, keep_id)

    def split_speaker(self, speaker: str, *, actor: str | None, reason: str | None = None) -> dict[str, Any]:
        """Undo the merge of ``speaker`` into another; it is never joined automatically again."""
        who = _actor(actor)
        with self.db.transaction():
            sid = registry.resolve(self.db, speaker, merged=True)
            registry.split(self.db, sid, actor=who, reason=reason)
        return registry.details(self.db, sid)

    def rename_speaker(self, speaker: str, name: str, *, actor: str | None) -> dict[str, Any]:
        """Give the speaker another name; the old one stays as an alias."""
        sid = registry.rename(self.db, registry.resolve(self.db, speaker), name, actor=_actor(actor))
        return registry.details(self.db, sid)

    # -- articles -----------------------------------------------------------------------
    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[versions.ArticleSummary]:
        """Articles with their number of versions and claims, most recently changed first."""
        return versions.list_articles(self.db, limit=limit, offset=offset)

    def article(self, article: str) -> tuple[versions.ArticleSummary, list[versions.VersionChanges]]:
        """An article (id or URL) and its versions: claims added, kept, withdrawn, restored,
        and the lines of text each version changed."""
        return versions.article_versions(self.db, article)
