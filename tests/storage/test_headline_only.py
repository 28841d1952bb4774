"""Headline-only stories on a real SQLite file: recorded and alerted like any other,
marked, not "known" (so the page is tried again), and upgraded in place when the
page arrives, without a second alert for the same figure."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import select

from storage.counts import highest_per_place, history
from storage.dedupe import is_known_entry
from storage.engine import read_session, write_session
from storage.links import remember_url, resolved_url
from storage.models import Alert, Article, Claim, Story
from storage.outbox import list_alerts
from storage.record import ArticleRecord, RecordOutcome, record_article
from storage.stories import list_stories
from tests.support.pg import PG_URL, fresh_database
from tests.support.store import make_store
from tests.support.stories import NOW, claim, policy

GNEWS = "https://news.google.com/rss/articles/CBMiQUFVX3lxTE1fake"
PAGE = "https://www.example-daily.com/world/police-stations-102"
HEADLINE = "NGO says China runs more than 102 overseas police stations"


def _headline(**kw: Any) -> ArticleRecord:
    base = ArticleRecord(
        source="gnews-en", url=GNEWS, canonical_url=GNEWS, fetched_at=NOW,
        feed_entry_id="gn-1", outlet="example-daily.com", title=HEADLINE,
        published=NOW - timedelta(hours=2), lang="en", text=HEADLINE, content_hash="h" * 64,
        relevant=True, score=0.9, headline_only=True,
        claims=[claim(102, qualifier="more_than", evidence=HEADLINE)],
    )
    return replace(base, **kw)


def _page(**kw: Any) -> ArticleRecord:
    text = ("Researchers said China runs more than 102 overseas police stations in 53 "
            "countries. Italy hosts 11 of them.")
    base = ArticleRecord(
        source="gnews-en", url=PAGE, canonical_url=PAGE, fetched_at=NOW + timedelta(hours=1),
        feed_entry_id="gn-1", outlet="example-daily.com",
        title="China runs more than 102 police stations abroad",
        published=NOW - timedelta(hours=2), lang="en", text=text, content_hash="p" * 64,
        relevant=True, score=0.95,
        claims=[claim(102, qualifier="more_than", countries=53,
                      evidence="Researchers said China runs more than 102 overseas police "
                               "stations in 53 countries."),
                claim(11, place="IT", evidence="Italy hosts 11 of them.")],
    )
    return replace(base, **kw)


def _record(engine: sa.Engine, rec: ArticleRecord, **pol: Any) -> RecordOutcome:
    with write_session(engine) as session:
        return record_article(session, rec, policy(now=rec.fetched_at, **pol))


def test_headline_only_is_recorded_marked_and_alerts(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    out = _record(engine, _headline())
    assert out.status == "new" and out.alert_id is not None
    with read_session(engine) as s:
        art = s.get(Article, out.article_id)
        assert art is not None and art.headline_only
        (row,) = s.exec(select(Claim)).all()
        assert row.headline_only and row.is_new
        payload = json.loads(s.get_one(Alert, out.alert_id).payload)
        assert payload["figures"][0]["headline_only"] is True
        assert payload["story"]["headline_only"] is True
        (alert,) = list_alerts(s)
        assert alert["figures"][0]["headline_only"] is True
        (top,) = highest_per_place(s)
        assert top.headline_only and top.count == 102
        assert [r.headline_only for r in history(s)] == [True]
        (story,) = list_stories(s)
        assert story.claims[0]["headline_only"] is True


def test_headline_only_entry_is_not_known_so_the_page_is_tried_again(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    _record(engine, _headline())
    with read_session(engine) as s:
        assert not is_known_entry(s, source="gnews-en", canonical_url=GNEWS, entry_id="gn-1",
                                  title=HEADLINE)


def test_page_upgrades_the_headline_story_in_place_without_a_second_alert(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    first = _record(engine, _headline())
    second = _record(engine, _page())
    assert second.status == "update"
    assert second.article_id == first.article_id and second.story_id == first.story_id
    with read_session(engine) as s:
        assert len(s.exec(select(Story)).all()) == 1
        art = s.get(Article, first.article_id)
        assert art is not None and not art.headline_only
        assert art.canonical_url == PAGE and art.text and "Italy" in art.text
        story = s.get(Story, first.story_id)
        assert story is not None and story.url == PAGE
        claims = {(c.place, c.count): c for c in s.exec(select(Claim)).all()}
        assert set(claims) == {(None, 102), ("IT", 11)}
        assert not claims[(None, 102)].headline_only
        assert claims[(None, 102)].evidence.startswith("Researchers said")
        assert claims[(None, 102)].countries == 53
        # 102 alerted once (from the headline); Italy's 11 is new and alerts on its own
        alerts = s.exec(select(Alert)).all()
        figures = [f["count"] for a in alerts for f in json.loads(a.payload)["figures"]]
        assert sorted(figures) == [11, 102]
        (top, italy) = highest_per_place(s)
        assert not top.headline_only and not italy.headline_only
        # once the crawl has remembered where the Google News link leads, the entry is known
        assert not is_known_entry(s, source="gnews-en", canonical_url=GNEWS, entry_id="gn-1",
                                  title=HEADLINE)
    with write_session(engine) as s:
        remember_url(s, GNEWS, PAGE, NOW)
    with read_session(engine) as s:
        assert is_known_entry(s, source="gnews-en", canonical_url=GNEWS, entry_id="gn-1",
                              title=HEADLINE)


def test_headline_again_after_the_page_changes_nothing(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    _record(engine, _headline())
    _record(engine, _page())
    again = _record(engine, _headline(fetched_at=NOW + timedelta(hours=2)))
    assert again.status == "unchanged" and again.alert_id is None
    with read_session(engine) as s:
        assert not any(a.headline_only for a in s.exec(select(Article)).all())
        assert not any(c.headline_only for c in s.exec(select(Claim)).all())


def test_same_headline_from_another_edition_is_one_story(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    first = _record(engine, _headline())
    other = _record(engine, _headline(source="gnews-en-gb", feed_entry_id="gb-9",
                                      url=GNEWS + "-gb", canonical_url=GNEWS + "-gb"))
    assert other.story_id == first.story_id and other.alert_id is None


def test_headline_of_a_story_already_stored_in_full_adds_nothing(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    full = _record(engine, _page(source="daily-rss", feed_entry_id="d-1"))
    title = "China runs more than 102 police stations abroad"
    head = _record(engine, _headline(title=title, fetched_at=NOW + timedelta(hours=3)))
    assert head.status == "unchanged" and head.story_id == full.story_id
    with read_session(engine) as s:
        assert len(s.exec(select(Article)).all()) == 1
        # the entry is now known: its story is stored in full
        assert is_known_entry(s, source="gnews-en", canonical_url=GNEWS, entry_id="gn-1",
                              title=title)


def test_page_from_another_feed_upgrades_the_headline_story_by_title(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    head = _record(engine, _headline(title="China runs more than 102 police stations abroad"))
    page = _record(engine, _page(source="daily-rss", feed_entry_id="d-1"))
    assert page.story_id == head.story_id and page.article_id == head.article_id
    with read_session(engine) as s:
        assert len(s.exec(select(Story)).all()) == 1
        assert not s.get_one(Article, head.article_id).headline_only


def test_irrelevant_headline_is_not_stored(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    out = _record(engine, _headline(relevant=False, claims=[]))
    assert out.status == "irrelevant"
    with read_session(engine) as s:
        assert s.exec(select(Article)).all() == []


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server (STATIONWATCH_TEST_PG_URL unset)")
def test_headline_then_page_on_postgres() -> None:
    from storage.schema import ensure_schema

    with fresh_database("sw_headline") as engine:
        ensure_schema(engine)
        first = _record(engine, _headline())
        with write_session(engine) as s:
            remember_url(s, GNEWS, PAGE, NOW)
            remember_url(s, GNEWS, "https://elsewhere.example/", NOW)  # first one stays
        second = _record(engine, _page())
        assert second.status == "update" and second.article_id == first.article_id
        with read_session(engine) as s:
            assert resolved_url(s, GNEWS) == PAGE
            assert [c.headline_only for c in s.exec(select(Claim).order_by(Claim.count))] \
                == [False, False]
            assert is_known_entry(s, source="gnews-en", canonical_url=GNEWS, entry_id="gn-1",
                                  title=HEADLINE)
            assert len(s.exec(select(Alert)).all()) == 2  # 102 once, then Italy's 11
