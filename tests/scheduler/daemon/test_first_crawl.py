"""Issue 12.10: an interrupted first crawl (killed, then run again) still alerts nothing.

The first crawl stores one article, then hangs on an entry whose page never
answers and is killed with SIGKILL. Run again, it must still record the
figures of its backlog without alerting; the crawl after it alerts as usual.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.support.blackhole import BlackHole
from tests.support.cli import cli_env, run_cli
from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN
from tests.support.pages import article_page, rss
from tests.support.store import scalar
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

PLAIN = ["Officials in Dublin said the Chinese police station in the city had been told to close.",
         "The embassy said the office only renewed driving licences."]


def figure_story(total: int) -> list[str]:
    return [f"The rights group said on Monday that Chinese police had opened more overseas police stations, "
            f"bringing the total it has found to more than {total} in 53 countries.",
            "Several European governments said they were looking into the offices."]


def test_killed_first_crawl_stays_quiet_when_run_again(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with LoopbackWeb(auto_etag=True) as site, BlackHole() as hole:
        site.put("/a/plain", article_page("Dublin office told to close", PLAIN,
                                          published=(now - timedelta(hours=3)).isoformat()))
        site.put("/a/backlog", article_page("Stations counted", figure_story(102),
                                            published=(now - timedelta(hours=2)).isoformat()))
        items = [{"title": "Dublin office", "link": site.url("/a/plain"), "id": "plain",
                  "date": format_datetime(now - timedelta(hours=3))},
                 {"title": "Stations counted", "link": f"{hole.base}/a/backlog", "id": "backlog",
                  "date": format_datetime(now - timedelta(hours=2))}]
        site.put("/rss.xml", rss("Loop", items), "application/rss+xml")
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, timeout="60s",
                           sources=[Source("loop", site.url("/rss.xml"), lang="en")])
        db = tmp_path / "store.db"
        first = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(cfg), "crawl"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
        try:
            wait_for(lambda: scalar(db, "SELECT count(*) FROM article", missing_ok=True) == 1, 90, what="the first article")
        finally:
            first.kill()  # SIGKILL while the second entry's page hangs
            first.wait()
        # the backlog entry's page answers now
        items[1]["link"] = site.url("/a/backlog")
        site.put("/rss.xml", rss("Loop", items), "application/rss+xml")
        again = run_cli("crawl", config=cfg, timeout=120)
        assert again.returncode == 0, again.stderr
        assert scalar(db, "SELECT count(*) FROM claim WHERE count = 102") == 1  # recorded
        assert scalar(db, "SELECT count(*) FROM alert WHERE kind = 'figures'") == 0  # not alerted
        # the first crawl is complete now: a new figure alerts
        site.put("/a/news", article_page("More stations", figure_story(110), published=now.isoformat()))
        items.append({"title": "More stations", "link": site.url("/a/news"), "id": "news",
                      "date": format_datetime(now)})
        site.put("/rss.xml", rss("Loop", items), "application/rss+xml")
        third = run_cli("crawl", config=cfg, timeout=120)
        assert third.returncode == 0, third.stderr
        assert scalar(db, "SELECT count(*) FROM alert WHERE kind = 'figures'") == 1
