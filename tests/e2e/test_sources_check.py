"""`stationwatch sources check` over loopback: each source fetched once, nothing stored,
and what stopped each one told truthfully."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.gnews import FakeGoogleNews, Item, token_id
from tests.support.pages import article_page, rss
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow

STORY = [
    "A human rights group said China runs more than 102 overseas police stations in 53 "
    "countries, far more than it had found in September.",
    "The group said the stations were set up by police in Fuzhou and Qingtian.",
]
WALL = ("<!doctype html><html><head><title>Privacy</title></head><body><h1>Before you continue"
        "</h1><p>We use cookies.</p><button>Accept all</button></body></html>")


def _site(web: LoopbackWeb) -> FakeGoogleNews:
    web.put("/pub/a", article_page("China runs more than 102 police stations abroad",
                                    STORY))
    web.put("/pub/wall", WALL)
    web.put("/private/a", article_page("Dutch order closure of two stations", STORY))
    web.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    fake = FakeGoogleNews(web, items=[
        Item(token_id(1), "China runs more than 102 overseas police stations - Example Daily",
             "Example Daily", "https://daily.example", web.url("/pub/a")),
        Item(token_id(2), "Spain closes 3 Chinese police stations in Madrid - Madrid Herald",
             "Madrid Herald", "https://herald.example", web.url("/pub/wall")),
    ])
    fake.install()
    web.put("/walled.xml", WALL)
    web.put("/robots-feed.xml", rss("Private desk", [
        {"title": "Dutch order closure", "link": web.url("/private/a"), "id": "p-1"}]), RSS)
    web.put("/huge.xml", "<?xml version='1.0'?><rss><channel>" + "x" * 200_000 + "</channel></rss>",
            "application/rss+xml")
    return fake


def _config(tmp_path: Path, web: LoopbackWeb) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        '[storage]\nurl = "sqlite:///store.db"\n\n'
        "[crawl]\nallow_private_networks = true\nobey_robots_txt = true\n"
        'timeout = "10s"\nmax_page_bytes = 100000\n\n'
        f'[[sources]]\nname = "gnews-en"\nkind = "feed"\nurl = "{web.url("/rss/search")}"\n'
        'lang = "en"\n\n'
        f'[[sources]]\nname = "walled"\nkind = "feed"\nurl = "{web.url("/walled.xml")}"\n\n'
        f'[[sources]]\nname = "robots"\nkind = "feed"\nurl = "{web.url("/robots-feed.xml")}"\n\n'
        f'[[sources]]\nname = "huge"\nkind = "feed"\nurl = "{web.url("/huge.xml")}"\n\n'
        f'[[sources]]\nname = "off"\nkind = "feed"\nurl = "{web.url("/off.xml")}"\n'
        "enabled = false\n",
        encoding="utf-8",
    )
    return path


def _check(cfg: Path, web: LoopbackWeb, *names: str) -> tuple[int, dict[str, dict]]:
    out = run_cli("sources", "check", *names, "--json", config=cfg,
                  env={"STATIONWATCH_GNEWS_ORIGIN": web.base})
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, {c["name"]: c for c in json.loads(out.stdout)}


def test_check_reports_each_source_and_stores_nothing(web: LoopbackWeb, tmp_path: Path) -> None:
    _site(web)
    cfg = _config(tmp_path, web)
    code, checks = _check(cfg, web)
    assert code == 1  # some sources yield no article
    assert set(checks) == {"gnews-en", "walled", "robots", "huge"}  # enabled ones only

    g = checks["gnews-en"]
    assert g["ok"] and g["listing"] == {"status": 200, "error": None}
    assert g["entries"] == 2 and g["links_resolved"] == 2
    assert g["articles"] == 2 and g["headline_only"] == 1  # the walled page: its headline
    assert g["on_topic"] == 2 and g["figures"] >= 2
    assert g["stopped_by"] == {"consent page": 1}

    w = checks["walled"]
    assert not w["ok"] and w["articles"] == 0
    assert w["listing"]["status"] == 200  # answered, but with a consent page
    assert "blocked by a consent page" in w["listing"]["error"]
    assert w["stopped_by"] == {"consent page": 1}

    r = checks["robots"]  # the page is forbidden: its entry is read as a headline
    assert r["entries"] == 1 and r["stopped_by"] == {"robots.txt": 1}
    assert r["articles"] == 1 and r["headline_only"] == 1

    h = checks["huge"]
    assert h["listing"]["status"] is None and "too large" in h["listing"]["error"]
    assert h["stopped_by"] == {"size cap": 1}

    assert not (tmp_path / "store.db").exists()  # the configured store was never opened

    plain = run_cli("sources", "check", "walled", config=cfg)
    assert plain.returncode == 1
    assert "blocked by a consent page" in plain.stdout and "NO ARTICLE" in plain.stdout
    assert "1 of 1 sources yielded no article: walled" in plain.stdout


def test_check_with_the_decoder_down_reports_headlines_and_why(web: LoopbackWeb,
                                                                tmp_path: Path) -> None:
    fake = _site(web)
    fake.down = True
    cfg = _config(tmp_path, web)
    code, checks = _check(cfg, web, "gnews-en", "off")  # a disabled source by name is checked
    assert code == 1  # "off" has no listing at all
    g = checks["gnews-en"]
    assert g["ok"] and g["links_resolved"] == 0
    assert g["articles"] == 2 and g["headline_only"] == 2
    assert g["stopped_by"] == {"not decoded": 2}
    assert checks["off"]["listing"]["error"] == "HTTP 404"


def test_unknown_source_is_a_usage_error(web: LoopbackWeb, tmp_path: Path) -> None:
    cfg = _config(tmp_path, web)
    out = run_cli("sources", "check", "nope", config=cfg)
    assert out.returncode == 2 and "no source named nope" in out.stderr
    assert "Traceback" not in out.stderr


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
<outline text="World">
  <outline type="rss" text="Le Monde — International" title="Le Monde — International"
           xmlUrl="https://www.lemonde.fr/international/rss_full.xml"/>
  <outline type="rss" text="Le Monde — International" xmlUrl="https://www.lemonde.fr/asie-pacifique/rss_full.xml"/>
  <outline type="rss" text="Tagesschau" xmlUrl="https://www.tagesschau.de/xml/rss2/"/>
  <outline type="rss" text="既有" xmlUrl="https://example.org/existing.xml"/>
  <outline type="rss" text="Not web" xmlUrl="ftp://example.org/feed.xml"/>
  <outline type="rss" text="連合ニュース" xmlUrl="https://example.jp/rss.xml"/>
</outline></body></opml>"""


