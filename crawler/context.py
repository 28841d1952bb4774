"""What one crawl cycle shares between its spiders and pipelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from crawler.config import CrawlConfig, SourceConfig
from storage.engine import read_session
from storage.novelty import AlertPolicy
from storage.sources import get_validators, validators_for


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

    def fail(self, error: str) -> None:
        self.result = "failed"
        self.error = self.error or error

    def to_dict(self) -> dict[str, object]:
        return {
            "fetched": self.fetched,
            "new": self.new,
            "duplicate": self.duplicate,
            "irrelevant": self.irrelevant,
            "failed": self.failed,
            "result": self.result,
            "error": self.error,
        }


@dataclass(slots=True)
class CrawlContext:
    engine: sa.Engine
    crawl: CrawlConfig
    sources: Sequence[SourceConfig]
    policy: AlertPolicy
    keywords: Mapping[str, Sequence[str]] = field(default_factory=dict)
    results: dict[str, SourceResult] = field(default_factory=dict)
    _validators: dict[str, tuple[str | None, str | None]] | None = None

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The stored ETag and Last-Modified for ``url``: the sources' own URLs are read in
        one query on first use (a quiet cycle is mostly these look-ups), others one by one."""
        if self._validators is None:
            with read_session(self.engine) as session:
                self._validators = validators_for(session, [s.url_str for s in self.sources])
        if url in self._validators:
            return self._validators[url]
        with read_session(self.engine) as session:
            return get_validators(session, url)

    @property
    def now(self) -> datetime:
        return self.policy.now

    def result(self, source: str) -> SourceResult:
        if source not in self.results:
            self.results[source] = SourceResult()
        return self.results[source]
