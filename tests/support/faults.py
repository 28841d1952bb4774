"""The fault suite's pieces: a good source, the marker figure, a config and the three checks.

Every fault test crawls a hostile source next to a *good* source (a feed of
two on-topic articles with no new figure), then checks three things: the
hostile source's recorded error in ``status --json``, that the good source's
articles were stored, and the exact number of alerts (0: nothing hostile may
raise one). Hostile content that could be mistaken for news carries the
marker figure ``MARKER`` ("more than 900 ... stations"), so a leak would show
as a stored article or an alert.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.support.cli import start_cli, status
from tests.support.config import Source, write_config
from tests.support.pages import article_page, rss
from tests.support.store import alert_count, query, scalar, stored_urls
from tests.support.wait import wait_for
from tests.support.web import RSS, LoopbackWeb

MARKER = "more than 900 overseas police stations"
MARKER_TEXT = [
    f"A leaked list shows {MARKER} in 80 countries, the group said on Monday.",
    "The list, if genuine, would dwarf every earlier count of the Chinese police outposts.",
]
FIRST_CRAWL_ALERTS = "[alerts]\non_first_crawl = true\n"
GOOD_PAGES = {  # on topic, but no figure at all: nothing here may raise an alert
    "/good/dublin": ("Ireland shuts Chinese police stations in Dublin",
                     ["Irish authorities ordered Chinese police stations in Dublin to close on Thursday.",
                      "The office had been registered as a service centre for citizens renewing documents."]),
    "/good/prague": ("Czech police look into Chinese police stations in Prague",
                     ["Czech police said they were examining reports of Chinese police stations in Prague.",
                      "The foreign ministry summoned an envoy to explain the offices' activities."]),
}


def serve_good_source(server: LoopbackWeb) -> str:
    """The good feed and its two article pages; returns the feed URL."""
    items = []
    for i, (path, (title, paras)) in enumerate(GOOD_PAGES.items()):
        server.put(path, article_page(title, paras))
        items.append({"title": title, "link": server.url(path), "id": f"good-{i}"})
    return server.put("/good.xml", rss("Good news desk", items), RSS)


def marker_feed(server: LoopbackWeb, prefix: str) -> str:
    """An RSS body whose one entry links to a page carrying the marker figure."""
    page = server.put(f"{prefix}/page", article_page("Leaked list of police stations", MARKER_TEXT))
    return rss("Hostile", [{"title": f"Leak: {MARKER}", "link": page, "id": f"{prefix}-1",
                            "summary": MARKER_TEXT[0]}])


def fault_config(path: Path, sources: Sequence[Source], *, allow_private: bool = True,
                 timeout: str = "2s", max_page_bytes: int = 1_000_000, db: str = "store.db",
                 processes: int | None = None, extra: str = FIRST_CRAWL_ALERTS) -> Path:
    """A config of the fault suite: a short deadline, a size cap, and alerts from the first
    cycle on, so a bogus figure would show."""
    crawl = {"max_page_bytes": max_page_bytes, "concurrency": 16}
    if processes is not None:
        crawl["processes"] = processes
    return write_config(path, extra, sources=sources, db=db, timeout=timeout,
                        allow_private=allow_private, **crawl)


def assert_fault(config: Path, db: Path, server: LoopbackWeb, *, hostile: str, error: str,
                 good: str = "good", alerts: int = 0,
                 states: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The three checks of every fault test; returns the hostile source's status row."""
    states = states or status(config)
    row = states[hostile]
    assert row["last_result"] == "failed", row
    assert row["last_error"] and error in row["last_error"], row["last_error"]
    assert row["consecutive_failures"] >= 1
    assert states[good]["last_result"] == "ok", states[good]
    assert stored_urls(db, good) == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(db) == alerts
    assert not query(db, "SELECT id FROM article WHERE text LIKE ?", "%900 overseas%")
    return row


def crawl_to_held_page(config: Path, server: LoopbackWeb, held: str, db: Path) -> subprocess.Popen[str]:
    """``crawl`` in the background, returned once it waits on the page at ``held`` (served
    with ``hold=``) and has stored an article."""
    proc = start_cli(config, "crawl")
    try:
        wait_for(lambda: held in server.hits, what="the held page to be requested")
        wait_for(lambda: scalar(db, "SELECT count(*) FROM article", missing_ok=True),
                 what="the first article to be stored")
    except AssertionError:
        proc.kill()
        proc.communicate()
        raise
    return proc


def fill(path: Path) -> None:
    """Write zeros to ``path`` until its disk is full."""
    with open(path, "wb", buffering=0) as f:  # noqa: PTH123
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