def test_import_prints_valid_unique_blocks_and_writes_nothing(tmp_path: Path) -> None:
    import tomllib

    from scheduler.config import load_config

    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML, encoding="utf-8")
    cfg = tmp_path / "config.toml"
    base = ('[storage]\nurl = "sqlite:///store.db"\n\n[[sources]]\nname = "tagesschau"\n'
            'kind = "feed"\nurl = "https://example.org/existing.xml"\n')
    cfg.write_text(base, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    out = run_cli("sources", "import", str(opml), config=cfg)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    blocks = tomllib.loads(out.stdout)["sources"]
    names = [b["name"] for b in blocks]
    assert names == ["le-monde-international", "le-monde-international-2", "tagesschau-2",
                     "example.jp-rss.xml"]
    assert blocks[2]["url"] == "https://www.tagesschau.de/xml/rss2/"
    assert "already configured" in out.stderr and "not an http(s) feed URL" in out.stderr
    # the printed blocks, appended to the config, make a config that loads
    (tmp_path / "merged.toml").write_text(base + "\n" + out.stdout, encoding="utf-8")
    merged = load_config(tmp_path / "merged.toml")
    assert len(merged.app.sources) == 5


@pytest.mark.parametrize(("content", "message"), [
    (b"<html><body>Not a list</body></html>", "no feeds"),
    (b"\x00\x01garbage", "no feeds"),
])
def test_import_of_a_bad_file_is_one_clear_error(tmp_path: Path, content: bytes,
                                                 message: str) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_bytes(content)
    out = run_cli("sources", "import", str(bad))
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
    missing = run_cli("sources", "import", str(tmp_path / "missing.opml"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_check_shows_progress_on_a_terminal(web: LoopbackWeb, tmp_path: Path) -> None:
    import os
    import pty
    import sys

    from tests.support.cli import cli_env

    _site(web)
    cfg = _config(tmp_path, web)
    master, slave = pty.openpty()
    env = cli_env({"STATIONWATCH_GNEWS_ORIGIN": web.base, "TERM": "xterm", "COLUMNS": "120"})
    proc = subprocess.run([sys.executable, "-m", "scheduler", "--config", str(cfg), "sources",
                           "check", "gnews-en"], stdout=subprocess.PIPE, stderr=slave, env=env,
                          timeout=120, text=True)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"checking 1 sources" in seen
    assert "gnews-en" in proc.stdout and "checking" not in proc.stdout
