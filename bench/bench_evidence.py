"""The evidence archive's cost per article, next to trafilatura's extraction (floor A).

The on-topic article pages of the news web (the ones whose responses the
crawl archives: articles with claims) are fetched beforehand, then each is
written through ``storage.evidence.WarcArchive`` exactly as the crawl writes
it: a gzip'd response record with SHA-256 digests and its request record,
flushed per article, the file fsynced when closed (inside the timing).
Measured: time per article (the target is a tenth of floor A's extraction
time), bytes on disk per article, and the most memory one write takes
(tracemalloc, in a second, untimed pass). The records are then read back and
their hashes checked, so a fast but wrong archive cannot pass.
"""

from __future__ import annotations

import hashlib
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import floors
from bench.context import Ctx
from bench.report import Row, skipped

RUN = "python -m bench"
FIGURE = "evidence archive (WARC records + SHA-256) per article vs trafilatura's extraction"
TARGET = "<= 0.10 x floor A per article"
HEADERS = (("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "max-age=60"),
           ("Server", "newsweb"), ("Vary", "Accept-Encoding"))
REQUEST = (("User-Agent", "stationwatch/0.1"), ("Accept", "text/html,application/xhtml+xml"),
           ("Accept-Encoding", "gzip, deflate, br"))


def _peak_per_write(exchanges: list[Any], folder: Path) -> int:
    """The largest transient allocation of one ``write`` (timed separately: tracemalloc is slow)."""
    from storage.evidence.warc import WarcArchive

    worst = 0
    tracemalloc.start()
    try:
        with WarcArchive(folder) as archive:
            for exchange in exchanges:
                before, _ = tracemalloc.get_traced_memory()
                tracemalloc.reset_peak()
                archive.write(exchange)
                worst = max(worst, tracemalloc.get_traced_memory()[1] - before)
    finally:
        tracemalloc.stop()
    return worst


def stage_evidence(ctx: Ctx) -> list[Row]:
    if ctx.floor_a is None:
        return [skipped("evidence", FIGURE, "floor A did not run", target=TARGET)]
    try:
        from storage.evidence.warc import Exchange, WarcArchive, read_response
    except ImportError as exc:
        return [skipped("evidence", FIGURE, f"storage.evidence not importable ({exc})", target=TARGET)]
    web = ctx.web
    urls = [u for u, info in zip(web.article_urls(), web.plan.infos, strict=True) if info.on_topic]
    limit = ctx.size.floor_a_pages or len(urls)
    pages = floors.fetch_all(urls[:limit])
    web.reset()
    if not pages:
        return [skipped("evidence", FIGURE, "the news web has no on-topic pages", target=TARGET)]
    folder = ctx.work / "evidence-bench"
    now = datetime.now(UTC)
    exchanges = [Exchange(url=u, status=200, response_headers=HEADERS, body=b, fetched_at=now,
                          request_headers=REQUEST, ip_address="127.0.0.1") for u, b in pages]
    t0 = time.perf_counter()
    with WarcArchive(folder) as archive:
        refs = [archive.write(x) for x in exchanges]
    seconds = time.perf_counter() - t0
    peak = _peak_per_write(exchanges, ctx.work / "evidence-bench-memory")
    bad = sum(1 for ref, x in zip(refs, exchanges, strict=True)
              if hashlib.sha256(read_response(folder / ref.warc_file, ref.offset).body).hexdigest() != x.sha256)
    disk = sum(p.stat().st_size for p in folder.iterdir())
    body = sum(len(x.body) for x in exchanges)
    per_ms = 1000 * seconds / len(exchanges)
    return [
        Row("evidence", FIGURE, per_ms, "ms/article", floor=ctx.floor_a.ms_per_page, floor_name="ms (floor A)",
            target=TARGET, target_op="<=", target_value=0.10, command=f"{RUN} --only floors,evidence",
            note=f"{len(exchanges)} on-topic pages of {body / len(exchanges) / 1024:.0f} KB avg; "
                 f"read back: {len(refs) - bad} of {len(refs)} hashes match"),
        Row("evidence", "evidence archive: disk per article", disk / len(exchanges) / 1024, "KB",
            command=f"{RUN} --only floors,evidence",
            note=f"{disk / max(body, 1):.0%} of the bodies (gzip per record), {len(list(folder.iterdir()))} file(s)"),
        Row("evidence", "evidence archive: memory one write takes (peak)", peak / 1024, "KB",
            target="<= 4 x the largest page", target_op="<=", target_value=4 * max(len(x.body) for x in exchanges) / 1024,
            target_on="value", command=f"{RUN} --only floors,evidence",
            note="tracemalloc, a second pass: the most any one write held above what was allocated before it"),
    ]
