"""Finding the stored article a headline-only record, or a page, belongs with.

A headline-only article is one whose page could not be had: only the feed
entry (title, publisher, description) was read. It stays "not known", so the
page is tried again, and it is upgraded in place when the page arrives. What
ties the two together, in this order:

1. the same feed entry (source, feed id), whatever URL each was stored under
   (a Google News link first, the publisher's URL once resolved);
2. the same canonical URL;
3. the same headline: an article stored in the last ``TITLE_WINDOW`` whose
   title agrees with the record's (``storage.dedupe.titles_agree``) and is at
   least ``MIN_TITLE_CHARS`` long, so that short generic titles never join
   two stories. This joins another edition's copy of the same headline, and
   a page that arrived through another feed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.dedupe import _norm_title, titles_agree
from storage.models import Article, FeedEntry

TITLE_WINDOW = timedelta(days=14)
MIN_TITLE_CHARS = 20


def by_entry(session: Session, source: str | None, entry_id: str | None) -> Article | None:
    """The article recorded for this feed entry."""
    if not source or not entry_id:
        return None
    return session.exec(
        select(Article)
        .join(FeedEntry, col(FeedEntry.article_id) == col(Article.id))
        .where(FeedEntry.source == source, FeedEntry.entry_id == entry_id)
    ).first()


def by_url(session: Session, canonical_url: str) -> Article | None:
    return session.exec(select(Article).where(Article.canonical_url == canonical_url)).first()


def by_title(
    session: Session, title: str | None, since: datetime, *, headline_only: bool | None = None
) -> Article | None:
    """The oldest relevant article since ``since`` whose title agrees with ``title``."""
    if len(_norm_title(title)) < MIN_TITLE_CHARS:
        return None
    stmt = (
        select(Article)
        .where(Article.relevant == sa.true(), col(Article.title).is_not(None),
               col(Article.story_id).is_not(None), col(Article.fetched_at) >= since)
        .order_by(col(Article.id))
    )
    if headline_only is not None:
        stmt = stmt.where(Article.headline_only == headline_only)
    for article in session.exec(stmt):
        if len(_norm_title(article.title)) >= MIN_TITLE_CHARS and titles_agree(title, article.title):
            return article
    return None


def stored_for_headline(
    session: Session, *, source: str | None, entry_id: str | None, canonical_url: str,
    title: str | None, now: datetime,
) -> Article | None:
    """Any stored article a headline-only record is already covered by."""
    return (
        by_entry(session, source, entry_id)
        or by_url(session, canonical_url)
        or by_title(session, title, now - TITLE_WINDOW)
    )


def headline_for_page(
    session: Session, *, source: str | None, entry_id: str | None, canonical_url: str,
    title: str | None, now: datetime,
) -> Article | None:
    """The headline-only article a fetched page completes, if any."""
    for article in (by_entry(session, source, entry_id), by_url(session, canonical_url)):
        if article is not None:
            return article if article.headline_only else None
    return by_title(session, title, now - TITLE_WINDOW, headline_only=True)
