"""The ledger's schema, created and upgraded by numbered migrations.

Each migration runs in its own transaction together with the row that records it in
``schema_migrations``, so a database is always at exactly one version.  Add a migration
by appending to :data:`MIGRATIONS`; never edit one that has shipped.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import LedgerError
from .db import POSTGRESQL, SQLITE, Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Database], None]


def _v1_core(db: Database) -> None:
    autoid = db.dialect.autoid
    db.script(
        [
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                url TEXT,
                title TEXT,
                outlet TEXT,
                published TEXT,
                current_version INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_url ON articles (url)",
            """CREATE TABLE article_versions (
                article_id TEXT NOT NULL REFERENCES articles (id),
                version INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                text TEXT NOT NULL,
                parser TEXT,
                meta TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                ingested_by TEXT NOT NULL,
                PRIMARY KEY (article_id, version)
            )""",
            "CREATE INDEX article_versions_hash ON article_versions (article_id, content_hash)",
            """CREATE TABLE speakers (
                id TEXT PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                anonymous INTEGER NOT NULL,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE speaker_aliases (
                speaker_id TEXT NOT NULL REFERENCES speakers (id),
                alias TEXT NOT NULL,
                PRIMARY KEY (speaker_id, alias)
            )""",
            """CREATE TABLE claims (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                last_version INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text TEXT NOT NULL,
                norm_text TEXT NOT NULL,
                kind TEXT NOT NULL,
                speaker_id TEXT REFERENCES speakers (id),
                speaker_names TEXT NOT NULL,
                speaker_mention TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                speaker_type TEXT NOT NULL,
                anonymous INTEGER NOT NULL,
                cue TEXT,
                cue_class TEXT,
                stance TEXT,
                confidence REAL NOT NULL,
                status TEXT NOT NULL,
                assignee TEXT,
                rating TEXT,
                rating_value REAL,
                reviewer TEXT,
                factcheck_url TEXT,
                verdict_at TEXT,
                published_at TEXT,
                group_id TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                FOREIGN KEY (article_id, version) REFERENCES article_versions (article_id, version)
            )""",
            "CREATE INDEX claims_article ON claims (article_id)",
            "CREATE INDEX claims_status ON claims (status)",
            "CREATE INDEX claims_speaker ON claims (speaker_id)",
            "CREATE INDEX claims_assignee ON claims (assignee)",
            "CREATE INDEX claims_group ON claims (group_id)",
            """CREATE TABLE claim_speakers (
                claim_id TEXT NOT NULL REFERENCES claims (id),
                speaker_id TEXT NOT NULL REFERENCES speakers (id),
                position INTEGER NOT NULL,
                PRIMARY KEY (claim_id, speaker_id)
            )""",
            "CREATE INDEX claim_speakers_speaker ON claim_speakers (speaker_id)",
            """CREATE TABLE claim_tags (
                claim_id TEXT NOT NULL REFERENCES claims (id),
                tag TEXT NOT NULL,
                PRIMARY KEY (claim_id, tag)
            )""",
            f"""CREATE TABLE notes (
                id {autoid},
                claim_id TEXT NOT NULL REFERENCES claims (id),
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                text TEXT NOT NULL
            )""",
            f"""CREATE TABLE events (
                id {autoid},
                claim_id TEXT NOT NULL REFERENCES claims (id),
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                before TEXT NOT NULL,
                after TEXT NOT NULL
            )""",
            "CREATE INDEX events_claim ON events (claim_id)",
        ]
    )


def _v2_search(db: Database) -> None:
    """Full-text search over claim texts with SQLite FTS5 (kept in step by a trigger).
    On PostgreSQL a GIN index on the searched expression (attribution.ledger.postgres).
    Where FTS5 is unavailable search falls back to LIKE."""
    if db.dialect is POSTGRESQL:
        from .postgres import SEARCH_DOCUMENT

        db.execute(f"CREATE INDEX claims_search ON claims USING gin (({SEARCH_DOCUMENT.format(p='')}))")
        return
    if db.dialect is not SQLITE or not db.has_fts5():
        return
    db.script(
        [
            "CREATE VIRTUAL TABLE claims_fts USING fts5 (claim_id UNINDEXED, text, speakers)",
            """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
                INSERT INTO claims_fts (claim_id, text, speakers)
                VALUES (new.id, new.text, new.speaker_names || ' ' || coalesce(new.speaker_mention, ''));
            END""",
            """INSERT INTO claims_fts (claim_id, text, speakers)
               SELECT id, text, speaker_names || ' ' || coalesce(speaker_mention, '') FROM claims""",
        ]
    )


def _v3_publishing(db: Database) -> None:
    """Ledger settings (the publisher named in ClaimReview) and ``modified_at``: when a
    published verdict was last corrected (ClaimReview ``dateModified``)."""
    db.script(
        [
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL
            )""",
            "ALTER TABLE claims ADD COLUMN modified_at TEXT",
        ]
    )


