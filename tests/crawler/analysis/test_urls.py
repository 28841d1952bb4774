"""Canonical URLs, outlets and redirector unwrapping: table tests."""

from __future__ import annotations

import pytest

from crawler.analysis.urls import canonical_url, outlet, site, unwrap_redirector

ART = "https://example.org/news/2022/12/05/report-finds-more-stations"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # case, default ports, fragments
        ("HTTPS://Example.ORG/news/2022/12/05/report-finds-more-stations", ART),
        ("https://example.org:443/news/2022/12/05/report-finds-more-stations#comments", ART),
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/News/Path", "https://example.org/News/Path"),  # paths keep case
        # trailing slash (not the root)
        (ART + "/", ART),
        ("https://example.org", "https://example.org/"),
        # tracking parameters
        (ART + "?utm_source=rss&utm_medium=feed&utm_campaign=x&utm_content=y&utm_term=z", ART),
        (ART + "?fbclid=IwAR0&gclid=Cj0&mc_cid=12&mc_eid=34&ocid=msn&cmpid=rss", ART),
        (ART + "?igshid=a&_ga=2.1&spm=a2c&_gl=1*x&msclkid=m&yclid=y", ART),
        (ART + "?UTM_Source=Feed", ART),
        # query order and kept parameters
        ("https://example.org/search?q=police&page=2", "https://example.org/search?page=2&q=police"),
        ("https://example.org/a?id=7&utm_source=x", "https://example.org/a?id=7"),
        ("https://example.org/a?", "https://example.org/a"),
        ("https://example.org/a?b=2&amp;a=1", "https://example.org/a?a=1&b=2"),
        # AMP and mobile variants
        (ART + "/amp", ART),
        (ART + "/amp/", ART),
        (ART + "?amp=1", ART),
        (ART + "?amp", ART),
        (ART + "?outputType=amp", ART),
        ("https://example.org/news/world-63838276.amp", "https://example.org/news/world-63838276"),
        ("https://example.org/news/story.amp.html", "https://example.org/news/story.html"),
        ("https://amp.example.org/news/2022/12/05/report-finds-more-stations", ART),
        ("https://m.example.org/news/2022/12/05/report-finds-more-stations", ART),
        ("https://mobile.example.org/news/2022/12/05/report-finds-more-stations", ART),
        ("https://www.example.org/news/2022/12/05/report-finds-more-stations", ART),
        ("https://m.news.example.co.uk/x", "https://news.example.co.uk/x"),
        ("https://www.example.co.uk/x", "https://example.co.uk/x"),
        # a public suffix is never stripped down to
        ("https://www.gov.uk/x", "https://www.gov.uk/x"),
        # parameters named like AMP switches but meaning something else stay
        ("https://example.org/a?amp=0", "https://example.org/a?amp=0"),
        # non-ASCII paths and queries are percent-encoded once
        ("https://example.org/新闻/海外警察站", "https://example.org/%E6%96%B0%E9%97%BB/%E6%B5%B7%E5%A4%96%E8%AD%A6%E5%AF%9F%E7%AB%99"),
        ("https://example.org/%E6%96%B0%E9%97%BB", "https://example.org/%E6%96%B0%E9%97%BB"),
        # loopback addresses keep their port; IPs are never stripped
        ("http://127.0.0.1:8081/news/1?utm_source=x", "http://127.0.0.1:8081/news/1"),
        # redirectors are unwrapped first
        (
            "https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url=https%3a%2f%2fwww.example.org%2fnews%2f2022%2f12%2f05%2freport-finds-more-stations%3futm_source%3dbing&c=123&mkt=en-us",
            ART,
        ),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent():
    for url in (ART + "/amp?utm_source=x", "https://m.example.org/a?b=1&a=2#x"):
        once = canonical_url(url)
        assert canonical_url(once) == once


