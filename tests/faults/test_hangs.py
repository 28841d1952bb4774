"""Fault suite, item 6: answers that used to hang a crawl or end a batch.

- A 429 or 503 with a short ``Retry-After`` is waited out and retried, with
  AutoThrottle on (as in every real crawl), and the crawl ends.
- ``extract --jsonl``: a line nested too deeply for the JSON parser gets its
  own error line; the lines after it are still analysed.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.cli import run_cli, status
from tests.support.config import Source
from tests.support.faults import GOOD_PAGES, fault_config, serve_good_source
from tests.support.pages import article_page, rss
from tests.support.store import alert_count, stored_urls
from tests.support.web import RSS, LoopbackWeb, Resource

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("code", [429, 503])
def test_short_retry_after_is_waited_out_and_the_crawl_ends(server: LoopbackWeb, tmp_path: Path,
                                                            code: int) -> None:
    good = serve_good_source(server)
    page = server.put("/busy/story", article_page("Dutch inquiry into Chinese police stations", [
        "Dutch officials opened an inquiry into two Chinese police stations in Amsterdam and Rotterdam.",
        "The offices presented themselves as service points for drivers' licence renewals.",
    ]))
    feed = rss("Busy desk", [{"title": "Dutch inquiry", "link": page, "id": "busy-1"}])
    busy = server.add("/busy.xml", [
        Resource(b"slow down", "text/plain", code, {"Retry-After": "1"}),
        Resource(feed, RSS),
    ])
    cfg = fault_config(tmp_path / "config.toml", [Source("good", good), Source("busy", busy)])
    started = time.monotonic()
    try:
        out = run_cli("crawl", config=cfg, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"crawl still running after 60 s: a {code} with Retry-After: 1 hung it")
    assert out.returncode == 0, out.stderr[-2000:]
    assert time.monotonic() - started < 60
    assert server.count("/busy.xml") == 2  # the answer, then one retry after the wait
    db = tmp_path / "store.db"
    assert stored_urls(db, "busy") == {page}
    states = status(cfg)
    assert states["busy"]["last_result"] == "ok"
    assert stored_urls(db, "good") == {server.url(p) for p in GOOD_PAGES}
    assert alert_count(db) == 0


def test_jsonl_line_nested_too_deep_fails_alone(tmp_path: Path) -> None:
    first = {"id": "a", "text": "Ireland closed two Chinese police stations in Dublin."}
    last = {"id": "c", "text": "Canada found three Chinese police stations in Toronto."}
    nested = '{"id": "b", "text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    lines = [json.dumps(first), nested, json.dumps(last)]
    out = run_cli("extract", "--jsonl", input="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r.get("id") for r in results] == ["a", None, "c"]
    assert "error" in results[1] and results[1]["error"].startswith("line 2: ")
    assert "error" not in results[0] and "error" not in results[2]
    assert results[2]["claims"][0]["count"] == 3
