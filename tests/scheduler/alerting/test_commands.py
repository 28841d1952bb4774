"""``alerts list``, ``alerts deliver`` and ``alerts test`` as the CLI runs them."""

from __future__ import annotations

import io
import json
from datetime import datetime

from scheduler.alerting.config import AlertsConfig, EmailConfig, SlackConfig
from scheduler.commands.alerts import run_alerts_deliver, run_alerts_list, run_alerts_test
from tests.support.receiver import reply
from tests.support.store import make_store
from tests.support.stories import add_article, claim, policy


def test_alerts_list_json_shape_newest_first(tmp_path, webhook):
    engine = make_store(tmp_path)
    pol = policy(channels=("slack",))
    _, first = add_article(engine, "https://a.example/1", [claim(54, countries=21)], pol=pol, title="First")
    later = policy(channels=("slack",), now=pol.now.replace(hour=10))
    _, second = add_article(engine, "https://b.example/2", [claim(102, qualifier="more_than", countries=53)],
                            pol=later, title="Second")
    webhook.script.append(reply(500, "oops"))
    cfg = AlertsConfig(slack=SlackConfig(enabled=True, webhook_url=webhook.url))
    out = io.StringIO()
    assert run_alerts_deliver(engine, cfg, out) == 1  # one went out, one is retrying
    assert "sent 1, retrying later 1" in out.getvalue()

    out = io.StringIO()
    assert run_alerts_list(engine, as_json=True, stdout=out) == 0
    data = json.loads(out.getvalue())
    assert [a["id"] for a in data] == [second, first]
    top = data[0]
    assert set(top) >= {"id", "created", "story", "figures", "deliveries"}
    assert datetime.fromisoformat(top["created"]).tzinfo is not None
    assert top["story"] == {"id": top["story"]["id"], "title": "Second", "url": "https://b.example/2"}
    assert top["figures"][0]["count"] == 102 and top["figures"][0]["beats"] == 54
    assert set(top["figures"][0]) >= {"count", "qualifier", "place", "city", "added", "countries",
                                      "cities", "evidence"}
    states = {a["id"]: a["deliveries"][0] for a in data}
    for d in states.values():
        assert set(d) >= {"channel", "state", "attempts", "last_error", "sent_at"}
    # the first drained delivery got the 500: the older alert is pending with its reason
    assert states[first]["state"] == "pending" and "HTTP 500" in states[first]["last_error"]
    assert states[second]["state"] == "sent" and states[second]["sent_at"]

    out = io.StringIO()
    assert run_alerts_list(engine, as_json=False, stdout=out) == 0
    text = out.getvalue()
    assert "more than 102 overseas police stations in 53 countries" in text
    assert "slack: pending after 1 attempt (Slack answered HTTP 500: oops)" in text


def test_alerts_list_empty(tmp_path):
    engine = make_store(tmp_path)
    out = io.StringIO()
    assert run_alerts_list(engine, as_json=True, stdout=out) == 0 and json.loads(out.getvalue()) == []


def test_alerts_deliver_with_nothing_pending(tmp_path):
    out = io.StringIO()
    assert run_alerts_deliver(make_store(tmp_path), AlertsConfig(), out) == 0
    assert out.getvalue().startswith("sent 0")


def test_alerts_test_sends_through_every_channel(smtp_plain, webhook):
    cfg = AlertsConfig(
        email=EmailConfig(enabled=True, host="127.0.0.1", port=smtp_plain.port, security="none",
                          recipients=["desk@example.org"], timeout="5s"),
        slack=SlackConfig(enabled=True, webhook_url=webhook.url),
    )
    out = io.StringIO()
    assert run_alerts_test(cfg, out) == 0
    assert out.getvalue() == "email: sent\nslack: sent\n"
    assert smtp_plain.recorder.messages[0]["Subject"] == "stationwatch test message"
    assert webhook.requests[0]["body"]["text"] == "stationwatch test message"


def test_alerts_test_exits_1_when_a_channel_fails(smtp_plain, webhook):
    webhook.script.append(reply(403, "invalid_token"))
    cfg = AlertsConfig(
        email=EmailConfig(enabled=True, host="127.0.0.1", port=smtp_plain.port, security="none",
                          recipients=["desk@example.org"], timeout="5s"),
        slack=SlackConfig(enabled=True, webhook_url=webhook.url),
    )
    out = io.StringIO()
    assert run_alerts_test(cfg, out) == 1
    assert "email: sent" in out.getvalue()
    assert "slack: FAILED: Slack answered HTTP 403: invalid_token" in out.getvalue()
    assert webhook.url not in out.getvalue()


def test_alerts_test_with_no_channel():
    out = io.StringIO()
    assert run_alerts_test(AlertsConfig(), out) == 0
    assert "no alert channel is enabled" in out.getvalue()


def test_alerts_test_names_the_config_key_when_refused(smtp_plain):
    cfg = AlertsConfig(email=EmailConfig(enabled=True, host="127.0.0.1", port=smtp_plain.port, security="none",
                                         username="u", password="pw-123456", recipients=["d@example.org"]))
    out = io.StringIO()
    assert run_alerts_test(cfg, out) == 1
    assert "alerts.email.security" in out.getvalue() and "pw-123456" not in out.getvalue()
    assert smtp_plain.recorder.messages == []
