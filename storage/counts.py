"""The figures on record: the highest total per place, and the full history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

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
    headline_only: bool = False  # only feed headlines carried it (no page could be had)


_CLAIM = Claim.__table__  # type: ignore[attr-defined]
_ARTICLE = Article.__table__  # type: ignore[attr-defined]
# Core columns, not ORM entities: these read paths run in short-lived commands
# (`counts`), where configuring the ORM mappers would cost more than the query.
_COLUMNS = (
    _CLAIM.c.place, _CLAIM.c.count, _CLAIM.c.qualifier, _CLAIM.c.added, _CLAIM.c.countries,
    _CLAIM.c.cities, _CLAIM.c.city, _CLAIM.c.first_seen, _CLAIM.c.published, _ARTICLE.c.url,
    _ARTICLE.c.title, _CLAIM.c.evidence, _CLAIM.c.headline_only,
)


def _rows(session: Session, query: sa.Select) -> list[FigureRow]:
    return [FigureRow(*row) for row in session.connection().execute(query)]


def highest_per_place(session: Session) -> list[FigureRow]:
    """For each place, the highest total (not increments) and where it first appeared;
    worldwide (place null) first, then by place code."""
    best = (
        sa.select(_CLAIM.c.place, sa.func.max(_CLAIM.c.count).label("top"))
        .where(_CLAIM.c.added == sa.false())
        .group_by(_CLAIM.c.place)
        .subquery()
    )
    query = (
        sa.select(*_COLUMNS)
        .join_from(_CLAIM, best, sa.and_(_CLAIM.c.count == best.c.top,
                                         _CLAIM.c.place.is_not_distinct_from(best.c.place)))
        .join(_ARTICLE, _ARTICLE.c.id == _CLAIM.c.article_id)
        .where(_CLAIM.c.added == sa.false())
        .order_by(_CLAIM.c.first_seen, _CLAIM.c.id)
    )
    first: dict[str | None, FigureRow] = {}
    read_from_a_page: set[str | None] = set()
    for row in _rows(session, query):
        first.setdefault(row.place, row)
        if not row.headline_only:
            read_from_a_page.add(row.place)
    # the figure is headline-only when every claim of it came from a headline
    best_rows = [replace(r, headline_only=r.place not in read_from_a_page) for r in first.values()]
    return sorted(best_rows, key=lambda r: (r.place is not None, r.place or ""))


def history(session: Session) -> list[FigureRow]:
    query = (
        sa.select(*_COLUMNS)
        .join_from(_CLAIM, _ARTICLE, _ARTICLE.c.id == _CLAIM.c.article_id)
        .order_by(_CLAIM.c.first_seen, _CLAIM.c.id)
    )
    return _rows(session, query)
