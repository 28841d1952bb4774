"""Which story an article belongs to (interim version; the stories work replaces it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, select

from storage.models import Article, FeedEntry


@dataclass(frozen=True, slots=True)
class StoryMatch:
    kind: Literal["new", "update", "exact", "near"]
    article_id: int | None = None
    story_id: int | None = None


def match_story(
    session: Session,
    *,
    canonical_url: str,
    content_hash: str,
    signature: bytes | None,
    bands: Sequence[int],
) -> StoryMatch:
    same = session.exec(select(Article).where(Article.canonical_url == canonical_url)).first()
    if same is not None:
        return StoryMatch("update", same.id, same.story_id)
    twin = session.exec(
        select(Article).where(Article.content_hash == content_hash, Article.story_id.is_not(None))
    ).first()
    if twin is not None:
        return StoryMatch("exact", twin.id, twin.story_id)
    return StoryMatch("new")


def index_article(session: Session, article_id: int, bands: Sequence[int]) -> None:
    return None


def is_known_entry(
    session: Session,
    *,
    source: str,
    canonical_url: str,
    entry_id: str | None,
    title: str | None = None,
) -> bool:
    if session.exec(select(Article.id).where(Article.canonical_url == canonical_url)).first():
        return True
    if entry_id:
        row = session.exec(
            select(FeedEntry.id).where(FeedEntry.source == source, FeedEntry.entry_id == entry_id)
        ).first()
        return row is not None
    return False
