"""Reading sitemaps: urlsets, sitemap indexes, gzip, Google News tags.

Plain functions over bytes (no Scrapy), used by the sitemap spider. XML is
parsed with lxml's iterparse with entities unresolved and no network access,
in recover mode (real sitemaps are often slightly broken), element by
element, so a huge file never sits in memory as a tree. Scrapy's own
``scrapy.utils.sitemap.Sitemap`` keeps only the direct children of each
``<url>``, which loses the ``<news:news>`` block, hence this small reader.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import lxml.etree

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"


class SitemapTooLarge(ValueError):
    """The (decompressed) sitemap is larger than allowed."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    loc: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_published: datetime | None = None
    news_lang: str | None = None

    @property
    def date(self) -> datetime | None:
        """The entry's newest known date: lastmod, else the news publication date."""
        dates = [d for d in (self.lastmod, self.news_published) if d is not None]
        return max(dates) if dates else None


@dataclass(frozen=True, slots=True)
class Sitemap:
    kind: str  # "urlset" | "sitemapindex" | "" (not a sitemap)
    entries: tuple[SitemapEntry, ...]
    truncated: bool = False


def parse_w3c_datetime(text: str | None) -> datetime | None:
    """W3C datetime (``2022-12-05``, ``2022-12-05T10:00Z``, with offsets) as aware UTC; None if bad."""
    if not text:
        return None
    value = text.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or one past the calendar in UTC
        return None


def maybe_gunzip(body: bytes, *, max_size: int) -> bytes:
    """The body, decompressed when it is gzip (a ``.gz`` sitemap), at most ``max_size`` bytes."""
    if not body.startswith(GZIP_MAGIC):
        if len(body) > max_size:
            raise SitemapTooLarge(f"sitemap of {len(body)} bytes exceeds {max_size}")
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
            while chunk := fh.read1(65536):
                out.write(chunk)
                if out.tell() > max_size:
                    raise SitemapTooLarge(f"gzipped sitemap inflates past {max_size} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        if out.tell() == 0:
            raise ValueError(f"broken gzip sitemap: {exc}") from exc
        log.debug("truncated gzip sitemap; using the %d bytes read", out.tell())
    return out.getvalue()


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _text(elem: lxml.etree._Element) -> str:
    return (elem.text or "").strip()


def _entry(elem: lxml.etree._Element, base_url: str | None) -> SitemapEntry | None:
    loc = lastmod = title = published = lang = None
    for child in elem:
        name = _local(child.tag)
        if name == "loc":
            loc = _text(child)
        elif name == "lastmod":
            lastmod = parse_w3c_datetime(_text(child))
        elif name == "news":
            for sub in child.iter():
                subname = _local(sub.tag)
                if subname == "title":
                    title = _text(sub) or None
                elif subname == "publication_date":
                    published = parse_w3c_datetime(_text(sub))
                elif subname == "language":
                    lang = _text(sub) or None
    if not loc:
        return None
    if base_url:
        loc = urljoin(base_url, loc)
    if not loc.startswith(("http://", "https://")):
        return None
    return SitemapEntry(loc=loc, lastmod=lastmod, news_title=title, news_published=published,
                        news_lang=lang)


def _iter_elements(xml: bytes) -> Iterator[tuple[str, lxml.etree._Element | None]]:
    """Yield ("root", None) with the root's name first, then each <url>/<sitemap> element."""
    parser = lxml.etree.iterparse(
        io.BytesIO(xml), events=("start", "end"), recover=True, resolve_entities=False,
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
    )
    seen_root = False
    try:
        for event, elem in parser:
            if event == "start":
                if not seen_root:
                    seen_root = True
                    yield _local(elem.tag), None
                continue
            if _local(elem.tag) in {"url", "sitemap"}:
                yield "item", elem
                elem.clear()
                while elem.getprevious() is not None:
                    parent = elem.getparent()
                    if parent is None:
                        break
                    del parent[0]
    except lxml.etree.XMLSyntaxError as exc:
        log.debug("sitemap XML error: %s", exc)


def parse_sitemap(body: bytes, *, base_url: str | None = None, max_entries: int = 5000,
                  max_size: int = 50_000_000) -> Sitemap:
    """Read a sitemap or sitemap index (gzip or not); at most ``max_entries`` entries."""
    xml = maybe_gunzip(body, max_size=max_size)
    kind = ""
    entries: list[SitemapEntry] = []
    truncated = False
    for what, elem in _iter_elements(xml):
        if elem is None:
            kind = what if what in {"urlset", "sitemapindex"} else ""
            if not kind:
                break
            continue
        if len(entries) >= max_entries:
            truncated = True
            break
        entry = _entry(elem, base_url)
        if entry is not None:
            entries.append(entry)
    return Sitemap(kind=kind, entries=tuple(entries), truncated=truncated)


def newer_than(entries: tuple[SitemapEntry, ...] | list[SitemapEntry],
               since: datetime | None) -> list[SitemapEntry]:
    """Entries dated after ``since`` (entries without a date are kept: the store dedupes them)."""
    if since is None:
        return list(entries)
    return [e for e in entries if e.date is None or e.date > since]
