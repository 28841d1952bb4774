"""Helpers for dedupe and coverage tests: a real SQLite store and a tiny recorder.

``store_article`` does what the lead's ``record_article`` does around dedupe
(insert the article, open or join a story, index its bands), so that the
storage functions under test see rows exactly as the pipeline writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from crawler.analysis import fingerprints, urls
from storage.dedupe import StoryMatch, index_article, match_story
from storage.engine import make_engine, write_session
from storage.models import Article, FeedEntry, Story
from storage.schema import ensure_schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dedupe"
T0 = datetime(2022, 11, 1, 9, 0, tzinfo=UTC)


def fixture_text(*names: str) -> str:
    return "\n\n".join((FIXTURES / f"{n}.txt").read_text(encoding="utf-8").strip() for n in names)


def new_store(path: Path) -> sa.Engine:
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    return engine


@dataclass
class Fingerprint:
    canonical_url: str
    content_hash: str
    signature: bytes
    bands: list[int]


def fingerprint(url: str, text: str) -> Fingerprint:
    sig = fingerprints.signature(text)
    return Fingerprint(
        urls.canonical_url(url), fingerprints.content_hash(text), sig, fingerprints.band_hashes(sig)
    )


def match(session: Session, url: str, text: str) -> StoryMatch:
    fp = fingerprint(url, text)
    return match_story(
        session,
        canonical_url=fp.canonical_url,
        content_hash=fp.content_hash,
        signature=fp.signature,
        bands=fp.bands,
    )


def store_article(
    engine: sa.Engine,
    url: str,
    text: str,
    *,
    title: str | None = None,
    source: str = "test-feed",
    entry_id: str | None = None,
    fetched_at: datetime = T0,
    published: datetime | None = None,
) -> tuple[StoryMatch, Article]:
    """Match and store one article as the pipeline would; returns the match and the article."""
    fp = fingerprint(url, text)
    with write_session(engine) as session:
        found = match_story(
            session,
            canonical_url=fp.canonical_url,
            content_hash=fp.content_hash,
            signature=fp.signature,
            bands=fp.bands,
        )
        if found.kind == "update":
            article = session.get(Article, found.article_id)
            assert article is not None
            article.text, article.content_hash, article.title = text, fp.content_hash, title
        else:
            story_id = found.story_id
            if story_id is None:
                story = Story(title=title, url=fp.canonical_url, first_seen=fetched_at,
                              published=published)
                session.add(story)
                session.flush()
                story_id = story.id
            article = Article(
                canonical_url=fp.canonical_url, url=url, source=source, feed_entry_id=entry_id,
                outlet=urls.outlet(url), title=title, fetched_at=fetched_at, text=text,
                content_hash=fp.content_hash, relevant=True, story_id=story_id,
                published=published,
                duplicate_of=found.article_id if found.kind in ("exact", "near") else None,
            )
            session.add(article)
            session.flush()
        known_id = entry_id is not None and session.exec(
            select(FeedEntry).where(FeedEntry.source == source, FeedEntry.entry_id == entry_id)
        ).first()
        if entry_id is not None and not known_id:
            session.add(FeedEntry(source=source, entry_id=entry_id, article_id=article.id,
                                  seen_at=fetched_at))
        index_article(session, article.id, fp.bands, signature=fp.signature)
        session.flush()
        session.expunge(article)
    return found, article
