"""The :class:`Ledger`: the library API of the claims ledger."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from ..errors import ClaimNotFound, InputError, LedgerError, MissingActor, PublishingError
from ..model import Document, Extraction
from ..parse import Parser
from . import config, events, export, ingest, queries, review, speakers
from .context import Context, claim_context
from .curation import Curation
from .db import Database
from .events import Event, utc_now
from .ids import content_hash
from .inputs import ArticleInput, read_inputs
from .migrations import migrate, require_current
from .publishing import Publisher, check_url
from .records import Claim, ClaimFilter, IngestResult, Speaker

DEFAULT_INGEST_ACTOR = "attribution-ingest"


def _actor(actor: str | None) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise MissingActor(
            "Say who is acting: pass --actor NAME or set ATTRIBUTION_ACTOR "
            "(in Python, the actor= argument). Every change is recorded with its actor."
        )
    return actor


class Ledger(Curation):
    """A claims ledger in one SQLite file (or ``":memory:"``, or a ``postgresql://`` URL).

    Opening a ledger creates or upgrades its schema; ``readonly=True`` opens an existing
    ledger for reading only (nothing created, written or migrated; SQLite ``mode=ro``), so
    it never waits for a writer.  Every write is one transaction and
    every change to a claim appends an :class:`Event`; ``actor`` names who acts.

    Example::

        with Ledger("ledger.sqlite") as ledger:
            ledger.ingest([Document("a1", text, {"url": "https://..."})])
            claim = ledger.claims(status="new")[0]
            ledger.start_review(claim.id, actor="ana")
            ledger.verdict(claim.id, "Mostly true", actor="ana")
            ledger.publish(claim.id, actor="ana")
    """

    def __init__(self, path: str | Path, *, upgrade: bool = True, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self.db = Database.open(self.path, readonly=readonly)
        if readonly:
            try:
                require_current(self.db)
            except LedgerError:
                self.db.close()
                raise
        elif upgrade:
            migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- ingest -------------------------------------------------------------------------
    def ingest(
        self,
        documents: Iterable[Document | ArticleInput],
        *,
        actor: str = DEFAULT_INGEST_ACTOR,
        parser: Parser | str | None = None,
        reextract: bool = False,
        jobs: int = 1,
        progress: Callable[[int, int, IngestResult], None] | None = None,
    ) -> list[IngestResult]:
        """Extract and store articles; one :class:`IngestResult` per input, in order.
        Articles already stored with the same text are not extracted again.  An input that
        carries its extraction is stored as is unless ``reextract``.  ``jobs`` worker
        processes extract (:func:`attribution.batch.extract_batch`); each article is stored
        as soon as it is extracted, and ``progress(done, total, result)`` is called after it."""
        from ..batch import extract_batch

        actor = _actor(actor)
        ingest.check_jobs(jobs)
        items = [d if isinstance(d, ArticleInput) else ArticleInput(d) for d in documents]
        results: dict[int, IngestResult] = {}

        def settle(i: int, result: IngestResult) -> None:
            results[i] = result
            if progress is not None:
                progress(len(results), len(items), result)

        pending: list[tuple[int, Document]] = []
        for i, item in enumerate(items):
            doc = item.document
            if doc.error or not doc.text.strip():
                settle(i, IngestResult(doc.id, "error", error=doc.error or "the article has no text"))
            elif item.extraction is not None and not reextract:
                settle(i, self._store(doc, item.extraction, actor))
            elif ingest.current_hash(self.db, doc.id) == content_hash(doc.text):
                version = self.db.scalar("SELECT current_version FROM articles WHERE id = ?", (doc.id,))
                settle(i, IngestResult(doc.id, "unchanged", int(version)))
            else:
                pending.append((i, doc))
        extracted = extract_batch([doc for _, doc in pending], parser=parser, jobs=min(jobs, max(1, len(pending))))
        for (i, doc), outcome in zip(pending, extracted):
            if outcome.extraction is None:
                settle(i, IngestResult(doc.id, "error", error=outcome.error))
            else:
                settle(i, self._store(doc, outcome.extraction, actor))
        return [results[i] for i in range(len(items))]

    def ingest_files(
        self,
        paths: Iterable[str],
        *,
        actor: str = DEFAULT_INGEST_ACTOR,
        article_id: str | None = None,
        parser: Parser | str | None = None,
        reextract: bool = False,
        encoding: str = "utf-8",
        stdin: IO | None = None,
        jobs: int = 1,
        progress: Callable[[int, int, IngestResult], None] | None = None,
        html: bool = False,
    ) -> list[IngestResult]:
        """:meth:`ingest` the articles in text or JSONL files (``-`` reads ``stdin``);
        ``.html``/``.htm`` files, and every plain file with ``html``, as saved web pages.
        ``article_id`` names a single plain-text input; without it an article is its URL or
        its text (see :func:`read_inputs`)."""
        items = read_inputs(paths, article_id=article_id, encoding=encoding, stdin=stdin, html=html)
        return self.ingest(items, actor=actor, parser=parser, reextract=reextract, jobs=jobs, progress=progress)

    def ingest_extraction(
        self,
        extraction: Extraction,
        *,
        article_id: str | None = None,
        meta: dict[str, Any] | None = None,
        actor: str = DEFAULT_INGEST_ACTOR,
    ) -> IngestResult:
        """Store an extraction made elsewhere; its text is the article's text.

        Raises:
            InputError: no article id, or offsets that do not match the text.
        """
        article_id = article_id or extraction.id
        if not article_id:
            raise InputError("Give the article an id: ingest_extraction(..., article_id='...').")
        return ingest.store_extraction(self.db, article_id, extraction, actor=_actor(actor), meta=meta)

    def _store(self, doc: Document, extraction: Extraction, actor: str) -> IngestResult:
        if extraction.text != doc.text:
            extraction = replace(extraction, text=doc.text)
        try:
            return ingest.store_extraction(self.db, doc.id, extraction, actor=actor, meta=doc.meta)
        except InputError as exc:
            return IngestResult(doc.id, "error", error=exc.message)

    # -- reading ------------------------------------------------------------------------
    def claims(self, filter: ClaimFilter | None = None, **filters: Any) -> list[Claim]:
        """Claims matching ``filter`` or keyword filters (see :class:`ClaimFilter`)."""
        return queries.list_claims(self.db, replace(filter or ClaimFilter(), **filters))

    def count(self, filter: ClaimFilter | None = None, **filters: Any) -> int:
        """How many claims match (ignoring limit and offset)."""
        return queries.count_claims(self.db, replace(filter or ClaimFilter(), **filters))

    def claim(self, claim_id: str) -> Claim:
        """One claim by id (or a unique prefix of it).  Raises ClaimNotFound."""
        return queries.get_claim(self.db, claim_id)

    def history(self, claim_id: str) -> list[Event]:
        """Every change to the claim, oldest first."""
        return events.history(self.db, queries.resolve_id(self.db, claim_id))

    def article_text(self, article_id: str, version: int | None = None) -> str:
        """The text of an article version (default: the current one)."""
        if version is None:
            version = self.db.scalar("SELECT current_version FROM articles WHERE id = ?", (article_id,))
        text = self.db.scalar(
            "SELECT text FROM article_versions WHERE article_id = ? AND version = ?", (article_id, version)
        )
        if text is None:
            raise ClaimNotFound(
                f"No article {article_id!r} (version {version}) in the ledger; "
                "list articles' claims with: attribution claims list --article ID."
            )
        return text

    def context(self, claim_id: str) -> Context:
        """The passage the claim was said in (from the article version it was found in)."""
        c = self.claim(claim_id)
        related = self.db.rows(
            "SELECT id FROM claims WHERE article_id = ? AND version = ? AND relation = ? AND id <> ? ORDER BY start_char",
            (c.article_id, c.version, c.relation, c.id),
        ) if c.relation is not None else []
        return claim_context(
            self.article_text(c.article_id, c.version), c.start_char, c.end_char,
            relation=c.relation, related=[r["id"] for r in related],
        )

    def speakers(
        self,
        *,
        search: str | None = None,
        anonymous: bool | None = None,
        sort: str = "claims",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Speaker]:
        """The speakers registry with claim and article counts."""
        return speakers.list_speakers(
            self.db, search=search, anonymous=anonymous, sort=sort, limit=limit, offset=offset
        )

    # -- review -------------------------------------------------------------------------
    def _change(
        self,
        claim_id: str,
        action: str,
        actor: str | None,
        compute: Callable[[dict[str, Any]], dict[str, Any]],
        *,
        note: dict[str, Any] | None = None,
    ) -> Claim:
        """Read the claim, compute new column values, write those that differ and their
        event, in one transaction.  A change that changes nothing writes nothing."""
        actor = _actor(actor)
        with self.db.transaction():
            cid = queries.resolve_id(self.db, claim_id)
            row = self.db.rows("SELECT * FROM claims WHERE id = ?", (cid,))[0]  # resolved above
            values = {k: v for k, v in compute(row).items() if row[k] != v}
            if values or note:
                now = utc_now()
                sets = "".join(f"{k} = ?, " for k in values)
                self.db.execute(
                    f"UPDATE claims SET {sets}updated_at = ? WHERE id = ?", (*values.values(), now, cid)
                )
                before = {k: row[k] for k in values}
                events.record(self.db, cid, action, actor, before, {**values, **(note or {})}, at=now)
        return self.claim(cid)

    def assign(self, claim_id: str, to: str | None, *, actor: str | None) -> Claim:
        """Assign the claim to a reviewer (``None`` or ``""`` unassigns)."""
        return self._change(claim_id, "assign", actor, lambda row: {"assignee": (to or "").strip() or None})

    def assign_many(self, claim_ids: Iterable[str], to: str | None, *, actor: str | None) -> list[Claim]:
        """Assign several claims in one transaction: all of them, or (an unknown id) none."""
        with self.db.transaction():
            return [self.assign(i, to, actor=actor) for i in claim_ids]

    def start_review(self, claim_id: str, *, actor: str | None) -> Claim:
        """``new`` (or ``dismissed``) -> ``in_review``; unassigned claims go to the actor."""

        def compute(row: dict[str, Any]) -> dict[str, Any]:
            status = review.next_status("review", row["status"], row["id"])
            return {"status": status, "assignee": row["assignee"] or _actor(actor)}

        return self._change(claim_id, "review", actor, compute)

    def verdict(
        self,
        claim_id: str,
        rating: str,
        *,
        value: float | None = None,
        url: str | None = None,
        actor: str | None,
    ) -> Claim:
        """Give (or correct) the verdict; the actor is recorded as the reviewer.
        Standard ratings get their value on the 1-5 scale when ``value`` is None, and a
        value that contradicts a standard rating is refused (InvalidVerdict).  ``url`` must
        be an http(s) link (PublishingError).  A corrected published verdict stays
        published and gets ``modified_at`` (ClaimReview ``dateModified``)."""
        label, scaled = review.check_verdict(rating, value)
        safe_url = check_url(url) if url is not None else None

        def compute(row: dict[str, Any]) -> dict[str, Any]:
            values = {
                "status": review.next_status("verdict", row["status"], row["id"]),
                "rating": label,
                "rating_value": scaled,
                "reviewer": _actor(actor),
                "factcheck_url": safe_url or row["factcheck_url"],
                "verdict_at": utc_now(),
            }
            corrected = any(row[k] != values[k] for k in ("rating", "rating_value", "factcheck_url"))
            if row["status"] == "published" and corrected:
                values["modified_at"] = values["verdict_at"]
            return values

        return self._change(claim_id, "verdict", actor, compute)

    def publish(self, claim_id: str, *, actor: str | None, url: str | None = None) -> Claim:
        """``verdict_given`` -> ``published``, with the fact-check at ``url`` (or the one
        given with the verdict).  ``published_at`` is set once, on first publication.

        Raises:
            IllegalTransition: no verdict yet (or already published).
            PublishingError: no http(s) fact-check URL, or no publisher configured
                (:meth:`set_config` ``publisher.name``).
        """
        publisher = config.publisher(self.db)
        given = check_url(url) if url is not None else None

        def compute(row: dict[str, Any]) -> dict[str, Any]:
            status = review.next_status("publish", row["status"], row["id"])
            config.require_publisher(self.db)
            link = given or row["factcheck_url"]
            if not link:
                raise PublishingError(
                    f"Claim {row['id']} has no fact-check URL, and a published ClaimReview needs "
                    f"one: attribution claims publish {row['id']} --url https://..."
                )
            return {
                "status": status,
                "factcheck_url": check_url(link),
                "published_at": row["published_at"] or utc_now(),
            }

        return self._change(claim_id, "publish", actor, compute, note={"publisher": publisher.name if publisher else None})

    def dismiss(self, claim_id: str, *, actor: str | None, reason: str | None = None) -> Claim:
        """Mark the claim as not a claim (or not worth checking)."""

        def compute(row: dict[str, Any]) -> dict[str, Any]:
            return {"status": review.next_status("dismiss", row["status"], row["id"])}

        return self._change(claim_id, "dismiss", actor, compute, note={"reason": reason} if reason else None)

    def note(self, claim_id: str, text: str, *, actor: str | None) -> Claim:
        """Add a reviewer's note, stored as typed (see :data:`review.MAX_NOTE_CHARS`)."""
        text = review.check_note(text)
        actor = _actor(actor)
        with self.db.transaction():
            cid = queries.resolve_id(self.db, claim_id)
            now = utc_now()
            self.db.execute(
                "INSERT INTO notes (claim_id, actor, at, text) VALUES (?, ?, ?, ?)", (cid, actor, now, text)
            )
            events.record(self.db, cid, "note", actor, {}, {"note": text}, at=now)
        return self.claim(cid)

    def notes(self, claim_id: str) -> list[dict[str, Any]]:
        """The claim's notes, oldest first: ``{"actor", "at", "text"}``."""
        cid = queries.resolve_id(self.db, claim_id)
        return self.db.rows("SELECT actor, at, text FROM notes WHERE claim_id = ? ORDER BY id", (cid,))

    def tag(self, claim_id: str, *tags: str, actor: str | None, remove: bool = False) -> Claim:
        """Add (or with ``remove``, take away) tags."""
        actor = _actor(actor)
        wanted = sorted({t.strip() for t in tags if t and t.strip()})
        if not wanted:
            raise InputError("Give at least one tag.")
        with self.db.transaction():
            cid = queries.resolve_id(self.db, claim_id)
            query = "SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag"
            before = [r["tag"] for r in self.db.rows(query, (cid,))]
            for t in wanted:
                if remove:
                    self.db.execute("DELETE FROM claim_tags WHERE claim_id = ? AND tag = ?", (cid, t))
                else:
                    self.db.execute(
                        "INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", (cid, t)
                    )
            after = [r["tag"] for r in self.db.rows(query, (cid,))]
            if after != before:
                now = utc_now()
                self.db.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (now, cid))
                events.record(self.db, cid, "untag" if remove else "tag", actor, {"tags": before}, {"tags": after}, at=now)
        return self.claim(cid)

    # -- settings -----------------------------------------------------------------------
    def config(self) -> dict[str, str]:
        """The ledger's settings that have a value (see :data:`config.KEYS`)."""
        return config.settings(self.db)

    def set_config(self, key: str, value: str | None, *, actor: str | None) -> str | None:
        """Set a setting (checked: ``publisher.url`` must be http(s)); None or "" unsets it."""
        return config.put(self.db, key, value, actor=_actor(actor))

    def publisher(self) -> Publisher | None:
        """The organisation that publishes this ledger's verdicts, if configured."""
        return config.publisher(self.db)

    # -- export -------------------------------------------------------------------------
    def export(
        self,
        fmt: str,
        filter: ClaimFilter | None = None,
        *,
        ids: Iterable[str] | None = None,
        **filters: Any,
    ) -> str:
        """Claims as ClaimReview JSON-LD, CSV or JSONL (see :data:`export.FORMATS`).

        ``ids`` exports those claims; otherwise ``filter``/keyword filters select them, and
        with neither, every published claim.  ClaimReview is only ever made of published
        claims, authored by the configured publisher: filtered claims that are not
        published are left out, and an id that is not published raises PublishingError."""
        if ids is not None:
            chosen = [self.claim(i) for i in ids]
        else:
            if filter is None and not filters:
                filter = ClaimFilter(status="published")
            chosen = self.claims(replace(filter or ClaimFilter(), **filters))
            if fmt == "claimreview":
                chosen = [c for c in chosen if c.status == "published"]
        publisher = config.require_publisher(self.db) if fmt == "claimreview" and chosen else None
        return export.render(chosen, fmt, publisher=publisher)
