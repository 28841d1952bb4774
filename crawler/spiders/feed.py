"""RSS 0.9x/1.0/2.0, Atom and JSON Feed sources.

Scrapy downloads; feedparser parses the bytes (``io.BytesIO`` plus the
response headers, never a URL, so it cannot fetch or open anything itself).
JSON Feed is read with the json module, which feedparser does not cover.
"""

from __future__ import annotations

import json
import logging
from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response

from crawler.config import SourceConfig
from crawler.items import ArticleItem
from crawler.listing import newest
from crawler.safety.feeds import FeedRejected, parse_feed
from crawler.safety.limits import MAX_ENTRIES_PER_FEED, clip_field, url_problem
from crawler.sitemaps import parse_w3c_datetime
from crawler.spiders.base import StationSpider

log = logging.getLogger(__name__)


class FeedError(ValueError):
    """The document is not a feed we can read."""


def _when(entry: Any) -> datetime | None:
    """The entry's date; a date Python cannot hold (year 10000 in UTC) is no date."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(timegm(value), tz=UTC)
            except (ValueError, OverflowError, OSError):
                log.info("entry %r: date out of range, ignored", entry.get("id") or entry.get("link"))
    return None


def _revised(entry: Any) -> datetime | None:
    """The entry's latest date (published or updated): it moves on when the item is revised."""
    dates = []
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                dates.append(datetime.fromtimestamp(timegm(value), tz=UTC))
            except (ValueError, OverflowError, OSError):
                continue  # _when has said so
    return max(dates, default=None)


def _entry_text(entry: Any) -> str:
    from crawler.analysis.pagetext import html_fragment_text  # one line per block

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    return "\n".join(html_fragment_text(p) for p in parts if p).strip()


def parse_feed_bytes(body: bytes, headers: dict[str, str], url: str = "") -> list[dict[str, Any]]:
    """Entries of an RSS/Atom/JSON feed as plain dicts: link, id, title, published, text.

    XML goes through ``crawler.safety.feeds.parse_feed``: DTDs refused before
    parsing, encodings settled, feedparser's crashes and non-feeds (HTML,
    captcha pages) turned into a ``FeedError`` with the reason.
    """
    head = body.lstrip()[:1]
    if head == b"{":
        return _parse_json_feed(body)
    try:
        parsed = parse_feed(body, url=url or headers.get("content-location", ""), headers=headers)
    except FeedRejected as exc:
        raise FeedError(exc.reason) from exc
    entries = []
    for entry in parsed.entries:
        entries.append(
            {
                "link": entry.get("link") or "",  # over-long links are refused when requested
                "id": clip_field("feed_entry_id", entry.get("id")) or None,
                "title": clip_field("title", entry.get("title")) or None,
                "published": _when(entry),
                "revised": _revised(entry),
                "text": _entry_text(entry),
                **_publisher(entry),
            }
        )
    return entries


def _publisher(entry: Any) -> dict[str, str]:
    """The entry's ``<source>``: the outlet an aggregator (Google News) took it from."""
    source = entry.get("source")
    if not isinstance(source, dict):
        return {}
    return {"publisher": str(source.get("title") or ""),
            "publisher_url": str(source.get("href") or source.get("url") or "")}


def _parse_json_feed(body: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from exc
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise FeedError("not a feed: JSON without a JSON Feed version")
    entries = []
    for item in doc.get("items") or []:
        if not isinstance(item, dict):
            continue
        published = None
        raw = item.get("date_published") or item.get("date_modified")
        if isinstance(raw, str):
            published = parse_w3c_datetime(raw)
        dates = [parse_w3c_datetime(raw) for raw in (item.get("date_published"), item.get("date_modified"))
                 if isinstance(raw, str)]
        revised = max((d for d in dates if d is not None), default=None)
        text = item.get("content_text") or ""
        if not text and isinstance(item.get("content_html"), str):
            from crawler.analysis.pagetext import html_fragment_text

            text = html_fragment_text(item["content_html"])
        entries.append(
            {
                "link": str(item.get("url") or item.get("external_url") or ""),
                "id": str(item["id"]) if item.get("id") is not None else None,
                "title": item.get("title") if isinstance(item.get("title"), str) else None,
                "published": published,
                "revised": revised,
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
            entries = parse_feed_bytes(response.body, headers, response.url)
        except FeedError as exc:
            self.listing_failed(source, str(exc), response)
            return
        kept = newest(entries, MAX_ENTRIES_PER_FEED, lambda e: e["published"])
        if len(kept) < len(entries):
            self.capped(source, len(entries), len(kept))
        for entry in kept:
            link = response.urljoin(entry["link"]) if entry["link"] else ""
            if not link:
                continue
            problem = url_problem(link)
            if problem is not None:  # javascript:, data:, file:, over-long ...: never fetched or shown
                self.crawler.stats.inc_value("stationwatch/entry/bad_link")
                log.info("source %s: entry link skipped: %s", source.name, problem)
                continue
            if source.follow_links:
                request = self.article_request(
                    source,
                    link,
                    entry_id=entry["id"],
                    title=entry["title"],
                    published=entry["published"],
                    revised=entry.get("revised"),
                    entry=entry,
                )
                if request is not None:
                    yield request
            else:
                yield ArticleItem(
                    source=source.name,
                    url=link,
                    listed_url=link,
                    fetched_at=self.ctx.now,
                    feed_entry_id=entry["id"],
                    title=entry["title"],
                    published=entry["published"],
                    listed_at=entry.get("revised"),
                    text=entry["text"],
                    lang_hint=source.lang,
                )
