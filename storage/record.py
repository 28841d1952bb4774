"""Recording one fetched article: dedupe, store, claims and outbox in one transaction.

The caller opens the write transaction (``storage.engine.write_session``);
the database's unique keys are the final arbiter, so a racing writer that
stored the same canonical URL first makes this one fail with IntegrityError,
and a retry then finds the article as an update.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session, select

from storage.dedupe import index_article, match_story
from storage.evidence.records import last_claim_id, link_claims
from storage.evidence.warc import EvidenceRef
from storage.models import Article, FeedEntry, Story
from storage.novelty import AlertPolicy, record_claims

log = logging.getLogger(__name__)

Status = Literal["new", "duplicate", "update", "unchanged", "irrelevant"]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    source: str | None
    url: str
    canonical_url: str
    fetched_at: datetime
    feed_entry_id: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    lang: str | None = None
    text: str | None = None
    content_hash: str | None = None
    signature: bytes | None = None
    bands: Sequence[int] = ()
    relevant: bool = False
    score: float = 0.0
    claims: Sequence[dict[str, Any]] = field(default_factory=tuple)
    evidence: EvidenceRef | None = None  # the archived response the claims were read from


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    status: Status
    article_id: int
    story_id: int | None = None
    alert_id: int | None = None


def record_article(session: Session, rec: ArticleRecord, policy: AlertPolicy) -> RecordOutcome:
    """Store ``rec`` and whatever follows from it; see the module docstring.

    With ``rec.evidence``, the claims stored now point at that archived response.
    """
    if rec.evidence is None:
        return _record_article(session, rec, policy)
    before = last_claim_id(session)
    outcome = _record_article(session, rec, policy)
    link_claims(session, rec.evidence, article_id=outcome.article_id, after_claim_id=before)
    return outcome


def _record_article(session: Session, rec: ArticleRecord, policy: AlertPolicy) -> RecordOutcome:
    if not rec.relevant:
        return _record_irrelevant(session, rec)
    match = match_story(
        session,
        canonical_url=rec.canonical_url,
        content_hash=rec.content_hash or "",
        signature=rec.signature,
        bands=rec.bands,
    )
    if match.kind == "update" and match.article_id is not None:
        return _record_update(session, rec, match.article_id, policy)
    if match.kind in ("exact", "near") and match.story_id is not None:
        story = session.get(Story, match.story_id)
        assert story is not None  # foreign key
        article = _insert_article(session, rec, story_id=story.id, duplicate_of=match.article_id)
        alert_id = record_claims(session, story=story, article=article, claims=rec.claims, policy=policy)
        return RecordOutcome("duplicate", article.id, story.id, alert_id)  # type: ignore[arg-type]
    story = _new_story(session, rec)
    article = _insert_article(session, rec, story_id=story.id)
    alert_id = record_claims(session, story=story, article=article, claims=rec.claims, policy=policy)
    return RecordOutcome("new", article.id, story.id, alert_id)  # type: ignore[arg-type]


def _new_story(session: Session, rec: ArticleRecord) -> Story:
    story = Story(
        title=rec.title,
        url=rec.canonical_url,
        first_seen=rec.fetched_at,
        published=rec.published,
        relevant=True,
        score=rec.score,
        lang=rec.lang,
    )
    session.add(story)
    session.flush()
    return story


def _insert_article(
    session: Session, rec: ArticleRecord, *, story_id: int | None, duplicate_of: int | None = None
) -> Article:
    article = Article(
        canonical_url=rec.canonical_url,
        url=rec.url,
        feed_entry_id=rec.feed_entry_id,
        source=rec.source,
        outlet=rec.outlet,
        title=rec.title,
        published=rec.published,
        fetched_at=rec.fetched_at,
        lang=rec.lang,
        text=rec.text if rec.relevant else None,
        content_hash=rec.content_hash,
        relevant=rec.relevant,
        score=rec.score,
        duplicate_of=duplicate_of,
        story_id=story_id,
        minhash=rec.signature if rec.relevant else None,
    )
    session.add(article)
    session.flush()
    if rec.relevant and rec.bands:
        index_article(session, article.id, rec.bands)  # type: ignore[arg-type]
    _remember_entry(session, rec, article.id)  # type: ignore[arg-type]
    return article


def _remember_entry(session: Session, rec: ArticleRecord, article_id: int) -> None:
    if not rec.feed_entry_id or not rec.source:
        return
    known = session.exec(
        select(FeedEntry.id).where(
            FeedEntry.source == rec.source, FeedEntry.entry_id == rec.feed_entry_id
        )
    ).first()
    if known is None:
        session.add(
            FeedEntry(
                source=rec.source,
                entry_id=rec.feed_entry_id,
                article_id=article_id,
                seen_at=rec.fetched_at,
            )
        )


def _record_irrelevant(session: Session, rec: ArticleRecord) -> RecordOutcome:
    existing = session.exec(
        select(Article).where(Article.canonical_url == rec.canonical_url)
    ).first()
    if existing is not None:
        _remember_entry(session, rec, existing.id)  # type: ignore[arg-type]
        return RecordOutcome("unchanged", existing.id, existing.story_id)  # type: ignore[arg-type]
    article = _insert_article(session, rec, story_id=None)
    return RecordOutcome("irrelevant", article.id)  # type: ignore[arg-type]


def _record_update(
    session: Session, rec: ArticleRecord, article_id: int, policy: AlertPolicy
) -> RecordOutcome:
    article = session.get(Article, article_id)
    assert article is not None
    _remember_entry(session, rec, article_id)
    if article.content_hash == rec.content_hash and article.story_id is not None:
        return RecordOutcome("unchanged", article_id, article.story_id)
    article.text = rec.text
    article.content_hash = rec.content_hash
    article.title = rec.title or article.title
    article.relevant = True
    article.score = rec.score
    article.fetched_at = rec.fetched_at
    article.minhash = rec.signature
    if article.story_id is None:
        story = _new_story(session, rec)
        article.story_id = story.id
        status: Status = "new"
    else:
        story = session.get(Story, article.story_id)
        assert story is not None
        status = "update"
    session.add(article)
    session.flush()
    if rec.bands:
        index_article(session, article_id, rec.bands)
    alert_id = record_claims(session, story=story, article=article, claims=rec.claims, policy=policy)
    return RecordOutcome(status, article_id, story.id, alert_id)
