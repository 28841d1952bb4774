"""Foundation end to end: `stationwatch crawl` on an RSS and an Atom feed over loopback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.pages import article_page, atom, rss
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

STORY_A = [
    "Investigators in the Netherlands said on Tuesday they had found two overseas police stations run by Chinese authorities in Amsterdam and Rotterdam.",
    "The foreign ministry in The Hague called the offices illegal and ordered them shut.",
    "Beijing denied that the centres were police stations and said volunteers staffed them to help citizens renew documents.",
]
STORY_B = [
    "Canadian federal police are investigating three suspected Chinese police stations in the Toronto area, officials said.",
    "Community groups had raised concerns that the offices were used to pressure members of the diaspora.",
    "The force asked anyone who felt intimidated to come forward.",
]
STORY_C = [
    "The human rights group reported that Chinese police had set up 48 more overseas service stations, bringing the total it knows of to more than 102.",
    "Several European governments announced probes into the offices after the first report in September.",
]
STORY_D = [
    "Britain's security minister said on Wednesday that reports of Chinese police stations in London and Glasgow were being examined.",
    "Officials said any foreign police activity on British soil without consent would be illegal.",
]


def _site(web: LoopbackWeb) -> tuple[str, str]:
    pages = {
        "/news/nl-stations": ("Dutch order closure of Chinese police outposts", STORY_A),
        "/news/toronto": ("RCMP probe Chinese police stations in Toronto", STORY_B),
        "/world/report-48-more": ("NGO finds 48 more overseas police stations", STORY_C),
        "/world/uk-probe": ("UK examines reports of Chinese police stations", STORY_D),
    }
    for path, (title, paras) in pages.items():
        web.put(path, article_page(title, paras))
    rss_url = web.put("/rss.xml", rss("Example News", [
        {"title": "Dutch order closure", "link": web.url("/news/nl-stations"), "id": "n-1",
         "date": "Tue, 01 Nov 2022 08:30:00 GMT"},
        {"title": "RCMP probe", "link": web.url("/news/toronto?utm_source=rss"), "id": "n-2",
         "date": "Thu, 27 Oct 2022 14:00:00 GMT"},
    ]), "application/rss+xml", etag='"rss-v1"')
    atom_url = web.put("/atom.xml", atom("World desk", [
        {"title": "48 more stations", "link": web.url("/world/report-48-more"),
         "id": "tag:world,2022:1", "date": "2022-12-05T09:00:00Z"},
        {"title": "UK probe", "link": web.url("/world/uk-probe"),
         "id": "tag:world,2022:2", "date": "2022-12-07T11:15:00Z"},
    ]), "application/atom+xml", last_modified="Wed, 07 Dec 2022 11:20:00 GMT")
    return rss_url, atom_url


def _config(make_config: MakeConfig, rss_url: str, atom_url: str) -> Path:
    return make_config(
        f'[[sources]]\nname = "news-rss"\nkind = "feed"\nurl = "{rss_url}"\nlang = "en"\n\n'
        f'[[sources]]\nname = "world-atom"\nkind = "feed"\nurl = "{atom_url}"\n'
    )


def _articles(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT canonical_url, title, published, text, source FROM article"
        ).fetchall()
    return {r[0].split("/", 3)[3]: r[1:] for r in rows}


def test_crawl_stores_rss_and_atom_articles_once(web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path) -> None:
    rss_url, atom_url = _site(web)
    cfg = _config(make_config, rss_url, atom_url)

    first = run_cli("crawl", config=cfg)
    assert first.returncode == 0, first.stderr
    assert "news-rss" in first.stdout and "world-atom" in first.stdout

    stored = _articles(tmp_path / "store.db")
    assert set(stored) == {"news/nl-stations", "news/toronto", "world/report-48-more", "world/uk-probe"}
    title, published, text, source = stored["news/nl-stations"]
    assert title == "Dutch order closure of Chinese police outposts"
    assert published.startswith("2022-11-01 08:30")  # the feed's date
    assert "Amsterdam and Rotterdam" in text
    assert "volunteers staffed them" in text
    for chrome in ("27 comments", "Top 10", "Accept all", "All rights reserved", "Advertisement"):
        assert chrome not in text
    assert source == "news-rss"
    assert stored["world/uk-probe"][1].startswith("2022-12-07 11:15")
    article_hits = {p: web.hits[p] for p in web.hits if not p.endswith(".xml")}
    assert all(n == 1 for n in article_hits.values()), article_hits

    second = run_cli("crawl", config=cfg)
    assert second.returncode == 0, second.stderr
    total = [line for line in second.stdout.splitlines() if line.startswith("total")][0].split()
    assert total[1:3] == ["0", "0"], second.stdout  # fetched, new
    assert {p: web.hits[p] for p in article_hits} == article_hits  # no article page again
    assert web.statuses("/rss.xml")[-1] == 304
    assert web.statuses("/atom.xml")[-1] == 304
    assert len(_articles(tmp_path / "store.db")) == 4


def test_status_shows_sources_after_crawl(web: LoopbackWeb, make_config: MakeConfig) -> None:
    import json

    rss_url, atom_url = _site(web)
    cfg = _config(make_config, rss_url, atom_url)
    assert run_cli("crawl", config=cfg).returncode == 0
    out = run_cli("status", "--json", config=cfg)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    names = {s["name"]: s for s in data["sources"]}
    assert names["news-rss"]["last_result"] == "ok"
    assert names["news-rss"]["consecutive_failures"] == 0
    assert names["news-rss"]["next_due"] is not None
    assert data["articles"] == 4


def test_failing_source_is_reported_and_others_still_stored(web: LoopbackWeb, make_config: MakeConfig) -> None:
    import json

    rss_url, _ = _site(web)
    web.put("/broken.xml", "oops", "text/plain", status=500)
    web.put("/captcha.xml", "<html><body>Are you a robot?</body></html>")
    cfg = make_config(
        f'[[sources]]\nname = "good"\nkind = "feed"\nurl = "{rss_url}"\n\n'
        f'[[sources]]\nname = "down"\nkind = "feed"\nurl = "{web.url("/broken.xml")}"\n\n'
        f'[[sources]]\nname = "captcha"\nkind = "feed"\nurl = "{web.url("/captcha.xml")}"\n'
    )
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 0, out.stderr
    status = json.loads(run_cli("status", "--json", config=cfg).stdout)
    by_name = {s["name"]: s for s in status["sources"]}
    assert by_name["down"]["last_result"] == "failed"
    assert "500" in by_name["down"]["last_error"]
    assert by_name["captcha"]["last_result"] == "failed"
    assert "not a feed" in by_name["captcha"]["last_error"]
    assert by_name["good"]["last_result"] == "ok"
    assert status["articles"] == 2
