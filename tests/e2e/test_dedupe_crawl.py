"""Stories end to end: `stationwatch crawl` and `coverage` over a loopback news web.

Two sites on two loopback ports carry the same story (one syndicates the
other under another headline, with a tracking link and one extra sentence);
feeds are republished with new ids, tracking parameters and AMP links; an
article is edited; two "Live updates" pages share a template.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.pages import article_page, rss
from tests.support.stories import fixture_text
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

DUBLIN = fixture_text("story_dublin").split("\n\n")
HEADLINE = "Dublin police station told to close"
WIRE_HEADLINE = "Ireland shuts Chinese 'police station' on Capel Street"
EXTRA = "A second address in Cork is also being examined, a government source said."
CREDIT = "This report first appeared in the Dublin Ledger and is republished under licence."


@pytest.fixture
def web2() -> Iterator[LoopbackWeb]:
    """A second outlet."""
    with LoopbackWeb() as server:
        yield server


def _feed(web: LoopbackWeb, path: str, items: list[dict[str, str]], version: str) -> str:
    return web.put(path, rss("Feed", items), "application/rss+xml", etag=f'"{version}"')


def _coverage(cfg: Path) -> list[dict]:
    out = run_cli("coverage", "--json", config=cfg)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _crawl(cfg: Path) -> str:
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _hits(web: LoopbackWeb, prefix: str) -> int:
    return sum(n for path, n in web.hits.items() if path.startswith(prefix))


def test_syndicated_copy_republished_items_and_amp_links(web, web2, make_config, tmp_path):
    web.put("/news/capel-street", article_page(HEADLINE, DUBLIN))
    feed_a = _feed(web, "/rss.xml", [
        {"title": HEADLINE, "link": web.url("/news/capel-street"), "id": "ledger-1"},
    ], "a1")
    web2.put("/world/ireland-shuts", article_page(WIRE_HEADLINE, DUBLIN + [EXTRA, CREDIT]))
    feed_b = _feed(web2, "/feed.xml", [
        {"title": WIRE_HEADLINE, "id": "wire-77",
         "link": web2.url("/world/ireland-shuts?utm_source=rss&utm_medium=feed&utm_campaign=eu")},
    ], "b1")
    cfg = make_config(
        f'[[sources]]\nname = "ledger"\nkind = "feed"\nurl = "{feed_a}"\n\n'
        f'[[sources]]\nname = "wire"\nkind = "feed"\nurl = "{feed_b}"\n'
    )

    # 1. the story and its syndicated copy: one story, two copies
    _crawl(cfg)
    stories = _coverage(cfg)
    assert len(stories) == 1, stories
    copies = stories[0]["copies"]
    assert sorted(c["outlet"] for c in copies) == sorted(
        [f"127.0.0.1:{web.port}", f"127.0.0.1:{web2.port}"]
    )
    assert web2.url("/world/ireland-shuts") in [c["url"] for c in copies]  # no utm_ left
    assert stories[0]["url"] == copies[0]["url"]

    # 2. unchanged feeds: answered by 304s, no page fetched again
    _crawl(cfg)
    assert web.statuses("/rss.xml")[-1] == 304
    assert web2.statuses("/feed.xml")[-1] == 304
    assert _hits(web, "/news/") == 1 and _hits(web2, "/world/") == 1

    # 3. the feed is regenerated: new ids, tracking parameters, AMP links
    web.put("/amp/news/capel-street", article_page(
        HEADLINE, DUBLIN[:-1], canonical=web.url("/news/capel-street")))
    _feed(web, "/rss.xml", [
        {"title": HEADLINE, "id": "ledger-1-regenerated",
         "link": web.url("/news/capel-street?utm_source=newsletter&fbclid=IwAR0xyz&mc_cid=9")},
        {"title": HEADLINE, "id": "ledger-amp-1", "link": web.url("/news/capel-street/amp")},
        {"title": HEADLINE, "id": "ledger-amp-2", "link": web.url("/news/capel-street?amp=1")},
        {"title": HEADLINE, "id": "ledger-amp-3", "link": web.url("/amp/news/capel-street")},
    ], "a2")
    _crawl(cfg)
    assert web.statuses("/rss.xml")[-1] == 200
    assert _hits(web, "/news/") == 1  # republished and AMP-suffixed links were known
    assert _hits(web, "/amp/") == 1  # unknown link, fetched once: its rel=canonical folds it
    stories = _coverage(cfg)
    assert len(stories) == 1 and len(stories[0]["copies"]) == 2

    # 4. and the AMP page's entry is known from now on
    _feed(web, "/rss.xml", [
        {"title": HEADLINE, "id": "ledger-amp-3", "link": web.url("/amp/news/capel-street")},
    ], "a3")
    _crawl(cfg)
    assert _hits(web, "/amp/") == 1


def test_edited_article_stays_one_story_and_is_read_again(web, make_config, tmp_path):
    first = [
        "Prosecutors in New York said two men had run a police station for Chinese authorities from an office in Manhattan.",
        "The office occupied one floor of a building in Chinatown and closed after the FBI searched it.",
        "Both men deny the charges and their lawyers said they would contest the case.",
    ]
    added = ("The rights group that first reported the network now counts more than 102 overseas "
             "police stations in 53 countries.")
    web.put("/news/manhattan", article_page("Two charged over Manhattan police station", first))
    feed = _feed(web, "/rss.xml", [
        {"title": "Two charged over Manhattan police station", "link": web.url("/news/manhattan"), "id": "m-1"},
    ], "v1")
    cfg = make_config(f'[[sources]]\nname = "city"\nkind = "feed"\nurl = "{feed}"\n')
    _crawl(cfg)
    assert len(_coverage(cfg)) == 1

    edited_title = "Update: police station case widens as NGO revises its count"
    web.put("/news/manhattan", article_page(edited_title, first + [added]))
    _feed(web, "/rss.xml", [
        {"title": edited_title, "link": web.url("/news/manhattan?utm_source=rss"), "id": "m-1-updated"},
    ], "v2")
    _crawl(cfg)
    assert _hits(web, "/news/manhattan") == 2  # the edited entry was fetched again
    stories = _coverage(cfg)
    assert len(stories) == 1 and len(stories[0]["copies"]) == 1
    with sqlite3.connect(tmp_path / "store.db") as conn:
        (text,) = conn.execute("SELECT text FROM article").fetchone()
    assert "more than 102" in text
    assert any(c["count"] == 102 for c in stories[0]["claims"])


def test_template_pages_stay_separate_stories(web, make_config):
    for path, body in (("/live/2022-10-31", "live_monday"), ("/live/2022-11-01", "live_tuesday")):
        paragraphs = fixture_text("live_header", body, "live_footer").split("\n")
        web.put(path, article_page("Live updates: the world today", paragraphs))
    feed = _feed(web, "/rss.xml", [
        {"title": "Live updates: the world today", "link": web.url("/live/2022-10-31"), "id": "live-1"},
        {"title": "Live updates: the world today", "link": web.url("/live/2022-11-01"), "id": "live-2"},
    ], "v1")
    cfg = make_config(f'[[sources]]\nname = "live"\nkind = "feed"\nurl = "{feed}"\n')
    _crawl(cfg)
    stories = _coverage(cfg)
    assert len(stories) == 2, stories
    assert all(len(s["copies"]) == 1 for s in stories)
