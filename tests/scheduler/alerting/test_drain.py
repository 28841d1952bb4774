"""The drain against real channels on loopback: aiosmtpd (STARTTLS + AUTH, SSL) and a webhook."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from scheduler.alerting.config import AlertsConfig, EmailConfig, SlackConfig
from scheduler.alerting.drain import BASE_DELAY, backoff, drain
from scheduler.alerting.slack import retry_after_seconds
from storage.engine import read_session, write_session
from storage.models import Delivery
from storage.outbox import claim, due_deliveries, pending_count
from tests.support.mail import SMTP_PASSWORD, SMTP_USER, SmtpServer
from tests.support.receiver import Webhook, reply
from tests.support.store import make_store
from tests.support.stories import NOW, add_article, policy
from tests.support.stories import claim as figure
from tests.support.web import free_port


def config(*, smtp: SmtpServer | None = None, hook: Webhook | None = None, ca_file: Path | None = None,
           security: str = "starttls", auth: bool = True, password: str = SMTP_PASSWORD) -> AlertsConfig:
    email = EmailConfig(
        enabled=smtp is not None, host="127.0.0.1", port=smtp.port if smtp else 25, security=security,
        username=SMTP_USER if auth else "", password=password if auth else "",
        sender="watch@example.org", recipients=["desk@example.org"], timeout="5s",
        ca_file=str(ca_file) if ca_file else "",
    )
    slack = SlackConfig(enabled=hook is not None, webhook_url=hook.url if hook else "", timeout="5s")
    return AlertsConfig(email=email, slack=slack)


def one_alert(tmp_path: Path, channels=("email", "slack")):
    engine = make_store(tmp_path)
    _, alert_id = add_article(
        engine, "https://news.example/2022/12/report",
        [figure(102, qualifier="more_than", countries=53, evidence="Over 102 stations in 53 countries.")],
        title="Report counts more stations", pol=policy(channels=channels),
    )
    assert alert_id is not None
    return engine, alert_id


def deliveries(engine):
    with read_session(engine) as s:
        rows = {d.channel: d for d in s.exec(select(Delivery))}
        s.expunge_all()
        return rows


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_new_figure_goes_out_once_by_email_and_slack(tmp_path, smtp_starttls, webhook, ca_file):
    engine, alert_id = one_alert(tmp_path)
    cfg = config(smtp=smtp_starttls, hook=webhook, ca_file=ca_file)
    result = drain(engine, cfg, now=NOW, sleep=Sleeps())
    assert (result.sent, result.retrying, result.failed) == (2, 0, 0)

    [mail] = smtp_starttls.recorder.messages
    assert smtp_starttls.recorder.logins == [(SMTP_USER, SMTP_PASSWORD)]
    assert "102" in mail["Subject"] and mail["Subject"].startswith("more than 102 overseas police")
    assert mail["Message-ID"].startswith(f"<alert-{alert_id}.")
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    assert "https://news.example/2022/12/report" in text and "Report counts more stations" in text
    assert "first worldwide figure" in text
    [post] = webhook.requests
    assert post["content_type"].startswith("application/json")
    assert "102" in post["body"]["text"] and "https://news.example/2022/12/report" in post["body"]["text"]
    assert post["body"]["blocks"]

    state = deliveries(engine)
    assert {c: (d.state, d.attempts) for c, d in state.items()} == {"email": ("sent", 1), "slack": ("sent", 1)}
    assert state["email"].sent_at == NOW
    # nothing twice
    again = drain(engine, cfg, now=NOW + timedelta(days=1), sleep=Sleeps())
    assert again.sent == 0 and len(smtp_starttls.recorder.messages) == 1 and len(webhook.requests) == 1


def test_down_channels_lose_nothing_and_send_once_after_recovery(tmp_path, server_tls, webhook, ca_file):
    engine, _ = one_alert(tmp_path)
    smtp = SmtpServer(tls_context=server_tls, auth=(SMTP_USER, SMTP_PASSWORD))  # not started: down
    cfg = config(smtp=smtp, hook=webhook, ca_file=ca_file)
    webhook.script.append(reply(500, "internal error"))
    first = drain(engine, cfg, now=NOW, sleep=Sleeps(), rng=lambda: 1.0)
    assert (first.sent, first.retrying) == (0, 2)
    state = deliveries(engine)
    for d in state.values():
        assert d.state == "pending" and d.attempts == 1 and d.next_attempt == NOW + BASE_DELAY
    assert "HTTP 500" in state["slack"].last_error
    assert "cannot connect" in state["email"].last_error

    # not due yet: nothing is tried
    assert drain(engine, cfg, now=NOW + timedelta(seconds=30), sleep=Sleeps()).sent == 0
    assert len(webhook.requests) == 1

    smtp.start()
    try:
        webhook.script.append(reply(429, "rate limited", {"Retry-After": "3"}))
        sleeps = Sleeps()
        later = NOW + timedelta(hours=1)
        result = drain(engine, cfg, now=later, sleep=sleeps)
        assert (result.sent, result.retrying, result.failed) == (2, 0, 0)
        assert sleeps == [3.0]
        assert len(smtp.recorder.messages) == 1
        assert [r["status"] for r in webhook.requests] == [500, 429, 200]
        assert len(webhook.accepted()) == 1
        assert webhook.requests[1]["body"] == webhook.requests[2]["body"]
        state = deliveries(engine)
        assert (state["slack"].state, state["slack"].attempts) == ("sent", 3)
        assert (state["email"].state, state["email"].attempts) == ("sent", 2)
        assert drain(engine, cfg, now=later + timedelta(days=2), sleep=Sleeps()).sent == 0
        assert len(smtp.recorder.messages) == 1 and len(webhook.accepted()) == 1
    finally:
        smtp.stop()


def test_long_retry_after_is_scheduled_not_waited(tmp_path, webhook):
    engine, _ = one_alert(tmp_path, channels=("slack",))
    webhook.script.append(reply(429, "slow down", {"Retry-After": "120"}))
    sleeps = Sleeps()
    result = drain(engine, config(hook=webhook), now=NOW, sleep=sleeps)
    assert result.retrying == 1 and sleeps == []
    assert deliveries(engine)["slack"].next_attempt == NOW + timedelta(seconds=120)
    assert drain(engine, config(hook=webhook), now=NOW + timedelta(seconds=119), sleep=sleeps).sent == 0
    assert drain(engine, config(hook=webhook), now=NOW + timedelta(seconds=120), sleep=sleeps).sent == 1


def test_repeated_429_within_one_run_is_capped(tmp_path, webhook):
    engine, _ = one_alert(tmp_path, channels=("slack",))
    for _ in range(5):
        webhook.script.append(reply(429, "slow down", {"Retry-After": "20"}))
    sleeps = Sleeps()
    result = drain(engine, config(hook=webhook), now=NOW, sleep=sleeps, rng=lambda: 0.0)
    assert result.retrying == 1 and sleeps == [20.0, 20.0]
    assert len(webhook.requests) == 3
    # third try in the run: back-off after 3 attempts (4 min, jitter 0 → halved) beats the 20 s asked
    d = deliveries(engine)["slack"]
    assert (d.attempts, d.next_attempt) == (3, NOW + BASE_DELAY * 2)


def test_permanent_failures_stop_with_their_reason(tmp_path, smtp_plain, webhook):
    engine, _ = one_alert(tmp_path)
    smtp_plain.recorder.rcpt_reply = "550 5.1.1 mailbox unknown"
    webhook.script.append(reply(404, "no_service"))
    cfg = config(smtp=smtp_plain, hook=webhook, security="none", auth=False)
    result = drain(engine, cfg, now=NOW, sleep=Sleeps())
    assert (result.failed, result.sent) == (2, 0)
    state = deliveries(engine)
    assert state["slack"].state == "failed" and "404" in state["slack"].last_error
    assert "no_service" in state["slack"].last_error
    assert state["email"].state == "failed" and "550" in state["email"].last_error
    with read_session(engine) as s:
        assert pending_count(s) == 0
    drain(engine, cfg, now=NOW + timedelta(days=3), sleep=Sleeps())
    assert len(webhook.requests) == 1


def test_smtp_4xx_is_retried(tmp_path, smtp_plain):
    engine, _ = one_alert(tmp_path, channels=("email",))
    smtp_plain.recorder.data_reply = "451 4.3.0 try again later"
    cfg = config(smtp=smtp_plain, security="none", auth=False)
    assert drain(engine, cfg, now=NOW, sleep=Sleeps()).retrying == 1
    assert "451" in deliveries(engine)["email"].last_error
    smtp_plain.recorder.data_reply = None
    assert drain(engine, cfg, now=NOW + timedelta(hours=1), sleep=Sleeps()).sent == 1
    assert len(smtp_plain.recorder.messages) == 1


def test_password_is_never_sent_over_a_plain_link(tmp_path, smtp_plain, caplog):
    engine, _ = one_alert(tmp_path, channels=("email",))
    cfg = config(smtp=smtp_plain, security="none", auth=True)
    with caplog.at_level(logging.DEBUG):
        result = drain(engine, cfg, now=NOW, sleep=Sleeps())
    assert result.retrying == 1
    assert smtp_plain.recorder.logins == [] and smtp_plain.recorder.messages == []
    assert "unencrypted" in deliveries(engine)["email"].last_error
    assert SMTP_PASSWORD not in caplog.text


def test_wrong_password_stays_pending_and_is_not_logged(tmp_path, smtp_starttls, ca_file, caplog):
    engine, _ = one_alert(tmp_path, channels=("email",))
    cfg = config(smtp=smtp_starttls, ca_file=ca_file, password="wrong-password-42")
    with caplog.at_level(logging.DEBUG):
        result = drain(engine, cfg, now=NOW, sleep=Sleeps())
    assert result.retrying == 1 and smtp_starttls.recorder.messages == []
    error = deliveries(engine)["email"].last_error
    assert "535" in error and "wrong-password-42" not in error
    assert "wrong-password-42" not in caplog.text


def test_untrusted_certificate_is_refused(tmp_path, smtp_starttls):
    engine, _ = one_alert(tmp_path, channels=("email",))
    result = drain(engine, config(smtp=smtp_starttls), now=NOW, sleep=Sleeps())  # system CAs only
    assert result.retrying == 1
    assert "CERTIFICATE_VERIFY_FAILED" in deliveries(engine)["email"].last_error
    assert smtp_starttls.recorder.logins == [] and smtp_starttls.recorder.messages == []


def test_implicit_tls(tmp_path, server_tls, ca_file):
    engine, _ = one_alert(tmp_path, channels=("email",))
    smtp = SmtpServer(ssl_context=server_tls).start()
    try:
        cfg = config(smtp=smtp, ca_file=ca_file, security="ssl", auth=False)
        assert drain(engine, cfg, now=NOW, sleep=Sleeps()).sent == 1
        assert len(smtp.recorder.messages) == 1
    finally:
        smtp.stop()


def test_webhook_url_is_a_secret(tmp_path, caplog):
    engine, _ = one_alert(tmp_path, channels=("slack",))
    port = free_port()  # nothing listens there: connections are refused
    cfg = AlertsConfig(slack=SlackConfig(enabled=True, webhook_url=f"http://127.0.0.1:{port}/services/T1/B2/tok3nsecret"))
    with caplog.at_level(logging.DEBUG):
        assert drain(engine, cfg, now=NOW, sleep=Sleeps()).retrying == 1
    assert "tok3nsecret" not in caplog.text
    assert "tok3nsecret" not in deliveries(engine)["slack"].last_error


def test_with_no_channel_enabled_the_alert_is_logged(tmp_path, caplog):
    engine, alert_id = one_alert(tmp_path, channels=())
    with caplog.at_level(logging.INFO):
        result = drain(engine, AlertsConfig(), now=NOW, sleep=Sleeps())
    assert result.sent == 1
    assert f"ALERT #{alert_id}: more than 102 overseas police stations" in caplog.text
    assert deliveries(engine)["log"].state == "sent"


def test_delivery_for_a_disabled_channel_waits(tmp_path, webhook):
    engine, _ = one_alert(tmp_path, channels=("email", "slack"))
    result = drain(engine, config(hook=webhook), now=NOW, sleep=Sleeps())
    assert (result.sent, result.skipped) == (1, 1)
    assert deliveries(engine)["email"].state == "pending"


def test_claim_is_exclusive(tmp_path):
    engine, _ = one_alert(tmp_path, channels=("slack",))
    with read_session(engine) as s:
        [due] = due_deliveries(s, NOW)
    with write_session(engine) as s:
        assert claim(s, due.id, NOW, timedelta(minutes=5)) is not None
    with write_session(engine) as s:
        assert claim(s, due.id, NOW, timedelta(minutes=5)) is None  # leased
    with read_session(engine) as s:
        assert due_deliveries(s, NOW + timedelta(minutes=4)) == []
        assert [d.id for d in due_deliveries(s, NOW + timedelta(minutes=5))] == [due.id]


def test_backoff_doubles_with_jitter_and_is_capped():
    assert backoff(1, lambda: 1.0) == BASE_DELAY
    assert backoff(2, lambda: 1.0) == BASE_DELAY * 2
    assert backoff(4, lambda: 0.0) == BASE_DELAY * 4
    assert backoff(50, lambda: 1.0) == timedelta(hours=6)
    assert BASE_DELAY * 4 <= backoff(4, lambda: 0.3) <= BASE_DELAY * 8


def test_hostile_story_goes_out_literally_and_cut(tmp_path, smtp_plain, webhook):
    engine = make_store(tmp_path)
    title = "Stations <b>found</b>\r\nBcc: victim@example.org {{ 7*7 }} <!channel>"
    evidence = "Over 102 stations <!here> {% raw %} " + "y" * (2 * 1024 * 1024)
    add_article(engine, "https://news.example/hostile", [figure(102, evidence=evidence)], title=title,
                pol=policy(channels=("email", "slack")))
    cfg = config(smtp=smtp_plain, hook=webhook, security="none", auth=False)
    assert drain(engine, cfg, now=NOW, sleep=Sleeps()).sent == 2

    [mail] = smtp_plain.recorder.messages
    assert smtp_plain.recorder.envelopes[0][1] == ["desk@example.org"]
    assert mail["Bcc"] is None
    html = mail.get_body(("html",)).get_content()
    text = mail.get_body(("plain",)).get_content()
    assert "Stations &lt;b&gt;found&lt;/b&gt; Bcc: victim@example.org {{ 7*7 }} &lt;!channel&gt;" in html
    assert "{{ 7*7 }}" in text and "{% raw %}" in text
    assert len(text) < 5000 and len(html) < 8000
    body = webhook.requests[0]["body"]
    raw = str(body)
    assert "<!channel>" not in raw and "<!here>" not in raw and "&lt;!channel&gt;" in raw
    assert len(raw) < 8000


@pytest.mark.parametrize(("status", "state"), [
    (400, "failed"), (403, "failed"), (404, "failed"), (410, "failed"),
    (500, "pending"), (502, "pending"), (503, "pending"), (408, "pending"), (429, "pending"),
])
def test_slack_status_classes(tmp_path, webhook, status, state):
    engine, _ = one_alert(tmp_path, channels=("slack",))
    webhook.script.append(reply(status, "answer"))
    drain(engine, config(hook=webhook), now=NOW, sleep=Sleeps())
    d = deliveries(engine)["slack"]
    assert d.state == state and f"HTTP {status}" in d.last_error


def test_retry_after_forms():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("garbage") is None
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("-3") == 0.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now_ts=1445412420.0) == 60.0
