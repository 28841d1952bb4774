"""Recording one fetched article: dedupe, store, claims and outbox in one transaction.

The caller opens the write transaction (``storage.engine.write_session``);
the database's unique keys are the final arbiter, so a racing writer that
stored the same canonical URL first makes this one fail with IntegrityError,
and a retry then finds the article as an update.

Headline-only records (the page could not be had; ``storage.headlines``) are
stored as a story of their own unless the entry's story is stored already,
and the page, when it arrives, upgrades that article and story in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session, select

from storage.dedupe import StoryMatch, index_article, match_story
from storage.evidence.records import last_claim_id, link_claims
from storage.evidence.warc import EvidenceRef
from storage.headlines import headline_for_page, stored_for_headline
from storage.models import Article, FeedEntry, Story, id_of
from storage.novelty import AlertPolicy, record_claims

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
    headline_only: bool = False  # only the feed entry was read: the page could not be had
    listed_at: datetime | None = None  # the entry's date in its listing (feed date, lastmod)


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    status: Status
    article_id: int | None  # None: an irrelevant headline, which is not stored
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
    if outcome.article_id is not None:
        link_claims(session, rec.evidence, article_id=outcome.article_id, after_claim_id=before)
    return outcome


def _record_article(session: Session, rec: ArticleRecord, policy: AlertPolicy) -> RecordOutcome:
    if rec.headline_only:
        return _record_headline(session, rec, policy)
    target = headline_for_page(
        session, source=rec.source, entry_id=rec.feed_entry_id,
        canonical_url=rec.canonical_url, title=rec.title, now=rec.fetched_at,
    )
    if target is not None:
        return _upgrade(session, rec, target, policy)
    if not rec.relevant:
        return _record_irrelevant(session, rec)
    match = _match(session, rec)
    if match.kind == "update" and match.article_id is not None:
        return _record_update(session, rec, match.article_id, policy)
    return _record_new_or_copy(session, rec, policy, match)


def _match(session: Session, rec: ArticleRecord) -> StoryMatch:
    return match_story(session, canonical_url=rec.canonical_url, content_hash=rec.content_hash or "",
                       signature=rec.signature, bands=rec.bands)


def _record_headline(session: Session, rec: ArticleRecord, policy: AlertPolicy) -> RecordOutcome:
    """A feed entry whose page could not be had: recorded unless its story is stored already.

    Never downgrades: an entry whose story is stored from its page (or another feed's
    page with the same headline) adds nothing but the entry's id. An irrelevant headline
    is not stored at all, so its page is tried again next time.
    """
    stored = stored_for_headline(
        session, source=rec.source, entry_id=rec.feed_entry_id,
        canonical_url=rec.canonical_url, title=rec.title, now=rec.fetched_at,
    )
    if stored is not None:
        assert stored.id is not None
        _remember_entry(session, rec, stored.id)
        if stored.headline_only and rec.relevant and stored.story_id is not None \
                and stored.canonical_url == rec.canonical_url:
            return _record_update(session, rec, stored.id, policy)  # the headline was edited
        return RecordOutcome("unchanged", stored.id, stored.story_id)
    if not rec.relevant:
        return RecordOutcome("irrelevant", None)
    return _record_new_or_copy(session, rec, policy, _match(session, rec))


def _record_new_or_copy(
    session: Session, rec: ArticleRecord, policy: AlertPolicy, match: StoryMatch
) -> RecordOutcome:
    """A new story, or a copy (same text, or near-duplicate text) of a stored one."""
    story: Story | None = None
    if match.kind in ("exact", "near") and match.story_id is not None:
        story = session.get(Story, match.story_id)
    status: Status = "duplicate" if story is not None else "new"
    story = story or _new_story(session, rec)
    article = _insert_article(session, rec, story_id=story.id,
                              duplicate_of=match.article_id if status == "duplicate" else None)
    alert_id = record_claims(session, story=story, article=article, claims=rec.claims,
                             policy=policy, headline_only=rec.headline_only)
    return RecordOutcome(status, article.id, story.id, alert_id)


def _upgrade(session: Session, rec: ArticleRecord, article: Article, policy: AlertPolicy) -> RecordOutcome:
    """The page of a headline-only article arrived: the article and its story become whole.

    The figures the headline carried stay as they are (no second alert), now read
    from the page's sentences; figures only the page carries are judged as new.
    """
    assert article.id is not None
    taken = rec.canonical_url != article.canonical_url and session.exec(
        select(Article.id).where(Article.canonical_url == rec.canonical_url)
    ).first() is not None
    article.headline_only = False
    _remember_entry(session, rec, article.id)
    if taken or not rec.relevant:
        # the page is stored already under its own URL, or it is not coverage after all:
        # the headline's story stays as recorded, and is no longer tried again
        session.add(article)
        session.flush()
        if taken and rec.relevant:
            return record_article(session, rec, policy)
        return RecordOutcome("irrelevant" if not rec.relevant else "unchanged", article.id,
                             article.story_id)
    story = session.get(Story, article.story_id) if article.story_id is not None else None
    if story is None:
        story = _new_story(session, rec)
        article.story_id = story.id
    elif story.url == article.canonical_url:
        story.url = rec.canonical_url
        story.title = rec.title or story.title
        session.add(story)
    article.canonical_url = rec.canonical_url
    article.url = rec.url
    article.source = rec.source or article.source  # the source whose page made it whole
    article.feed_entry_id = rec.feed_entry_id or article.feed_entry_id
    article.outlet = rec.outlet or article.outlet
    article.title = rec.title or article.title
    article.published = article.published or rec.published
    article.lang = rec.lang or article.lang
    article.text = rec.text
    article.content_hash = rec.content_hash
    article.minhash = rec.signature
    article.score = rec.score
    article.fetched_at = rec.fetched_at
    article.listed_at = rec.listed_at or article.listed_at
    session.add(article)
    session.flush()
    if rec.bands:
        index_article(session, article.id, rec.bands)
    alert_id = record_claims(session, story=story, article=article, claims=rec.claims, policy=policy)
    return RecordOutcome("update", article.id, story.id, alert_id)


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
        listed_at=rec.listed_at,
        lang=rec.lang,
        text=rec.text if rec.relevant else None,
        content_hash=rec.content_hash,
        relevant=rec.relevant,
        score=rec.score,
        duplicate_of=duplicate_of,
        story_id=story_id,
        minhash=rec.signature if rec.relevant else None,
        headline_only=rec.headline_only,
    )
    session.add(article)
    session.flush()
    article_id = id_of(article)
    if rec.relevant and rec.bands:
        index_article(session, article_id, rec.bands)
    _remember_entry(session, rec, article_id)
    return article


def _remember_entry(session: Session, rec: ArticleRecord, article_id: int) -> None:
    """Tie the record's feed entry to ``article_id`` (the first article it led to stays)."""
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
        assert existing.id is not None
        _remember_entry(session, rec, existing.id)
        _note_listed(session, existing, rec)
        return RecordOutcome("unchanged", existing.id, existing.story_id)
    article = _insert_article(session, rec, story_id=None)
    return RecordOutcome("irrelevant", article.id)


def _note_listed(session: Session, article: Article, rec: ArticleRecord) -> None:
    """Remember the listing's date for the entry just read, so that the entry is fetched
    again only when that date moves on (``storage.dedupe.is_known_entry``)."""
    if rec.listed_at is not None and (article.listed_at is None or rec.listed_at > article.listed_at):
        article.listed_at = rec.listed_at
        session.add(article)


def _record_update(
    session: Session, rec: ArticleRecord, article_id: int, policy: AlertPolicy
) -> RecordOutcome:
    article = session.get(Article, article_id)
    assert article is not None
    _remember_entry(session, rec, article_id)
    _note_listed(session, article, rec)
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
        stored = session.get(Story, article.story_id)
        assert stored is not None
        story = stored
        status = "update"
    session.add(article)
    session.flush()
    if rec.bands:
        index_article(session, article_id, rec.bands)
    alert_id = record_claims(session, story=story, article=article, claims=rec.claims,
                             policy=policy, headline_only=rec.headline_only)
    return RecordOutcome(status, article_id, story.id, alert_id)
