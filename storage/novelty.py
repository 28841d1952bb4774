"""Recording claims and deciding novelty (interim version; the alerts work replaces it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from storage.models import Article, Claim, Story


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    now: datetime
    alert: bool
    max_age: timedelta
    channels: tuple[str, ...]


def record_claims(
    session: Session,
    *,
    story: Story,
    article: Article,
    claims: Sequence[Mapping[str, Any]],
    policy: AlertPolicy,
) -> int | None:
    for c in claims:
        exists = session.exec(
            select(Claim.id).where(
                Claim.story_id == story.id,
                Claim.place == c["place"],
                Claim.added == c["added"],
                Claim.count == c["count"],
            )
        ).first()
        if exists is None:
            session.add(
                Claim(
                    story_id=story.id,
                    article_id=article.id,
                    count=c["count"],
                    qualifier=c["qualifier"],
                    place=c["place"],
                    city=c.get("city"),
                    added=c["added"],
                    countries=c.get("countries"),
                    cities=c.get("cities"),
                    evidence=c["evidence"],
                    first_seen=policy.now,
                    published=article.published,
                )
            )
    session.flush()
    return None
