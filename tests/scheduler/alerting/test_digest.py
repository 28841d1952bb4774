"""Digests: the period due at a time in a zone, exactly one per period per channel, sent
through the outbox by email (text and HTML), Slack and Apprise (short forms)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from scheduler.alerting.config import (
    AlertsConfig,
    AppriseConfig,
    DigestConfig,
    EmailConfig,
    SlackConfig,
)
from scheduler.alerting.digest import due_period, enqueue_due_digest
from scheduler.alerting.drain import drain
from storage.engine import make_engine, read_session, write_session
from storage.models import Alert, Delivery, DigestRun, SourceState
from tests.support.mail import SmtpServer
from tests.support.race import race
from tests.support.receiver import Webhook
from tests.support.store import make_store
from tests.support.stories import add_article, policy
from tests.support.stories import claim as figure

MADRID_0800 = datetime(2022, 12, 6, 7, 0, tzinfo=UTC)  # 08:00 in Madrid (CET, UTC+1)


def digest_cfg(*, channels=("email",), send_when_empty: bool = False, smtp: SmtpServer | None = None,
               hook: Webhook | None = None, schedule: str = "daily 08:00",
               timezone: str = "Europe/Madrid") -> AlertsConfig:
    return AlertsConfig(
        email=EmailConfig(enabled=True, host="127.0.0.1", port=smtp.port if smtp else 25, security="none",
                          sender="watch@example.org", recipients=["desk@example.org"], timeout="5s"),
        slack=SlackConfig(enabled=hook is not None, webhook_url=hook.url if hook else ""),
        apprise=[AppriseConfig(name="desk-json", url=f"json://127.0.0.1:{hook.port if hook else 9}/digest")],
        digest=DigestConfig(enabled=True, schedule=schedule, timezone=timezone, channels=list(channels),
                            send_when_empty=send_when_empty),
    )


def story_at(engine: sa.Engine, when: datetime, n: int, *, count: int | None = None,
             title: str | None = None) -> int:
    claims = [figure(count, evidence=f"Reports name {count} stations abroad.")] if count else []
    story_id, _ = add_article(engine, f"https://news{n}.example/story", claims,
                              title=title or f"Story number {n}", pol=policy(now=when, alert=False))
    return story_id


def alerts(engine: sa.Engine, kind: str = "digest") -> list[Alert]:
    with read_session(engine) as s:
        rows = list(s.exec(select(Alert).where(Alert.kind == kind).order_by(Alert.id)))
        s.expunge_all()
        return rows


def runs(engine: sa.Engine) -> list[tuple[str, datetime, int | None]]:
    with read_session(engine) as s:
        return [(r.channel, r.period_end, r.alert_id) for r in s.exec(select(DigestRun).order_by(DigestRun.id))]


@pytest.mark.parametrize(
    ("schedule", "zone", "now", "start", "end"),
    [
        ("daily 08:00", "Europe/Madrid", datetime(2022, 12, 6, 9, 0, tzinfo=UTC),
         datetime(2022, 12, 5, 7, 0, tzinfo=UTC), datetime(2022, 12, 6, 7, 0, tzinfo=UTC)),
        ("daily 08:00", "Europe/Madrid", datetime(2022, 12, 6, 6, 59, tzinfo=UTC),
         datetime(2022, 12, 4, 7, 0, tzinfo=UTC), datetime(2022, 12, 5, 7, 0, tzinfo=UTC)),
        # spring forward in Madrid: 08:00 is 07:00 UTC before and 06:00 UTC after
        ("daily 08:00", "Europe/Madrid", datetime(2023, 3, 26, 12, 0, tzinfo=UTC),
         datetime(2023, 3, 25, 7, 0, tzinfo=UTC), datetime(2023, 3, 26, 6, 0, tzinfo=UTC)),
        ("weekly mon 09:30", "America/New_York", datetime(2022, 12, 8, 0, 0, tzinfo=UTC),
         datetime(2022, 11, 28, 14, 30, tzinfo=UTC), datetime(2022, 12, 5, 14, 30, tzinfo=UTC)),
    ],
)
def test_the_period_due(schedule: str, zone: str, now: datetime, start: datetime, end: datetime) -> None:
    cfg = DigestConfig(enabled=True, schedule=schedule, timezone=zone)
    assert due_period(cfg, now) == (start, end)


def test_one_digest_per_period_however_often_it_is_asked(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    cfg = digest_cfg()
    story_at(engine, MADRID_0800 - timedelta(hours=5), 1, count=54)
    assert enqueue_due_digest(engine, cfg, MADRID_0800) is True
    assert enqueue_due_digest(engine, cfg, MADRID_0800 + timedelta(minutes=1)) is False
    engine.dispose()
    restarted = make_engine(f"sqlite:///{tmp_path / 'store.db'}")  # a restart: a new process, same file
    assert enqueue_due_digest(restarted, cfg, MADRID_0800 + timedelta(hours=3)) is False
    [digest] = alerts(restarted)
    assert digest.subject == "stationwatch daily digest, 6 Dec 2022: 1 story, 1 new figure"
    assert runs(restarted) == [("email", MADRID_0800, digest.id)]
    # the next day's digest covers the next period only
    story_at(restarted, MADRID_0800 + timedelta(hours=2), 2, count=60)
    assert enqueue_due_digest(restarted, cfg, MADRID_0800 + timedelta(days=1)) is True
    later = alerts(restarted)[-1]
    assert "1 story, 1 new figure" in later.subject and "Story number 2" in later.payload
    assert "Story number 1" not in later.payload


def test_nothing_happened_sends_nothing_unless_asked(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    assert enqueue_due_digest(engine, digest_cfg(), MADRID_0800) is False
    assert alerts(engine) == [] and runs(engine) == [("email", MADRID_0800, None)]
    assert enqueue_due_digest(engine, digest_cfg(send_when_empty=True), MADRID_0800) is False  # done already
    tomorrow = MADRID_0800 + timedelta(days=1)
    assert enqueue_due_digest(engine, digest_cfg(send_when_empty=True), tomorrow) is True
    [digest] = alerts(engine)
    assert digest.subject.endswith("0 stories, 0 new figures")


def test_an_outage_loses_nothing_and_sends_one_digest(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    cfg = digest_cfg()
    story_at(engine, MADRID_0800 - timedelta(hours=1), 1)
    assert enqueue_due_digest(engine, cfg, MADRID_0800)
    # down for three days; stories kept arriving (another process crawled)
    for day in range(3):
        story_at(engine, MADRID_0800 + timedelta(days=day, hours=3), 10 + day)
    back = MADRID_0800 + timedelta(days=3, hours=2)
    assert enqueue_due_digest(engine, cfg, back) is True
    assert enqueue_due_digest(engine, cfg, back) is False
    latest = alerts(engine)[-1]
    assert all(f"Story number {10 + day}" in latest.payload for day in range(3))
    assert "3 stories" in latest.subject
    assert len(alerts(engine)) == 2


def test_each_channel_once_even_when_one_is_added_later(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    story_at(engine, MADRID_0800 - timedelta(hours=1), 1)
    assert enqueue_due_digest(engine, digest_cfg(channels=("email",)), MADRID_0800)
    both = digest_cfg(channels=("email", "desk-json"))
    assert enqueue_due_digest(engine, both, MADRID_0800 + timedelta(minutes=5)) is True
    assert enqueue_due_digest(engine, both, MADRID_0800 + timedelta(minutes=6)) is False
    digests = [a.id for a in alerts(engine)]
    assert len(digests) == 2
    with read_session(engine) as s:
        per_alert = {a: sorted(d.channel for d in s.exec(select(Delivery).where(Delivery.alert_id == a)))
                     for a in digests}
    assert per_alert == {digests[0]: ["email"], digests[1]: ["desk-json"]}


def test_two_daemons_at_once_queue_one_digest(tmp_path: Path) -> None:
    make_store(tmp_path).dispose()
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url)
    story_at(engine, MADRID_0800 - timedelta(hours=1), 1)
    cfg = digest_cfg()

    def one_daemon() -> bool:
        own = make_engine(url)
        try:
            return enqueue_due_digest(own, cfg, MADRID_0800)
        finally:
            own.dispose()

    assert sorted(race(4, one_daemon)) == [False, False, False, True]
    assert len(alerts(engine)) == 1


def test_digest_goes_out_once_by_email_slack_and_apprise(tmp_path: Path, smtp_plain: SmtpServer,
                                                         webhook: Webhook) -> None:
    engine = make_store(tmp_path)
    day = MADRID_0800 - timedelta(hours=6)
    first = story_at(engine, day, 1, count=54, title="Netherlands finds <b>two</b> stations")
    add_article(engine, "https://copy.example/syndicated", [figure(54)], story_id=first,
                title="Netherlands finds two stations", pol=policy(now=day + timedelta(minutes=5), alert=False))
    story_at(engine, day + timedelta(hours=1), 2, count=102, title="Report counts 102 stations")
    with write_session(engine) as s:
        s.add(SourceState(name="gov-feed", kind="feed", url="https://gov.example/rss", consecutive_failures=9,
                          failing_since=day - timedelta(days=2), last_error="HTTP 503"))
    cfg = digest_cfg(channels=("email", "slack", "desk-json"), smtp=smtp_plain, hook=webhook)
    assert enqueue_due_digest(engine, cfg, MADRID_0800 + timedelta(seconds=1))
    result = drain(engine, cfg, now=MADRID_0800 + timedelta(seconds=2), sleep=lambda s: None)
    assert (result.sent, result.retrying, result.failed) == (3, 0, 0)
    assert drain(engine, cfg, now=MADRID_0800 + timedelta(days=2), sleep=lambda s: None).sent == 0

    [mail] = smtp_plain.recorder.messages
    assert mail["Subject"] == "stationwatch daily digest, 6 Dec 2022: 2 stories, 2 new figures, 1 source down"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "102 overseas police stations" in text and "Report counts 102 stations" in text
    assert "2 copies in this period: copy.example, news1.example" in text  # grouped by story
    assert "gov-feed: failing since" in text and "HTTP 503" in text
    assert "&lt;b&gt;two&lt;/b&gt;" in html and "<b>two</b>" not in html
    assert '<a href="https://news2.example/story">' in html

    slack, apprise_post = sorted(webhook.requests, key=lambda r: r["path"])[::-1]
    assert slack["body"]["text"].startswith("stationwatch daily digest")
    assert any("Stories" in b.get("text", {}).get("text", "") for b in slack["body"]["blocks"])
    assert apprise_post["path"] == "/digest"
    assert apprise_post["body"]["title"] == mail["Subject"]
    assert "Sources down: gov-feed" in apprise_post["body"]["message"]
    assert len(apprise_post["body"]["message"]) < 2000
