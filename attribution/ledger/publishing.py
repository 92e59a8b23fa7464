"""What a claim needs before its verdict goes on a website: a fact-check URL that is safe
to put in a link (http or https, nothing a browser would run) and a configured publisher,
the organisation named as every ClaimReview's ``author``."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import PublishingError

SAFE_SCHEMES = ("http", "https")  # javascript:, data:, file: and the like are never links we publish
MAX_URL_CHARS = 2048  # the longest URL browsers and crawlers reliably keep
MAX_NAME_CHARS = 200  # an organisation's name, not a paragraph


@dataclass(frozen=True)
class Publisher:
    """The fact-checking organisation that publishes the ledger's verdicts."""

    name: str
    url: str | None = None

    def to_schema(self) -> dict[str, str]:
        """The schema.org ``Organization`` of a ClaimReview's ``author``."""
        org = {"@type": "Organization", "name": self.name}
        if self.url:
            org["url"] = self.url
        return org


def check_url(url: str, *, what: str = "fact-check URL") -> str:
    """``url`` stripped, if it is an absolute http(s) URL with a host.

    Raises:
        PublishingError: any other scheme (``javascript:``, ``data:``...), no host,
            spaces or control characters, or more than :data:`MAX_URL_CHARS`.
    """
    url = (url or "").strip()
    hint = f"give the {what} as https://... (only {' and '.join(SAFE_SCHEMES)} links are published)"
    if not url:
        raise PublishingError(f"The {what} is empty: {hint}.")
    if len(url) > MAX_URL_CHARS:
        raise PublishingError(f"The {what} is longer than {MAX_URL_CHARS} characters: {hint}.")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise PublishingError(f"The {what} contains spaces or control characters: {hint}.")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise PublishingError(f"The {what} {url!r} is not a valid URL ({exc}): {hint}.") from exc
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        raise PublishingError(f"The {what} {url!r} is not an http(s) link with a host: {hint}.")
    return url


def is_safe_url(url: str | None) -> bool:
    """Whether ``url`` passes :func:`check_url` (for links that come from articles)."""
    try:
        check_url(url or "")
    except PublishingError:
        return False
    return True


def check_name(name: str) -> str:
    """An organisation's name with spaces collapsed.

    Raises:
        PublishingError: empty, control characters, or longer than :data:`MAX_NAME_CHARS`.
    """
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME_CHARS or not name.isprintable():
        raise PublishingError(
            f"The publisher's name must be 1 to {MAX_NAME_CHARS} printable characters, "
            "e.g. attribution config set publisher.name 'Valley Fact Check'."
        )
    return name
