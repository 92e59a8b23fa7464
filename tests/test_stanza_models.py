"""``attribution models stanza``: stanza's own downloader, failing fast and plainly where
the model hub cannot be reached (a refused port, a server that never answers), and
fetching from a hub that answers: a local mirror serving the shipped pack in the layout of
Stanza's own hub, so the real download path runs without the network."""
from __future__ import annotations

import functools
import hashlib
import json
import socket
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.errors import ModelDownloadFailed
from attribution.parse.stanza_backend import StanzaParser
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


PACK = Path(__file__).resolve().parents[1] / "fixtures" / "stanza-pack"
PACK_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is not a web server log
        pass


@pytest.fixture
def mirror(tmp_path):
    """A model hub on 127.0.0.1 laid out as Stanza's: ``resources_<version>.json`` (with
    md5 sums and the URL of each model) and ``en/<processor>/newsgum.pt``."""
    from stanza.resources.common import DEFAULT_RESOURCES_VERSION

    hub = tmp_path / "hub"
    resources = json.loads((PACK / "resources.json").read_text())
    for processor in PACK_PROCESSORS.split(","):
        data = (PACK / "en" / processor / "newsgum.pt").read_bytes()
        (hub / "en" / processor).mkdir(parents=True)
        (hub / "en" / processor / "newsgum.pt").write_bytes(data)
        resources["en"][processor]["newsgum"] = {"md5": hashlib.md5(data).hexdigest()}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(hub)))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    resources["url"] = url + "/{lang}/{filename}"
    (hub / f"resources_{DEFAULT_RESOURCES_VERSION}.json").write_text(json.dumps(resources))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()
    server.server_close()


def test_models_come_from_a_hub_that_answers(tmp_path, mirror):
    target = download_official(tmp_path / "models", processors=PACK_PROCESSORS, resources_url=mirror)
    for processor in PACK_PROCESSORS.split(","):
        assert (target / "en" / processor / "newsgum.pt").read_bytes() == (PACK / "en" / processor / "newsgum.pt").read_bytes()
    parsed = StanzaParser(model_dir=target).parse("“We will finish the bridge by June,” said Ana Torres.")
    assert [t.text for t in parsed.tokens][-3:] == ["Ana", "Torres", "."]


def test_cli_says_which_models_the_hub_lacks(tmp_path, mirror, capsys):
    status = main(["models", "stanza", "--dir", str(tmp_path / "m"), "--resources-url", mirror])
    err = capsys.readouterr().err
    assert status == 1 and "[A005] Could not download" in err and "ner" in err  # stanza's reason
    assert main(["models", "stanza", "--dir", str(tmp_path / "m"), "--resources-url", mirror,
                 "--processors", PACK_PROCESSORS]) == 0
    assert "--parser stanza --model-dir" in capsys.readouterr().err


def test_a_hub_that_lists_no_default_models_is_no_success(tmp_path, mirror):
    """stanza only warns ("Ignoring it") and writes nothing where the hub names no default
    package: the download is reported as incomplete, not as done."""
    from stanza.resources.common import DEFAULT_RESOURCES_VERSION

    index = tmp_path / "hub" / f"resources_{DEFAULT_RESOURCES_VERSION}.json"
    resources = json.loads(index.read_text())
    del resources["en"]["packages"]
    index.write_text(json.dumps(resources))
    with pytest.raises(ModelDownloadFailed, match=r"has no Stanza .* model for tokenize, mwt, pos"):
        download_official(tmp_path / "models", processors=PACK_PROCESSORS, resources_url=mirror)
