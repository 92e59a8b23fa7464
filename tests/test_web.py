"""The review desk over HTTP (Starlette's TestClient): log-in, sessions, CSRF, roles,
escaping of hostile article text, the queue, the claim page and the JSON API."""
from __future__ import annotations

import json
import re
import shutil

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install 'attribution[web]'")

from starlette.testclient import TestClient  # noqa: E402
from web_helpers import (  # noqa: E402
    COUNCIL,
    HOSTILE_ID,
    HOSTILE_LINK,
    HOSTILE_SCRIPT,
    PASSWORDS,
    PUBLISHER,
    csrf_of,
    make_ledger,
)

from attribution.ledger import Ledger  # noqa: E402
from attribution.web import create_app  # noqa: E402
from attribution.web.security import LoginLimiter  # noqa: E402

MAYOR = "We will finish the bridge by June"


@pytest.fixture(scope="module")
def template_ledger(tmp_path_factory):
    return make_ledger(tmp_path_factory.mktemp("web") / "ledger.sqlite")


@pytest.fixture
def ledger_path(template_ledger, tmp_path):
    """A fresh copy of the module's ledger (argon2 hashing is slow by design: done once)."""
    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(template_ledger, path)
    return path


@pytest.fixture
def app(ledger_path):
    return create_app(str(ledger_path), limiter=LoginLimiter(allowed=3, window_s=60))


def client(app) -> TestClient:
    return TestClient(app, base_url="http://desk.test")


def login(app, name: str) -> tuple[TestClient, str]:
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": name, "password": PASSWORDS[name], "csrf_token": token},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/queue").text)


def claim_id(ledger_path, text: str, article: str | None = None) -> str:
    """The one claim of ``article`` (default: the first council article for the mayor's
    words, which the second one repeats) whose statement contains ``text``."""
    article = article or ("riverside-bridge" if text == MAYOR else None)
    with Ledger(ledger_path, readonly=True) as ledger:
        found = [c for c in ledger.claims(article=article) if text in c.text]
    assert len(found) == 1, found
    return found[0].id


def claim(ledger_path, cid: str):
    with Ledger(ledger_path, readonly=True) as ledger:
        return ledger.claim(cid), ledger.history(cid)


def to_verdict(c: TestClient, csrf: str, cid: str, url: str = "https://checks.example.org/bridge") -> None:
    for action, data in (("review", {}), ("verdict", {"rating": "Misleading", "value": "2", "url": url})):
        r = c.post(f"/claims/{cid}/{action}", data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert r.status_code == 303, r.text


# -- without a session ---------------------------------------------------------------------
def test_healthz_answers_without_login(app):
    r = client(app).get("/healthz")
    assert (r.status_code, r.text) == (200, "ok")


@pytest.mark.parametrize("path", ["/queue", "/claims/c_0000", "/speakers", "/export", "/users", "/articles/x"])
def test_pages_need_a_session(app, path):
    r = client(app).get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_api_without_session_is_401_json(app):
    r = client(app).get("/api/claims")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/json") and "error" in r.json()


def test_a_forged_session_cookie_is_not_a_session(app):
    c = client(app)
    c.cookies.set("attribution_session", "eyJ1c2VyIjogImFkYSJ9.forged.sig")
    assert c.get("/queue", follow_redirects=False).status_code == 303


# -- log-in ----------------------------------------------------------------------------------
def test_login_sets_a_signed_httponly_lax_cookie(app):
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token},
               follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert r.status_code == 303 and "httponly" in cookie and "samesite=lax" in cookie
    assert "rita" in c.get("/queue").text


def test_wrong_password_is_refused(app):
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "rita", "password": "nope-nope", "csrf_token": token})
    assert r.status_code == 401 and "wrong password" in r.text
    assert c.get("/queue", follow_redirects=False).status_code == 303


def test_login_without_csrf_token_is_403(app):
    r = client(app).post("/login", data={"username": "rita", "password": PASSWORDS["rita"]})
    assert r.status_code == 403


def test_login_attempts_are_rate_limited(app):
    c = client(app)
    token = csrf_of(c.get("/login").text)
    for _ in range(3):
        c.post("/login", data={"username": "rita", "password": "bad-guess-1", "csrf_token": token})
    r = c.post("/login", data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token})
    assert r.status_code == 429 and "Too many failed log-ins" in r.text


