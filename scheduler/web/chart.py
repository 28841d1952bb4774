"""The timeline of a place's figures as server-side SVG geometry.

Drawn on the server rather than by a JavaScript chart library: the chart is a
handful of points and one step line, it then works without script (and under
a Content-Security-Policy that allows none inline), prints, and costs nothing
to load. This module computes the coordinates and writes the claim points (escaped
``<circle>`` elements: a page may chart thousands); ``templates/_chart.html``
writes the rest of the SVG.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape

WIDTH, HEIGHT = 960, 210
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 28
PAD = 0.04  # of the time span, either side of the first and last claim
LONE = timedelta(days=30)  # either side of claims that all fall on one moment


@dataclass(frozen=True, slots=True)
class ChartClaim:
    when: datetime
    count: int
    added: bool
    label: str  # the tooltip: date, figure, outlet


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    points: Markup  # one <circle class="claim"> per claim, its label as a tooltip
    steps: str  # SVG path data of the highest total so far
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _nice_step(top: int) -> int:
    raw = max(top / 4, 1)
    magnitude: int = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _months_between(first: datetime, last: datetime) -> list[datetime]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(first.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _time_ticks(first: datetime, last: datetime, x_of: Callable[[datetime], float]) -> tuple[Tick, ...]:
    if last - first < timedelta(days=62):
        span = last - first
        moments = [first + span * share for share in (0.15, 0.5, 0.85)]
        return tuple(Tick(x_of(m), m.strftime("%-d %b %Y")) for m in moments)
    months = [m for m in _months_between(first, last) if first <= m <= last]
    every = max(1, -(-len(months) // 6))
    chosen = months[::every]
    fmt = "%b %Y" if every < 12 else "%Y"
    return tuple(Tick(x_of(m), m.strftime(fmt)) for m in chosen)


def build_chart(claims: Sequence[ChartClaim]) -> Chart:
    """A point per claim (in time order) and the steps of the highest total so far,
    drawn on to the right edge (it still stands)."""
    ordered = sorted(claims, key=lambda c: c.when)
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    if not ordered:
        return Chart(WIDTH, HEIGHT, Markup(""), "", (), ())
    pad = (ordered[-1].when - ordered[0].when) * PAD or LONE
    first, last = ordered[0].when - pad, ordered[-1].when + pad
    span = (last - first).total_seconds()
    highest = max(c.count for c in ordered)
    step = _nice_step(highest)
    y_max = max(step * -(-highest // step), step)
    if y_max == highest:
        y_max += step

    def x_of(when: datetime) -> float:
        return round(left + (when - first).total_seconds() / span * (right - left), 1)

    def y_of(count: int) -> float:
        return round(bottom - count / y_max * (bottom - top), 1)

    circles: list[str] = []
    path: list[str] = []
    best: int | None = None
    for claim in ordered:
        x, y = x_of(claim.when), y_of(claim.count)
        kind = "claim added" if claim.added else "claim"
        circles.append(f'<circle class="{kind}" cx="{x}" cy="{y}" r="4.5"><title>{escape(claim.label)}</title></circle>')
        if claim.added or (best is not None and claim.count <= best):
            continue
        path.append(f"M{x},{y}" if best is None else f"H{x}V{y}")
        best = claim.count
    if path:
        path.append(f"H{right}")
    y_ticks = tuple(Tick(y_of(v), str(v)) for v in range(0, y_max + 1, step))
    points = Markup("\n".join(circles))  # noqa: S704 — built from numbers and escaped labels
    return Chart(WIDTH, HEIGHT, points, "".join(path), _time_ticks(first, last, x_of), y_ticks)
