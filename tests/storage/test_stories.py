"""Stories read back with their copies and claims, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.engine import read_session, write_session
from storage.models import Article, Claim, Story
from storage.stories import copies_count, list_stories, outlets_count
from tests.support.store import open_store
from tests.support.stories import T0, fixture_text, store_article

DUBLIN_URL = "https://www.dublin-ledger.ie/news/capel-street-office"
WIRE_URL = "https://wire-daily.com/world/ireland-office?utm_source=rss"
MIRROR_URL = "https://mirror.example.net/ireland-office"


@pytest.fixture
def engine(tmp_path):
    eng = open_store(tmp_path / "store.db")
    yield eng
    eng.dispose()


def add_claim(engine, story_id: int, article_id: int, count: int, **kw) -> None:
    with write_session(engine) as session:
        session.add(
            Claim(story_id=story_id, article_id=article_id, count=count,
                  qualifier=kw.get("qualifier", "exact"), place=kw.get("place"),
                  added=kw.get("added", False), countries=kw.get("countries"),
                  evidence=kw.get("evidence", f"{count} stations."), first_seen=T0)
        )


def populate(engine):
    dublin = fixture_text("story_dublin")
    _, first = store_article(engine, DUBLIN_URL, dublin, title="Dublin office told to close",
                             fetched_at=T0, published=T0 - timedelta(hours=2))
    store_article(engine, WIRE_URL, dublin + "\n\nOne more line from the wire desk here.",
                  title="Ireland shuts office", fetched_at=T0 + timedelta(hours=1))
    store_article(engine, MIRROR_URL, dublin, fetched_at=T0 + timedelta(hours=2))
    _, toronto = store_article(engine, "https://news-a.example.com/toronto",
                               fixture_text("story_toronto"), title="Toronto sites probed",
                               fetched_at=T0 + timedelta(days=1))
    add_claim(engine, first.story_id, first.id, 54, countries=21, evidence="It found 54 stations in 21 countries.")
    add_claim(engine, toronto.story_id, toronto.id, 3, place="CA")
    return first, toronto


def test_stories_newest_first_with_copies_and_claims(engine):
    first, toronto = populate(engine)
    with read_session(engine) as session:
        stories = list_stories(session)
    assert [s.id for s in stories] == [toronto.story_id, first.story_id]
    dublin = stories[1]
    assert dublin.title == "Dublin office told to close"
    assert dublin.url == "https://dublin-ledger.ie/news/capel-street-office"
    assert dublin.published == T0 - timedelta(hours=2)
    assert [(c.outlet, c.url, c.first_seen) for c in dublin.copies] == [
        ("dublin-ledger.ie", "https://dublin-ledger.ie/news/capel-street-office", T0),
        ("wire-daily.com", "https://wire-daily.com/world/ireland-office", T0 + timedelta(hours=1)),
        ("mirror.example.net", "https://mirror.example.net/ireland-office", T0 + timedelta(hours=2)),
    ]
    assert dublin.copies[1].found_url == WIRE_URL
    assert dublin.outlets == 3
    assert dublin.claims == (
        {"count": 54, "qualifier": "exact", "place": None, "city": None, "added": False,
         "countries": 21, "cities": None, "evidence": "It found 54 stations in 21 countries.",
         "headline_only": False},
    )
    assert list(dublin.claims[0]) == ["count", "qualifier", "place", "city", "added",
                                      "countries", "cities", "evidence", "headline_only"]
    assert [c["place"] for c in stories[0].claims] == ["CA"]


def test_limit_and_counts(engine):
    first, toronto = populate(engine)
    with read_session(engine) as session:
        assert [s.id for s in list_stories(session, 1)] == [toronto.story_id]
        assert list_stories(session, 0) == []
        assert copies_count(session, first.story_id) == 3
        assert copies_count(session, toronto.story_id) == 1
        assert outlets_count(session, first.story_id) == 3
        assert copies_count(session, 9999) == 0


def test_irrelevant_stories_and_articles_are_left_out(engine):
    with write_session(engine) as session:
        story = Story(title="Off topic", url="https://x.example.com/a", first_seen=T0, relevant=False)
        session.add(story)
        session.add(Article(canonical_url="https://x.example.com/b", url="https://x.example.com/b",
                            fetched_at=T0))
    with read_session(engine) as session:
        assert list_stories(session) == []
