"""A loopback imitation of Google News, written from the public descriptions of its shapes.

- ``/rss/search``: an RSS feed whose items link to ``https://news.google.com/rss/articles/<id>``
  and name their publisher in ``<source url=...>``;
- ``/rss/articles/<id>``: the interstitial page (no redirect), a ``c-wiz`` element with the
  ``data-n-a-id``, ``data-n-a-sg`` and ``data-n-a-ts`` attributes;
- ``POST /_/DotsSplashUi/data/batchexecute``: reads ``f.req``, checks the signature and the
  timestamp the page gave out, and answers ``)]}'`` plus the ``wrb.fr`` row holding
  ``["garturlres", url, 1]``; ``down = True`` makes it answer 503, ``garbled = True`` an
  answer without a URL.

Tests point the crawler's Google News origin at it with the
``STATIONWATCH_GNEWS_ORIGIN`` environment variable (or the Scrapy setting of that name).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs

from tests.support.web import LoopbackWeb, RequestHandler, Resource

DECODE_PATH = "/_/DotsSplashUi/data/batchexecute"


def token_id(n: int) -> str:
    """A new-style article id: a protobuf whose field 4 is an opaque ``AU_yqL...`` token."""
    token = f"AU_yqLtest{n:04d}xQ9".encode()
    raw = b"\x08\x13\x22" + bytes([len(token)]) + token
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def clear_id(url: str) -> str:
    """An old-style article id that carries ``url`` in clear (decoded without a request)."""
    data = url.encode()
    raw = b"\x08\x13\x22" + _varint(len(data)) + data + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


@dataclass
class Item:
    art_id: str
    title: str  # as Google writes it: "Headline - Publisher"
    publisher: str
    publisher_url: str  # the publisher's home, for <source url=...>
    target: str  # the article's URL at the publisher
    description: str = ""
    date: str = "Mon, 05 Dec 2022 09:00:00 GMT"


@dataclass
class FakeGoogleNews:
    web: LoopbackWeb
    items: list[Item] = field(default_factory=list)
    down: bool = False
    garbled: bool = False
    decoded: list[str] = field(default_factory=list)  # ids the endpoint decoded

    def install(self) -> str:
        """Serve the feed, the interstitials and the endpoint; returns the feed's URL."""
        for item in self.items:
            self.web.put(f"/rss/articles/{item.art_id}", self._interstitial(item))
        self.web.add(DECODE_PATH, self._decode)
        return self.web.put("/rss/search", self._feed(), "application/rss+xml")

    def link(self, item: Item) -> str:
        return f"https://news.google.com/rss/articles/{item.art_id}?oc=5"

    def _feed(self) -> str:
        parts = []
        for it in self.items:
            description = it.description or (
                f'<a href="{self.link(it)}" target="_blank">{escape(it.title)}</a>'
                f'&nbsp;&nbsp;<font color="#6f6f6f">{escape(it.publisher)}</font>')
            parts.append(
                f"<item><title>{escape(it.title)}</title><link>{escape(self.link(it))}</link>"
                f'<guid isPermaLink="false">{escape(it.art_id)}</guid>'
                f"<pubDate>{it.date}</pubDate>"
                f"<description>{escape(description)}</description>"
                f'<source url="{escape(it.publisher_url)}">{escape(it.publisher)}</source></item>'
            )
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
                "<title>search - Google News</title><link>https://news.google.com/</link>"
                f"<language>en-US</language><description>Google News</description>{''.join(parts)}"
                "</channel></rss>")

    @staticmethod
    def _signature(item: Item) -> str:
        return f"sg-{item.art_id[-6:]}"

    def _interstitial(self, item: Item) -> str:
        return ("<!doctype html><html><head><title>Google News</title>"
                "<script>/* the page's script asks the endpoint for the link */</script></head>"
                '<body><c-wiz jsrenderer="x"><div jscontroller="aLI87" '
                f'data-n-a-id="{escape(item.art_id)}" data-n-a-sg="{self._signature(item)}" '
                'data-n-a-ts="1733475600"></div></c-wiz>'
                "<noscript>Opening the article needs JavaScript.</noscript></body></html>")

    def _decode(self, req: RequestHandler) -> None:
        if self.down:
            self._send(req, 503, "text/plain", b"service unavailable")
            return
        body = req.record.body.decode()
        try:
            envelope = json.loads(parse_qs(body)["f.req"][0])
            rpc, inner, *_ = envelope[0][0]
            verb, _context, art_id, ts, sg = json.loads(inner)
        except (KeyError, ValueError, IndexError, TypeError):
            self._send(req, 400, "text/plain", b"bad request")
            return
        item = next((i for i in self.items if i.art_id == art_id), None)
        if rpc != "Fbv4je" or verb != "garturlreq" or item is None \
                or sg != self._signature(item) or ts != 1733475600:
            self._send(req, 400, "text/plain", b"bad request")
            return
        self.decoded.append(art_id)
        url = "" if self.garbled else item.target
        payload = json.dumps(["garturlres", url, 1]) if url else json.dumps(["garturlres"])
        rows = [["wrb.fr", "Fbv4je", payload, None, None, None, "generic"], ["di", 21],
                ["af.httprm", 20, "-1234", 7]]
        text = ")]}'\n\n" + json.dumps(rows)
        self._send(req, 200, "application/json; charset=utf-8", text.encode())

    @staticmethod
    def _send(req: RequestHandler, status: int, ctype: str, body: bytes) -> None:
        req.send(Resource(body, ctype, status))
