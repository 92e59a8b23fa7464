"""Accounts, roles and API tokens (attribution.ledger.users, .permissions) and the
``attribution users`` and ``attribution serve`` commands."""
from __future__ import annotations

import io
import re

import pytest

pytest.importorskip("argon2", reason="the web extra is not installed: pip install 'attribution[web]'")

from attribution.cli import main  # noqa: E402
from attribution.cli.serve import is_local  # noqa: E402
from attribution.errors import PermissionDenied, UserError  # noqa: E402
from attribution.ledger import Ledger  # noqa: E402
from attribution.ledger import permissions as perms  # noqa: E402
from attribution.ledger.users import Users  # noqa: E402


@pytest.fixture
def users():
    with Ledger(":memory:") as ledger:
        yield Users(ledger.db)


def test_passwords_are_stored_as_argon2_hashes(users):
    users.add("ana", "editor", "correct horse")
    stored = users.db.scalar("SELECT password_hash FROM users WHERE name = 'ana'")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert users.authenticate("ana", "correct horse").role == "editor"
    assert users.authenticate("ana", "wrong horse") is None
    assert users.authenticate("nobody", "correct horse") is None


@pytest.mark.parametrize(
    ("name", "role", "password"),
    [("", "reviewer", "long enough"), ("a b", "reviewer", "long enough"), ("x" * 65, "reviewer", "long enough"),
     ("ana", "owner", "long enough"), ("ana", "reviewer", "short"), ("ana", "reviewer", "p" * 2000)],
)
def test_bad_accounts_are_refused_with_a_coded_error(users, name, role, password):
    with pytest.raises(UserError, match=r"\[A061\]"):
        users.add(name, role, password)


def test_a_name_is_taken_once(users):
    users.add("ana", "reviewer", "long enough")
    with pytest.raises(UserError, match="already exists"):
        users.add("ana", "admin", "long enough")


def test_removing_a_user_ends_log_in_and_tokens(users):
    users.add("ana", "reviewer", "long enough")
    token = users.issue_token("ana")
    assert users.for_token(token).name == "ana"
    users.remove("ana")
    assert users.authenticate("ana", "long enough") is None and users.for_token(token) is None
    assert users.get("ana").active is False


def test_tokens_are_stored_hashed_and_can_be_revoked(users):
    users.add("ana", "reviewer", "long enough")
    token = users.issue_token("ana")
    assert token.startswith("atk_") and users.db.scalar("SELECT count(*) FROM api_tokens WHERE token_hash = ?", (token,)) == 0
    assert users.revoke_tokens("ana") == 1 and users.for_token(token) is None
    assert users.for_token("atk_" + "x" * 43) is None and users.for_token("") is None


def test_the_session_secret_is_made_once(users):
    assert users.secret("session") == users.secret("session") and len(users.secret("session")) >= 40


def _claim(status: str, reviewer: str | None = None):
    from attribution.ledger import Claim

    return Claim(
        id="c_1", article_id="a", version=1, start_char=0, end_char=1, text="x", kind="direct", speaker_id=None,
        speaker_names=[], speaker_mention=None, speaker_type="person", anonymous=False, cue=None, cue_class=None,
        stance=None, confidence=1.0, status=status, assignee=None, rating=None, rating_value=None,
        reviewer=reviewer, factcheck_url=None, verdict_at=None, published_at=None, group_id="c_1",
        created_at="", updated_at="",
    )


def test_roles_decide_who_publishes(users):
    rita = users.add("rita", "reviewer", "long enough")
    eddie = users.add("eddie", "editor", "long enough")
    ada = users.add("ada", "admin", "long enough")
    given = _claim("verdict_given", reviewer="rita")
    assert "publish" not in perms.claim_actions(rita, given)
    assert "publish" in perms.claim_actions(eddie, given) and "publish" in perms.claim_actions(ada, given)
    with pytest.raises(PermissionDenied, match=r"\[A060\] Only editors"):
        perms.check(rita, "publish", given)
    with pytest.raises(PermissionDenied, match="cannot also publish"):
        perms.check(eddie, "publish", _claim("verdict_given", reviewer="eddie"))
    perms.check(eddie, "publish", _claim("verdict_given", reviewer="eddie"), solo_desk=True)
    with pytest.raises(PermissionDenied):
        perms.check(eddie, "manage_users")


def test_actions_follow_the_workflow(users):
    rita = users.add("rita", "reviewer", "long enough")
    assert perms.claim_actions(rita, _claim("new"))[:2] == ["review", "dismiss"]
    assert "review" not in perms.claim_actions(rita, _claim("in_review"))
    assert "dismiss" not in perms.claim_actions(rita, _claim("published"))


