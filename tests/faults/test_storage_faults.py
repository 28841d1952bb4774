"""Fault suite, item 6: the store under faults.

SIGKILL in the middle of a crawl, a reader holding a transaction open, a
second writer holding the write lock, a disk that fills up. Each checks the
recorded outcome, that the good source's articles end up stored exactly
once, and that no alert was raised.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cli import crawl, kill_hard, run_cli, start_cli, status
from tests.support.config import Source
from tests.support.faults import (
    GOOD_PAGES,
    crawl_to_held_page,
    fault_config,
    fill,
    serve_good_source,
)
from tests.support.pages import article_page
from tests.support.store import alert_count, query, stored_urls
from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

SLOW_PATH = "/good/prague"


def held_page(server: LoopbackWeb, release: threading.Event) -> None:
    """Make the second good article answer only once ``release`` is set."""
    title, paras = GOOD_PAGES[SLOW_PATH]
    server.put(SLOW_PATH, article_page(title, paras), hold=release)


def _expect_good_stored_once(db: Path, server: LoopbackWeb) -> None:
    rows = query(db, "SELECT url FROM article WHERE source = 'good'")
    assert sorted(r[0] for r in rows) == sorted(server.url(p) for p in GOOD_PAGES)  # once each
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def test_sigkill_mid_crawl_loses_nothing(server: LoopbackWeb, tmp_path: Path) -> None:
    release = threading.Event()
    good = serve_good_source(server)
    held_page(server, release)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good)])
    db = tmp_path / "store.db"
    # one article stored, the other one in flight: kill -9 right there
    proc = crawl_to_held_page(cfg, server, SLOW_PATH, db)
    kill_hard(proc, then=release)
    assert proc.returncode == -signal.SIGKILL
    assert stored_urls(db, "good") == {server.url("/good/dublin")}
    crawl(cfg)  # the next cycle picks up what the killed one did not finish
    _expect_good_stored_once(db, server)
    assert status(cfg)["good"]["last_result"] == "ok"
    assert alert_count(db) == 0


def test_reader_holding_a_transaction_does_not_block_writes(server: LoopbackWeb, tmp_path: Path) -> None:
    good = serve_good_source(server)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good)])
    db = tmp_path / "store.db"
    assert run_cli("init", config=cfg).returncode == 0
    with closing(sqlite3.connect(db, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM article").fetchone() == (0,)
        crawl(cfg, timeout=60)  # writes and commits while the read transaction stays open
        assert reader.execute("SELECT count(*) FROM article").fetchone() == (0,)  # its snapshot
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM article").fetchone() == (2,)
    assert query(db, "PRAGMA journal_mode") == [("wal",)]
    _expect_good_stored_once(db, server)
    assert alert_count(db) == 0


def test_second_writer_waits_on_busy_timeout(server: LoopbackWeb, tmp_path: Path) -> None:
    good = serve_good_source(server)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good)])
    db = tmp_path / "store.db"
    assert run_cli("init", config=cfg).returncode == 0
    with closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
        proc = start_cli(cfg, "crawl")
        try:
            wait_for(lambda: all(p in server.hits for p in GOOD_PAGES), 90,  # a loaded machine
                     what="both pages to be fetched")
            time.sleep(1.0)  # hold the lock a while longer: the crawl must wait, not fail
            early = proc.poll()
            other.execute("COMMIT")
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert early is None, f"the crawl ended while the lock was held: {err[-2000:]}"
    assert proc.returncode == 0, err[-2000:]
    assert "database is locked" not in err, err[-2000:]
    _expect_good_stored_once(db, server)
    assert alert_count(db) == 0


def test_full_disk_stops_cleanly_and_recovers(server: LoopbackWeb, small_disk: Path, tmp_path: Path) -> None:
    good = serve_good_source(server)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good)], db="disk/store.db")
    db = small_disk / "store.db"
    assert run_cli("init", config=cfg).returncode == 0
    fill(small_disk / "filler")
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "is full" in out.stderr and str(db) in out.stderr
    (small_disk / "filler").unlink()  # space comes back
    crawl(cfg)
    _expect_good_stored_once(db, server)
    assert status(cfg)["good"]["last_result"] == "ok"
    assert alert_count(db) == 0


def test_disk_filling_mid_crawl_loses_nothing(server: LoopbackWeb, small_disk: Path, tmp_path: Path) -> None:
    release = threading.Event()
    good = serve_good_source(server)
    held_page(server, release)
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good)], db="disk/store.db")
    db = small_disk / "store.db"
    proc = crawl_to_held_page(cfg, server, SLOW_PATH, db)
    try:
        fill(small_disk / "filler")
        release.set()
        out, err = proc.communicate(timeout=60)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, err[-2000:]
    assert "Traceback" not in err
    assert "cannot write to the store: database or disk is full" in err
    assert f"the disk holding {db} is full" in err
    assert stored_urls(db, "good") == {server.url("/good/dublin")}
    (small_disk / "filler").unlink()
    crawl(cfg)
    _expect_good_stored_once(db, server)
    assert status(cfg)["good"]["last_result"] == "ok"
    assert alert_count(db) == 0
