"""The figures on record: the highest total per place, and the full history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import Article, Claim


@dataclass(frozen=True, slots=True)
class FigureRow:
    place: str | None
    count: int
    qualifier: str
    added: bool
    countries: int | None
    cities: int | None
    city: str | None
    first_seen: datetime
    published: datetime | None
    url: str
    title: str | None
    evidence: str


def _row(claim: Claim, article: Article) -> FigureRow:
    return FigureRow(
        place=claim.place,
        count=claim.count,
        qualifier=claim.qualifier,
        added=claim.added,
        countries=claim.countries,
        cities=claim.cities,
        city=claim.city,
        first_seen=claim.first_seen,
        published=claim.published,
        url=article.url,
        title=article.title,
        evidence=claim.evidence,
    )


def highest_per_place(session: Session) -> list[FigureRow]:
    """For each place, the highest total (not increments) and where it first appeared;
    worldwide (place null) first, then by place code."""
    best = (
        select(Claim.place, sa.func.max(Claim.count).label("top"))
        .where(Claim.added == False)  # noqa: E712 — SQL expression
        .group_by(Claim.place)
        .subquery()
    )
    query = (
        select(Claim, Article)
        .join(best, sa.and_(Claim.count == best.c.top, Claim.place.is_not_distinct_from(best.c.place)))  # type: ignore[union-attr]
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.added == False)  # noqa: E712
        .order_by(Claim.first_seen, Claim.id)
    )
    first: dict[str | None, FigureRow] = {}
    for claim, article in session.exec(query):
        first.setdefault(claim.place, _row(claim, article))
    return sorted(first.values(), key=lambda r: (r.place is not None, r.place or ""))


def history(session: Session) -> list[FigureRow]:
    query = (
        select(Claim, Article)
        .join(Article, Article.id == Claim.article_id)
        .order_by(Claim.first_seen, Claim.id)
    )
    return [_row(c, a) for c, a in session.exec(query)]
