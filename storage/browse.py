"""Read-only queries the dashboard needs beyond the commands': a source's recent
articles, and the outbox's delivery states per channel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from storage.models import Article, Claim, Delivery, table_of

_ARTICLE = table_of(Article)
_CLAIM = table_of(Claim)
_DELIVERY = table_of(Delivery)


@dataclass(frozen=True, slots=True)
class RecentArticle:
    title: str | None
    url: str
    fetched_at: datetime
    relevant: bool
    story_id: int | None
    claims: int  # figures on record for its story


def recent_articles(session: Session, sources: Iterable[str], per_source: int = 5) -> dict[str, list[RecentArticle]]:
    """Each source's newest stored articles (on topic or not), newest first."""
    conn = session.connection()
    claims = (
        sa.select(sa.func.count()).select_from(_CLAIM)
        .where(_CLAIM.c.story_id == _ARTICLE.c.story_id).scalar_subquery()
    )
    out: dict[str, list[RecentArticle]] = {}
    for name in sources:
        # one short indexed query per source: the source index is ordered by id within a source
        query = (
            sa.select(_ARTICLE.c.title, _ARTICLE.c.url, _ARTICLE.c.fetched_at, _ARTICLE.c.relevant,
                      _ARTICLE.c.story_id, claims)
            .where(_ARTICLE.c.source == name)
            .order_by(_ARTICLE.c.id.desc())
            .limit(per_source)
        )
        out[name] = [RecentArticle(*row) for row in conn.execute(query)]
    return out


def delivery_states(session: Session) -> dict[str, dict[str, int]]:
    """For each channel, how many deliveries are pending, sent and failed."""
    query = (
        sa.select(_DELIVERY.c.channel, _DELIVERY.c.state, sa.func.count())
        .group_by(_DELIVERY.c.channel, _DELIVERY.c.state)
        .order_by(_DELIVERY.c.channel)
    )
    out: dict[str, dict[str, int]] = {}
    for channel, state, count in session.connection().execute(query):
        out.setdefault(channel, {"pending": 0, "sent": 0, "failed": 0})[state] = int(count)
    return out
