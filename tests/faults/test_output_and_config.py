"""Fault suite, item 5 (output safety) and the config half of item 6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import crawl, run_cli, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, assert_fault, fault_config, serve_good_source
from tests.support.pages import rss
from tests.support.store import alert_count, query, stored_urls
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

SMTP_PASSWORD = "hunter2-smtp-Pa55"
WEBHOOK = "https://hooks.slack.com/services/T0AAAA/B0BBBB/zzSecretWebhookToken"
FEED_PASSWORD = "feedpass-9731"


def test_only_http_links_are_fetched_or_stored(server: LoopbackWeb, tmp_path: Path) -> None:
    good = serve_good_source(server)
    links = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
             "file:///etc/passwd", "ftp://127.0.0.1/x", "vbscript:msgbox(1)"]
    items = [{"title": f"Chinese police station story {i}", "link": link, "id": f"l{i}",
              "summary": "police station report"} for i, link in enumerate(links)]
    items.append({"title": "Chinese police station story ok", "link": server.url("/fine"), "id": "ok",
                  "summary": "police station report"})
    links_url = server.put("/links.xml", rss("Links", items), RSS)
    cfg = fault_config(tmp_path / "config.toml", [
        Source("good", good), Source("links", links_url, follow_links=False),
        Source("links-followed", links_url)])
    crawl(cfg)
    assert stored_urls(tmp_path / "store.db", "links") == {server.url("/fine")}
    every = stored_urls(tmp_path / "store.db")
    assert all(u.startswith("http://") for u in every)
    states = status(cfg)
    assert states["links"]["last_result"] == "ok" and states["links-followed"]["last_result"] == "ok"
    assert stored_urls(tmp_path / "store.db", "good") == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(tmp_path / "store.db") == 0


def test_secrets_never_reach_logs_status_or_errors(server: LoopbackWeb, tmp_path: Path) -> None:
    good = serve_good_source(server)
    server.put("/private.xml", "no", "text/plain", status=401)
    private = server.url("/private.xml").replace("http://", f"http://reader:{FEED_PASSWORD}@")
    extra = (
        "[alerts]\non_first_crawl = true\n\n[alerts.email]\nenabled = false\n"
        f'username = "watcher"\npassword = "{SMTP_PASSWORD}"\n\n'
        f'[alerts.slack]\nenabled = false\nwebhook_url = "{WEBHOOK}"\n'
    )
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good), Source("private", private)], extra=extra)
    out = run_cli("--debug", "crawl", config=cfg, env={"STATIONWATCH_SMTP_PASSWORD": SMTP_PASSWORD})
    assert out.returncode == 0, out.stderr[-2000:]
    shown = run_cli("status", "--json", config=cfg)
    everything = out.stdout + out.stderr + shown.stdout + shown.stderr
    for secret in (SMTP_PASSWORD, "zzSecretWebhookToken", FEED_PASSWORD):
        assert secret not in everything
    db = tmp_path / "store.db"
    dump = "\n".join(str(row) for table in ("source_state", "alert", "article")
                     for row in query(db, f"SELECT * FROM {table}"))  # noqa: S608
    assert FEED_PASSWORD not in dump and SMTP_PASSWORD not in dump
    states = {s["name"]: s for s in json.loads(shown.stdout)["sources"]}
    # Scrapy does not take user:password@ in URLs; the error says so, masked
    assert states["private"]["last_error"] == "ValueError: invalid hostname: ***@127.0.0.1"
    assert states["private"]["url"].startswith("http://***@127.0.0.1:")
    assert states["good"]["last_result"] == "ok"
    assert alert_count(db) == 0


def test_over_long_fields_are_clipped(server: LoopbackWeb, tmp_path: Path) -> None:
    good = serve_good_source(server)
    long_title = "Chinese police station " + "very " * 20_000 + "long"
    long_id = "id-" + "x" * 50_000
    feed = server.put("/long.xml", rss("Long", [{"title": long_title, "link": server.url("/long/1"),
                                                   "id": long_id, "summary": "police station report"}]), RSS)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good), Source("long", feed, follow_links=False)])
    crawl(cfg)
    rows = query(tmp_path / "store.db", "SELECT title FROM article WHERE source = 'long'")
    assert len(rows) == 1 and len(rows[0][0]) == 1000 and rows[0][0].endswith("…")
    assert status(cfg)["long"]["last_result"] == "ok"
    assert stored_urls(tmp_path / "store.db", "good") == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(tmp_path / "store.db") == 0


def test_unparsable_error_text_is_recorded_clipped(server: LoopbackWeb, tmp_path: Path) -> None:
    # a huge HTML title where a feed was expected: the recorded error stays short
    good = serve_good_source(server)
    page = server.put("/big-title.xml", "<html><head><title>" + "Z" * 50_000 + "</title></head></html>",
                        "text/html")
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good), Source("big-title", page)])
    crawl(cfg)
    row = assert_fault(cfg, tmp_path / "store.db", server, hostile="big-title", error="not a feed: got an HTML page")
    assert len(row["last_error"]) < 200


BAD_CONFIGS = {
    "negative-interval": ('[crawl]\ninterval = "-5m"\n', "crawl.interval"),
    "zero-timeout": ('[crawl]\ntimeout = "0s"\n', "crawl.timeout"),
    "unknown-kind": ('[[sources]]\nname = "x"\nkind = "podcast"\nurl = "https://example.org/"\n', "sources[0].kind"),
    "bad-url": ('[[sources]]\nname = "x"\nkind = "feed"\nurl = "not a url"\n', "sources[0].url"),
    "file-url": ('[[sources]]\nname = "x"\nkind = "feed"\nurl = "file:///etc/passwd"\n', "sources[0].url"),
    "bad-email": ('[alerts.email]\nrecipients = ["not-an-address"]\n', "alerts.email.recipients"),
    "bad-sender": ('[alerts.email]\nsender = "root@@host"\n', "alerts.email.sender"),
    "unknown-key": ('[crawl]\nallow_private_network = true\n', "crawl.allow_private_network"),
    "tiny-page-cap": ("[crawl]\nmax_page_bytes = 10\n", "crawl.max_page_bytes"),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_bad_config_value_exits_2_naming_the_key(tmp_path: Path, case: str) -> None:
    body, key = BAD_CONFIGS[case]
    cfg = tmp_path / "config.toml"
    cfg.write_text('[storage]\nurl = "sqlite:///store.db"\n' + body, encoding="utf-8")
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert str(cfg) in out.stderr and f": {key}: " in out.stderr
    assert not (tmp_path / "store.db").exists()  # nothing ran
