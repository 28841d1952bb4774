"""``stationwatch coverage [--json] [--limit N]``: stories newest first, with their copies."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

import sqlalchemy as sa

from scheduler.commands import base
from scheduler.commands.output import dump_json, iso, safe_text, table
from storage.engine import read_session

if TYPE_CHECKING:
    from storage.stories import StoryView


class Command(base.Command):
    name = "coverage"
    help = "stored stories, newest first, with their copies"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--limit", type=base.positive_int, default=None, metavar="N",
                            help="at most N stories")

    def run(self, ctx: base.Context) -> int:
        return run_coverage(ctx.engine(), as_json=ctx.args.json, limit=ctx.args.limit,
                            stdout=sys.stdout)


def story_json(story: StoryView) -> dict[str, object]:
    """One story in the contract's shape (plus ``outlets``)."""
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": iso(story.first_seen),
        "published": iso(story.published),
        "url": story.url,
        "outlets": story.outlets,
        "copies": [
            {
                "url": c.url,
                "outlet": c.outlet,
                "first_seen": iso(c.first_seen),
                "found_url": c.found_url,
                "published": iso(c.published),
            }
            for c in story.copies
        ],
        "claims": [dict(claim) for claim in story.claims],
    }


def _figures(story: StoryView) -> str:
    parts = []
    for claim in story.claims:
        qualifier = str(claim["qualifier"])
        text = str(claim["count"]) if qualifier == "exact" else f"{qualifier.replace('_', ' ')} {claim['count']}"
        if claim.get("added"):
            text += " added"
        text += f" ({claim['place'] or 'world'})"
        if claim.get("headline_only"):
            text += " [headline only]"
        parts.append(text)
    return "; ".join(parts)


def _plain(stories: list[StoryView], stdout: TextIO) -> None:
    rows: list[list[object]] = []
    for s in stories:
        rows.append([s.id, iso(s.first_seen), len(s.copies), s.title or "", _figures(s)])
        for c in s.copies:
            rows.append(["", iso(c.first_seen), "", f"  {c.outlet or ''}  {c.url}", ""])
    table(["id", "first seen", "copies", "title / copies", "figures"], rows, stdout)


def _rich(stories: list[StoryView], stdout: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(show_lines=True)
    for name in ("id", "first seen", "title and copies", "figures"):
        grid.add_column(name, overflow="fold")
    for s in stories:
        body = Text(safe_text(s.title or "(untitled)"), style="bold")
        for c in s.copies:
            body.append(f"\n{safe_text(c.outlet or '')}  ", style="cyan")
            body.append(safe_text(c.url))
        grid.add_row(str(s.id), iso(s.first_seen) or "", body, safe_text(_figures(s)))
    Console(file=stdout).print(grid)


def run_coverage(engine: sa.Engine, *, as_json: bool, limit: int | None, stdout: TextIO) -> int:
    with read_session(engine) as session:
        from storage.stories import list_stories

        stories = list_stories(session, limit)
    if as_json:
        dump_json([story_json(s) for s in stories], stdout)
        return 0
    if not stories:
        stdout.write("no stories stored yet\n")
        return 0
    isatty = getattr(stdout, "isatty", None)
    if isatty is not None and isatty():
        _rich(stories, stdout)
    else:
        _plain(stories, stdout)
    return 0
