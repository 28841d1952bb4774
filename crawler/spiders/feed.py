"""RSS 0.9x/1.0/2.0, Atom and JSON Feed sources.

Scrapy downloads; feedparser parses the bytes (``io.BytesIO`` plus the
response headers, never a URL, so it cannot fetch or open anything itself).
JSON Feed is read with the json module, which feedparser does not cover.
"""

from __future__ import annotations

import io
import json
import logging
from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from scrapy.http import Response

from crawler.config import SourceConfig
from crawler.items import ArticleItem
from crawler.spiders.base import StationSpider

log = logging.getLogger(__name__)

MAX_ENTRIES = 500


class FeedError(ValueError):
    """The document is not a feed we can read."""


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(timegm(value), tz=UTC)
    return None


def _entry_text(entry: Any) -> str:
    from w3lib.html import remove_tags, replace_entities

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    return " ".join(replace_entities(remove_tags(p)) for p in parts if p).strip()


def parse_feed_bytes(body: bytes, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Entries of an RSS/Atom/JSON feed as plain dicts: link, id, title, published, text."""
    head = body.lstrip()[:1]
    if head == b"{":
        return _parse_json_feed(body)
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed found"
        raise FeedError(f"not a feed: {reason}")
    entries = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        entries.append(
            {
                "link": entry.get("link") or "",
                "id": entry.get("id") or None,
                "title": entry.get("title") or None,
                "published": _when(entry),
                "text": _entry_text(entry),
            }
        )
    return entries


def _parse_json_feed(body: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from exc
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise FeedError("not a feed: JSON without a JSON Feed version")
    entries = []
    for item in (doc.get("items") or [])[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        published = None
        raw = item.get("date_published") or item.get("date_modified")
        if isinstance(raw, str):
            from crawler.analysis.extract import parse_date

            published = parse_date(raw)
        text = item.get("content_text") or ""
        if not text and isinstance(item.get("content_html"), str):
            from w3lib.html import remove_tags

            text = remove_tags(item["content_html"])
        entries.append(
            {
                "link": str(item.get("url") or item.get("external_url") or ""),
                "id": str(item["id"]) if item.get("id") is not None else None,
                "title": item.get("title") if isinstance(item.get("title"), str) else None,
                "published": published,
                "text": text.strip(),
            }
        )
    return entries


class FeedSpider(StationSpider):
    name = "feed"
    kind = "feed"

    def parse_listing(self, source: SourceConfig, response: Response) -> Iterator[Any]:
        headers = {
            k.decode("latin-1").lower(): b",".join(v).decode("latin-1")
            for k, v in response.headers.items()
        }
        try:
            entries = parse_feed_bytes(response.body, headers)
        except FeedError as exc:
            self.listing_failed(source, str(exc))
            return
        self.listing_parsed(response)
        for entry in entries:
            link = response.urljoin(entry["link"]) if entry["link"] else ""
            if not link:
                continue
            if source.follow_links:
                request = self.article_request(
                    source,
                    link,
                    entry_id=entry["id"],
                    title=entry["title"],
                    published=entry["published"],
                )
                if request is not None:
                    yield request
            elif not self.is_known(source, link, entry["id"], entry["title"]):
                yield ArticleItem(
                    source=source.name,
                    url=link,
                    fetched_at=self.ctx.now,
                    feed_entry_id=entry["id"],
                    title=entry["title"],
                    published=entry["published"],
                    text=entry["text"],
                    lang_hint=source.lang,
                )
