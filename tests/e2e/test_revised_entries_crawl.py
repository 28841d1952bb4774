"""A listed article revised at the same address is read again: `stationwatch crawl` end to end.

Corrections and live blogs keep their URL and their feed id; what tells a
reader that the page changed is the date the listing gives the entry (a feed
item's ``pubDate``/``updated`` moved on, a sitemap's ``lastmod``). Such an entry
is fetched once more and its claims are read again (a lower, corrected figure
is recorded and never alerts; a new figure alerts once); an entry whose date has
not moved is not fetched again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.pages import article_page, rss
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

STORY = [
    "The RCMP said on Sunday it was investigating two suspected Chinese police stations in Montreal and Brossard.",
    "That brings to five the number of Chinese police stations under investigation in Canada.",
    "China's embassy said the centres were run by volunteers.",
]
CORRECTED = [
    STORY[0],
    "That brings to four the number of Chinese police stations under investigation in Canada.",
    "Correction: an earlier version of this story gave the wrong number of stations under investigation.",
    STORY[2],
]
LIVE = [
    "09:12 The Dutch foreign minister says the two Chinese police stations in Amsterdam and Rotterdam must close.",
    "10:40 Ireland says the Chinese police station in Dublin has been ordered shut.",
]
LIVE_NEW = "13:05 Spain's interior ministry says it is examining nine Chinese police stations in Spain."


def _ago(hours: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours)


def _run(cfg: Path, *args: str) -> Any:
    out = run_cli(*args, config=cfg)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout) if "--json" in args else out.stdout


def _feed(web: LoopbackWeb, title: str, when: datetime) -> str:
    item = {"title": title, "link": web.url("/news/rcmp"), "id": "rcmp-1",
            "date": format_datetime(when, usegmt=True)}
    return web.put("/rss.xml", rss("Example News", [item]), "application/rss+xml")


def _sitemap(web: LoopbackWeb, lastmod: datetime) -> str:
    body = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{web.url('/live/europe')}</loc><lastmod>{lastmod.isoformat()}</lastmod></url>"
            "</urlset>")
    return web.put("/sitemap.xml", body, "application/xml")


def _counts(cfg: Path) -> list[tuple[str | None, int]]:
    return [(c["place"], c["count"]) for c in _run(cfg, "counts", "--history", "--json")]


def test_a_corrected_feed_entry_is_read_again_and_does_not_alert(web: LoopbackWeb, make_config: MakeConfig) -> None:
    web.put("/news/rcmp", article_page("RCMP probes two more Chinese police stations", STORY,
                                       published=_ago(5).isoformat()))
    feed = _feed(web, "RCMP probes two more Chinese police stations", _ago(5))
    cfg = make_config(f'[[sources]]\nname = "news"\nkind = "feed"\nurl = "{feed}"\nlang = "en"\n')
    _run(cfg, "crawl")
    assert ("CA", 5) in _counts(cfg)

    web.put("/news/rcmp", article_page("Correction: RCMP probes two more Chinese police stations", CORRECTED,
                                       published=_ago(5).isoformat()))
    _feed(web, "Correction: RCMP probes two more Chinese police stations", _ago(1))
    _run(cfg, "crawl")
    assert web.count("/news/rcmp") == 2  # the re-dated entry was fetched again
    assert ("CA", 4) in _counts(cfg)  # the corrected figure is on record ...
    assert _run(cfg, "alerts", "list", "--json") == []  # ... and a lower figure never alerts
    assert len(_run(cfg, "coverage", "--json")) == 1

    _run(cfg, "crawl")  # nothing moved: not fetched again
    assert web.count("/news/rcmp") == 2


def test_a_live_blog_whose_lastmod_moves_is_read_again_and_alerts_once(
    web: LoopbackWeb, make_config: MakeConfig
) -> None:
    web.put("/live/europe", article_page("Live: Europe reacts to Chinese police stations", LIVE,
                                         published=_ago(6).isoformat()))
    sitemap = _sitemap(web, _ago(6))
    cfg = make_config(f'[[sources]]\nname = "live"\nkind = "sitemap"\nurl = "{sitemap}"\nlang = "en"\n')
    _run(cfg, "crawl")
    assert ("NL", 2) in _counts(cfg)

    web.put("/live/europe", article_page("Live: Europe reacts to Chinese police stations", LIVE + [LIVE_NEW],
                                         published=_ago(6).isoformat()))
    _sitemap(web, _ago(1))
    _run(cfg, "crawl")
    assert web.count("/live/europe") == 2
    assert ("ES", 9) in _counts(cfg)
    alerts = _run(cfg, "alerts", "list", "--json")
    assert [[(f["place"], f["count"]) for f in a["figures"]] for a in alerts] == [[("ES", 9)]]

    _run(cfg, "crawl")
    _run(cfg, "crawl")
    assert web.count("/live/europe") == 2
    assert len(_run(cfg, "alerts", "list", "--json")) == 1
