"""Sitemap reading and listing-page link choice, table-tested on bytes."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from crawler.listing import article_links
from crawler.sitemaps import SitemapTooLarge, newer_than, parse_sitemap, parse_w3c_datetime

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def test_news_urlset_with_gzip_relative_locs_and_dates() -> None:
    xml = f"""<?xml version="1.0"?><urlset {NS}>
<url><loc>/a</loc><lastmod>2022-12-06</lastmod></url>
<url><loc>https://x.org/b</loc><news:news><news:publication><news:name>X</news:name>
<news:language>zh-tw</news:language></news:publication>
<news:publication_date>2022-12-05T10:00:00+08:00</news:publication_date>
<news:title>海外警察站</news:title></news:news></url>
<url><lastmod>2022-12-06</lastmod></url>
<url><loc>javascript:alert(1)</loc></url></urlset>""".encode()
    for body in (xml, gzip.compress(xml)):
        sm = parse_sitemap(body, base_url="https://x.org/sitemap.xml")
        assert sm.kind == "urlset"
        assert [e.loc for e in sm.entries] == ["https://x.org/a", "https://x.org/b"]
        assert sm.entries[0].lastmod == datetime(2022, 12, 6, tzinfo=UTC)
        b = sm.entries[1]
        assert b.news_title == "海外警察站" and b.news_lang == "zh-tw"
        assert b.news_published == datetime(2022, 12, 5, 2, tzinfo=UTC) == b.date


def test_index_and_caps() -> None:
    locs = "".join(f"<sitemap><loc>https://x.org/s{i}.xml</loc></sitemap>" for i in range(10))
    sm = parse_sitemap(f'<sitemapindex {NS}>{locs}</sitemapindex>'.encode(), max_entries=3)
    assert sm.kind == "sitemapindex" and len(sm.entries) == 3 and sm.truncated
    assert parse_sitemap(b"<html><body>hello</body></html>").kind == ""
    with pytest.raises(SitemapTooLarge):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"), max_size=1000)
    with pytest.raises(ValueError):
        parse_sitemap(b"\x1f\x8bnot really gzip")


def test_entities_are_not_expanded() -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.org/&x;</loc></url></urlset>"""
    sm = parse_sitemap(evil)
    assert all("root:" not in e.loc for e in sm.entries)


def test_newer_than_keeps_undated() -> None:
    sm = parse_sitemap(f"""<urlset {NS}><url><loc>https://x.org/old</loc><lastmod>2022-01-01</lastmod></url>
<url><loc>https://x.org/new</loc><lastmod>2022-12-01</lastmod></url>
<url><loc>https://x.org/undated</loc></url></urlset>""".encode())
    fresh = newer_than(sm.entries, datetime(2022, 6, 1, tzinfo=UTC))
    assert [e.loc.rsplit("/", 1)[1] for e in fresh] == ["new", "undated"]
    assert parse_w3c_datetime("2022-12-05T10:00Z") == datetime(2022, 12, 5, 10, tzinfo=UTC)
    assert parse_w3c_datetime("yesterday") is None


LISTING = """<html><head><base href="https://news.example/world/"></head><body>
<nav><a href="/">Home</a><a href="#top">Top</a><a href="mailto:x@y">Mail</a></nav>
<ul class="stories"><li><a href="china-stations-1">One</a></li>
<li><a href="https://news.example/world/china-stations-2?ref=list#c">Two</a></li>
<li><a href="china-stations-1">One again</a></li></ul>
<div class="more"><a href="/sport/123">Sport</a><a href="/world/456">Numbered</a></div></body></html>"""


@pytest.mark.parametrize(("selector", "pattern", "expected"), [
    ("ul.stories a", None, ["china-stations-1", "china-stations-2?ref=list"]),
    ("ul.stories li", None, ["china-stations-1", "china-stations-2?ref=list"]),
    (None, r"/world/\d+$", ["456"]),
    ("div.more a", "/world/", ["456"]),
])
def test_article_links(selector: str | None, pattern: str | None, expected: list[str]) -> None:
    links = article_links(LISTING, "https://news.example/world/", selector=selector, pattern=pattern)
    assert [u.rsplit("/", 1)[1] for u in links] == expected
