"""Who reported a figure: its outlets, and how many are independent of each other."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from scheduler.commands.counts import run_counts
from storage.counts import figure_outlets
from storage.engine import make_engine, read_session, write_session
from storage.models import Article, Claim, Story
from storage.schema import ensure_schema

T0 = datetime(2022, 12, 5, 9, 0, tzinfo=UTC)


def _story(s: Session, n: int, outlets: list[str], figures: list[tuple[str | None, int]]) -> None:
    story = Story(title=f"story {n}", url=f"https://{outlets[0]}/{n}", first_seen=T0 + timedelta(days=n))
    s.add(story)
    s.flush()
    first = None
    for i, outlet in enumerate(outlets):
        art = Article(canonical_url=f"https://{outlet}/{n}/{i}", url=f"https://{outlet}/{n}", outlet=outlet,
                      fetched_at=story.first_seen, relevant=True, story_id=story.id)
        s.add(art)
        s.flush()
        first = first or art
    for place, count in figures:
        s.add(Claim(story_id=story.id, article_id=first.id, count=count, qualifier="more_than", place=place,
                    evidence=f"{count} stations", first_seen=story.first_seen))


def _engine(tmp_path: Path) -> sa.Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    ensure_schema(engine)
    with write_session(engine) as s:
        # one story syndicated by three outlets, one told apart by a fourth, and the
        # first outlet telling it again in a story of its own
        _story(s, 1, ["a.example", "b.example", "c.example"], [(None, 102), ("IT", 11)])
        _story(s, 2, ["d.example"], [(None, 102)])
        _story(s, 3, ["a.example"], [(None, 102)])
        _story(s, 4, ["e.example"], [(None, 54)])
    return engine


def test_outlets_and_independent_outlets_per_figure(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with read_session(engine) as s:
        tallies = figure_outlets(s)
    top = tallies[(None, False, 102)]
    assert top.outlets == ("a.example", "b.example", "c.example", "d.example")
    assert top.independent == 2  # a, b and c are copies of each other; d is on its own
    assert tallies[("IT", False, 11)].independent == 1
    assert tallies[(None, False, 54)].outlets == ("e.example",)


def test_counts_json_carries_outlets(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    out = io.StringIO()
    assert run_counts(engine, as_json=True, history=False, stdout=out) == 0
    rows = {r["place"]: r for r in json.loads(out.getvalue())}
    assert (rows[None]["count"], rows[None]["outlets"], rows[None]["independent"]) == (102, 4, 2)
    assert (rows["IT"]["outlets"], rows["IT"]["independent"]) == (3, 1)
    out = io.StringIO()
    run_counts(engine, as_json=True, history=True, stdout=out)
    history = json.loads(out.getvalue())
    assert [(r["count"], r["outlets"], r["independent"]) for r in history if r["place"] is None] == [
        (102, 4, 2), (102, 4, 2), (102, 4, 2), (54, 1, 1)]
