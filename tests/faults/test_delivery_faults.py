"""Fault suite, alerts that must be neither dropped nor parked nor shown raw.

Each test drives ``stationwatch alerts ...`` as a subprocess against a real
SQLite file, aiosmtpd and a loopback Slack-like webhook:

- a delivery the channel refused for good (SMTP 554, Slack 404) is retried by
  ``alerts deliver --failed`` and only by it;
- a ``Retry-After`` of any size parks a delivery for at most an hour and
  never crashes the run;
- a Slack answer of 200 whose body is not ``ok`` is not a delivery;
- ``alerts deliver`` sends a delivery that is waiting out its back-off, but
  never one that a running drain holds;
- ``alerts list`` shows a title's bidi override and escape sequences inert.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.engine import make_engine, write_session
from storage.outbox import claim
from tests.support.cli import run_cli
from tests.support.mail import SmtpServer
from tests.support.receiver import Webhook, reply
from tests.support.store import query
from tests.support.stories import add_article, policy
from tests.support.stories import claim as figure

pytestmark = pytest.mark.slow


def _config(tmp_path: Path, *, hook: Webhook | None = None, smtp: SmtpServer | None = None) -> Path:
    text = '[storage]\nurl = "sqlite:///store.db"\n\n'
    if smtp is not None:
        text += ("[alerts.email]\nenabled = true\nhost = \"127.0.0.1\"\n"
                 f'port = {smtp.port}\nsecurity = "none"\nsender = "watch@example.org"\n'
                 'recipients = ["desk@example.org"]\ntimeout = "5s"\n\n')
    if hook is not None:
        text += f'[alerts.slack]\nenabled = true\nwebhook_url = "{hook.url}"\ntimeout = "5s"\n'
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _alert(tmp_path: Path, channels: tuple[str, ...], *, title: str = "Police stations abroad",
           now: datetime | None = None, count: int = 102) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    from storage.schema import ensure_schema

    ensure_schema(engine)
    when = now or datetime.now(UTC)
    _, alert_id = add_article(engine, f"https://news.example/2022/12/report-{count}",
                              [figure(count, qualifier="more_than", countries=53)], title=title,
                              pol=policy(now=when, channels=channels))
    engine.dispose()
    assert alert_id is not None
    return alert_id


def _states(tmp_path: Path) -> dict[str, tuple]:
    rows = query(tmp_path / "store.db", "SELECT channel, state, attempts, next_attempt, last_error FROM delivery")
    return {r[0]: r[1:] for r in rows}


def _deliver(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_cli("alerts", "deliver", *args, config=config, timeout=60)
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr, done.stderr
    return done


def test_failed_for_good_is_retried_only_with_deliver_failed(tmp_path: Path, webhook: Webhook,
                                                             smtp_plain: SmtpServer) -> None:
    config = _config(tmp_path, hook=webhook, smtp=smtp_plain)
    _alert(tmp_path, ("email", "slack"))
    webhook.script.append(reply(404, "no_service"))
    smtp_plain.recorder.data_reply = "554 5.7.1 message refused"
    assert _deliver(config).returncode == 1
    assert {c: s[0] for c, s in _states(tmp_path).items()} == {"email": "failed", "slack": "failed"}

    smtp_plain.recorder.data_reply = None  # the peers are fixed; a plain deliver leaves failed ones alone
    assert _deliver(config).returncode == 0
    assert len(webhook.requests) == 1 and smtp_plain.recorder.messages == []

    done = _deliver(config, "--failed")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sent 2" in done.stdout
    assert len(webhook.accepted()) == 1 and len(smtp_plain.recorder.messages) == 1
    assert {c: s[0] for c, s in _states(tmp_path).items()} == {"email": "sent", "slack": "sent"}
    assert _deliver(config, "--failed").returncode == 0  # nothing twice
    assert len(webhook.accepted()) == 1 and len(smtp_plain.recorder.messages) == 1


@pytest.mark.parametrize("retry_after", ["99999999999", "999999999999", "1e300", "Fri, 31 Dec 9999 23:59:59 GMT"],
                         ids=["3000-years", "overflow", "1e300", "http-date-9999"])
def test_any_retry_after_parks_a_delivery_for_an_hour_at_most(tmp_path: Path, webhook: Webhook,
                                                               retry_after: str) -> None:
    config = _config(tmp_path, hook=webhook)
    _alert(tmp_path, ("slack",))
    webhook.script.append(reply(429, "rate limited", {"Retry-After": retry_after}))
    before = datetime.now(UTC)
    assert _deliver(config).returncode == 1
    [(state, attempts, next_attempt, error)] = _states(tmp_path).values()
    assert state == "pending" and attempts == 1 and "429" in error
    waits = datetime.fromisoformat(next_attempt).replace(tzinfo=UTC) - before
    assert timedelta(minutes=59) <= waits <= timedelta(hours=1, minutes=1)


def test_slack_200_without_ok_is_not_delivered(tmp_path: Path, webhook: Webhook) -> None:
    config = _config(tmp_path, hook=webhook)
    _alert(tmp_path, ("slack",))
    webhook.script.append(reply(200, "<html><title>Sign in to the proxy</title></html>"))
    assert _deliver(config).returncode == 1
    [(state, _, _, error)] = _states(tmp_path).values()
    assert state == "pending" and "200" in error
    assert _deliver(config).returncode == 0  # retried at once by a user's deliver: "ok" this time
    assert [r["status"] for r in webhook.requests] == [200, 200]
    assert [s[0] for s in _states(tmp_path).values()] == ["sent"]


def test_deliver_sends_what_waits_out_a_backoff_but_not_what_a_drain_holds(tmp_path: Path,
                                                                           webhook: Webhook) -> None:
    config = _config(tmp_path, hook=webhook)
    _alert(tmp_path, ("slack",))
    webhook.script.append(reply(500, "down"))
    assert _deliver(config).returncode == 1
    [(state, _, next_attempt, _)] = _states(tmp_path).values()
    assert state == "pending" and datetime.fromisoformat(next_attempt).replace(tzinfo=UTC) > datetime.now(UTC)

    done = _deliver(config)  # the peer is back; the user asks for "now"
    assert done.returncode == 0 and "sent 1" in done.stdout, done.stdout
    assert len(webhook.accepted()) == 1

    # a second alert, held by a drain in another process mid-send: not sent again
    second = _alert(tmp_path, ("slack",), now=datetime.now(UTC) + timedelta(seconds=1), count=110)
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    [delivery_id] = [r[0] for r in query(tmp_path / "store.db",
                                         "SELECT id FROM delivery WHERE alert_id = ?", second)]
    with write_session(engine) as session:
        assert claim(session, delivery_id, datetime.now(UTC), timedelta(minutes=10)) is not None
    engine.dispose()
    done = _deliver(config)
    assert "sent 0" in done.stdout
    assert len(webhook.requests) == 2


def test_alerts_list_shows_hostile_titles_inert(tmp_path: Path) -> None:
    config = _config(tmp_path)
    title = "Police stations \u202etxt.exe\u202c abroad \x1b[2J\x1b]8;;http://evil.example\x07link\u2066"
    _alert(tmp_path, ("log",), title=title)
    done = run_cli("alerts", "list", config=config)
    assert done.returncode == 0, done.stderr
    for bad in ("\u202e", "\u202c", "\u2066", "\x1b", "\x07"):
        assert bad not in done.stdout, repr(bad)
    assert "Police stations" in done.stdout and "abroad" in done.stdout
    raw = json.loads(run_cli("alerts", "list", "--json", config=config).stdout)
    assert raw[0]["story"]["title"] == title  # the data itself is kept as it came