@pytest.mark.parametrize(
    ("url", "declared", "expected"),
    [
        # same site: honoured (and folded too)
        ("https://m.example.org/a1234", "https://www.example.org/news/slug?utm_source=x", "https://example.org/news/slug"),
        ("https://example.org/a1234", "/news/slug", "https://example.org/news/slug"),
        ("https://news.example.org/a", "https://www.example.org/news/a", "https://example.org/news/a"),
        # other site (a syndicator pointing at the original): not honoured
        ("https://wire.example.net/story", "https://example.org/news/slug", "https://wire.example.net/story"),
        # a home-page canonical on a deeper page is a CMS mistake
        ("https://example.org/news/slug", "https://example.org/", "https://example.org/news/slug"),
        # junk
        ("https://example.org/news/slug", "javascript:void(0)", "https://example.org/news/slug"),
        ("https://example.org/news/slug", "", "https://example.org/news/slug"),
        # loopback: another port is another site
        ("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/b", "http://127.0.0.1:8001/a"),
        ("http://127.0.0.1:8001/a?amp=1", "http://127.0.0.1:8001/b", "http://127.0.0.1:8001/b"),
    ],
)
def test_declared_canonical(url, declared, expected):
    assert canonical_url(url, declared=declared) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.org/a", "example.org"),
        ("https://m.example.org/a", "example.org"),
        ("https://amp.example.org/a", "example.org"),
        ("https://News.Example.org/a", "news.example.org"),
        ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),
        ("http://localhost:8080/a", "localhost:8080"),
        ("https://www.bing.com/news/apiclick.aspx?url=https%3a%2f%2fm.example.org%2fa", "example.org"),
    ],
)
def test_outlet(url, expected):
    assert outlet(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bing.com/news/apiclick.aspx?ref=FexRss&url=https%3a%2f%2fexample.org%2fa&c=1", "https://example.org/a"),
        ("http://bing.com/news/apiclick.aspx?URL=https://example.org/a?x=1", "https://example.org/a?x=1"),
        ("https://www.google.com/url?rct=j&sa=t&url=https://example.org/a&ct=ga", "https://example.org/a"),
        ("https://www.google.com/amp/s/example.org/a/amp", "https://example.org/a/amp"),
        ("https://example-org.cdn.ampproject.org/c/s/example.org/a", "https://example.org/a"),
        ("https://example-org.cdn.ampproject.org/c/example.org/a", "http://example.org/a"),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fa&h=AT0", "https://example.org/a"),
        # nested
        ("https://www.google.com/url?url=https%3A%2F%2Fwww.bing.com%2Fnews%2Fapiclick.aspx%3Furl%3Dhttps%253A%252F%252Fexample.org%252Fa", "https://example.org/a"),
        # not redirectors, or no usable target: unchanged
        ("https://www.bing.com/news/search?q=police", "https://www.bing.com/news/search?q=police"),
        ("https://www.bing.com/news/apiclick.aspx?url=javascript:alert(1)", "https://www.bing.com/news/apiclick.aspx?url=javascript:alert(1)"),
        ("https://feedproxy.google.com/~r/example/~3/abc/story", "https://feedproxy.google.com/~r/example/~3/abc/story"),
        ("https://news.google.com/rss/articles/CBMiK2h0dHBz?oc=5", "https://news.google.com/rss/articles/CBMiK2h0dHBz?oc=5"),
        ("https://example.org/url?url=https://other.org/", "https://example.org/url?url=https://other.org/"),
    ],
)
def test_unwrap_redirector(url, expected):
    assert unwrap_redirector(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.bbc.co.uk/a", "bbc.co.uk"),
        ("https://m.example.org/a", "example.org"),
        ("http://127.0.0.1:9000/a", "127.0.0.1:9000"),
        ("https://m.news.test/a", "news.test"),
    ],
)
def test_site(url, expected):
    assert site(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com:99999/a", "https://example.com:99999/a"),  # never raises
        ("  https://user:secret@Example.com/x  ", "https://example.com/x"),  # no credentials kept
        ("https://例え.jp/パス", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"),
        ("https://example.com/a/../b/./c", "https://example.com/b/c"),
        ("https://example.com/%7e%41", "https://example.com/~A"),
        ("http://[::1]:8080/x?utm_source=a", "http://[::1]:8080/x"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
    ],
)
def test_odd_urls(url, expected):
    assert canonical_url(url) == expected


def test_outlet_shows_international_names():
    assert outlet("https://www.xn--r8jz45g.jp/x") == "例え.jp"
    assert canonical_url("https://example.com/a", declared="https://example.com:99999/b") == "https://example.com/a"
