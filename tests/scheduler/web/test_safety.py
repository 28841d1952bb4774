"""Safe by default: loopback only without a token, the token on every request, read-only
store access, escaped text, a Host check, and no secret on any page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from scheduler.cli import main
from scheduler.config import load_config
from scheduler.web.auth import COOKIE
from scheduler.web.server import TokenRequired, WebHandle, read_only_engine, start_in_thread
from storage.engine import make_engine, write_session
from storage.models import Article, Claim, Meta, SourceState, Story
from storage.schema import ensure_schema
from tests.support.config import write_config
from tests.support.pg import fresh_database, needs_postgres

TOKEN = "tok-3f9a1c7e5b2d4a6f"
HOSTILE = 'Police <script>alert("x")</script> & "outposts"'
SECRETS = {
    "smtp": "smtp-pass-77aa19",
    "slack": "https://hooks.slack.com/services/T000/B000/slacksecret991",
    "feed": "feedpass-5521",
}
ROUTES = ["/", "/stories", "/stories?q=outposts", "/sources", "/alerts", "/feeds/alerts.atom",
          "/feeds/coverage.atom", "/api/counts", "/api/coverage", "/api/status", "/api/alerts"]


def _fill(config: Path) -> None:
    engine = make_engine(load_config(config).database_url)
    ensure_schema(engine)
    when = datetime(2022, 12, 5, 9, 0, tzinfo=UTC)
    with write_session(engine) as s:
        story = Story(title=HOSTILE, url="https://news.example/outposts", first_seen=when, lang="en")
        s.add(story)
        s.flush()
        art = Article(canonical_url=story.url, url=story.url, title=HOSTILE, outlet="news.example",
                      text="Police outposts abroad: at least 3 in the city.", relevant=True,
                      fetched_at=when, story_id=story.id, source="feed")
        s.add(art)
        s.flush()
        s.add(Claim(story_id=story.id, article_id=art.id, count=3, qualifier="at_least", place="NL",
                    evidence='At least 3 <b>outposts</b> "here".', first_seen=when))
        s.add(SourceState(name="feed", kind="feed", url="http://127.0.0.1:9/feed.xml", last_result="ok"))
    engine.dispose()


def _config(tmp_path: Path, web: str = "") -> Path:
    config = write_config(tmp_path / "config.toml", (
        f'[alerts.email]\nenabled = true\npassword = "{SECRETS["smtp"]}"\nrecipients = ["a@example.org"]\n\n'
        f'[alerts.slack]\nenabled = true\nwebhook_url = "{SECRETS["slack"]}"\n\n'
        f'[[sources]]\nname = "feed"\nkind = "feed"\nurl = "http://reader:{SECRETS["feed"]}@127.0.0.1:9/feed.xml"\n\n'
        + web
    ))
    _fill(config)
    return config


@pytest.fixture
def open_dashboard(tmp_path: Path) -> Iterator[WebHandle]:
    handle = start_in_thread(load_config(_config(tmp_path)), port=0)
    yield handle
    handle.stop()


@pytest.fixture
def locked_dashboard(tmp_path: Path) -> Iterator[WebHandle]:
    handle = start_in_thread(load_config(_config(tmp_path, f'[web]\ntoken = "{TOKEN}"\n')), port=0)
    yield handle
    handle.stop()


def test_text_from_the_web_is_escaped(open_dashboard: WebHandle) -> None:
    with httpx.Client(base_url=open_dashboard.url) as client:
        for path in ("/", "/stories", "/stories?q=outposts"):
            html = client.get(path).text
            assert "<script>alert" not in html and "<b>outposts</b>" not in html, path
            assert "&lt;script&gt;alert(" in html, path


def test_no_secret_on_any_page_feed_or_api(open_dashboard: WebHandle) -> None:
    with httpx.Client(base_url=open_dashboard.url) as client:
        for path in ROUTES:
            body = client.get(path).text
            for name, secret in SECRETS.items():
                assert secret not in body, (path, name)
            assert "slacksecret" not in body


def test_only_loopback_names_are_answered(open_dashboard: WebHandle) -> None:
    with httpx.Client(base_url=open_dashboard.url) as client:
        assert client.get("/api/counts", headers={"Host": "rebound.example"}).status_code == 400
        assert client.get("/api/counts", headers={"Host": "localhost"}).status_code == 200


@pytest.mark.slow
def test_the_token_is_asked_on_every_request(locked_dashboard: WebHandle) -> None:
    with httpx.Client(base_url=locked_dashboard.url) as client:
        page = client.get("/stories?q=x", headers={"Accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fstories%3Fq%3Dx"
        for path in ROUTES:
            assert client.get(path).status_code == 401, path
            wrong = client.get(path, headers={"Authorization": "Bearer not-the-token"})
            assert wrong.status_code == 401, path
        for path in ("/alerts", "/feeds/alerts.atom", "/api/status"):
            right = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
            assert right.status_code == 200, path
        assert client.get("/static/style.css").status_code == 200
        assert client.get("/login").status_code == 200


def test_the_login_form_sets_a_cookie_that_is_not_the_token(locked_dashboard: WebHandle) -> None:
    with httpx.Client(base_url=locked_dashboard.url) as client:
        refused = client.post("/login", data={"token": "guess", "next": "/alerts"})
        assert refused.status_code == 401 and COOKIE not in client.cookies
        done = client.post("/login", data={"token": TOKEN, "next": "//evil.example/"})
        assert done.status_code == 303 and done.headers["location"] == "/"
        cookie = client.cookies[COOKIE]
        assert TOKEN not in cookie
        assert "httponly" in done.headers["set-cookie"].lower()
        assert "samesite=strict" in done.headers["set-cookie"].lower()
        assert client.get("/api/status").status_code == 200
        client.post("/logout")
        assert client.get("/api/status").status_code == 401


def test_beyond_loopback_without_a_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path)
    with pytest.raises(TokenRequired):
        start_in_thread(load_config(config), host="0.0.0.0", port=0)
    assert main(["--config", str(config), "serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    assert "without a token" in capsys.readouterr().err
    enabled = write_config(tmp_path / "enabled.toml", '[web]\nenabled = true\nhost = "0.0.0.0"\n')
    assert main(["--config", str(enabled), "counts"]) == 2
    assert "web: " in capsys.readouterr().err


def test_beyond_loopback_with_a_token_serves_any_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATIONWATCH_WEB_TOKEN", TOKEN)
    handle = start_in_thread(load_config(_config(tmp_path)), host="0.0.0.0", port=0)
    try:
        port = handle.url.rsplit(":", 1)[1].strip("/")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            headers = {"Authorization": f"Bearer {TOKEN}", "Host": "dashboard.intranet.example"}
            assert client.get("/api/counts", headers=headers).status_code == 200
            assert client.get("/api/counts", headers={"Host": "dashboard.intranet.example"}).status_code == 401
    finally:
        handle.stop()


def test_the_store_is_opened_read_only(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))
    engine = read_only_engine(config.database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(Story)).scalar() == 1
        with pytest.raises(sa.exc.OperationalError, match="readonly"), engine.begin() as conn:
            conn.execute(sa.insert(Meta).values(key="k", value="v"))
    finally:
        engine.dispose()


@needs_postgres[0]
@needs_postgres[1]
def test_the_postgresql_store_is_opened_read_only() -> None:
    with fresh_database() as engine:
        ensure_schema(engine)
        reader = read_only_engine(engine.url.render_as_string(hide_password=False))
        try:
            with pytest.raises(sa.exc.InternalError, match="read-only"), reader.begin() as conn:
                conn.execute(sa.insert(Meta).values(key="k", value="v"))
        finally:
            reader.dispose()
