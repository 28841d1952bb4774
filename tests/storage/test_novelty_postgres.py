"""Novelty on PostgreSQL: two writers racing with the same new figure raise one alert."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlmodel import select

from storage.engine import read_session, write_session
from storage.models import Alert, Article, Claim, Story
from storage.novelty import record_claims
from tests.support.pg import needs_postgres
from tests.support.stories import NOW, claim, policy

pytestmark = needs_postgres


def _story(session, url: str) -> tuple[Story, Article]:
    story = Story(title="t", url=url, first_seen=NOW, published=NOW - timedelta(hours=1))
    session.add(story)
    session.flush()
    article = Article(canonical_url=url, url=url, fetched_at=NOW, relevant=True, story_id=story.id,
                      published=NOW - timedelta(hours=1))
    session.add(article)
    session.flush()
    return story, article


def test_racing_writers_raise_one_alert(pg_engine):
    pol = policy()
    outcome: dict[str, int | None] = {}
    entered = threading.Event()

    def second_writer() -> None:
        with write_session(pg_engine) as session:
            story, article = _story(session, "https://b.example/2")
            entered.set()
            outcome["b"] = record_claims(session, story=story, article=article, claims=[claim(102)], policy=pol)

    with write_session(pg_engine) as session:
        story, article = _story(session, "https://a.example/1")
        outcome["a"] = record_claims(session, story=story, article=article, claims=[claim(102)], policy=pol)
        racer = threading.Thread(target=second_writer)
        racer.start()
        assert entered.wait(10)
        racer.join(0.5)
        assert racer.is_alive()  # waits on the novelty lock while the first is uncommitted
    racer.join(10)
    assert not racer.is_alive()

    assert outcome["a"] is not None and outcome["b"] is None
    with read_session(pg_engine) as s:
        assert len(s.exec(select(Alert)).all()) == 1
        assert sorted(c.is_new for c in s.exec(select(Claim))) == [False, True]


def test_outbox_drains_on_postgres(pg_engine):
    from scheduler.alerting.config import AlertsConfig
    from scheduler.alerting.drain import drain
    from storage.outbox import claim as take
    from storage.outbox import due_deliveries, list_alerts

    with write_session(pg_engine) as session:
        story, article = _story(session, "https://a.example/1")
        alert_id = record_claims(session, story=story, article=article, claims=[claim(102)],
                                 policy=policy(channels=()))
    with read_session(pg_engine) as s:
        [due] = due_deliveries(s, NOW)
    with write_session(pg_engine) as s:
        assert take(s, due.id, NOW, timedelta(minutes=5)) is not None
    with write_session(pg_engine) as s:
        assert take(s, due.id, NOW, timedelta(minutes=5)) is None
    result = drain(pg_engine, AlertsConfig(), now=NOW + timedelta(minutes=5), sleep=lambda s: None)
    assert result.sent == 1
    with read_session(pg_engine) as s:
        [listed] = list_alerts(s)
    assert listed["id"] == alert_id
    assert listed["deliveries"][0]["state"] == "sent" and listed["deliveries"][0]["attempts"] == 2
