"""The bundled config.toml loads and meets the issue's floor for real sources."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from scheduler.config import load_config
from tests.support.cli import ROOT


def test_default_config_loads_with_enough_sources_and_languages() -> None:
    cfg = load_config(ROOT / "config.toml")
    enabled = [s for s in cfg.app.sources if s.enabled]
    assert len(enabled) >= 12
    assert all(s.lang for s in enabled)
    assert len({s.lang for s in enabled}) >= 8
    kinds = {s.kind for s in enabled}
    assert kinds == {"feed", "page", "sitemap"}
    for s in enabled:
        minutes = (s.interval or cfg.app.crawl.interval).total_seconds() / 60
        assert 15 <= minutes <= 60 or s.kind == "page", (s.name, minutes)
    # The sqlite file sits next to the config.
    assert cfg.database_url == f"sqlite:///{ROOT / 'stationwatch.db'}"
    assert not cfg.app.alerts.email.enabled and not cfg.app.alerts.slack.enabled


def test_google_news_searches_cover_each_edition() -> None:
    cfg = load_config(ROOT / "config.toml")
    editions = set()
    for s in cfg.app.sources:
        parts = urlsplit(s.url_str)
        if parts.hostname == "news.google.com":
            q = parse_qs(parts.query)
            assert q["q"][0].strip()
            editions.add(q["ceid"][0])
    for ceid in ("US:en", "KR:ko", "CN:zh-Hans", "TW:zh-Hant", "JP:ja", "ES:es", "FR:fr",
                 "DE:de", "IT:it", "NL:nl"):
        assert ceid in editions
    assert any(c.startswith(("PT:", "BR:")) for c in editions)
    bing = [s for s in cfg.app.sources if "bing.com" in s.url_str]
    assert bing and all("format=rss" in s.url_str for s in bing)


AGGREGATORS = ("news.google.com", "www.bing.com", "bing.com")
LANGUAGES = ("en", "ko", "zh", "ja", "es", "fr", "de", "it", "nl", "pt")


def test_default_config_does_not_hang_on_one_aggregator() -> None:
    cfg = load_config(ROOT / "config.toml")
    enabled = [s for s in cfg.app.sources if s.enabled]
    assert len(enabled) >= 30
    own = [s for s in enabled if urlsplit(s.url_str).hostname not in AGGREGATORS]
    for lang in LANGUAGES:
        outlets = [s.name for s in own if s.lang == lang]
        assert len(outlets) >= 2, (lang, outlets)
    assert {urlsplit(s.url_str).hostname for s in enabled} >= {"news.google.com", "www.bing.com"}


def test_each_outlet_source_says_where_its_url_comes_from() -> None:
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    blocks = text.split("[[sources]]")[1:]
    for block, before in zip(blocks, text.split("[[sources]]")[:-1], strict=True):
        url = next(line for line in block.splitlines() if line.startswith("url = "))
        if any(host in url for host in AGGREGATORS):
            continue
        comments = [line for line in before.rstrip().splitlines()[-3:] if line.startswith("#")]
        assert comments, f"no note on where {url} comes from"
