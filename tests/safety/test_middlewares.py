"""The downloader middlewares with real Scrapy objects (a test crawler)."""

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from crawler.config import CrawlConfig
from crawler.middlewares import PrivateNetworkMiddleware, RefusedRequest, RequestLimitsMiddleware
from crawler.settings import scrapy_settings


def _crawler(allow: bool = False):
    crawler = get_crawler(settings_dict=scrapy_settings(CrawlConfig(allow_private_networks=allow)))
    crawler.stats.open_spider()
    return crawler


def _redirect(req: Request, location: str, status: int = 302) -> Response:
    return Response(req.url, status=status, headers={"Location": location})


def test_guard_is_off_when_private_networks_are_allowed() -> None:
    with pytest.raises(NotConfigured):
        PrivateNetworkMiddleware.from_crawler(_crawler(allow=True))
    assert RequestLimitsMiddleware.from_crawler(_crawler(allow=True)) is not None


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://2130706433/", "http://0177.0.0.1/x",
                                 "http://[::ffff:7f00:1]/", "https://169.254.169.254/latest/meta-data/"])
def test_literal_forbidden_hosts_are_refused_before_connecting(url: str) -> None:
    crawler = _crawler()
    mw = PrivateNetworkMiddleware.from_crawler(crawler)
    with pytest.raises(RefusedRequest) as info:
        mw.process_request(Request(url, meta={"source": "gov-feed"}))
    assert str(info.value).startswith("source gov-feed: refused ")
    assert crawler.stats.get_value("safety/refused/private_address") == 1


def test_public_host_passes_and_is_counted() -> None:
    crawler = _crawler()
    mw = PrivateNetworkMiddleware.from_crawler(crawler)
    assert mw.process_request(Request("https://news.example/rss")) is None
    assert crawler.stats.get_value("safety/checked/request") == 1


@pytest.mark.parametrize("location", ["http://10.0.0.1/admin", "http://0x0a000001/", "//192.168.0.1/x",
                                      "http://[fd00::1]/"])
def test_redirect_hop_to_private_address_is_refused(location: str) -> None:
    crawler = _crawler()
    mw = PrivateNetworkMiddleware.from_crawler(crawler)
    req = Request("https://news.example/feed", meta={"source": "s"})
    with pytest.raises(RefusedRequest, match="redirect to"):
        mw.process_response(req, _redirect(req, location))
    assert crawler.stats.get_value("safety/refused/private_redirect") == 1


def test_connected_peer_address_is_checked() -> None:
    import ipaddress

    mw = PrivateNetworkMiddleware.from_crawler(_crawler())
    req = Request("https://news.example/feed")
    response = Response(req.url, status=200, body=b"x", ip_address=ipaddress.ip_address("10.1.1.1"))
    with pytest.raises(RefusedRequest, match="connected to 10.1.1.1: private network address"):
        mw.process_response(req, response)
    ok = Response(req.url, status=200, body=b"x", ip_address=ipaddress.ip_address("93.184.216.34"))
    assert mw.process_response(req, ok) is ok


def test_plain_dns_failure_is_left_alone() -> None:
    mw = PrivateNetworkMiddleware.from_crawler(_crawler())
    assert mw.process_exception(Request("https://nowhere.example/"), DNSLookupError("nope")) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "data:,x", "gopher://x/"])
def test_non_http_schemes_are_refused(url: str) -> None:
    mw = RequestLimitsMiddleware.from_crawler(_crawler())
    with pytest.raises(IgnoreRequest, match="is not allowed"):
        mw.process_request(Request(url))


def test_redirect_cap() -> None:
    mw = RequestLimitsMiddleware.from_crawler(_crawler())
    req = Request("https://news.example/a", meta={"redirect_times": 9})
    assert mw.process_response(req, _redirect(req, "/b")).status == 302
    req = Request("https://news.example/a", meta={"redirect_times": 10})
    with pytest.raises(RefusedRequest, match="more than 10 redirects"):
        mw.process_response(req, _redirect(req, "/b"))
