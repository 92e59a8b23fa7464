"""A real Ray cluster on this machine: a head and a second worker node, each started with
``ray start`` on 127.0.0.1 with bounded ports and one CPU.  ``extract --engine ray
--address`` runs on it and gives the lines of a local run; with an actor process killed
in the middle of a run, Ray restarts it and the run still gives every line.

The cluster is stopped afterwards by ending exactly the processes it started (those whose
command line names its temporary folder, and their children), never with a broad
``ray stop`` that would end other people's Ray processes on a shared machine; the test
checks that none is left.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'attribution[ray]')")
# psutil comes with Ray (importing ray puts its bundled copy on the path)
psutil = pytest.importorskip("psutil", reason="psutil (bundled with Ray) is not importable")

from attribution.distributed import read_shards  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAY = Path(sys.executable).with_name("ray")
ARTICLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "articles").glob("*.txt"))
#: ports a node takes from its base: GCS (head only), node manager, object manager,
#: dashboard, two dashboard agent ports, runtime env agent, metrics, then worker ports
PORT_OFFSETS = {"port": 0, "node-manager-port": 1, "object-manager-port": 2,
                "dashboard-port": 3, "dashboard-agent-listen-port": 4,
                "dashboard-agent-grpc-port": 5, "runtime-env-agent-port": 6,
                "metrics-export-port": 7, "ray-client-server-port": 8}
HEAD_ONLY = ("port", "dashboard-port", "ray-client-server-port")
WORKER_PORTS = (10, 39)  # 30 worker processes a node at most: actors, read tasks, drivers
NODE_PORT_SPAN = 40
#: where the test cluster's ports are drawn from: above the ports Ray Client's per-client
#: servers take (23000-23999) and below the kernel's ephemeral ports (from 32768)
PORT_RANGE = (24000, 32768)
NODE_OBJECT_STORE_BYTES = 100 * 1024**2
START_TIMEOUT_S = 120
RUN_TIMEOUT_S = 600
#: the killed run's corpus: the fixture articles this many times over (360 documents,
#: some 72,000 words: each actor parses for about 8 CPU seconds after loading the parser)
COPIES = 60
#: Ray Client starts a server process per connecting client; on a loaded two-core machine
#: that process has now and then died while starting (Ray's own "Starting Ray client server
#: failed", before any of our code runs). The run is tried again that often, and only then.
CLIENT_SERVER_ATTEMPTS = 2
CLIENT_SERVER_FAILED = "Starting Ray client server failed"
#: CPU seconds an actor has used when it is killed: more than starting a Ray worker and
#: loading spaCy take (about 3 s), well before its share of the corpus is done (about 11 s)
KILL_AFTER_CPU_S = 4.5


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _base_port() -> int:
    """A base from which two nodes' ports are all free right now."""
    for _ in range(50):
        base = PORT_RANGE[0] + secrets.randbelow(PORT_RANGE[1] - PORT_RANGE[0] - 2 * NODE_PORT_SPAN)
        if all(_free(base + k) for k in range(2 * NODE_PORT_SPAN)):
            return base
    pytest.skip("no free run of 80 ports on 127.0.0.1 for a test Ray cluster")


class Cluster:
    def __init__(self) -> None:
        self.temp = tempfile.mkdtemp(prefix="rayt-", dir="/tmp")  # short: Ray's socket paths
        self.base = _base_port()
        self.address = f"127.0.0.1:{self.base}"
        self.client_address = f"ray://127.0.0.1:{self.base + PORT_OFFSETS['ray-client-server-port']}"
        self.env = {**os.environ, "RAY_AUTH_MODE": "token",
                    "RAY_AUTH_TOKEN": secrets.token_hex(32), "RAY_USAGE_STATS_ENABLED": "0"}

    def node_args(self, index: int) -> list[str]:
        base = self.base + index * NODE_PORT_SPAN
        args = ["--node-ip-address", "127.0.0.1", "--num-cpus", "1", "--temp-dir", self.temp,
                "--object-store-memory", str(NODE_OBJECT_STORE_BYTES), "--disable-usage-stats",
                "--min-worker-port", str(base + WORKER_PORTS[0]),
                "--max-worker-port", str(base + WORKER_PORTS[1])]
        for flag, offset in PORT_OFFSETS.items():
            if index and flag in HEAD_ONLY:
                continue
            args += [f"--{flag}", str(base + offset)]
        if index == 0:
            args += ["--head", "--include-dashboard=false"]
        else:
            args += ["--address", self.address]
        return args

    def start(self) -> None:
        for index in (0, 1):
            done = subprocess.run([str(RAY), "start", *self.node_args(index)], env=self.env,
                                  capture_output=True, text=True, timeout=START_TIMEOUT_S)
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(self.raylets()) < 2:
            assert time.monotonic() < deadline, "the second node did not come up"
            time.sleep(0.5)

    def processes(self) -> list[psutil.Process]:
        """Every live process of this cluster: those naming its folder, and their children."""
        found: dict[int, psutil.Process] = {}
        for proc in psutil.process_iter(["cmdline"]):
            try:
                if self.temp in " ".join(proc.info["cmdline"] or ()):
                    found[proc.pid] = proc
                    found.update({c.pid: c for c in proc.children(recursive=True)})
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return [p for p in found.values() if _alive(p)]

    def client_server_logs(self) -> str:
        """The tail of each Ray Client server's error log, for a failure message."""
        tails = []
        for log in sorted(Path(self.temp).glob("session_*/logs/ray_client_server*.err")):
            tails.append(f"\n--- {log.name}:\n" + log.read_text(encoding="utf-8", errors="replace")[-1500:])
        return "".join(tails)

    def raylets(self) -> list[psutil.Process]:
        return [p for p in self.processes() if "raylet" in _name(p) and "raylet" in " ".join(_cmd(p))[:300]]

    def actors(self) -> list[psutil.Process]:
        return [p for p in self.processes() if "Extractor" in " ".join(_cmd(p))]

    def stop(self) -> None:
        procs = self.processes()
        for p in procs:
            _signal(p, signal.SIGTERM)
        _, alive = psutil.wait_procs(procs, timeout=10)
        for p in alive:
            _signal(p, signal.SIGKILL)
        psutil.wait_procs(alive, timeout=10)
        shutil.rmtree(self.temp, ignore_errors=True)


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _name(p: psutil.Process) -> str:
    try:
        return p.name()
    except psutil.Error:
        return ""


