"""``stationwatch counts [--json] [--history]``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import sqlalchemy as sa

from scheduler.commands import base
from scheduler.commands.output import dump_json, iso, table
from storage.counts import FigureRow, OutletTally, figure_outlets, highest_per_place
from storage.counts import history as every_claim
from storage.engine import read_session


class Command(base.Command):
    name = "counts"
    help = "the highest count on record for each place"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--history", action="store_true",
                            help="every claim ever recorded, oldest first")

    def run(self, ctx: base.Context) -> int:
        return run_counts(ctx.engine(), as_json=ctx.args.json, history=ctx.args.history,
                          stdout=sys.stdout)


NO_OUTLETS = OutletTally((), 0)


def counts_data(engine: sa.Engine, *, history: bool) -> list[dict[str, object]]:
    """The objects ``counts --json`` prints (and ``/api/counts`` serves)."""
    with read_session(engine) as session:
        rows = every_claim(session) if history else highest_per_place(session)
        tallies = figure_outlets(session, None if history else [(r.place, r.added, r.count) for r in rows])
    return [figure_json(r, tallies.get((r.place, r.added, r.count), NO_OUTLETS), with_added=history)
            for r in rows]


def figure_json(row: FigureRow, tally: OutletTally, *, with_added: bool) -> dict[str, object]:
    """One figure in the contract's shape, with who reported it."""
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
        "outlets": len(tally.outlets),
        "independent": tally.independent,
        "headline_only": row.headline_only,  # only a feed's headline carried it
    }
    if with_added:
        obj["added"] = row.added
    return obj


def run_counts(engine: sa.Engine, *, as_json: bool, history: bool, stdout: TextIO) -> int:
    if as_json:
        dump_json(counts_data(engine, history=history), stdout)
        return 0
    with read_session(engine) as session:
        rows = every_claim(session) if history else highest_per_place(session)
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
        if r.headline_only:
            figure += " (headline only)"
        cells: list[object] = [r.place or "worldwide", figure, iso(r.first_seen), r.url]
        if history:
            cells.insert(2, "yes" if r.added else "")
        out.append(cells)
    table(headers, out, stdout)
    return 0
