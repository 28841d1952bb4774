"""`stationwatch crawl` end to end with real channels: one email and one Slack post per new figure.

A feed on loopback, aiosmtpd with STARTTLS + AUTH (test CA via ``alerts.email.ca_file``,
password from the environment) and a webhook receiver. The baseline crawl sends
nothing; a story with a new count sends exactly one email and one post; a
syndicated copy and a restatement in another story send nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.mail import SMTP_PASSWORD, SMTP_USER, SmtpServer
from tests.support.pages import article_page, rss
from tests.support.receiver import Webhook
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

BASELINE = [
    "A rights group based in Madrid said Chinese police run 54 overseas police stations in 21 countries.",
    "The offices were said to pressure people abroad to return home.",
]
NEW_COUNT = [
    "A follow-up report says China runs more than 102 overseas police stations in 53 countries.",
    "Governments across Europe have opened inquiries into the offices.",
]
RESTATED = [
    "Lawmakers cited research finding more than 102 overseas police stations worldwide.",
    "They asked the foreign ministry to explain what it knew about the Chinese police stations.",
]


def _when(hours_ago: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours_ago)


def _publish(web: LoopbackWeb, items: list[tuple[str, str, list[str], int]]) -> str:
    entries = []
    for path, title, paras, hours in items:
        when = _when(hours)
        web.put(path, article_page(title, paras, published=when.isoformat()))
        entries.append({"title": title, "link": web.url(path), "id": path, "date": format_datetime(when, usegmt=True)})
    return web.put("/rss.xml", rss("Example News", entries), "application/rss+xml")


def _config(make_config: MakeConfig, feed: str, smtp: SmtpServer, hook: Webhook, ca_file: Path) -> Path:
    return make_config(
        f'[[sources]]\nname = "news"\nkind = "feed"\nurl = "{feed}"\nlang = "en"\n\n'
        "[alerts]\non_first_crawl = false\n\n"
        f'[alerts.email]\nenabled = true\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "starttls"\n'
        f'username = "{SMTP_USER}"\nsender = "watch@example.org"\nrecipients = ["desk@example.org"]\n'
        f'timeout = "10s"\nca_file = "{ca_file}"\n\n'
        "[alerts.slack]\nenabled = true\n"
    )


def test_crawl_alerts_once_per_new_figure(web: LoopbackWeb, make_config: MakeConfig, smtp_starttls: SmtpServer,
                                          webhook: Webhook, ca_file: Path) -> None:
    env = {"STATIONWATCH_SMTP_PASSWORD": SMTP_PASSWORD, "STATIONWATCH_SLACK_WEBHOOK_URL": webhook.url}
    feed = _publish(web, [("/news/first-report", "Report finds 54 police stations abroad", BASELINE, 30)])
    cfg = _config(make_config, feed, smtp_starttls, webhook, ca_file)

    baseline = run_cli("crawl", config=cfg, env=env)
    assert baseline.returncode == 0, baseline.stderr
    assert smtp_starttls.recorder.messages == [] and webhook.requests == []

    _publish(web, [
        ("/news/first-report", "Report finds 54 police stations abroad", BASELINE, 30),
        ("/news/second-report", "Second report: over 102 stations", NEW_COUNT, 2),
    ])
    second = run_cli("crawl", config=cfg, env=env)
    assert second.returncode == 0, second.stderr
    [mail] = smtp_starttls.recorder.messages
    assert "102" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert web.url("/news/second-report") in body and "54" in body
    [post] = webhook.requests
    assert "102" in post["body"]["text"] and web.url("/news/second-report") in post["body"]["text"]

    _publish(web, [
        ("/news/first-report", "Report finds 54 police stations abroad", BASELINE, 30),
        ("/news/second-report", "Second report: over 102 stations", NEW_COUNT, 2),
        ("/syndicated/second-report", "Second report: over 102 stations", NEW_COUNT, 1),
        ("/news/lawmakers", "Lawmakers ask about police stations", RESTATED, 1),
    ])
    third = run_cli("crawl", config=cfg, env=env)
    assert third.returncode == 0, third.stderr
    assert len(smtp_starttls.recorder.messages) == 1 and len(webhook.requests) == 1

    listed = run_cli("alerts", "list", "--json", config=cfg, env=env)
    assert listed.returncode == 0, listed.stderr
    [alert] = json.loads(listed.stdout)
    assert {d["channel"]: d["state"] for d in alert["deliveries"]} == {"email": "sent", "slack": "sent"}
    assert alert["story"]["url"] == web.url("/news/second-report")
