"""A page source and a sitemap source (index + gzip child + news tags) under `stationwatch run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.config import Source, write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.pages import article_page
from tests.support.store import query, scalar
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

PARAS = {
    "p1": ["Prosecutors in Milan opened an inquiry into two Chinese police stations in the city.",
           "Officials said the offices had been presented as help desks for residents."],
    "p2": ["Spanish police searched premises linked to suspected Chinese police stations in Madrid.",
           "The interior ministry declined to give further details."],
    "s1": ["Irish authorities ordered a Chinese police station in Dublin to close, the justice ministry said.",
           "The embassy said the office renewed driving licences."],
    "s2": ["Prague officials said two Chinese police stations had been shut after an inquiry.",
           "The foreign ministry summoned the Chinese ambassador."],
    "s3": ["A new inquiry looks at Chinese police stations in Budapest, officials said on Friday.",
           "The government said it would publish the findings."],
    "old": ["An old article about Chinese police stations that the sitemap lists with an old date.",
            "It must not be fetched once a newer date has been seen."],
}

LISTING = """<html><body><nav><a href="/about">About</a><a href="/news/">News</a></nav>
<div class="list"><h2><a href="/news/p1">Milan inquiry</a></h2>
<h2><a href="/news/p2#top">Madrid searches</a></h2></div>
<aside><a href="/news/most-read">Most read</a></aside></body></html>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemaps/news.xml.gz</loc><lastmod>{lastmod}</lastmod></sitemap>
<sitemap><loc>{base}/sitemaps/pages.xml</loc><lastmod>2022-01-01T00:00:00Z</lastmod></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>"""

URL = """<url><loc>{loc}</loc><news:news><news:publication><news:name>Loopback</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>{date}</news:publication_date><news:title>{title}</news:title></news:news></url>"""


def _news(site: LoopbackWeb, entries: list[tuple[str, str, str]]) -> None:
    urls = "".join(URL.format(loc=site.url(f"/story/{key}"), date=date, title=title)
                   for key, date, title in entries)
    site.put("/sitemaps/news.xml.gz", NEWS.format(urls=urls), "application/x-gzip", gz=True)


def test_page_and_sitemap_sources_store_their_articles(tmp_path: Path) -> None:
    with LoopbackWeb(auto_etag=True) as site:
        for key in ("p1", "p2"):
            site.put(f"/news/{key}", article_page(f"Story {key}", PARAS[key]))
        site.put("/news/most-read", article_page("Most read", ["Nothing to see."]))
        site.put("/news/", LISTING)
        for key in ("s1", "s2", "s3", "old"):
            site.put(f"/story/{key}", article_page(f"Story {key}", PARAS[key]))
        site.put("/sitemap_index.xml", INDEX.format(base=site.base, lastmod="2022-12-06T10:00:00Z"),
                 "application/xml")
        site.put("/sitemaps/pages.xml", NEWS.format(urls=""), "application/xml")
        _news(site, [("s1", "2022-12-05T09:00:00+00:00", "Dublin station closed"),
                     ("s2", "2022-12-06T10:00:00+01:00", "Prague stations shut")])
        cfg = write_config(tmp_path / "config.toml", FAST_DRAIN, sources=[
            Source("listing", site.url("/news/"), "page", interval="2s", link_selector="div.list h2 a"),
            Source("news-sitemap", site.url("/sitemap_index.xml"), "sitemap", interval="1s",
                   link_pattern="/story/")])
        db = tmp_path / "store.db"

        def stored(source: str) -> set[str]:
            return {r[0].rsplit("/", 1)[1] for r in
                    query(db, "SELECT canonical_url FROM article WHERE source = ?", source,
                          missing_ok=True)}

        with Daemon(cfg) as daemon:
            wait_for(lambda: stored("listing") == {"p1", "p2"}, 90, what="page articles")
            wait_for(lambda: stored("news-sitemap") == {"s1", "s2"}, 90, what="sitemap articles")

            def seen_date() -> str | None:
                return scalar(db, "SELECT last_seen_lastmod FROM source_state WHERE name = 'news-sitemap'",
                              missing_ok=True)

            # written when the crawl closes, a moment after its last article is stored
            wait_for(lambda: seen_date() is not None, 30, what="the sitemap's covered date")
            seen = seen_date()
            assert seen is not None and seen.startswith("2022-12-06 09:00:00")
            # A newer entry is picked up; one dated before the last seen date is not even fetched.
            _news(site, [("old", "2022-11-01T00:00:00Z", "Old"),
                         ("s1", "2022-12-05T09:00:00+00:00", "Dublin station closed"),
                         ("s2", "2022-12-06T10:00:00+01:00", "Prague stations shut"),
                         ("s3", "2022-12-09T08:00:00Z", "Budapest inquiry")])
            site.put("/sitemap_index.xml", INDEX.format(base=site.base, lastmod="2022-12-09T08:00:00Z"),
                     "application/xml")
            wait_for(lambda: "s3" in stored("news-sitemap"), 60, what="the newer sitemap entry")
            passes = site.count("/sitemap_index.xml")
            wait_for(lambda: site.count("/sitemap_index.xml") >= passes + 2, 60, what="two more passes")
            code, _ = daemon.stop()
        assert code == 0, daemon.log()
        assert site.count("/story/old") == 0
        assert site.count("/news/most-read") == 0  # outside the selector
        assert site.count("/sitemaps/pages.xml") == 1  # its lastmod is old: skipped after the first pass
        assert site.count("/sitemaps/news.xml.gz") == 2  # unchanged index (304) or nothing newer
        assert all(site.count(f"/story/{k}") == 1 for k in ("s1", "s2", "s3"))
        titles = {r[0] for r in query(db, "SELECT title FROM article WHERE source = 'news-sitemap'")}
        assert titles  # the pages' own titles, or the news:title fallback
