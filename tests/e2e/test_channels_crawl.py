"""Every channel at once, end to end: a loopback crawl raising two alerts sends exactly one
message per alert to email (aiosmtpd), Slack, the signed webhook and an Apprise ``json://``
receiver; a digest run sends one digest per channel; ``evidence export`` writes a bundle
whose hashes verify against the WARC records of the pages the figures were read from."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from scheduler.alerting.digest import enqueue_due_digest
from scheduler.config import load_config
from storage.engine import make_engine
from tests.scheduler.alerting.test_webhook import readme_verify
from tests.scheduler.test_evidence_export import verify_bundle
from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.mail import SmtpServer
from tests.support.pages import article_page, rss
from tests.support.receiver import Webhook
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow

SECRET = "e2e-webhook-secret-5f1c"
WORLD = ["Safeguard Defenders says China runs 54 overseas police stations in 21 countries.",
         "The rights group said the stations pressured people abroad to return home."]
ITALY = ["Italian officials said 11 Chinese police stations operate in Italy.",
         "Prosecutors in Rome have opened an inquiry into the overseas police stations."]


@pytest.fixture
def receivers() -> Iterator[tuple[Webhook, Webhook]]:
    slack, hooks = Webhook().start(), Webhook().start()
    yield slack, hooks
    slack.stop()
    hooks.stop()


def _site(web: LoopbackWeb) -> str:
    now = datetime.now(UTC).replace(microsecond=0)
    entries = []
    for path, title, paras in (("/news/world", "54 police stations abroad, group says", WORLD),
                               ("/news/italy", "Italy finds 11 Chinese police stations", ITALY)):
        when = now - timedelta(hours=2)
        web.put(path, article_page(title, paras, published=when.isoformat()))
        entries.append({"title": title, "link": web.url(path), "id": path, "date": format_datetime(when, usegmt=True)})
    return web.put("/rss.xml", rss("Example News", entries), "application/rss+xml")


def _config(make_config: MakeConfig, feed: str, smtp: SmtpServer, slack: Webhook, hooks: Webhook) -> Path:
    return make_config(
        f'[[sources]]\nname = "news"\nkind = "feed"\nurl = "{feed}"\nlang = "en"\n\n'
        "[alerts]\non_first_crawl = true\n\n"
        f'[alerts.email]\nenabled = true\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'sender = "watch@example.org"\nrecipients = ["desk@example.org"]\ntimeout = "10s"\n\n'
        f'[alerts.slack]\nenabled = true\nwebhook_url = "{slack.url}"\n\n'
        f'[alerts.webhook]\nenabled = true\nurl = "http://127.0.0.1:{hooks.port}/hook"\n\n'
        f'[[alerts.apprise]]\nname = "desk-json"\nurl = "json://127.0.0.1:{hooks.port}/apprise"\n\n'
        '[alerts.digest]\nenabled = true\nschedule = "daily 08:00"\ntimezone = "Europe/Madrid"\n'
        'channels = ["email", "slack", "webhook", "desk-json"]\n\n'
        '[evidence]\npath = "evidence"\n'
    )


def _on(hooks: Webhook, path: str) -> list[dict]:
    return [r for r in hooks.accepted() if r["path"] == path]


def test_two_alerts_reach_every_channel_once_then_a_digest_then_the_evidence(
        web: LoopbackWeb, make_config: MakeConfig, smtp_plain: SmtpServer, receivers: tuple[Webhook, Webhook], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    slack, hooks = receivers
    cfg = _config(make_config, _site(web), smtp_plain, slack, hooks)
    env = {"STATIONWATCH_WEBHOOK_SECRET": SECRET}

    crawl = run_cli("crawl", config=cfg, env=env)
    assert crawl.returncode == 0, crawl.stderr
    listed = json.loads(run_cli("alerts", "list", "--json", config=cfg, env=env).stdout)
    assert len(listed) == 2
    assert all({d["channel"]: d["state"] for d in a["deliveries"]} == {
        "email": "sent", "slack": "sent", "webhook": "sent", "desk-json": "sent"} for a in listed)
    subjects = sorted(m["Subject"] for m in smtp_plain.recorder.messages)
    assert subjects == ["11 overseas police stations in Italy", "54 overseas police stations in 21 countries"]
    assert len(slack.accepted()) == 2 and len(_on(hooks, "/hook")) == 2 and len(_on(hooks, "/apprise")) == 2
    verify = readme_verify()
    for post in _on(hooks, "/hook"):
        headers = {k.title(): v for k, v in post["headers"].items()}
        assert verify(SECRET.encode(), headers, post["raw"])
    assert sorted(p["body"]["id"] for p in _on(hooks, "/hook")) == sorted(a["id"] for a in listed)
    assert sorted(p["body"]["title"] for p in _on(hooks, "/apprise")) == subjects

    # nothing twice: another crawl and a delivery pass send nothing more
    assert run_cli("crawl", config=cfg, env=env).returncode == 0
    assert run_cli("alerts", "deliver", config=cfg, env=env).returncode == 0
    assert len(smtp_plain.recorder.messages) == 2 and len(slack.requests) == 2 and len(hooks.requests) == 4

    # the digest of the period that holds the crawl, queued as the daemon does, sent by `alerts deliver`
    monkeypatch.setenv("STATIONWATCH_WEBHOOK_SECRET", SECRET)
    loaded = load_config(cfg)
    engine = make_engine(loaded.database_url)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert enqueue_due_digest(engine, loaded.app.alerts, tomorrow) is True
    assert enqueue_due_digest(engine, loaded.app.alerts, tomorrow) is False
    engine.dispose()
    sent = run_cli("alerts", "deliver", config=cfg, env=env)
    assert sent.returncode == 0 and "sent 4" in sent.stdout, sent.stdout + sent.stderr
    assert run_cli("alerts", "deliver", config=cfg, env=env).stdout.startswith("sent 0")
    digests = [m for m in smtp_plain.recorder.messages if "digest" in m["Subject"]]
    assert len(digests) == 1 and "2 stories, 2 new figures" in digests[0]["Subject"]
    assert digests[0].get_body(("html",)) is not None
    assert len(slack.accepted()) == 3 and "digest" in slack.accepted()[-1]["body"]["text"]
    [hook_digest] = [p for p in _on(hooks, "/hook") if p["body"]["kind"] == "digest"]
    assert len(hook_digest["body"]["digest"]["stories"]) == 2
    assert len([p for p in _on(hooks, "/apprise") if "digest" in p["body"]["title"]]) == 1

    # the evidence: both figures, each pointing at the archived page it was read from
    out = tmp_path / "bundle.zip"
    export = run_cli("evidence", "export", str(out), config=cfg, env=env)
    assert export.returncode == 0, export.stderr
    manifest = verify_bundle(out, sentences=False)
    assert sorted(c["count"] for c in manifest["claims"]) == [11, 54]
    assert {c["response"]["url"] for c in manifest["claims"]} == {web.url("/news/world"), web.url("/news/italy")}
    assert len(manifest["warc_files"]) == 1
