"""Fault suite, item 6: a bad field spoils its entry at most, never the listing.

A date past the end of the calendar (``9999-12-31T23:59:59-12:00`` is year
10000 in UTC) in an RSS, Atom or JSON Feed entry, a sitemap entry, or an
article page: the entry is kept without that date, the other entry of the
same listing is stored too, the source is ok and nothing prints a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import crawl, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, fault_config, serve_good_source
from tests.support.pages import article_page, atom, rss
from tests.support.store import alert_count, stored_urls
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow

BAD_ISO = "9999-12-31T23:59:59-12:00"
BAD_RFC822 = "Fri, 31 Dec 9999 23:59:59 -1200"
STORIES = {
    "/dated/rome": ("Italy reviews Chinese police stations in Rome",
                    ["Italian officials began a review of Chinese police stations in Rome.",
                     "The interior ministry said it had asked for documents about the offices."]),
    "/dated/madrid": ("Spain looks into Chinese police stations in Madrid",
                      ["Spanish police opened an inquiry into Chinese police stations in Madrid.",
                       "The offices had been registered as associations of Chinese residents."]),
}


def _pages(server: LoopbackWeb, *, bad_page: bool = False) -> list[str]:
    urls = []
    for i, (path, (title, paras)) in enumerate(STORIES.items()):
        published = BAD_ISO if bad_page and i == 0 else "2022-12-05T09:00:00+00:00"
        urls.append(server.put(path, article_page(title, paras, published=published),
                                 "text/html; charset=utf-8"))
    return urls


def _listing(server: LoopbackWeb, kind: str, links: list[str]) -> tuple[str, str]:
    titles = [title for title, _ in STORIES.values()]
    if kind == "rss":
        dates = [BAD_RFC822, "Mon, 05 Dec 2022 09:00:00 GMT"]
        items = [{"title": t, "link": u, "id": u, "date": d} for t, u, d in zip(titles, links, dates, strict=True)]
        return "feed", server.put("/dated.xml", rss("Dated", items), RSS)
    if kind == "atom":
        dates = [BAD_ISO, "2022-12-05T09:00:00Z"]
        items = [{"title": t, "link": u, "id": u, "date": d} for t, u, d in zip(titles, links, dates, strict=True)]
        return "feed", server.put("/dated.atom", atom("Dated", items), "application/atom+xml")
    if kind == "json-feed":
        dates = [BAD_ISO, "2022-12-05T09:00:00Z"]
        doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Dated",
               "items": [{"id": u, "url": u, "title": t, "date_published": d}
                         for t, u, d in zip(titles, links, dates, strict=True)]}
        return "feed", server.put("/dated.json", json.dumps(doc), "application/feed+json")
    if kind == "sitemap":
        dates = [BAD_ISO, "2022-12-05T09:00:00Z"]
        body = "".join(f"<url><loc>{u}</loc><lastmod>{d}</lastmod></url>" for u, d in zip(links, dates, strict=True))
        xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
        return "sitemap", server.put("/sitemap.xml", xml, "application/xml")
    # a listing page gives no dates: the article page's own date is read
    anchors = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in zip(titles, links, strict=True))
    return "page", server.put("/latest", f"<html><body><ul>{anchors}</ul></body></html>",
                                "text/html; charset=utf-8")


@pytest.mark.parametrize("kind", ["rss", "atom", "json-feed", "sitemap", "article-page"])
def test_date_past_year_9999_spoils_only_its_entry(tmp_path: Path, kind: str) -> None:
    with LoopbackWeb() as server:
        good = serve_good_source(server)
        links = _pages(server, bad_page=kind == "article-page")
        source_kind, url = _listing(server, kind, links)
        cfg = fault_config(tmp_path / "config.toml", [Source("good", good), Source("dated", url, kind=source_kind)])
        out = crawl(cfg)
        assert "Traceback" not in out.stderr, out.stderr[-3000:]
        db = tmp_path / "store.db"
        assert stored_urls(db, "dated") == set(links)
        states = status(cfg)
        assert states["dated"]["last_result"] == "ok", states["dated"]
        assert stored_urls(db, "good") == {server.url(p) for p in GOOD_PAGES}
        assert alert_count(db) == 0
