"""``stationwatch counts [--json] [--history]``."""

from __future__ import annotations

from typing import TextIO

import sqlalchemy as sa

from scheduler.commands.output import dump_json, iso, table
from storage.counts import FigureRow, highest_per_place, history
from storage.engine import read_session


def _obj(row: FigureRow, with_added: bool) -> dict[str, object]:
    obj: dict[str, object] = {
        "place": row.place,
        "count": row.count,
        "qualifier": row.qualifier,
        "countries": row.countries,
        "cities": row.cities,
        "city": row.city,
        "first_seen": iso(row.first_seen),
        "published": iso(row.published),
        "url": row.url,
        "title": row.title,
        "evidence": row.evidence,
    }
    if with_added:
        obj["added"] = row.added
    return obj


def run_counts(engine: sa.Engine, *, as_json: bool, history: bool, stdout: TextIO) -> int:
    with read_session(engine) as session:
        rows = _history(session) if history else highest_per_place(session)
    if as_json:
        dump_json([_obj(r, history) for r in rows], stdout)
        return 0
    if not rows:
        stdout.write("no figures recorded yet\n")
        return 0
    headers = ["place", "figure", "first seen", "url"]
    if history:
        headers.insert(2, "added")
    out = []
    for r in rows:
        figure = f"{r.qualifier.replace('_', ' ')} {r.count}" if r.qualifier != "exact" else str(r.count)
        if r.countries:
            figure += f" in {r.countries} countries"
        cells: list[object] = [r.place or "worldwide", figure, iso(r.first_seen), r.url]
        if history:
            cells.insert(2, "yes" if r.added else "")
        out.append(cells)
    table(headers, out, stdout)
    return 0


_history = history
