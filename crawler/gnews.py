"""Google News article links: which links they are, and how they are decoded.

Pure functions, no I/O; ``crawler.gnews_middleware`` does the requests.

A Google News feed links each item to ``news.google.com/rss/articles/<id>``
(also ``/articles/<id>`` and ``/read/<id>``). The id is URL-safe base64 of a
small protobuf message:

- ids minted before mid-2024 carry the publisher's URL in clear (field 4,
  a length-delimited string): ``decode_offline`` reads it, no request needed;
- newer ids carry an opaque token (it starts ``AU_yqL``). Following such a
  link returns no redirect but an HTML page whose ``c-wiz`` element holds
  the data attributes ``data-n-a-id`` (the id), ``data-n-a-sg`` (a
  signature) and ``data-n-a-ts`` (a timestamp); the page's script posts them
  as the form field ``f.req`` to ``/_/DotsSplashUi/data/batchexecute`` on the
  same origin (RPC ``Fbv4je``, request ``garturlreq``) and gets back a body
  that starts ``)]}'`` followed by JSON arrays; the row
  ``["wrb.fr", "Fbv4je", "<json>", ...]`` holds ``["garturlres", "<url>", ...]``.

These shapes are described publicly by the decoders written since Google
changed its links (the ``googlenewsdecoder`` package, RSSHub issue 17412,
Miniflux issue 1854); this module is written from those descriptions.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from parsel import Selector

HOST = "news.google.com"
ORIGIN = f"https://{HOST}"
DECODE_PATH = "/_/DotsSplashUi/data/batchexecute"
RPC_ID = "Fbv4je"
XSSI_PREFIX = ")]}'"
_ID_PARENTS = ("articles", "read")
_MAX_ID_CHARS = 2000


def is_google_news(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() == HOST


def article_id(url: str) -> str | None:
    """The article id of a Google News article link, or None for any other URL."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() != HOST:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[-2] in _ID_PARENTS and 0 < len(segments[-1]) <= _MAX_ID_CHARS:
        return segments[-1]
    return None


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data):
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            break
    raise ValueError("truncated or over-long varint")


def _fields(data: bytes) -> Iterator[tuple[int, Any]]:
    """(field number, value) of a protobuf message's varint and length-delimited fields."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            yield number, value
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ValueError("field runs past the end")
            yield number, data[pos : pos + size]
            pos += size
        else:
            raise ValueError(f"unexpected wire type {wire}")


def decode_offline(art_id: str) -> str | None:
    """The publisher's URL carried in clear by an old-style id, else None."""
    try:
        raw = base64.urlsafe_b64decode(art_id + "=" * (-len(art_id) % 4))
    except (binascii.Error, ValueError):
        return None
    try:
        for number, value in _fields(raw):
            if number == 4 and isinstance(value, bytes):
                text = value.decode("utf-8")
                if text.startswith(("http://", "https://")):
                    return text
                return None  # a token (AU_yqL...): only the endpoint can decode it
    except (ValueError, UnicodeDecodeError):
        return None
    return None


@dataclass(frozen=True, slots=True)
class DecodeParams:
    """What the interstitial page gives its script to decode the link."""

    art_id: str
    signature: str
    timestamp: str


def interstitial_params(html: str, link_id: str | None = None) -> DecodeParams | None:
    """The decoding data of a Google News interstitial page, or None when it is not one."""
    node = Selector(text=html).css("[data-n-a-sg][data-n-a-ts]")
    if not node:
        return None
    first = node[0]
    art_id = first.attrib.get("data-n-a-id") or link_id
    signature = first.attrib.get("data-n-a-sg", "").strip()
    timestamp = first.attrib.get("data-n-a-ts", "").strip()
    if not art_id or not signature or not timestamp:
        return None
    return DecodeParams(art_id, signature, timestamp)


def _locale(link: str) -> tuple[str, str, str]:
    """(hl, gl, ceid) of the link's edition; US English when the link does not say."""
    query = parse_qs(urlsplit(link).query)
    hl = query.get("hl", ["en-US"])[0]
    gl = query.get("gl", ["US"])[0]
    ceid = query.get("ceid", [f"{gl}:{hl.split('-')[0]}"])[0]
    return hl, gl, ceid


def decode_form(params: DecodeParams, link: str) -> str:
    """The urlencoded body of the decoding POST (one ``garturlreq`` in ``f.req``)."""
    hl, gl, ceid = _locale(link)
    context = [[hl, gl, ["FINANCE_TOP_INDICES", "WEB_TEST_1_0_0"], None, None, 1, 1, ceid,
                None, 180, None, None, None, None, None, 0, 5],
               hl, gl, 1, [2, 4, 8], 1, 1, None, 0, 0, None, 0]
    timestamp: int | str = int(params.timestamp) if params.timestamp.isdigit() else params.timestamp
    inner = json.dumps(["garturlreq", context, params.art_id, timestamp, params.signature],
                       separators=(",", ":"))
    envelope = json.dumps([[[RPC_ID, inner, None, "generic"]]], separators=(",", ":"))
    return urlencode({"f.req": envelope})


def _json_values(text: str) -> Iterator[Any]:
    """The JSON values of a batchexecute body: the whole rest, else each line that parses."""
    body = text.lstrip()
    if body.startswith(XSSI_PREFIX):
        body = body[len(XSSI_PREFIX):]
    try:
        yield json.loads(body)
        return
    except ValueError:
        pass
    for line in body.splitlines():  # the chunked form: a length line, then a JSON line
        line = line.strip()
        if line.startswith("["):
            try:
                yield json.loads(line)
            except ValueError:
                continue


def _rows(value: Any) -> Iterator[list[Any]]:
    if isinstance(value, list):
        if len(value) >= 3 and value[0] == "wrb.fr":
            yield value
        else:
            for item in value:
                yield from _rows(item)


def decoded_url(text: str) -> str | None:
    """The publisher's URL in a batchexecute answer, or None when it holds none."""
    for value in _json_values(text):
        for row in _rows(value):
            if row[1] != RPC_ID or not isinstance(row[2], str):
                continue
            try:
                payload = json.loads(row[2])
            except ValueError:
                continue
            if (isinstance(payload, list) and len(payload) >= 2 and payload[0] == "garturlres"
                    and isinstance(payload[1], str)
                    and payload[1].startswith(("http://", "https://"))):
                return payload[1]
    return None
