"""The people who use the review desk: accounts with roles, argon2 password hashes and
API tokens, kept in the ledger (tables ``users`` and ``api_tokens``, migration 4).

A password is stored only as an argon2id hash (argon2-cffi); an API token only as its
SHA-256 (a token is a long random secret, so a fast hash is enough and lets a lookup be
one indexed query).  Nothing here prints or knows about HTTP.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import UserError
from .db import Database
from .events import utc_now

ROLES = ("reviewer", "editor", "admin")
# Each role may do what the roles before it may: an editor reviews too, an admin edits too.
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
# A user name is what the event log records as the actor: short, printable, no spaces.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
# NIST SP 800-63B asks for at least 8 characters and no composition rules.
MIN_PASSWORD_CHARS = 8
# argon2 hashes cost time by design; refuse absurd inputs before hashing them.
MAX_PASSWORD_CHARS = 1024
TOKEN_BYTES = 32  # 256 bits of randomness per API token
TOKEN_PREFIX = "atk_"
STAMP_CHARS = 16  # 64 bits: enough to tell a changed password from the old one  # lets a leaked token be recognised by secret scanners


@dataclass(frozen=True)
class User:
    """One account.  ``active`` is False once removed (events keep naming the user)."""

    name: str
    role: str
    active: bool
    created_at: str

    def can(self, role: str) -> bool:
        """Whether this user has ``role``'s rights (roles are ranked: reviewer < editor < admin)."""
        return self.active and ROLE_RANK[self.role] >= ROLE_RANK[role]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:  # pragma: no cover - argon2-cffi is in the web extra
        raise UserError("User accounts need argon2-cffi: pip install 'attribution[web]'.") from exc
    return PasswordHasher()


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME_PATTERN.fullmatch(name):
        raise UserError(
            f"User name {name[:80]!r} is not usable: 1-64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit."
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
    return role


def _check_password(password: str) -> str:
    if not MIN_PASSWORD_CHARS <= len(password or "") <= MAX_PASSWORD_CHARS:
        raise UserError(
            f"A password needs {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters; "
            f"this one has {len(password or '')}."
        )
    return password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Users:
    """Accounts in one ledger database (``Users(ledger.db)``)."""

    def __init__(self, db: Database):
        self.db = db

    def _row_user(self, row: dict[str, Any]) -> User:
        return User(row["name"], row["role"], bool(row["active"]), row["created_at"])

    def get(self, name: str) -> User | None:
        """The account called ``name`` (active or not), or None."""
        row = self.db.row("SELECT name, role, active, created_at FROM users WHERE name = ?", ((name or "").strip(),))
        return self._row_user(row) if row else None

    def list(self) -> list[User]:
        rows = self.db.rows("SELECT name, role, active, created_at FROM users ORDER BY name")
        return [self._row_user(r) for r in rows]

    def count_active(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM users WHERE active = 1") or 0)

    def add(self, name: str, role: str, password: str) -> User:
        """Create an account (or re-activate a removed one with a new password and role).

        Raises:
            UserError: bad name, role or password, or an active account of that name exists.
        """
        name, role = _check_name(name), _check_role(role)
        digest = _hasher().hash(_check_password(password))
        now = utc_now()
        with self.db.transaction():
            found = self.db.row("SELECT active FROM users WHERE name = ?", (name,))
            if found and found["active"]:
                raise UserError(
                    f"User {name!r} already exists; change the role with 'attribution users role' "
                    "or the password with 'attribution users password'."
                )
            if found:
                self.db.execute(
                    "UPDATE users SET role = ?, password_hash = ?, active = 1, updated_at = ? WHERE name = ?",
                    (role, digest, now, name),
                )
            else:
                self.db.execute(
                    "INSERT INTO users (name, role, password_hash, active, created_at, updated_at) "
                    "VALUES (?, ?, ?, 1, ?, ?)",
                    (name, role, digest, now, now),
                )
        user = self.get(name)
        assert user is not None  # written above
        return user

    def _require(self, name: str) -> User:
        user = self.get(name)
        if user is None or not user.active:
            raise UserError(f"No user {name!r}; list users with: attribution users list.")
        return user

    def set_role(self, name: str, role: str) -> User:
        user = self._require(name)
        role = _check_role(role)
        with self.db.transaction():
            self.db.execute("UPDATE users SET role = ?, updated_at = ? WHERE name = ?", (role, utc_now(), user.name))
        return self._require(name)

    def set_password(self, name: str, password: str) -> None:
        user = self._require(name)
        digest = _hasher().hash(_check_password(password))
        with self.db.transaction():
            self.db.execute(
                "UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?", (digest, utc_now(), user.name)
            )

    def remove(self, name: str) -> None:
        """Deactivate an account and revoke its tokens; its name stays in the history."""
        user = self._require(name)
        with self.db.transaction():
            self.db.execute("UPDATE users SET active = 0, updated_at = ? WHERE name = ?", (utc_now(), user.name))
            self.db.execute("DELETE FROM api_tokens WHERE user_name = ?", (user.name,))

    def authenticate(self, name: str, password: str) -> User | None:
        """The active user whose password this is, else None.  Unknown names cost the same
        argon2 work as known ones, so timing does not tell which names exist."""
        hasher = _hasher()
        row = self.db.row(
            "SELECT name, role, active, created_at, password_hash FROM users WHERE name = ?", ((name or "").strip(),)
        )
        password = password or ""
        if len(password) > MAX_PASSWORD_CHARS:
            return None
        if row is None or not row["active"]:
            try:
                hasher.verify(_dummy_hash(), password)
            except Exception:  # noqa: BLE001 - any failure is "not authenticated"
                pass
            return None
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            hasher.verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):
            return None
        if hasher.check_needs_rehash(row["password_hash"]):
            with self.db.transaction():
                self.db.execute(
                    "UPDATE users SET password_hash = ? WHERE name = ?", (hasher.hash(password), row["name"])
                )
        return self._row_user(row)

    def session_stamp(self, name: str) -> str | None:
        """A short fingerprint of the user's password hash and role: a session records it at
        log-in, and a changed password or role (or a removed account) ends that session."""
        row = self.db.row("SELECT password_hash, role, active FROM users WHERE name = ?", ((name or "").strip(),))
        if row is None or not row["active"]:
            return None
        return hashlib.sha256(f"{row['password_hash']}\x1f{row['role']}".encode()).hexdigest()[:STAMP_CHARS]

    def issue_token(self, name: str) -> str:
        """A new API token for the user (shown once; only its hash is kept)."""
        user = self._require(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?, ?, ?)",
                (_token_hash(token), user.name, utc_now()),
            )
        return token

    def revoke_tokens(self, name: str) -> int:
        """Revoke every token of the user; how many there were."""
        user = self._require(name)
        with self.db.transaction():
            n = int(self.db.scalar("SELECT count(*) FROM api_tokens WHERE user_name = ?", (user.name,)) or 0)
            self.db.execute("DELETE FROM api_tokens WHERE user_name = ?", (user.name,))
        return n

    def for_token(self, token: str) -> User | None:
        """The active user a bearer token belongs to, else None."""
        token = (token or "").strip()
        if not token.startswith(TOKEN_PREFIX):
            return None
        row = self.db.row(
            "SELECT u.name, u.role, u.active, u.created_at FROM api_tokens t JOIN users u "
            "ON u.name = t.user_name WHERE t.token_hash = ? AND u.active = 1",
            (_token_hash(token),),
        )
        return self._row_user(row) if row else None

    def secret(self, name: str) -> str:
        """A random secret kept in the ledger (e.g. the key that signs session cookies),
        made on first use, so sessions survive a restart of the web app."""
        value = self.db.scalar("SELECT value FROM web_secrets WHERE name = ?", (name,))
        if value:
            return str(value)
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO web_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (name, secrets.token_urlsafe(TOKEN_BYTES)),
            )
            return str(self.db.scalar("SELECT value FROM web_secrets WHERE name = ?", (name,)))


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(_hasher().hash(secrets.token_urlsafe(TOKEN_BYTES)))
    return _DUMMY[0]
