"""``counts``: where a figure was first reported when one crawl brings it from several outlets.

A baseline crawl (or any cycle) stores every copy of a figure with the same
``first_seen``; the outlet that published it first is where it was first
reported, whichever the crawl happened to store first.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.counts import highest_per_place
from storage.engine import read_session, write_session
from storage.record import ArticleRecord, record_article
from tests.support.store import make_store
from tests.support.stories import NOW, claim, policy

SENTENCE = "China runs more than 102 overseas police stations in 53 countries, the group said."


def _record(engine, url: str, published_hours_ago: int, text: str) -> None:
    rec = ArticleRecord(
        source="feeds", url=url, canonical_url=url, fetched_at=NOW, outlet=url.split("/")[2],
        title=text[:40], published=NOW - timedelta(hours=published_hours_ago), lang="en",
        text=text, content_hash=url.ljust(64, "x")[:64], relevant=True, score=0.9,
        claims=[claim(102, qualifier="more_than", countries=53, evidence=SENTENCE)],
    )
    with write_session(engine) as session:
        record_article(session, rec, policy(now=NOW, alert=False))


def test_the_earliest_publication_is_where_a_figure_was_first_reported(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    _record(engine, "https://late.example.org/a", 2, "Seoul: " + SENTENCE)
    _record(engine, "https://early.example.org/b", 30, "Tokyo: " + SENTENCE + " Japan has 2.")
    _record(engine, "https://middle.example.org/c", 10, "Rome: " + SENTENCE + " Italy has 11.")
    with read_session(engine) as session:
        (world,) = [r for r in highest_per_place(session) if r.place is None]
    assert world.url == "https://early.example.org/b"
    assert world.published == NOW - timedelta(hours=30)
