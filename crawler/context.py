"""What one crawl cycle shares between its spiders and pipelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from crawler.config import CrawlConfig, SourceConfig
from storage.novelty import AlertPolicy


@dataclass(slots=True)
class SourceResult:
    """The tally of one source in one cycle (the ``crawl`` summary row)."""

    fetched: int = 0
    new: int = 0
    duplicate: int = 0
    irrelevant: int = 0
    failed: int = 0
    result: str = "ok"  # ok | not_modified | failed
    error: str | None = None
    entries: int = 0  # entries or links the listing offered
    resolved: int = 0  # aggregator links resolved to the publisher's URL
    headline_only: int = 0  # entries read from the feed alone: their page could not be had
    stops: dict[str, int] = field(default_factory=dict)  # what stopped pages, by kind

    def fail(self, error: str) -> None:
        self.result = "failed"
        self.error = self.error or error
        self.stopped(error)

    def stopped(self, reason: str) -> None:
        """Tally why a page (or the listing) could not be had, by kind (``crawler.walls``)."""
        from crawler.walls import stop_kind

        kind = stop_kind(reason)
        self.stops[kind] = self.stops.get(kind, 0) + 1

    def to_dict(self) -> dict[str, object]:
        return {
            "fetched": self.fetched,
            "new": self.new,
            "duplicate": self.duplicate,
            "irrelevant": self.irrelevant,
            "failed": self.failed,
            "result": self.result,
            "error": self.error,
            "headline_only": self.headline_only,
        }


@dataclass(slots=True)
class CrawlContext:
    engine: sa.Engine
    crawl: CrawlConfig
    sources: Sequence[SourceConfig]
    policy: AlertPolicy
    keywords: Mapping[str, Sequence[str]] = field(default_factory=dict)
    results: dict[str, SourceResult] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        return self.policy.now

    def result(self, source: str) -> SourceResult:
        if source not in self.results:
            self.results[source] = SourceResult()
        return self.results[source]
