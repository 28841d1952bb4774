"""Stories in a real store, as a crawl would leave them: for the storage, alerting and dedupe tests.

``add_article`` stores an article with its claims (novelty decides whether it
alerts); ``store_article`` does what ``record_article`` does around dedupe
(insert the article, open or join a story, index its bands), so that the
functions under test see rows exactly as the pipeline writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from crawler.analysis import fingerprints, urls
from storage.dedupe import StoryMatch, index_article, match_story
from storage.engine import write_session
from storage.models import Article, FeedEntry, Story, id_of
from storage.novelty import AlertPolicy, record_claims

NOW = datetime(2022, 12, 6, 9, 0, tzinfo=UTC)
T0 = datetime(2022, 11, 1, 9, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dedupe"


def policy(
    *, now: datetime = NOW, alert: bool = True, channels: Sequence[str] = ("email", "slack"),
    max_age: timedelta = timedelta(days=30),
) -> AlertPolicy:
    return AlertPolicy(now=now, alert=alert, max_age=max_age, channels=tuple(channels))


def claim(
    count: int, *, place: str | None = None, added: bool = False, qualifier: str = "exact",
    countries: int | None = None, cities: int | None = None, city: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    return {
        "count": count, "qualifier": qualifier, "place": place, "city": city, "added": added,
        "countries": countries, "cities": cities,
        "evidence": evidence or f"Reports name {count} stations.",
    }


def add_article(
    engine: sa.Engine,
    url: str,
    claims: Sequence[dict[str, Any]],
    *,
    pol: AlertPolicy | None = None,
    story_id: int | None = None,
    title: str = "Police stations abroad",
    published: datetime | None = None,
    outlet: str | None = None,
) -> tuple[int, int | None]:
    """Store one article (a new story, or a copy of ``story_id``) and its claims, as a crawl would.

    Returns (story id, alert id or None).
    """
    pol = pol or policy()
    published = published or pol.now - timedelta(hours=3)
    with write_session(engine) as session:
        story = session.get(Story, story_id) if story_id is not None else None
        if story is None:
            assert story_id is None, f"no story {story_id}"
            story = Story(title=title, url=url, first_seen=pol.now, published=published)
            session.add(story)
            session.flush()
        article = Article(
            canonical_url=url, url=url, outlet=outlet or url.split("/")[2], title=title,
            published=published, fetched_at=pol.now, relevant=True, story_id=story.id, text="...",
        )
        session.add(article)
        session.flush()
        alert_id = record_claims(session, story=story, article=article, claims=claims, policy=pol)
        return id_of(story), alert_id


def fixture_text(*names: str) -> str:
    return "\n\n".join((FIXTURES / f"{n}.txt").read_text(encoding="utf-8").strip() for n in names)


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


def match(session: Session, url: str, text: str, fp: Fingerprint | None = None) -> StoryMatch:
    """What dedupe makes of the article ``url`` with ``text`` (its fingerprint, if already made)."""
    fp = fp or fingerprint(url, text)
    return match_story(session, canonical_url=fp.canonical_url, content_hash=fp.content_hash,
                       signature=fp.signature, bands=fp.bands)


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
        found = match(session, url, text, fp)
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
        index_article(session, id_of(article), fp.bands, signature=fp.signature)
        session.flush()
        session.expunge(article)
    return found, article