# -- the CLI ---------------------------------------------------------------------------------
def test_users_add_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "l.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert main(["users", "add", "ana", "--role", "editor", "--password-stdin", "--ledger", path]) == 0
    assert "added ana (editor)" in capsys.readouterr().out
    with Ledger(path) as ledger:
        assert Users(ledger.db).authenticate("ana", "s3cret-pass") is not None


def test_users_add_without_password_stdin_is_a_coded_error(tmp_path, capsys):
    assert main(["users", "add", "ana", "--role", "editor", "--ledger", str(tmp_path / "l.sqlite")]) == 1
    assert "[A061]" in capsys.readouterr().err


def test_users_token_prints_a_token_once(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "l.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    main(["users", "add", "ana", "--role", "reviewer", "--password-stdin", "--ledger", path])
    capsys.readouterr()
    assert main(["users", "token", "ana", "--ledger", path]) == 0
    token = capsys.readouterr().out.strip()
    with Ledger(path) as ledger:
        assert Users(ledger.db).for_token(token).name == "ana"
    assert main(["users", "token", "nobody", "--ledger", path]) == 1


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                             ("0.0.0.0", False), ("192.168.1.5", False), ("desk.example", False)])
def test_serve_knows_which_hosts_are_local(host, local):
    assert is_local(host) is local


def test_serve_refuses_a_bad_port(tmp_path, capsys):
    assert main(["serve", "--port", "70000", "--ledger", str(tmp_path / "l.sqlite")]) == 1
    assert "--port must be between" in capsys.readouterr().err


def test_serve_needs_an_existing_ledger(tmp_path, capsys):
    assert main(["serve", "--ledger", str(tmp_path / "typo.sqlite")]) == 1
    assert "[A050]" in capsys.readouterr().err and not (tmp_path / "typo.sqlite").exists()


def test_users_list_never_creates_a_ledger(tmp_path, capsys):
    assert main(["users", "list", "--ledger", str(tmp_path / "typo.sqlite")]) == 1
    assert "[A050]" in capsys.readouterr().err and not (tmp_path / "typo.sqlite").exists()


def test_serve_binds_localhost_by_default_and_says_so(tmp_path):
    import subprocess
    import sys
    import time

    import httpx
    from web_helpers import free_port

    port = free_port()
    Ledger(tmp_path / "l.sqlite").close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "attribution", "serve", "--port", str(port), "--ledger", str(tmp_path / "l.sqlite")],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        said = [proc.stderr.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}/" in said[0] and "this machine only" in said[1] and "no users yet" in said[2]
        deadline = time.monotonic() + 30
        while True:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/healthz").text == "ok"
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the desk did not start"
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# -- hostile arguments ------------------------------------------------------------------------
HOSTILE = ["", " ", "-", "--", "0", "-1", "x" * 5000, "😀", "\x1b[31mred", "' OR 1=1 --", "%", "_",
           "javascript:alert(1)", "ana", "a b", "admin", "\u202eevil", "\r\n"]
LEDGERS = ["", "/", "/proc/nope/x.sqlite", "nodir/x.sqlite", "ünï/😀.sqlite", "ok.sqlite"]


def _users_argv(draw_word, draw_ledger, action: str) -> list[str]:
    argv = {
        "add": ["users", "add", draw_word, "--role", "reviewer", "--password-stdin"],
        "password": ["users", "password", draw_word, "--password-stdin"],
        "role": ["users", "role", draw_word, "editor"],
        "remove": ["users", "remove", draw_word],
        "token": ["users", "token", draw_word],
        "list": ["users", "list"],
    }[action]
    return [*argv, "--ledger", draw_ledger]


def test_users_commands_never_end_in_a_traceback(tmp_path, monkeypatch, capsys):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ATTRIBUTION_LEDGER", str(tmp_path / "default.sqlite"))  # where --ledger "" goes
    word = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20).filter(lambda s: "\x00" not in s))
    ledger = st.sampled_from(LEDGERS)
    action = st.sampled_from(["add", "password", "role", "remove", "token", "list"])
    password = st.one_of(st.sampled_from(["", "short", "long enough", "x" * 2000]), st.text(max_size=20))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(word, ledger, action, password)
    def run(name, path, what, secret):
        monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
        try:
            rc = main(_users_argv(name, path, what))
        except SystemExit as exc:  # argparse refuses an option-like name: usage and exit 2
            rc = exc.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert rc == 0 or (rc == 2 and "usage:" in err) or re.search(r"\[A\d{3}\]", err), (rc, err)

    run()
