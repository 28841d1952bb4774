"""Alerts from the daemon reach a local Slack webhook exactly once.

These need the alert drain (scheduler.alerting.drain) and, for figures, the
claims analysis; each test skips with the reason until those are merged.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import article_page, rss
from tests.support.store import query, scalar
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

SLACK = """
[alerts.slack]
enabled = true
webhook_url = "{hook}"
"""

FIGURE_STORY = [
    "The rights group said on Monday that Chinese police had opened 48 more overseas police stations, "
    "bringing the total it has found to more than 102 in 53 countries.",
    "Several European governments said they were looking into the offices.",
]
PLAIN_STORY = [
    "Officials in Dublin said the Chinese police station in the city had been told to close.",
    "The embassy said the office only renewed driving licences.",
]


def test_source_down_then_up_notices_are_posted_once_each(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/feed.xml", "down for maintenance", "text/plain", status=503)
        hook = site.put("/hook", "ok", "text/plain")
        cfg = write_config(tmp_path / "config.toml",
                           FAST_DRAIN + 'source_down_after = "2s"\n' + SLACK.format(hook=hook),
                           sources=[Source("flaky", site.url("/feed.xml"), interval="1s")])
        db = tmp_path / "store.db"
        with Daemon(cfg) as daemon:
            wait_for(lambda: site.posted("/hook"), 90, what="the source_down notice")
            site.put("/feed.xml", rss("Back", []), "application/rss+xml")
            wait_for(lambda: len(site.posted("/hook")) >= 2, 90, what="the source_up notice")
            runs = site.count("/feed.xml")
            wait_for(lambda: site.count("/feed.xml") >= runs + 2, 60, what="two more cycles")
            code, _ = daemon.stop()
        assert code == 0, daemon.log()
        posts = [json.loads(body) for _, body in site.posted("/hook")]
        assert len(posts) == 2, posts
        assert "failing" in posts[0]["text"] and "flaky" in posts[0]["text"]
        assert "working again" in posts[1]["text"]
        kinds = [r[0] for r in query(db, "SELECT kind FROM alert ORDER BY id")]
        assert kinds == ["source_down", "source_up"]
        assert scalar(db, "SELECT count(*) FROM delivery WHERE state = 'sent'") == 2


def test_new_figure_is_alerted_once(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with LoopbackWeb(auto_etag=True) as site:
        site.put("/a/plain", article_page("Dublin office told to close", PLAIN_STORY,
                                          published=(now - timedelta(hours=2)).isoformat()))
        site.put("/a/figure", article_page("48 more stations found", FIGURE_STORY,
                                           published=now.isoformat()))
        items = [{"title": "Dublin office", "link": site.url("/a/plain"), "id": "plain",
                  "date": format_datetime(now - timedelta(hours=2))}]
        site.put("/rss.xml", rss("Loop", items), "application/rss+xml")
        hook = site.put("/hook", "ok", "text/plain")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN + SLACK.format(hook=hook),
                           sources=[Source("loop", site.url("/rss.xml"), interval="1s")])
        db = tmp_path / "store.db"
        with Daemon(cfg) as daemon:
            # The first cycle of an empty store records without alerting.
            wait_for(lambda: scalar(db, "SELECT count(*) FROM article", missing_ok=True) == 1, 90, what="first article")
            items.append({"title": "48 more", "link": site.url("/a/figure"), "id": "figure",
                          "date": format_datetime(now)})
            site.put("/rss.xml", rss("Loop", items), "application/rss+xml")
            wait_for(lambda: site.posted("/hook"), 90, what="the Slack post")
            runs = site.count("/rss.xml")
            wait_for(lambda: site.count("/rss.xml") >= runs + 3, 60, what="three more cycles")
            code, _ = daemon.stop()
        assert code == 0, daemon.log()
        posts = [json.loads(body) for _, body in site.posted("/hook")]
        assert len(posts) == 1, posts
        assert "102" in posts[0]["text"] or "48" in posts[0]["text"]
        assert scalar(db, "SELECT count(*) FROM alert WHERE kind = 'figures'") == 1
