"""Main text, title, date and declared canonical URL of an article page (trafilatura)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None
    text: str
    published: datetime | None
    lang: str | None
    canonical: str | None  # rel=canonical / og:url as declared by the page


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime (naive ones are taken as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def extract_page(html: str | bytes, url: str | None = None) -> Page:
    """Extract the article from ``html``; an empty ``text`` when there is none.

    ``url`` is accepted for callers' convenience and logging only.
    """
    from trafilatura import bare_extraction  # heavy: loaded only where pages are read

    # The URL is not passed on: trafilatura would then report it instead of the
    # page's own rel=canonical / og:url, which is what ``canonical`` is for.
    doc = bare_extraction(
        html,
        fast=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        deduplicate=False,
    )
    if doc is None:
        return Page(title=None, text="", published=None, lang=None, canonical=None)
    text = (doc.text or "").strip()
    return Page(
        title=(doc.title or None),
        text=text,
        published=parse_date(doc.date),
        lang=getattr(doc, "language", None) or None,
        canonical=getattr(doc, "url", None) or None,
    )