def _cmd(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def _cpu_seconds(p: psutil.Process) -> float:
    try:
        return p.cpu_times().user
    except psutil.Error:
        return 0.0


def _signal(p: psutil.Process, sig: int) -> None:
    try:
        p.send_signal(sig)
    except psutil.NoSuchProcess:
        pass


@pytest.fixture(scope="module")
def cluster():
    if not RAY.exists():
        pytest.skip(f"the ray command is not beside this Python ({RAY})")
    c = Cluster()
    try:
        c.start()
        yield c
    finally:
        c.stop()
        left = c.processes()
        assert not left, f"processes of the test cluster are still running: {[p.pid for p in left]}"


def _corpus(tmp_path: Path, copies: int) -> Path:
    """The fixture articles ``copies`` times over as JSONL, each with its own id."""
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for name in ARTICLES:
                text = (ROOT / name).read_text(encoding="utf-8")
                out.write(json.dumps({"id": f"{k}/{Path(name).stem}", "text": text}) + "\n")
    return path


def _extract(cluster: Cluster, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "attribution", "extract", *args], cwd=ROOT, env=cluster.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _local(paths: list[str], out: Path, *extra: str) -> list[str]:
    subprocess.run([sys.executable, "-m", "attribution", "extract", "--jobs", "1", *extra, *paths,
                    "--output", str(out)], cwd=ROOT, check=True, capture_output=True)
    return out.read_text(encoding="utf-8").splitlines()


def by_id(lines: list[str]) -> list[str]:
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def test_extract_through_address_uses_both_nodes_and_gives_the_local_lines(cluster, tmp_path):
    expected = _local(ARTICLES, tmp_path / "local.jsonl")
    out = tmp_path / "shards"
    run = _extract(cluster, ["--engine", "ray", "--address", cluster.address, "--no-progress",
                             *ARTICLES, "--output", str(out)])
    _, err = run.communicate(timeout=RUN_TIMEOUT_S)
    assert run.returncode == 0, err[-3000:]
    assert "2 actors" in err  # one a CPU: one on each node
    assert by_id([line for _, line in read_shards(str(out))]) == by_id(expected)


def test_extract_through_a_ray_client_address_gives_the_local_lines(cluster, tmp_path):
    pytest.importorskip("grpc", reason="ray:// needs Ray Client (pip install 'ray[client]')")
    expected = _local(ARTICLES[:3], tmp_path / "local.jsonl")
    for attempt in range(CLIENT_SERVER_ATTEMPTS):
        out = tmp_path / f"shards{attempt}"
        run = _extract(cluster, ["--engine", "ray", "--address", cluster.client_address,
                                 "--no-progress", *ARTICLES[:3], "--output", str(out)])
        _, err = run.communicate(timeout=RUN_TIMEOUT_S)
        if run.returncode == 0 or CLIENT_SERVER_FAILED not in err:
            break
    assert run.returncode == 0, err[-3000:] + cluster.client_server_logs()
    assert by_id([line for _, line in read_shards(str(out))]) == by_id(expected)


def test_a_worker_killed_mid_run_is_restarted_and_the_run_gives_every_line(cluster, tmp_path):
    corpus = _corpus(tmp_path, copies=COPIES)
    expected = _local([str(corpus)], tmp_path / "local.jsonl", "--input", "jsonl")
    out = tmp_path / "shards"
    earlier = {p.pid for p in cluster.actors()}  # actors of earlier runs, on their way out
    run = _extract(cluster, ["--engine", "ray", "--address", cluster.address, "--no-progress",
                             "--input", "jsonl", str(corpus), "--output", str(out)])
    deadline = time.monotonic() + RUN_TIMEOUT_S
    victim = None
    while victim is None and run.poll() is None:
        assert time.monotonic() < deadline, "no actor of this run got to work"
        # an actor that has loaded the parser and started on a batch: kill it as a crash would
        victim = next((p for p in cluster.actors()
                       if p.pid not in earlier and _cpu_seconds(p) >= KILL_AFTER_CPU_S), None)
        time.sleep(0.2)
    assert victim is not None and run.poll() is None, "the run ended before a worker could be killed"
    _signal(victim, signal.SIGKILL)
    _, err = run.communicate(timeout=RUN_TIMEOUT_S)
    assert run.returncode == 0, err[-3000:]
    got = [line for _, line in read_shards(str(out))]
    assert len(got) == len(expected) == COPIES * len(ARTICLES)
    assert by_id(got) == by_id(expected)
    assert not victim.is_running() or victim.status() == psutil.STATUS_ZOMBIE