def test_next_after_login_stays_on_this_site(app):
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "rita", "password": PASSWORDS["rita"], "csrf_token": token,
                               "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/queue"


def test_logout_ends_the_session(app):
    c, csrf = login(app, "rita")
    assert c.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert c.get("/queue", follow_redirects=False).status_code == 303


# -- CSRF ------------------------------------------------------------------------------------
def test_post_without_csrf_token_is_403_and_changes_nothing(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    r = c.post(f"/claims/{cid}/review", data={})
    assert r.status_code == 403
    assert claim(ledger_path, cid)[0].status == "new"


def test_post_with_a_wrong_csrf_token_is_403(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    assert c.post(f"/claims/{cid}/review", data={"csrf_token": "x" * 43}).status_code == 403


def test_post_from_another_origin_is_403(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    r = c.post(f"/claims/{cid}/review", data={"csrf_token": csrf}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and claim(ledger_path, cid)[0].status == "new"


def test_get_never_changes_a_claim(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    assert c.get(f"/claims/{cid}/review").status_code == 405


# -- roles and actors ------------------------------------------------------------------------
def test_the_actor_is_the_logged_in_user(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    c.post(f"/claims/{cid}/review", data={"csrf_token": csrf, "actor": "mallory"})
    c.post(f"/claims/{cid}/note", data={"csrf_token": csrf, "text": "check the minutes", "actor": "mallory"})
    found, history = claim(ledger_path, cid)
    assert found.status == "in_review" and found.assignee == "rita"
    assert [e.actor for e in history if e.action in ("review", "note")] == ["rita", "rita"]


def test_a_reviewer_cannot_publish(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    to_verdict(c, csrf, cid)
    page = c.get(f"/claims/{cid}").text
    assert 'action="/claims/' + cid + '/publish"' not in page and "Only editors may publish" in page
    r = c.post(f"/claims/{cid}/publish", data={"csrf_token": csrf})
    assert r.status_code == 403 and "[A060]" in r.text
    assert claim(ledger_path, cid)[0].status == "verdict_given"


def test_an_editor_cannot_publish_their_own_verdict(app, ledger_path):
    c, csrf = login(app, "eddie")
    cid = claim_id(ledger_path, MAYOR)
    to_verdict(c, csrf, cid)
    r = c.post(f"/claims/{cid}/publish", data={"csrf_token": csrf})
    assert r.status_code == 403 and "cannot also publish it" in r.text
    other, other_csrf = login(app, "erin")
    assert other.post(f"/claims/{cid}/publish", data={"csrf_token": other_csrf}, follow_redirects=False).status_code == 303
    found, history = claim(ledger_path, cid)
    assert found.status == "published" and history[-1].actor == "erin"


def test_a_one_person_desk_lets_an_editor_publish_their_own_verdict(app, ledger_path):
    with Ledger(ledger_path) as ledger:
        ledger.set_config("desk.one_person", "yes", actor="ada")
    c, csrf = login(app, "eddie")
    cid = claim_id(ledger_path, MAYOR)
    to_verdict(c, csrf, cid)
    assert c.post(f"/claims/{cid}/publish", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert claim(ledger_path, cid)[0].status == "published"


def test_actions_follow_the_claims_state(app, ledger_path):
    c, csrf = login(app, "erin")
    cid = claim_id(ledger_path, MAYOR)
    page = c.get(f"/claims/{cid}").text
    assert f"/claims/{cid}/review" in page and f"/claims/{cid}/publish" not in page
    r = c.post(f"/claims/{cid}/publish", data={"csrf_token": csrf})
    assert r.status_code == 409 and "[A042]" in r.text


def test_only_admins_manage_users(app):
    c, csrf = login(app, "eddie")
    assert c.get("/users").status_code == 403
    r = c.post("/users/add", data={"csrf_token": csrf, "name": "zed", "role": "admin", "password": "zed-pass-1"})
    assert r.status_code == 403
    admin, admin_csrf = login(app, "ada")
    r = admin.post("/users/add", data={"csrf_token": admin_csrf, "name": "zed", "role": "reviewer",
                                       "password": "zed-pass-1"}, follow_redirects=False)
    assert r.status_code == 303 and "zed" in admin.get("/users").text


# -- hostile text ----------------------------------------------------------------------------
def test_hostile_article_text_is_shown_as_text(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, "never close the harbour")
    for path in (f"/claims/{cid}", f"/articles/{HOSTILE_ID}", "/queue", "/speakers"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert HOSTILE_SCRIPT not in r.text and "<img src=x" not in r.text, path
        assert 'href="javascript:' not in r.text.lower(), path
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "&lt;script&gt;" in c.get(f"/claims/{cid}").text
    assert HOSTILE_LINK in c.get(f"/articles/{HOSTILE_ID}").text.replace("&#39;", "'")


def test_the_page_has_no_inline_script(app):
    c, _ = login(app, "rita")
    html = c.get("/queue").text
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert scripts == [""] and 'src="/static/htmx.min.js"' in html
    assert not re.search(r"<[^>]+\son[a-z]+=", html)


# -- queue, claim, article, exports ------------------------------------------------------------
def test_queue_counts_filters_and_pages(app):
    c, _ = login(app, "rita")
    page = c.get("/queue").text
    assert re.search(r'data-status="new">new <b>(\d+)</b>', page)
    everyone = re.findall(r'class="claim-row" data-claim="([^"]+)"', page)
    first = re.findall(r'class="claim-row" data-claim="([^"]+)"', c.get("/queue?per_page=25&sort=id").text)
    assert len(everyone) == 8 and sorted(everyone) == first
    dismissed = re.findall(r'class="claim-row" data-claim="([^"]+)"', c.get("/queue?status=dismissed").text)
    assert len(dismissed) == 1
    torres = c.get("/queue?speaker=Torres&kind=direct").text
    assert MAYOR in torres and "steel" not in torres.lower().split("<tbody>")[1]
    assert c.get("/queue?page=0").status_code == 400
    assert c.get("/queue?status=bogus").status_code == 400


def test_queue_filter_returns_only_the_results_to_htmx(app):
    c, _ = login(app, "rita")
    r = c.get("/queue?status=new", headers={"hx-request": "true", "hx-target": "results"})
    assert "<html" not in r.text and "claim-row" in r.text


def test_bulk_assign(app, ledger_path):
    c, csrf = login(app, "rita")
    ids = [claim_id(ledger_path, MAYOR), claim_id(ledger_path, "carries twice")]
    r = c.post("/queue/assign", data={"csrf_token": csrf, "ids": ids, "to": "eddie"}, follow_redirects=False)
    assert r.status_code == 303
    assert [claim(ledger_path, i)[0].assignee for i in ids] == ["eddie", "eddie"]
    mine = c.get("/queue?assignee=eddie").text
    assert all(i in mine for i in ids)
    r = c.post("/queue/assign", data={"csrf_token": csrf, "ids": ids, "to": "nobody-here"})
    assert r.status_code == 400 and claim(ledger_path, ids[0])[0].assignee == "eddie"


def test_claim_page_marks_statement_mention_and_cue(app, ledger_path):
    c, _ = login(app, "rita")
    page = c.get(f"/claims/{claim_id(ledger_path, MAYOR)}").text
    assert f'<mark class="m-claim ">{MAYOR},</mark>' in page
    assert '<mark class="m-speaker ">Mayor Ana Torres</mark>' in page
    assert '<mark class="m-cue ">said</mark>' in page
    assert "Named in the mention" in page and "0.90" in page


def test_article_page_marks_every_claim(app):
    c, _ = login(app, "rita")
    page = c.get("/articles/riverside-bridge").text
    marked = set(re.findall(r'class="m-claim" href="/claims/(c_[0-9a-f]+)"', page))
    assert len(marked) == 4 and 'id="versions"' in page
    assert c.get("/articles/riverside-bridge?version=x").status_code == 400
    assert c.get("/articles/no-such-article").status_code == 404


def test_a_reviewer_corrects_the_speaker(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    r = c.post(f"/claims/{cid}/correct", data={"csrf_token": csrf, "speaker": "Tomas Reyes"}, follow_redirects=False)
    assert r.status_code == 303
    found, history = claim(ledger_path, cid)
    assert found.speaker_names == ["Tomas Reyes"]
    assert history[-1].action == "correct" and history[-1].actor == "rita"
    assert history[-1].before["speaker_names"] == ["Ana Torres"]
    r = c.post(f"/claims/{cid}/correct", data={"csrf_token": csrf, "start": "-3"})
    assert r.status_code == 400 and "character offset" in r.text


def test_speakers_are_merged_and_split_from_the_registry_page(app, ledger_path):
    c, csrf = login(app, "rita")
    c.post(f"/claims/{claim_id(ledger_path, MAYOR)}/correct", data={"csrf_token": csrf, "speaker": "A. Torres"})
    r = c.post("/speakers/merge", data={"csrf_token": csrf, "keep": "Ana Torres", "other": "A. Torres",
                                        "reason": "same mayor"}, follow_redirects=False)
    assert r.status_code == 303
    with Ledger(ledger_path, readonly=True) as ledger:
        assert not [s for s in ledger.speakers() if s.name == "A. Torres"]
    r = c.post("/api/speakers/split", json={"speaker": "A. Torres"}, headers={"x-csrf-token": csrf})
    assert r.status_code == 200, r.text
    with Ledger(ledger_path, readonly=True) as ledger:
        assert [s for s in ledger.speakers() if s.name == "A. Torres"]
    assert c.post("/speakers/merge", data={"keep": "x", "other": "y"}).status_code == 403


def test_a_speaker_page_explains_aliases_and_merges(app, ledger_path):
    c, csrf = login(app, "rita")
    c.post(f"/claims/{claim_id(ledger_path, MAYOR)}/correct", data={"csrf_token": csrf, "speaker": "A. Torres"})
    r = c.post("/speakers/merge", data={"csrf_token": csrf, "keep": "Ana Torres", "other": "A. Torres",
                                        "reason": "same mayor"})
    assert r.status_code == 200 and "<h1 id=\"speaker-name\">Ana Torres" in r.text
    assert "Mayor Ana Torres" in r.text and "same mayor" in r.text and "A. Torres" in r.text
    assert c.get("/speakers/s_nobody").status_code == 404


def test_tags_are_added_and_removed(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    c.post(f"/claims/{cid}/tag", data={"csrf_token": csrf, "tags": "budget, bridge"})
    assert claim(ledger_path, cid)[0].tags == ["bridge", "budget"]
    c.post(f"/claims/{cid}/untag", data={"csrf_token": csrf, "tags": "bridge"})
    assert claim(ledger_path, cid)[0].tags == ["budget"]


def test_speakers_page_lists_the_registry(app):
    c, _ = login(app, "rita")
    assert "Ana Torres" in c.get("/speakers").text


def test_claimreview_export_is_a_download_of_published_claims(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    to_verdict(c, csrf, cid)
    editor, editor_csrf = login(app, "eddie")
    editor.post(f"/claims/{cid}/publish", data={"csrf_token": editor_csrf})
    r = editor.get("/export?format=claimreview")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    body = r.json()
    reviews = body if isinstance(body, list) else body.get("@graph", [body])
    assert len(reviews) == 1 and reviews[0]["author"]["name"] == PUBLISHER
    assert MAYOR in json.dumps(reviews[0])


# -- JSON API --------------------------------------------------------------------------------
def test_api_lists_claims_with_filters(app, ledger_path):
    c, csrf = login(app, "rita")
    everything = c.get("/api/claims").json()
    assert isinstance(everything, list) and all("id" in x for x in everything) and len(everything) == 8
    c.post("/queue/assign", data={"csrf_token": csrf, "ids": [everything[0]["id"]], "to": "me"})
    assert [x["id"] for x in c.get("/api/claims?assignee=me").json()] == [everything[0]["id"]]
    assert len(c.get("/api/claims?assignee=none").json()) == 7
    assert c.get("/api/claims?per_page=abc").status_code == 400


def test_api_claim_has_history_and_allowed_actions(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    body = c.get(f"/api/claims/{cid}").json()
    assert body["id"] == cid and body["history"][0]["action"] == "created"
    assert "review" in body["actions"] and "publish" not in body["actions"]
    assert c.get("/api/claims/c_ffffffffff").status_code == 404


def test_api_session_post_needs_the_csrf_header(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    assert c.post(f"/api/claims/{cid}/review", json={}).status_code == 403
    r = c.post(f"/api/claims/{cid}/review", json={}, headers={"x-csrf-token": csrf})
    assert r.status_code == 200 and r.json()["status"] == "in_review"


def test_api_bearer_token_acts_as_its_user(app, ledger_path):
    from attribution.ledger.users import Users

    with Ledger(ledger_path) as ledger:
        token = Users(ledger.db).issue_token("rita")
    api = client(app)
    auth = {"authorization": f"Bearer {token}"}
    cid = claim_id(ledger_path, MAYOR)
    assert api.post(f"/api/claims/{cid}/review", headers=auth).json()["status"] == "in_review"
    r = api.post(f"/api/claims/{cid}/verdict", headers=auth, json={"rating": "False", "url": "https://c.example/x"})
    assert r.status_code == 200 and r.json()["rating"] == "False"
    r = api.post(f"/api/claims/{cid}/publish", headers=auth, json={})
    assert r.status_code == 403 and r.json()["code"] == "A060"
    assert claim(ledger_path, cid)[1][-1].actor == "rita"
    assert api.get("/api/claims", headers={"authorization": "Bearer atk_forged"}).status_code == 401


def test_api_refuses_bad_input_with_a_coded_error(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    headers = {"x-csrf-token": csrf}
    c.post(f"/api/claims/{cid}/review", json={}, headers=headers)
    r = c.post(f"/api/claims/{cid}/verdict", json={"rating": "True", "value": "nan"}, headers=headers)
    assert r.status_code == 400 and r.json()["code"]
    r = c.post(f"/api/claims/{cid}/verdict", json={"rating": "False", "url": HOSTILE_LINK}, headers=headers)
    assert r.status_code == 400 and claim(ledger_path, cid)[0].rating is None
    r = c.post(f"/api/claims/{cid}/verdict", content=b"[1, 2]", headers={**headers, "content-type": "application/json"})
    assert r.status_code == 400
    assert c.post(f"/api/claims/{cid}/launch", json={}, headers=headers).status_code == 400


def test_conflicting_verdicts_on_repeats_are_marked_and_filtered(app, ledger_path):
    c, csrf = login(app, "rita")
    first = claim_id(ledger_path, MAYOR)
    second = claim_id(ledger_path, MAYOR, article="riverside-bridge-steel")
    to_verdict(c, csrf, first)
    c.post(f"/claims/{second}/review", data={"csrf_token": csrf})
    c.post(f"/claims/{second}/verdict", data={"csrf_token": csrf, "rating": "False"})
    page = c.get(f"/claims/{first}").text
    assert f'href="/claims/{second}"' in page and "conflicts with this verdict" in page
    listed = set(re.findall(r'class="claim-row" data-claim="([^"]+)"', c.get("/queue?conflicts=1").text))
    assert listed == {first, second}


def test_api_assigns_several_claims_at_once(app, ledger_path):
    c, csrf = login(app, "rita")
    ids = [claim_id(ledger_path, MAYOR), claim_id(ledger_path, "carries twice")]
    r = c.post("/api/claims/assign", json={"ids": ids, "to": "erin"}, headers={"x-csrf-token": csrf})
    assert r.status_code == 200 and [x["assignee"] for x in r.json()] == ["erin", "erin"]
    r = c.post("/api/claims/assign", json={"ids": [ids[0], "c_ffffffffff"], "to": "me"}, headers={"x-csrf-token": csrf})
    assert r.status_code == 404 and claim(ledger_path, ids[0])[0].assignee == "erin"
    assert c.post("/api/claims/assign", json={"ids": "c_1"}, headers={"x-csrf-token": csrf}).status_code == 400


def test_an_oversized_request_body_is_refused(app, ledger_path):
    c, csrf = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    r = c.post(f"/claims/{cid}/note", data={"csrf_token": csrf, "text": "x" * (2 * 1024 * 1024)})
    assert r.status_code == 413 and claim(ledger_path, cid)[1][-1].action == "created"


def test_a_refused_htmx_request_swaps_in_the_error_page(app, ledger_path):
    c, _ = login(app, "rita")
    cid = claim_id(ledger_path, MAYOR)
    r = c.post(f"/claims/{cid}/review", data={}, headers={"hx-request": "true"})
    assert r.status_code == 403 and r.headers["hx-retarget"] == "main" and "<main>" in r.text


def test_a_withdrawn_claim_says_so(app, ledger_path, tmp_path):
    line = json.loads(COUNCIL.read_text(encoding="utf-8").splitlines()[0])
    line["text"] += "\nThis article was updated.\n"
    line["quotes"] = [q for q in line["quotes"] if "carries twice" not in q["text"]]
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    gone = claim_id(ledger_path, "carries twice")
    with Ledger(ledger_path) as ledger:
        assert ledger.ingest_files([str(newer)])[0].outcome == "new_version"
    c, _ = login(app, "rita")
    page = c.get(f"/claims/{gone}").text
    assert 'id="withdrawn"' in page and "version 2 of the article no longer has" in page
    assert f"/claims/{gone}/correct" not in page


HOSTILE_VALUES = ["", "0", "-1", "99999999999999999999", "1e309", "nan", "%", "_", "' OR 1=1 --", "😀",
                  "\x1b[31m", "x" * 300, "<script>", "none", "me", "yes", "1", "published", "c_0000"]
QUERY_NAMES = ["status", "assignee", "speaker", "outlet", "kind", "anonymous", "conflicts", "q", "tag",
               "article", "sort", "desc", "page", "per_page", "format", "version"]


def test_hostile_query_strings_never_break_a_page(app):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    c, _ = login(app, "rita")
    c = TestClient(app, base_url="http://desk.test", raise_server_exceptions=False, cookies=c.cookies)
    text = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=12))
    params = st.dictionaries(st.sampled_from(QUERY_NAMES), text, max_size=4)
    paths = st.sampled_from(["/queue", "/api/claims", "/export", "/speakers", "/articles/riverside-bridge"])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(paths, params)
    def run(path, query):
        r = c.get(path, params=query)
        assert r.status_code in (200, 400, 404), (path, query, r.status_code, r.text[:300])
        if r.status_code != 200:
            assert re.search(r"\[A\d{3}\]|\"code\": \"A\d{3}\"", r.text.replace("&quot;", '"')) or r.json()["code"]

    run()


def test_hostile_form_fields_never_break_an_action(app, ledger_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    c, csrf = login(app, "eddie")
    c = TestClient(app, base_url="http://desk.test", raise_server_exceptions=False, cookies=c.cookies)
    cid = claim_id(ledger_path, MAYOR)
    text = st.one_of(st.sampled_from(HOSTILE_VALUES + [HOSTILE_LINK, "https://c.example/x", "False", "5"]),
                     st.text(max_size=12))
    fields = st.dictionaries(st.sampled_from(["rating", "value", "url", "to", "tags", "text", "reason", "speaker",
                                              "start", "end", "speaker_start", "speaker_end"]), text, max_size=4)
    actions = st.sampled_from(["assign", "review", "verdict", "publish", "dismiss", "note", "tag", "untag", "correct",
                               "bogus"])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(actions, fields)
    def run(action, data):
        r = c.post(f"/claims/{cid}/{action}", data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert r.status_code in (303, 400, 403, 404, 409), (action, data, r.status_code, r.text[:300])
        if r.status_code != 303:
            assert re.search(r"\[A\d{3}\]", r.text), (action, data, r.text[:300])

    run()


def test_a_changed_password_or_role_ends_other_sessions(app, ledger_path):
    from attribution.ledger.users import Users

    c, _ = login(app, "rita")
    with Ledger(ledger_path) as ledger:
        Users(ledger.db).set_role("rita", "editor")
    assert c.get("/queue", follow_redirects=False).status_code == 303
    c, _ = login(app, "rita")
    assert c.get("/queue").status_code == 200
    with Ledger(ledger_path) as ledger:
        Users(ledger.db).set_password("rita", "a-new-password")
    assert c.get("/api/claims").status_code == 401
