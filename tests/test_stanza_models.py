"""``attribution models stanza``: stanza's own downloader, failing fast and plainly where
the model hub cannot be reached (a refused port, a server that never answers)."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from attribution.cli import main
from attribution.errors import ModelDownloadFailed
from attribution.parse.stanza_models import download_official

pytest.importorskip("stanza")

# A test of the timeout must not wait long: the silent server is given this long, and
# the download must give up well within the bound below.
SHORT_TIMEOUT = 1.0
GIVES_UP_WITHIN = 15.0


def _refused_url() -> str:
    """An address where nothing listens: the port of a socket just closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_an_unreachable_hub_is_a_coded_error(tmp_path):
    with pytest.raises(ModelDownloadFailed, match=r"^\[A005\] Could not download the official Stanza") as info:
        download_official(tmp_path / "models", resources_url=_refused_url(), timeout=SHORT_TIMEOUT)
    assert "scripts/train_stanza_pack.py" in str(info.value) and "--parser spacy" in str(info.value)


def test_a_server_that_never_answers_does_not_hang(tmp_path, silent_server):
    started = time.monotonic()
    with pytest.raises(ModelDownloadFailed, match="timed out|Timeout"):
        download_official(tmp_path / "models", resources_url=silent_server, timeout=SHORT_TIMEOUT)
    assert time.monotonic() - started < GIVES_UP_WITHIN


def test_an_unwritable_directory_is_a_coded_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ModelDownloadFailed, match="Cannot create the model directory"):
        download_official(blocker / "models", resources_url=_refused_url())


def test_cli_says_plainly_that_the_download_failed(tmp_path, capsys):
    status = main(["models", "stanza", "--dir", str(tmp_path / "m"), "--timeout", "1",
                   "--resources-url", _refused_url()])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("attribution models: error: [A005] Could not download")
    assert "Traceback" not in err


def test_cli_refuses_a_bad_timeout(capsys):
    with pytest.raises(SystemExit) as info:
        main(["models", "stanza", "--dir", "x", "--timeout", "0"])
    assert info.value.code == 2 and "give more than 0 seconds" in capsys.readouterr().err
