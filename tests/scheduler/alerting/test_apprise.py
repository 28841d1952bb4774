"""Apprise channels: each ``[[alerts.apprise]]`` entry is a channel of its own, sent with the
``apprise`` library to a loopback ``json://`` receiver."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import select

from scheduler.alerting.config import AlertsConfig, AppriseConfig, SlackConfig, WebhookConfig
from scheduler.alerting.drain import drain, redactor
from scheduler.commands.alerts import run_alerts_list, run_alerts_test
from storage.engine import read_session
from storage.models import Delivery
from tests.support.receiver import Webhook, reply
from tests.support.store import make_store
from tests.support.stories import NOW, add_article, policy
from tests.support.stories import claim as figure


def apprise_url(hook: Webhook, path: str = "/notify") -> str:
    return f"json://127.0.0.1:{hook.port}{path}"


def two_channels(hook: Webhook) -> AlertsConfig:
    return AlertsConfig(apprise=[AppriseConfig(name="desk-json", url=apprise_url(hook, "/desk")),
                                 AppriseConfig(name="ops.json", url=apprise_url(hook, "/ops")),
                                 AppriseConfig(name="off", url="json://127.0.0.1:9/", enabled=False)])


def states(engine: sa.Engine) -> dict[str, tuple[str, int]]:
    with read_session(engine) as s:
        return {d.channel: (d.state, d.attempts) for d in s.exec(select(Delivery))}


def test_each_entry_is_a_channel_with_its_own_deliveries(tmp_path: Path, webhook: Webhook) -> None:
    cfg = two_channels(webhook)
    assert cfg.enabled_channels() == ["desk-json", "ops.json"]
    engine = make_store(tmp_path)
    _, alert_id = add_article(
        engine, "https://news.example/2022/12/report",
        [figure(102, qualifier="more_than", countries=53, evidence="Over 102 stations in 53 countries.")],
        title="Report counts more stations", pol=policy(channels=tuple(cfg.enabled_channels())),
    )
    webhook.script.append(reply(500, "busy"))  # the first channel's first try fails
    first = drain(engine, cfg, now=NOW, sleep=lambda s: None, rng=lambda: 1.0)
    assert (first.sent, first.retrying) == (1, 1)
    assert states(engine) == {"desk-json": ("pending", 1), "ops.json": ("sent", 1)}
    assert drain(engine, cfg, now=NOW + timedelta(seconds=10), sleep=lambda s: None).sent == 0  # back-off
    assert drain(engine, cfg, now=NOW + timedelta(minutes=5), sleep=lambda s: None).sent == 1
    assert drain(engine, cfg, now=NOW + timedelta(days=1), sleep=lambda s: None).sent == 0
    assert states(engine) == {"desk-json": ("sent", 2), "ops.json": ("sent", 1)}

    accepted = webhook.accepted()
    assert sorted(r["path"] for r in accepted) == ["/desk", "/ops"]
    body = accepted[0]["body"]
    assert body["title"].startswith("more than 102 overseas police stations in 53 countries")
    assert "https://news.example/2022/12/report" in body["message"]
    assert "Over 102 stations in 53 countries." in body["message"]
    assert f"alert #{alert_id}" in body["message"]

    out = io.StringIO()
    run_alerts_list(engine, as_json=False, stdout=out)
    assert "desk-json: sent" in out.getvalue() and "ops.json: sent" in out.getvalue()


def test_alerts_test_covers_webhook_and_apprise(webhook: Webhook) -> None:
    cfg = AlertsConfig(
        slack=SlackConfig(enabled=True, webhook_url=webhook.url),
        webhook=WebhookConfig(enabled=True, url=webhook.url.replace("/services/", "/hook/"), secret="s3cr3t-s3cr3t"),
        apprise=[AppriseConfig(name="desk-json", url=apprise_url(webhook))],
    )
    out = io.StringIO()
    assert run_alerts_test(cfg, out) == 0, out.getvalue()
    assert out.getvalue() == "slack: sent\nwebhook: sent\ndesk-json: sent\n"
    paths = [r["path"] for r in webhook.requests]
    assert paths == ["/services/T000/B000/secrettoken123", "/hook/T000/B000/secrettoken123", "/notify"]
    assert webhook.requests[1]["body"]["kind"] == "test"
    assert webhook.requests[2]["body"]["title"] == "stationwatch test message"


def test_a_url_apprise_cannot_read_stays_pending_and_is_named(tmp_path: Path) -> None:
    cfg = AlertsConfig(apprise=[AppriseConfig(name="typo", url="nosuchscheme://token-abcdef123456/x")])
    engine = make_store(tmp_path)
    add_article(engine, "https://news.example/a", [figure(54)], pol=policy(channels=("typo",)))
    result = drain(engine, cfg, now=NOW, sleep=lambda s: None)
    assert result.retrying == 1
    with read_session(engine) as s:
        [row] = s.exec(select(Delivery)).all()
    assert row.state == "pending" and "alerts.apprise 'typo'" in row.last_error
    assert "token-abcdef123456" not in row.last_error


def test_refused_by_the_receiver_is_retried_and_secrets_are_masked(tmp_path: Path, webhook: Webhook) -> None:
    url = f"json://user:pa55-word-xyz@127.0.0.1:{webhook.port}/tok-0123456789abcdef"
    cfg = AlertsConfig(apprise=[AppriseConfig(name="desk", url=url)])
    engine = make_store(tmp_path)
    add_article(engine, "https://news.example/a", [figure(54)], pol=policy(channels=("desk",)))
    webhook.script.append(reply(403, "forbidden"))
    assert drain(engine, cfg, now=NOW, sleep=lambda s: None).retrying == 1
    with read_session(engine) as s:
        [row] = s.exec(select(Delivery)).all()
    assert row.state == "pending" and "did not deliver" in row.last_error
    assert "pa55-word-xyz" not in row.last_error and "tok-0123456789abcdef" not in row.last_error
    redact = redactor(cfg)
    assert redact(f"failed at {url}") == "failed at ***"
    assert "tok-0123456789abcdef" not in redact("POST /tok-0123456789abcdef failed")
