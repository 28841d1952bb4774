"""A Google-News-shaped feed crawled over loopback: links decoded through the endpoint
(once), headline-only stories while the endpoint is down, upgraded in place later."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.gnews import DECODE_PATH, FakeGoogleNews, Item, clear_id, token_id
from tests.support.pages import article_page
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

PAGE_A = [
    "A human rights group said on Monday that China runs more than 102 overseas police "
    "stations in 53 countries, far more than it had found in September.",
    "The group said the stations were set up by police in Fuzhou and Qingtian.",
    "Beijing says the offices are run by volunteers who help citizens renew documents.",
]
PAGE_B = [
    "Italy hosts 11 Chinese police stations, more than any other country, the report found.",
    "Some were set up under joint patrol agreements signed in 2015 and 2016.",
]
CONSENT = ("<!doctype html><html><head><title>Consent</title></head><body><div>"
           "<h1>Before you continue</h1><p>We use cookies and data to deliver our services."
           "</p><button>Reject all</button><button>Accept all</button></div></body></html>")


def _site(web: LoopbackWeb) -> tuple[FakeGoogleNews, str]:
    today = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)  # alertable
    web.put("/pub/a", article_page("China runs more than 102 police stations abroad",
                                    PAGE_A))
    web.put("/pub/b", article_page("Italy hosts the most Chinese police stations",
                                    PAGE_B))
    web.put("/pub/c", CONSENT)
    fake = FakeGoogleNews(web, items=[
        Item(token_id(1), "China runs more than 102 overseas police stations, NGO says - "
             "Example Daily", "Example Daily", "https://daily.example", web.url("/pub/a"), date=today),
        Item(clear_id(web.url("/pub/b")), "Italy hosts most Chinese police stations - "
             "Roma News", "Roma News", "https://roma.example", web.url("/pub/b"), date=today),
        Item(token_id(3), "Spain closes 3 Chinese police stations in Madrid - Madrid Herald",
             "Madrid Herald", "https://herald.example", web.url("/pub/c"), date=today),
    ])
    return fake, fake.install()


def _config(make_config: MakeConfig, feed: str) -> Path:
    return make_config(
        "[alerts]\non_first_crawl = true\n\n"
        f'[[sources]]\nname = "gnews-en"\nkind = "feed"\nurl = "{feed}"\nlang = "en"\n'
    )


def _env(web: LoopbackWeb) -> dict[str, str]:
    return {"STATIONWATCH_GNEWS_ORIGIN": web.base}


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _json(cfg: Path, *args: str) -> list[dict]:
    out = run_cli(*args, "--json", config=cfg)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_links_decode_once_and_the_publishers_articles_are_stored(
        web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path) -> None:
    fake, feed = _site(web)
    cfg = _config(make_config, feed)
    first = run_cli("crawl", config=cfg, env=_env(web))
    assert first.returncode == 0, first.stderr
    db = tmp_path / "store.db"
    stored = dict(_rows(db, "SELECT canonical_url, headline_only FROM article"))
    assert stored[web.url("/pub/a")] == 0 and stored[web.url("/pub/b")] == 0
    # the consent page is never stored as the article: the entry is read as a headline instead
    assert stored[web.url("/pub/c")] == 1
    ((text,),) = _rows(db, f"SELECT text FROM article WHERE canonical_url = '{web.url('/pub/c')}'")
    assert text.startswith("Spain closes 3 Chinese police stations") and "cookies" not in text
    # figures read from the publisher's page (the headline has no "53 countries")
    counts = {(c["place"], c["count"]): c for c in _json(cfg, "counts")}
    assert counts[(None, 102)]["countries"] == 53 and counts[(None, 102)]["headline_only"] is False
    assert counts[("IT", 11)]["headline_only"] is False
    assert counts[("ES", 3)]["headline_only"] is True
    # the new-style ids went to the endpoint once each; the old-style one never did
    assert sorted(fake.decoded) == sorted([token_id(1), token_id(3)])
    assert web.hits[f"/rss/articles/{clear_id(web.url('/pub/b'))}"] == 0
    remembered = dict(_rows(db, "SELECT key, url FROM resolved_link"))
    assert web.url("/pub/a") in remembered.values()

    second = run_cli("crawl", config=cfg, env=_env(web))
    assert second.returncode == 0, second.stderr
    assert sorted(fake.decoded) == sorted([token_id(1), token_id(3)])  # not decoded again
    assert web.hits["/pub/a"] == 1 and web.hits["/pub/b"] == 1  # known: not fetched again
    assert web.hits["/pub/c"] == 2  # the headline-only story's page is tried again


def test_endpoint_down_gives_headline_only_stories_that_upgrade_later(
        web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path) -> None:
    fake, feed = _site(web)
    fake.down = True
    cfg = _config(make_config, feed)
    first = run_cli("crawl", config=cfg, env=_env(web))
    assert first.returncode == 0, first.stderr
    assert web.statuses(DECODE_PATH) and set(web.statuses(DECODE_PATH)) == {503}
    db = tmp_path / "store.db"
    heads = _rows(db, "SELECT canonical_url, outlet, title FROM article WHERE headline_only")
    by_outlet = {outlet: (url, title) for url, outlet, title in heads}
    url, title = by_outlet["daily.example"]
    assert "/rss/articles/" in url  # the Google News link: no better URL was had
    assert title == "China runs more than 102 overseas police stations, NGO says"
    counts = {(c["place"], c["count"]): c for c in _json(cfg, "counts")}
    assert counts[(None, 102)]["headline_only"] is True
    assert counts[("IT", 11)]["headline_only"] is False  # decoded offline, page fetched
    alerts = _json(cfg, "alerts", "list")
    head_alert = [a for a in alerts if any(f["count"] == 102 for f in a["figures"])]
    assert len(head_alert) == 1 and head_alert[0]["figures"][0]["headline_only"] is True
    stories = _json(cfg, "coverage")
    assert any(c["headline_only"] for s in stories for c in s["claims"])

    fake.down = False
    second = run_cli("crawl", config=cfg, env=_env(web))
    assert second.returncode == 0, second.stderr
    rows = _rows(db, "SELECT id, canonical_url, headline_only, story_id FROM article")
    upgraded = [r for r in rows if r[1] == web.url("/pub/a")]
    assert len(upgraded) == 1 and upgraded[0][2] == 0
    assert all("/rss/articles/" + token_id(1) not in r[1] for r in rows)  # moved, not copied
    counts = {(c["place"], c["count"]): c for c in _json(cfg, "counts")}
    assert counts[(None, 102)]["headline_only"] is False
    assert counts[(None, 102)]["countries"] == 53
    assert counts[(None, 102)]["url"] == web.url("/pub/a")
    alerts = _json(cfg, "alerts", "list")
    assert sum(1 for a in alerts for f in a["figures"] if f["count"] == 102) == 1  # no second alert
    story = [s for s in _json(cfg, "coverage") if s["url"] == web.url("/pub/a")]
    assert len(story) == 1 and not any(c["headline_only"] for c in story[0]["claims"])
