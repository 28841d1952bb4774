"""Consent walls, JavaScript shells, bot checks and paywalls are told from articles."""

from __future__ import annotations

import pytest

from crawler.walls import stop_kind, wall_reason
from tests.support.pages import article_page

STORY = [
    "Investigators in the Netherlands said on Tuesday they had found two overseas police "
    "stations run by Chinese authorities in Amsterdam and Rotterdam. " * 3,
    "The foreign ministry in The Hague called the offices illegal and ordered them shut. " * 3,
    "Beijing denied that the centres were police stations and said volunteers staffed them. " * 3,
]


def _shell(text: str, head: str = "") -> str:
    return (f"<!doctype html><html><head><title>Example</title>{head}<script>var x = 1;</script>"
            f"</head><body><div>{text}</div></body></html>")


@pytest.mark.parametrize(("url", "html", "expected"), [
    ("https://consent.google.com/ml?continue=https://news.google.com/rss/articles/X", "",
     "blocked by a consent page (consent.google.com)"),
    ("https://guce.yahoo.com/consent?brandType=nonEu", _shell("Yahoo is part of the Yahoo family"),
     "blocked by a consent page (guce.yahoo.com)"),
    ("https://news.example/a", _shell("Before you continue to Example News. We use cookies. "
                                      "<button>Accept all</button> <button>Reject all</button>"),
     "a consent page"),
    ("https://news.example/a", _shell("<noscript>Please enable JavaScript to view this page."
                                      "</noscript>"), "needs JavaScript"),
    ("https://news.example/a", _shell("Just a moment... Checking your browser before accessing."),
     "a bot check"),
    ("https://news.example/a", _shell("Exclusive: NGO counts more stations. Subscribe to continue "
                                      "reading. Already a subscriber? Log in."), "a paywall"),
    ("https://news.example/a", _shell("Exclusive: NGO counts more stations.",
                                      head='<script type="application/ld+json">{"@type": '
                                           '"NewsArticle", "isAccessibleForFree": false}</script>'),
     "a paywall (isAccessibleForFree: false)"),
])
def test_walls_are_recognised(url: str, html: str, expected: str) -> None:
    reason = wall_reason(url, html)
    assert reason is not None and expected in reason


def test_article_with_cookie_banner_and_subscribe_button_is_not_a_wall() -> None:
    page = article_page("Dutch order closure of Chinese police outposts", STORY)
    assert "Accept all" in page
    page = page.replace("</main>", "<p>Subscribe to continue reading our coverage. "
                        "Please enable JavaScript for comments.</p></main>")
    assert wall_reason("https://news.example/nl", page) is None


def test_short_page_without_wall_words_is_not_a_wall() -> None:
    assert wall_reason("https://news.example/brief", _shell("Two stations closed in Dublin.")) is None


@pytest.mark.parametrize(("reason", "kind"), [
    ("Forbidden by robots.txt", "robots.txt"),
    ("https://x.example/a: blocked by a consent page (consent.google.com)", "consent page"),
    ("blocked by a paywall (\u201csubscribers only\u201d)", "paywall"),
    ("Google News link not resolved: the decoder answered HTTP 503", "not decoded"),
    ("response too large: download cancelled at the size cap (5000 bytes)", "size cap"),
    ("timed out: no complete response within the deadline of 30s", "timeout"),
    ("https://x.example/a: HTTP 403", "http error"),
    ("connection refused", "network"),
    ("source s: refused http://10.0.0.1/: private address", "refused"),
    ("something odd", "other"),
])
def test_stop_kinds(reason: str, kind: str) -> None:
    assert stop_kind(reason) == kind
