"""What one crawl cycle shares between its spiders and pipelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from crawler.config import CrawlConfig, SourceConfig
from crawler.ledger import Ledger
from storage.engine import read_session
from storage.novelty import AlertPolicy
from storage.schedule import last_seen_lastmods
from storage.sources import get_validators, validators_for

# How a failure to write to the store begins: the crawl stopped, the command exits 1.
STORE_FAILED = "cannot write to the store"


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
    capped: dict[str, int] | None = None  # {"found", "kept"} when a listing held more than the cap

    def fail(self, error: str) -> None:
        self.result = "failed"
        self.error = self.error or error
        self.stopped(error)

    def stopped(self, reason: str) -> None:
        """Tally why a page (or the listing) could not be had, by kind (``crawler.walls``)."""
        from crawler.walls import stop_kind

        kind = stop_kind(reason)
        self.stops[kind] = self.stops.get(kind, 0) + 1

    def cap(self, found: int, kept: int) -> None:
        """A listing of this source named ``found`` entries; the newest ``kept`` were taken."""
        before = self.capped or {"found": 0, "kept": 0}
        self.capped = {"found": before["found"] + found, "kept": before["kept"] + kept}

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
            "capped": self.capped,
        }


@dataclass(slots=True)
class CrawlContext:
    engine: sa.Engine
    crawl: CrawlConfig
    sources: Sequence[SourceConfig]
    policy: AlertPolicy
    keywords: Mapping[str, Sequence[str]] = field(default_factory=dict)
    results: dict[str, SourceResult] = field(default_factory=dict)
    ledgers: dict[str, Ledger] = field(default_factory=dict)  # per spider (crawler.crawlstate)
    store_error: str | None = None  # set when the store refused a write: the crawl stopped
    _validators: dict[str, tuple[str | None, str | None]] | None = None
    _seen_until: dict[str, datetime | None] | None = None

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

    def seen_until(self, source: str) -> datetime | None:
        """The newest sitemap entry date a crawl of ``source`` has covered, as the cycle
        began (written only when a crawl ends); every source's in one query."""
        if self._seen_until is None:
            with read_session(self.engine) as session:
                self._seen_until = last_seen_lastmods(session, [s.name for s in self.sources])
        return self._seen_until.get(source)

    @property
    def now(self) -> datetime:
        return self.policy.now

    def result(self, source: str) -> SourceResult:
        if source not in self.results:
            self.results[source] = SourceResult()
        return self.results[source]

    def ledger(self, spider: str) -> Ledger:
        if spider not in self.ledgers:
            self.ledgers[spider] = Ledger()
        return self.ledgers[spider]

    def store_failed(self, reason: str) -> None:
        """The store cannot take writes: every source still running fails with the reason."""
        self.store_error = self.store_error or reason
        for source in self.sources:
            result = self.result(source.name)
            if result.result != "failed":
                result.fail(reason)