def _v4_users(db: Database) -> None:
    """People who use the review desk (attribution.ledger.users): log-ins with argon2
    hashes and roles, API tokens (stored as SHA-256 hashes), and the web app's secrets."""
    db.script(
        [
            """CREATE TABLE users (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                active INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE api_tokens (
                token_hash TEXT PRIMARY KEY,
                user_name TEXT NOT NULL REFERENCES users (name),
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX api_tokens_user ON api_tokens (user_name)",
            """CREATE TABLE web_secrets (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ]
    )


def _v5_identity_registry(db: Database) -> None:
    """Claim identity across versions (the extracted speaker's key, withdrawn claims),
    reviewers' corrections (a claim's origin) and the speakers registry (merges that can be
    explained and undone).  Keys of claims and speakers already stored are filled in."""
    autoid = db.dialect.autoid
    db.script(
        [
            "ALTER TABLE claims ADD COLUMN speaker_key TEXT",
            "ALTER TABLE claims ADD COLUMN origin TEXT NOT NULL DEFAULT 'extraction'",
            "ALTER TABLE claims ADD COLUMN relation INTEGER",
            "ALTER TABLE claims ADD COLUMN withdrawn_in INTEGER",
            "ALTER TABLE claims ADD COLUMN withdrawn_from TEXT",
            "ALTER TABLE speakers ADD COLUMN merged_into TEXT",
            "ALTER TABLE speakers ADD COLUMN article_id TEXT",
            "ALTER TABLE speakers ADD COLUMN surname TEXT",
            "ALTER TABLE speaker_aliases ADD COLUMN reason TEXT",
            "ALTER TABLE claim_speakers ADD COLUMN via TEXT",
            "UPDATE claim_speakers SET via = speaker_id",
            "CREATE INDEX speakers_surname ON speakers (surname)",
            "CREATE INDEX speakers_merged ON speakers (merged_into)",
            "CREATE INDEX claim_speakers_via ON claim_speakers (via)",
            f"""CREATE TABLE speaker_events (
                id {autoid},
                speaker_id TEXT NOT NULL,
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                details TEXT NOT NULL
            )""",
            "CREATE INDEX speaker_events_speaker ON speaker_events (speaker_id)",
        ]
    )
    from .registry import backfill

    backfill(db)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: articles, versions, speakers, claims, tags, notes, events", _v1_core),
    Migration(2, "full-text search over claims", _v2_search),
    Migration(3, "settings (publisher) and the date a published verdict was corrected", _v3_publishing),
    Migration(4, "users, roles and API tokens of the review desk", _v4_users),
    Migration(5, "claim identity across versions, corrections, the speakers registry", _v5_identity_registry),
)
LATEST = MIGRATIONS[-1].version


def _ensure_table(db: Database) -> None:
    with db.transaction():
        if not db.has_table("schema_migrations"):
            db.execute(
                """CREATE TABLE schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )"""
            )


def current_version(db: Database) -> int:
    """The highest migration applied to ``db`` (0 for an empty database)."""
    if not db.has_table("schema_migrations"):
        return 0
    return int(db.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations") or 0)


def require_current(db: Database) -> None:
    """Check, without writing, that ``db`` has exactly this attribution's schema: what a
    read-only open needs, since reads never migrate.

    Raises:
        LedgerError: the schema is older (run a write such as ``attribution init``) or newer.
    """
    found = current_version(db)
    if found < LATEST:
        raise LedgerError(
            f"The ledger {db.target} has schema version {found} and this attribution reads "
            f"version {LATEST}; reading never upgrades it. Upgrade it with "
            f"attribution init --ledger {db.target} (any write does it too)."
        )
    if found > LATEST:
        raise LedgerError(
            f"The ledger {db.target} has schema version {found}, newer than this attribution "
            f"knows ({LATEST}). Upgrade attribution: pip install -U attribution."
        )


def migrate(db: Database, *, target: int | None = None) -> list[int]:
    """Apply every migration above the database's version up to ``target`` (default: all).
    Returns the versions applied.  Safe when several processes open a new ledger at once.

    Raises:
        LedgerError: the database was written by a newer attribution.
    """
    target = LATEST if target is None else target
    _ensure_table(db)
    found = current_version(db)
    if found > LATEST:
        raise LedgerError(
            f"The ledger {db.target} has schema version {found}, newer than this attribution "
            f"knows ({LATEST}). Upgrade attribution: pip install -U attribution."
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        with db.transaction():
            if current_version(db) >= migration.version:  # another process got here first
                continue
            migration.apply(db)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
            applied.append(migration.version)
    return applied
