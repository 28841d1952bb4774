"""GoogleNewsMiddleware on real Scrapy requests and responses (no network): what it
asks for at each step, and when it gives up."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from crawler.gnews_middleware import (
    LINK_META,
    MAX_FAILURES,
    STEP_META,
    GoogleNewsMiddleware,
    GoogleNewsUndecoded,
)
from crawler.headline import RESOLVED_META
from tests.support.gnews import clear_id, token_id

ORIGIN = "http://127.0.0.1:8999"
PAGE = ('<html><body><c-wiz><div jscontroller="x" data-n-a-id="{id}" data-n-a-sg="sig-1" '
        'data-n-a-ts="1733475600"></div></c-wiz></body></html>')


def _mw(origin: str | None = ORIGIN) -> GoogleNewsMiddleware:
    settings = {"STATIONWATCH_GNEWS_ORIGIN": origin} if origin else {}
    return GoogleNewsMiddleware.from_crawler(get_crawler(settings_dict=settings))


def _link(art_id: str) -> Request:
    return Request(f"https://news.google.com/rss/articles/{art_id}?oc=5",
                   meta={"source": "gnews-en", "entry": "x", "entry_words": {"title": "T"}})


def test_other_urls_pass_and_google_news_urls_go_to_the_configured_origin() -> None:
    mw = _mw()
    assert mw.process_request(Request("https://example.org/a")) is None
    feed = mw.process_request(Request("https://news.google.com/rss/search?q=x&hl=en-US"))
    assert isinstance(feed, Request) and feed.url == f"{ORIGIN}/rss/search?q=x&hl=en-US"
    assert _mw(None).process_request(Request("https://news.google.com/rss/search?q=x")) is None


def test_an_old_style_id_goes_straight_to_the_publisher() -> None:
    target = "https://www.example-daily.com/world/stations"
    out = _mw().process_request(_link(clear_id(target)))
    assert isinstance(out, Request) and out.url == target
    assert out.meta[RESOLVED_META] == target and out.meta["entry_words"] == {"title": "T"}


def test_interstitial_becomes_a_decoding_post_whose_answer_is_followed() -> None:
    mw = _mw()
    art_id = token_id(7)
    first = mw.process_request(_link(art_id))
    assert isinstance(first, Request) and first.url.startswith(f"{ORIGIN}/rss/articles/{art_id}")
    assert first.meta[STEP_META] == "link"
    page = HtmlResponse(first.url, body=PAGE.format(id=art_id).encode(), request=first)
    post = mw.process_response(first, page)
    assert isinstance(post, Request) and post.method == "POST"
    assert post.url == f"{ORIGIN}/_/DotsSplashUi/data/batchexecute"
    inner = json.loads(json.loads(parse_qs(post.body.decode())["f.req"][0])[0][0][1])
    assert inner[2:] == [art_id, 1733475600, "sig-1"]
    row = ["wrb.fr", "Fbv4je", json.dumps(["garturlres", "https://pub.example/a", 1])]
    answer = TextResponse(post.url, body=(")]}'\n\n" + json.dumps([row])).encode(), request=post)
    follow = mw.process_response(post, answer)
    assert isinstance(follow, Request) and follow.url == "https://pub.example/a"
    assert follow.method == "GET" and follow.meta[LINK_META] and STEP_META not in follow.meta
    assert mw.process_request(follow) is None  # the publisher's page is fetched as it is


def test_a_google_page_without_decoding_data_is_never_an_article() -> None:
    mw = _mw()
    first = mw.process_request(_link(token_id(8)))
    assert isinstance(first, Request)
    page = HtmlResponse(first.url, body=b"<html><body>Something else</body></html>", request=first)
    with pytest.raises(GoogleNewsUndecoded, match="holds no decoding data"):
        mw.process_response(first, page)


def test_after_failures_in_a_row_the_crawl_stops_asking_the_endpoint() -> None:
    mw = _mw()
    for n in range(MAX_FAILURES):
        first = mw.process_request(_link(token_id(n)))
        assert isinstance(first, Request)
        post = mw.process_response(first, HtmlResponse(
            first.url, body=PAGE.format(id=token_id(n)).encode(), request=first))
        assert isinstance(post, Request)
        with pytest.raises(GoogleNewsUndecoded, match="HTTP 503"):
            mw.process_response(post, TextResponse(post.url, status=503, body=b"", request=post))
    with pytest.raises(GoogleNewsUndecoded, match="in a row"):
        mw.process_request(_link(token_id(99)))
