"""Run sizes and the state shared by the stages of one bench run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.floors import FloorA
from bench.newsweb import NewsWeb
from bench.peer import SmtpSink
from bench.pipeline import Cycle


@dataclass(frozen=True)
class Size:
    name: str
    feeds: int
    items: int
    extra_feeds: int
    extra_items: int
    store_articles: int
    reps: int
    load_seconds: float
    soak_seconds: float  # 0: no soak
    soak_interval: str
    one_core: bool  # also run the full cycle pinned to one core (on the first half of the feeds)
    floor_a_pages: int = 0  # floor A on an even sample of this many pages (0: all)
    sites: int = 8  # distinct hosts (127.0.0.2, ...): the crawler's per-host politeness sees these
    concurrency: int = 16


FULL = Size("full", 100, 20, 1000, 5, 100_000, 10, 3.0, 60.0, "10s", True, floor_a_pages=600, sites=50)
QUICK = Size("quick", 20, 10, 100, 5, 5_000, 2, 1.0, 8.0, "3s", False, floor_a_pages=100, sites=20)
TINY = Size("tiny", 3, 4, 3, 2, 300, 1, 0.3, 0.0, "5s", False, sites=3)


@dataclass
class Ctx:
    size: Size
    out: Path
    work: Path
    web: NewsWeb
    sink: SmtpSink
    cli_reason: str | None = None
    floor_a: FloorA | None = None
    floor_b: dict[str, Any] | None = None
    full: Cycle | None = None  # the both-cores full cycle: its store seeds the quiet cycle and the soak
    quiet: Cycle | None = None
    notes: list[str] = field(default_factory=list)
