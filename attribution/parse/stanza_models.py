"""Getting official Stanza models: stanza's own downloader, bounded in time.

:func:`download_official` asks ``stanza.download`` for the English processors the
backend uses (and what they depend on: pretrained vectors, character models) into a
directory that ``--parser stanza --model-dir DIR`` then loads.  Where the network or the
model hub cannot be reached it raises :class:`~attribution.errors.ModelDownloadFailed`
after at most ``timeout`` seconds of waiting for the hub's index of models (stanza's
``resources.json``, fetched here with that timeout because stanza's downloader waits
without limit), never a traceback.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelDownloadFailed

__all__ = ["OFFICIAL_PROCESSORS", "DOWNLOAD_TIMEOUT", "download_official"]

#: what the backend parses with; stanza adds the pretrained vectors and charlms they need
OFFICIAL_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
#: seconds to wait for the hub to connect or answer: long enough for a slow mirror,
#: short enough that an offline machine answers within a minute, not when TCP gives up
DOWNLOAD_TIMEOUT = 20.0

TRAIN_HINT = (
    "Where no model hub can be reached, copy the models from a machine that can (the "
    "folder this command fills there), or train a pack from UD treebanks with "
    "scripts/train_stanza_pack.py (see docs/stanza.md). Or use the embedded default "
    "parser: --parser spacy."
)


def _fetch_resources(resources_url: str, target: Path, timeout: float) -> None:
    """Fetch stanza's resources json (the index of every model) into ``target``, bounded
    by ``timeout``: stanza's downloader itself waits on a connection without limit."""
    import requests
    from stanza.resources.common import DEFAULT_RESOURCES_VERSION

    url = f"{resources_url.rstrip('/')}/resources_{DEFAULT_RESOURCES_VERSION}.json"
    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    (target / "resources.json").write_bytes(response.content)


def download_official(
    model_dir: str | os.PathLike,
    *,
    lang: str = "en",
    processors: str = OFFICIAL_PROCESSORS,
    timeout: float = DOWNLOAD_TIMEOUT,
    resources_url: str | None = None,
) -> Path:
    """Download the official Stanza models for ``lang`` into ``model_dir``.

    Args:
        model_dir: where to put ``resources.json`` and ``<lang>/``; created if missing.
        processors: which processors (stanza adds their dependencies).
        timeout: seconds to wait for the hub's index to connect or answer.
        resources_url: another location of stanza's ``resources_<version>.json`` (a
            mirror); default stanza's own.

    Returns:
        The model directory.

    Raises:
        ModelDownloadFailed: stanza is not installed, the hub cannot be reached, or
            the download failed part way; nothing is left half-announced (a partial
            download is not loadable and says so when loaded).
    """
    try:
        import stanza
    except ImportError as exc:
        raise ModelDownloadFailed("Stanza is not installed: pip install stanza. " + TRAIN_HINT) from exc
    target = Path(model_dir).expanduser()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelDownloadFailed(
            f"Cannot create the model directory {target}: {exc.strerror or exc}. "
            "Give a folder you can write to with --dir."
        ) from exc
    from stanza.resources.common import DEFAULT_RESOURCES_URL

    try:
        _fetch_resources(resources_url or DEFAULT_RESOURCES_URL, target, timeout)
        stanza.download(lang=lang, model_dir=str(target), processors=processors,
                        logging_level="WARN", download_json=False)
    except Exception as exc:  # requests, HTTP status, md5, unzip, unknown language ...
        reason = f"{type(exc).__name__}: {exc}".strip()
        raise ModelDownloadFailed(
            f"Could not download the official Stanza {stanza.__version__} '{lang}' models "
            f"into {target} ({_short(reason)}). {TRAIN_HINT}"
        ) from exc
    # stanza logs a warning and carries on where the hub lists no model for a processor
    missing = [p for p in processors.split(",") if not any((target / lang / p).glob("*.pt"))]
    if missing:
        raise ModelDownloadFailed(
            f"The model hub has no Stanza {stanza.__version__} '{lang}' model for "
            f"{', '.join(missing)}: {target} is incomplete. Ask for the processors it has "
            "(--processors), or use another hub (--resources-url)."
        )
    return target


def _short(reason: str, limit: int = 300) -> str:
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"
