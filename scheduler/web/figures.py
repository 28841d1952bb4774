"""What the figures page shows for each place: the highest figure, who first reported
it, every claim on a timeline, the evidence, and the outlets behind it.

Built to stay fast on a large store: the timeline reads the claim table alone;
only the claims quoted on the page (the highest figure's evidence and the
latest few) are joined to their articles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa

from scheduler.web.chart import Chart, ChartClaim, build_chart
from storage.counts import (
    ClaimPoint,
    FigureRow,
    OutletTally,
    claim_points,
    figure_outlets,
    figure_rows,
    highest_per_place,
)
from storage.engine import read_session
from storage.figures import describe, place_name

RECENT = 8  # claims listed under each chart, newest first
EVIDENCE = 6  # sentences quoted for the highest figure (the first reports of it)
NO_OUTLETS = OutletTally((), 0)
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class PlaceView:
    place: str | None
    name: str
    anchor: str
    top: FigureRow
    headline: str  # the highest figure in words
    tally: OutletTally
    claims: int  # how many claims are on record for the place
    evidence: tuple[FigureRow, ...]  # the first reports of the highest figure, one per sentence
    recent: tuple[FigureRow, ...]  # the latest claims, newest first
    chart: Chart


def as_claim(row: FigureRow | ClaimPoint) -> dict[str, object]:
    return {"count": row.count, "qualifier": row.qualifier, "place": row.place, "city": row.city,
            "added": row.added, "countries": row.countries, "cities": row.cities}


def _when(row: FigureRow | ClaimPoint) -> datetime:
    return row.published or row.first_seen


@lru_cache(maxsize=4096)
def _phrase(count: int, qualifier: str, place: str | None, city: str | None, added: bool,
            countries: int | None, cities: int | None) -> str:
    return describe({"count": count, "qualifier": qualifier, "place": place, "city": city,
                     "added": added, "countries": countries, "cities": cities})


def _label(p: ClaimPoint) -> str:
    phrase = _phrase(p.count, p.qualifier, p.place, p.city, p.added, p.countries, p.cities)
    when = _when(p)
    return f"{when.day} {MONTHS[when.month]} {when.year}: {'+' if p.added else ''}{phrase}"


def _chart(points: list[ClaimPoint]) -> Chart:
    return build_chart([ChartClaim(_when(p), p.count, p.added, _label(p)) for p in points])


def place_views(engine: sa.Engine) -> list[PlaceView]:
    """One view per place with a figure on record, worldwide first."""
    with read_session(engine) as session:
        tops = highest_per_place(session)
        points = claim_points(session)
        tallies = figure_outlets(session, [(t.place, False, t.count) for t in tops])
        by_place: dict[str | None, list[ClaimPoint]] = defaultdict(list)
        for point in points:
            by_place[point.place].append(point)
        quoted: dict[str | None, tuple[list[int], list[int]]] = {}
        for top in tops:
            mine = by_place.get(top.place, [])
            firsts = [p.id for p in mine if not p.added and p.count == top.count]
            quoted[top.place] = (firsts[: EVIDENCE * 3], [p.id for p in mine[-RECENT:]][::-1])
        rows = figure_rows(session, {i for firsts, latest in quoted.values() for i in (*firsts, *latest)})
    views = []
    for top in tops:
        firsts, latest = quoted[top.place]
        evidence: dict[str, FigureRow] = {}
        for claim_id in firsts:
            row = rows[claim_id]
            evidence.setdefault(row.evidence, row)
        views.append(PlaceView(
            place=top.place,
            name=place_name(top.place) if top.place else "Worldwide",
            anchor=f"place-{(top.place or 'world').lower()}",
            top=top,
            headline=describe(as_claim(top)),
            tally=tallies.get((top.place, False, top.count), NO_OUTLETS),
            claims=len(by_place.get(top.place, [])),
            evidence=tuple(list(evidence.values())[:EVIDENCE]),
            recent=tuple(rows[i] for i in latest),
            chart=_chart(by_place.get(top.place, [])),
        ))
    return views
