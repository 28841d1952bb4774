"""The figures on record: the highest total per place, and the full history."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from storage import tables


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
    outlet: str | None = None  # the outlet of the article the claim was read from
    story_id: int | None = None
    headline_only: bool = False  # only feed headlines carried it (no page could be had)


@dataclass(frozen=True, slots=True)
class OutletTally:
    """Who reported a figure: every outlet that carried it, and how many of them are
    independent of each other (not syndicated copies of one another)."""

    outlets: tuple[str, ...]
    independent: int


Figure = tuple[str | None, bool, int]  # (place, added, count): one figure, whichever story told it


_CLAIM = tables.claim
_ARTICLE = tables.article
# Core columns, not ORM entities: these read paths run in short-lived commands
# (`counts`), where configuring the ORM mappers would cost more than the query.
_COLUMNS = (
    _CLAIM.c.place, _CLAIM.c.count, _CLAIM.c.qualifier, _CLAIM.c.added, _CLAIM.c.countries,
    _CLAIM.c.cities, _CLAIM.c.city, _CLAIM.c.first_seen, _CLAIM.c.published, _ARTICLE.c.url,
    _ARTICLE.c.title, _CLAIM.c.evidence, _ARTICLE.c.outlet, _CLAIM.c.story_id,
    _CLAIM.c.headline_only,
)


def _rows(session: Session, query: sa.Select[Any]) -> list[FigureRow]:
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
        # copies stored by one crawl share their first_seen: the first published is where
        # the figure was first reported, whichever the crawl happened to store first
        .order_by(_CLAIM.c.first_seen, sa.nulls_last(_CLAIM.c.published.asc()), _CLAIM.c.id)
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


@dataclass(frozen=True, slots=True)
class ClaimPoint:
    """A recorded claim without its article: what a timeline needs."""

    id: int
    place: str | None
    count: int
    qualifier: str
    added: bool
    countries: int | None
    cities: int | None
    city: str | None
    first_seen: datetime
    published: datetime | None


def claim_points(session: Session) -> list[ClaimPoint]:
    """Every recorded claim, oldest first, read from the claim table alone (cheap at any size)."""
    c = _CLAIM.c
    conn = session.connection()
    times: tuple[sa.ColumnElement[Any], ...] = (c.first_seen, c.published)
    fast = conn.dialect.name == "sqlite"
    if fast:
        # SQLite keeps UTC as text; parsing it here is several times cheaper than the
        # generic DateTime processing, which dominates a page that charts every claim
        times = tuple(sa.type_coerce(t, sa.String) for t in times)
    query = sa.select(c.id, c.place, c.count, c.qualifier, c.added, c.countries, c.cities, c.city,
                      *times).order_by(c.first_seen, c.id)
    rows = conn.execute(query)
    if not fast:
        return [ClaimPoint(*row) for row in rows]
    return [
        ClaimPoint(id_, place, count, qualifier, added, countries, cities, city,
                   _utc(first_seen), _utc(published) if published else None)
        for id_, place, count, qualifier, added, countries, cities, city, first_seen, published in rows
    ]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def figure_rows(session: Session, claim_ids: Collection[int]) -> dict[int, FigureRow]:
    """These claims with their articles, by claim id."""
    out: dict[int, FigureRow] = {}
    ids = sorted(claim_ids)
    for lo in range(0, len(ids), 500):
        query = (
            sa.select(_CLAIM.c.id, *_COLUMNS)
            .join_from(_CLAIM, _ARTICLE, _ARTICLE.c.id == _CLAIM.c.article_id)
            .where(_CLAIM.c.id.in_(ids[lo : lo + 500]))
        )
        for claim_id, *row in session.connection().execute(query):
            out[claim_id] = FigureRow(*row)
    return out


def _figure_filter(figures: Collection[Figure]) -> sa.ColumnElement[bool]:
    return sa.or_(*(
        sa.and_(_CLAIM.c.place.is_not_distinct_from(place), _CLAIM.c.added == added, _CLAIM.c.count == count)
        for place, added, count in figures
    ))


def figure_outlets(session: Session, figures: Collection[Figure] | None = None) -> dict[Figure, OutletTally]:
    """For every figure on record (or the ``figures`` given), the outlets that reported it
    and how many of them are independent.

    Every stored copy of a story that reported a figure carries it, so its outlets
    are the outlets of all those stories' copies. Outlets that carried the same
    story are syndicated copies of each other; linking them story by story leaves
    groups of outlets, and each group counts once as an independent report.
    """
    query = (
        sa.select(_CLAIM.c.place, _CLAIM.c.added, _CLAIM.c.count, _ARTICLE.c.story_id,
                  _ARTICLE.c.outlet)
        .join_from(_CLAIM, _ARTICLE, _ARTICLE.c.story_id == _CLAIM.c.story_id)
        .where(_ARTICLE.c.outlet.is_not(None))
        .distinct()
    )
    if figures is not None:
        if not figures:
            return {}
        query = query.where(_figure_filter(figures))
    stories: dict[Figure, dict[int, set[str]]] = {}
    for place, added, count, story_id, outlet in session.connection().execute(query):
        stories.setdefault((place, bool(added), int(count)), {}).setdefault(story_id, set()).add(outlet)
    return {figure: _tally(by_story.values()) for figure, by_story in stories.items()}


def _tally(groups: Iterable[set[str]]) -> OutletTally:
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for group in groups:
        first, *rest = sorted(group)
        for other in rest:
            parent[root(other)] = root(first)
        root(first)
    return OutletTally(tuple(sorted(parent)), len({root(name) for name in parent}))
