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
from storage.models import Article, FeedEntry, Story

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
    """The oldest relevant article since ``since`` whose title agrees with ``title``.

    Candidates come through an index: headline-only articles by
    ``ix_article_headline_fetched``, any article through its story's ``first_seen``
    (only relevant articles have stories, a small part of what is fetched).
    """
    if len(_norm_title(title)) < MIN_TITLE_CHARS:
        return None
    stmt = select(Article.id, Article.title).where(col(Article.title).is_not(None),
                                                   Article.relevant == sa.true())
    if headline_only:
        stmt = stmt.where(Article.headline_only == sa.true(), col(Article.fetched_at) >= since)
    else:
        stmt = stmt.join(Story, col(Story.id) == col(Article.story_id)).where(
            col(Story.first_seen) >= since)
    for art_id, art_title in session.exec(stmt.order_by(col(Article.id))).all():
        if len(_norm_title(art_title)) >= MIN_TITLE_CHARS and titles_agree(title, art_title):
            return session.get(Article, art_id)
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
    """The headline-only article a fetched page completes, if any (one indexed query for
    the entry or URL, one for the title: this runs for every page stored)."""
    tied = col(Article.canonical_url) == canonical_url
    if source and entry_id:
        entry = select(FeedEntry.article_id).where(
            FeedEntry.source == source, FeedEntry.entry_id == entry_id).scalar_subquery()
        tied = sa.or_(tied, col(Article.id) == entry)
    found = session.exec(
        select(Article.id).where(Article.headline_only == sa.true(), tied).limit(1)
    ).first()
    if found is not None:
        return session.get(Article, found)
    return by_title(session, title, now - TITLE_WINDOW, headline_only=True)
