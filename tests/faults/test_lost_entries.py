"""Fault suite, item 6: conditional GET never hides an entry that was not stored.

The feed answers with an ETag, so an unchanged feed gets 304 Not Modified.
Its validators may only be trusted once every entry it listed is stored (or
given up for good): after an article that answered 502, a crawl killed with
SIGKILL, or a disk that filled up, the next crawl fetches the feed in full
and goes back for what is missing; once all is stored, the feed is 304 again.
A full disk also stops the crawl with exit 1, even when there is room left
for the small writes that follow.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from tests.support.cli import crawl, kill_hard, run_cli, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, crawl_to_held_page, fault_config, fill
from tests.support.pages import article_page, rss
from tests.support.store import alert_count, query, stored_urls
from tests.support.web import RSS, LoopbackWeb, Resource

pytestmark = pytest.mark.slow

DUBLIN, PRAGUE = "/good/dublin", "/good/prague"
ETAG = '"listing-v1"'


def _page(path: str) -> bytes:
    title, paras = GOOD_PAGES[path]
    return article_page(title, paras).encode()


def _feed(server: LoopbackWeb) -> str:
    items = [{"title": GOOD_PAGES[p][0], "link": server.url(p), "id": f"good-{i}"}
             for i, p in enumerate(GOOD_PAGES)]
    return server.put("/good.xml", rss("Good news desk", items), RSS, etag=ETAG)


def _both_stored_then_304(cfg: Path, db: Path, server: LoopbackWeb) -> None:
    """The next crawl fetches what is missing; the one after is answered 304."""
    crawl(cfg)
    assert sorted(r[0] for r in query(db, "SELECT url FROM article WHERE source = 'good'")) == \
        sorted(server.url(p) for p in GOOD_PAGES)  # each once
    assert stored_urls(db, "good", headline_only=True) == set()  # upgraded by its page
    assert status(cfg)["good"]["last_result"] == "ok"
    feed_hits = server.count("/good.xml")
    crawl(cfg)
    assert server.count("/good.xml") == feed_hits + 1
    assert status(cfg)["good"]["last_result"] == "not_modified"
    assert alert_count(db) == 0


def test_article_answering_502_is_fetched_after_the_feed_is_unchanged(tmp_path: Path) -> None:
    with LoopbackWeb() as server:
        server.put(DUBLIN, _page(DUBLIN))
        bad = Resource(b"bad gateway", "text/plain", 502)
        server.add(PRAGUE, [bad, bad, Resource(_page(PRAGUE))])  # a retry, then it heals
        cfg = fault_config(tmp_path / "config.toml", [Source("good", _feed(server))])
        db = tmp_path / "store.db"
        crawl(cfg)
        assert server.count(PRAGUE) == 2
        assert stored_urls(db, "good", headline_only=False) == {server.url(DUBLIN)}
        # the entry itself is kept meanwhile, and its page is still wanted
        assert stored_urls(db, "good", headline_only=True) == {server.url(PRAGUE)}
        _both_stored_then_304(cfg, db, server)


def test_sigkill_mid_crawl_does_not_hide_the_unfinished_entry(tmp_path: Path) -> None:
    release = threading.Event()
    with LoopbackWeb() as server:
        server.put(DUBLIN, _page(DUBLIN))
        server.put(PRAGUE, _page(PRAGUE), hold=release)
        cfg = fault_config(tmp_path / "config.toml", [Source("good", _feed(server))])
        db = tmp_path / "store.db"
        proc = crawl_to_held_page(cfg, server, PRAGUE, db)
        kill_hard(proc, then=release)
        assert proc.returncode == -signal.SIGKILL
        assert stored_urls(db, "good") == {server.url(DUBLIN)}
        _both_stored_then_304(cfg, db, server)


@pytest.mark.parametrize("processes", [1, 2])
def test_disk_full_mid_crawl_exits_1_and_hides_nothing(small_disk: Path, tmp_path: Path, processes: int) -> None:
    release = threading.Event()
    title, paras = GOOD_PAGES[PRAGUE]
    # long enough that storing it needs more room than is left; the small writes after it fit
    long_page = article_page(title, paras + [f"Paragraph {i} of the Prague inquiry notes, with "
                                             f"reference {i * 7919} for the record." for i in range(6000)])
    with LoopbackWeb() as server:
        server.put(DUBLIN, _page(DUBLIN))
        server.put(PRAGUE, long_page, hold=release)
        other = server.put("/other.xml", rss("Other desk", []), RSS)  # a second source: a second process
        cfg = fault_config(tmp_path / "config.toml", [Source("good", _feed(server)), Source("other", other)],
                           db="disk/store.db", processes=processes)
        db = small_disk / "store.db"
        spare = small_disk / "spare"
        spare.write_bytes(b"\0" * 256 * 1024)
        proc = crawl_to_held_page(cfg, server, PRAGUE, db)
        try:
            fill(small_disk / "filler")
            spare.unlink()  # 256 KiB free: too little for the long article, enough for the rest
            release.set()
            out, err = proc.communicate(timeout=90)
        finally:
            release.set()
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 1, (proc.returncode, err[-2000:])
        assert "Traceback" not in err
        assert "cannot write to the store: database or disk is full" in err
        assert stored_urls(db, "good") == {server.url(DUBLIN)}
        assert status(cfg)["good"]["last_result"] == "failed"
        (small_disk / "filler").unlink()
        _both_stored_then_304(cfg, db, server)


def test_feed_over_the_cap_keeps_the_newest_and_says_so(tmp_path: Path) -> None:
    found, kept = 520, 500  # 500: the entry cap of one feed
    items = [{"title": f"Harbour notice {i}", "link": f"https://harbour.example/notices/{i}",
              "id": f"notice-{i}", "summary": f"Berth {i} closes for repairs on Tuesday.",
              "date": f"Mon, {1 + i // 24:02d} Aug 2022 {i % 24:02d}:00:00 GMT"}
             for i in range(found)]  # oldest first, as some archives publish
    with LoopbackWeb() as server:
        feed = server.put("/archive.xml", rss("Harbour archive", items), RSS)
        cfg = fault_config(tmp_path / "config.toml", [Source("archive", feed, follow_links=False)])
        out = crawl(cfg)
        db = tmp_path / "store.db"
        stored = stored_urls(db, "archive")
        assert len(stored) == kept
        assert f"https://harbour.example/notices/{found - 1}" in stored  # the newest
        assert "https://harbour.example/notices/0" not in stored  # the oldest went
        row = next(line for line in out.stdout.splitlines() if line.startswith("archive"))
        assert f"capped: kept the newest {kept} of {found} entries" in row, out.stdout
        assert status(cfg)["archive"]["capped"] == {"found": found, "kept": kept}
        shown = run_cli("status", config=cfg).stdout
        assert f"capped: kept the newest {kept} of {found} entries" in shown, shown


def test_sitemap_that_failed_is_fetched_after_the_index_is_unchanged(tmp_path: Path) -> None:
    def urlset(*pairs: tuple[str, str]) -> str:
        body = "".join(f"<url><loc>{server.url(p)}</loc><lastmod>{d}</lastmod></url>" for p, d in pairs)
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'

    with LoopbackWeb() as server:
        for path in GOOD_PAGES:
            server.put(path, _page(path))
        server.put("/maps/dublin.xml", urlset((DUBLIN, "2022-12-06T09:00:00Z")), "application/xml")
        bad = Resource(b"bad gateway", "text/plain", 502)
        fine = Resource(urlset((PRAGUE, "2022-12-05T09:00:00Z")), "application/xml")
        server.add("/maps/prague.xml", [bad, bad, fine])  # a retry, then it heals
        index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f'<sitemap><loc>{server.url("/maps/dublin.xml")}</loc><lastmod>2022-12-06T09:00:00Z</lastmod></sitemap>'
                 f'<sitemap><loc>{server.url("/maps/prague.xml")}</loc><lastmod>2022-12-05T09:00:00Z</lastmod></sitemap>'
                 "</sitemapindex>")
        feed = server.put("/index.xml", index, "application/xml", etag=ETAG)
        cfg = fault_config(tmp_path / "config.toml", [Source("good", feed, kind="sitemap")])
        db = tmp_path / "store.db"
        crawl(cfg)
        assert server.count("/maps/prague.xml") == 2
        assert stored_urls(db, "good") == {server.url(DUBLIN)}
        crawl(cfg)  # the index in full again, and the sitemap that failed
        assert stored_urls(db, "good") == {server.url(p) for p in GOOD_PAGES}
        crawl(cfg)
        assert server.count("/index.xml") == 3
        assert status(cfg)["good"]["last_result"] == "not_modified"
        assert alert_count(db) == 0
