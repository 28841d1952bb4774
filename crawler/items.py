"""The item spiders yield: one fetched document, before analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storage.evidence.warc import EvidenceRef, Exchange


@dataclass(slots=True)
class ArticleItem:
    source: str
    url: str  # where the document was found (after redirects)
    fetched_at: datetime
    feed_entry_id: str | None = None
    listed_url: str | None = None  # the URL its listing gave (before redirects): its crawl-state key
    title: str | None = None  # from the feed or sitemap, a fallback for the page's own
    published: datetime | None = None  # from the feed or sitemap
    html: str | None = None  # the page, when fetched
    text: str | None = None  # the main text (extracted, or the feed entry's own content)
    lang_hint: str | None = None
    declared_canonical: str | None = None
    headline_only: bool = False  # the page could not be had: only the feed entry is read
    listed_at: datetime | None = None  # the entry's date in its listing when read (meta.REVISED)
    # filled by the pipelines
    lang: str | None = None
    relevant: bool = False
    score: float = 0.0
    claims: list[dict[str, object]] = field(default_factory=list)
    canonical_url: str | None = None
    outlet: str | None = None
    content_hash: str | None = None
    signature: bytes | None = None
    bands: list[int] = field(default_factory=list)
    # the evidence archive (crawler.evidence): the response it came from, then its record
    exchange: Exchange | None = None
    evidence: EvidenceRef | None = None
