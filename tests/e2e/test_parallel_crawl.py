"""`crawl` split over processes: every source once, one verdict on alerting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.pages import article_page, rss
from tests.support.web import LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls

ITALY = [
    "Italian prosecutors said Chinese police had run at least 11 overseas police stations in Italy, the most of any country.",
    "The stations were described by Beijing as volunteer service centres.",
]
PORTUGAL = [
    "Portugal's interior ministry said it was looking into reports of three Chinese police stations operating in the country.",
    "Lisbon summoned the Chinese ambassador over the overseas police stations.",
]


def _sources(web: LoopbackWeb, n: int) -> str:
    body = ""
    for i in range(n):
        page = f"/a/{i}"
        paras = ITALY if i % 2 else PORTUGAL
        web.put(page, article_page(f"Chinese police stations: report {chr(65 + i)}", [*paras, f"Filed by desk {chr(65 + i)}."]))
        feed = web.put(f"/f{i}.xml", rss(f"Feed {i}", [{"title": f"Story {i}", "link": web.url(page), "id": f"id-{i}"}]),
                       "application/rss+xml", etag=f'"v{i}"')
        body += f'[[sources]]\nname = "feed-{i}"\nkind = "feed"\nurl = "{feed}"\n\n'
    return body


@pytest.mark.parametrize("processes", [1, 3])
def test_crawl_over_processes_stores_each_article_once_and_never_alerts_first(
    web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path, processes: int
) -> None:
    cfg = make_config(_sources(web, 6), "c.toml")
    text = cfg.read_text().replace("[crawl]\n", f"[crawl]\nprocesses = {processes}\n", 1)
    cfg.write_text(text)
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 0, out.stderr
    total = [line for line in out.stdout.splitlines() if line.startswith("total")][0].split()
    assert total[1] == "6", out.stdout  # fetched
    status = json.loads(run_cli("status", "--json", config=cfg).stdout)
    assert status["articles"] == 6
    assert status["alerts"] == 0  # the first crawl of an empty store records, never alerts
    assert all(s["last_result"] == "ok" for s in status["sources"])
    assert all(n == 1 for p, n in web.hits.items() if p.startswith("/a/"))
    counts = json.loads(run_cli("counts", "--json", config=cfg).stdout)
    assert {(c["place"], c["count"]) for c in counts} == {("IT", 11), ("PT", 3)}
