"""The signed webhook against a loopback receiver, checked with the README's own receiver code."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import select

from scheduler.alerting.config import AlertsConfig, WebhookConfig
from scheduler.alerting.drain import drain
from storage.engine import read_session
from storage.models import Delivery
from storage.outbox import list_alerts
from tests.support.receiver import Webhook, reply
from tests.support.store import make_store
from tests.support.stories import NOW, add_article, policy
from tests.support.stories import claim as figure
from tests.support.web import Resource

ROOT = Path(__file__).resolve().parents[3]
SECRET = "whsec-7f3a9c1e55d04b2a"


def readme_verify() -> Any:
    """The ``verify`` function of the README's receiver snippet, run as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- webhook-receiver -->\n```python\n(.*?)```", text, re.DOTALL)
    assert match, "README has no webhook receiver snippet"
    namespace: dict[str, Any] = {}
    exec(compile(match.group(1), "README.md", "exec"), namespace)  # noqa: S102 — our own README
    return namespace["verify"]


def cfg_for(hook: Webhook, secret: str = SECRET) -> AlertsConfig:
    return AlertsConfig(webhook=WebhookConfig(enabled=True, url=hook.url, secret=secret, timeout="5s"))


def store_with_alert(tmp_path: Path) -> tuple[sa.Engine, int | None]:
    engine = make_store(tmp_path)
    _, alert_id = add_article(
        engine, "https://news.example/2022/12/report",
        [figure(102, qualifier="more_than", countries=53, evidence="Over 102 stations in 53 countries.")],
        title="Report counts more stations", pol=policy(channels=("webhook",)),
    )
    return engine, alert_id


def delivery(engine: sa.Engine) -> Delivery:
    with read_session(engine) as s:
        [row] = s.exec(select(Delivery)).all()
        s.expunge(row)
        return row


def test_one_signed_post_of_the_alert_object(tmp_path: Path, webhook: Webhook) -> None:
    engine, alert_id = store_with_alert(tmp_path)
    result = drain(engine, cfg_for(webhook), now=NOW, sleep=lambda s: None)
    assert result.sent == 1
    [post] = webhook.requests
    headers = {k.title(): v for k, v in post["headers"].items()}
    assert post["content_type"].startswith("application/json")
    assert headers["X-Stationwatch-Signature"].startswith("sha256=")
    verify = readme_verify()
    stamp = int(headers["X-Stationwatch-Timestamp"])
    assert verify(SECRET.encode(), headers, post["raw"], now=stamp + 10)
    # the body is the alert's `alerts list --json` object
    body = post["body"]
    with read_session(engine) as s:
        [listed] = list_alerts(s)
    for key in ("id", "created", "subject", "story", "figures"):
        assert body[key] == listed[key], key
    assert body["id"] == alert_id and body["figures"][0]["count"] == 102
    assert [d["channel"] for d in body["deliveries"]] == ["webhook"]
    assert delivery(engine).state == "sent"
    assert drain(engine, cfg_for(webhook), now=NOW + timedelta(days=1), sleep=lambda s: None).sent == 0
    assert len(webhook.requests) == 1


def test_readme_receiver_refuses_replays_forgeries_and_other_secrets(tmp_path: Path, webhook: Webhook) -> None:
    engine, _ = store_with_alert(tmp_path)
    drain(engine, cfg_for(webhook), now=NOW, sleep=lambda s: None)
    [post] = webhook.requests
    headers = {k.title(): v for k, v in post["headers"].items()}
    stamp = int(headers["X-Stationwatch-Timestamp"])
    verify = readme_verify()
    assert verify(SECRET.encode(), headers, post["raw"], now=stamp + 299)
    assert not verify(SECRET.encode(), headers, post["raw"], now=stamp + 301)  # a replay 5 minutes on
    assert not verify(SECRET.encode(), headers, post["raw"].replace(b"102", b"103"), now=stamp)
    assert not verify(b"another-secret", headers, post["raw"], now=stamp)
    assert not verify(SECRET.encode(), {**headers, "X-Stationwatch-Timestamp": str(stamp + 1)},
                      post["raw"], now=stamp)
    assert not verify(SECRET.encode(), {}, post["raw"], now=stamp)


@pytest.mark.parametrize(
    ("reply", "state", "error"),
    [
        (reply(204, ""), "sent", None),
        (reply(202, "queued"), "sent", None),
        (reply(410, "gone"), "failed", "HTTP 410: gone"),
        (reply(400, "bad"), "failed", "HTTP 400"),
        (reply(503, "busy", {"Retry-After": "90"}), "pending", "HTTP 503"),
        (reply(500, "oops"), "pending", "HTTP 500"),
        (reply(408, "slow"), "pending", "HTTP 408"),
        (reply(301, "", {"Location": "http://127.0.0.1:9/elsewhere"}), "pending", "redirect is not followed"),
    ],
)
def test_status_codes(tmp_path: Path, webhook: Webhook, reply: Resource, state: str, error: str | None) -> None:
    engine, _ = store_with_alert(tmp_path)
    webhook.script.append(reply)
    drain(engine, cfg_for(webhook), now=NOW, sleep=lambda s: None, rng=lambda: 1.0)
    row = delivery(engine)
    assert row.state == state
    if error is None:
        assert row.last_error is None
    else:
        assert error in row.last_error
        assert "secrettoken123" not in row.last_error and SECRET not in row.last_error
    if reply.status == 503:
        assert row.next_attempt == NOW + timedelta(seconds=90)
    assert len(webhook.requests) == 1


def test_unreachable_receiver_keeps_it_pending_without_the_url(tmp_path: Path) -> None:
    engine, _ = store_with_alert(tmp_path)
    hook = Webhook()  # bound but never serving: connection refused once closed
    url = hook.url
    hook.stop()
    cfg = AlertsConfig(webhook=WebhookConfig(enabled=True, url=url, secret=SECRET, timeout="2s"))
    result = drain(engine, cfg, now=NOW, sleep=lambda s: None)
    assert result.retrying == 1
    row = delivery(engine)
    assert row.state == "pending" and "cannot reach the webhook at 127.0.0.1" in row.last_error
    assert "secrettoken123" not in row.last_error
