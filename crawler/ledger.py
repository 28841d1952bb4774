"""Which entries of which listings one crawl has settled: the bookkeeping behind a 304.

A listing's validators (ETag, Last-Modified) say "nothing changed since"; they
may be kept only when everything the listing named is stored, was already
known, or was given up for good, or a 304 next time would hide what is
missing. The ledger records, for one spider's crawl, each listing read (with
its validators), each entry it named (with its date, for sitemaps), and what
became of each entry; ``close`` then says which listings are complete, which
entries failed, and how far each source's dated entries are covered.

Entries are named by the URL the listing gave (before redirects). A listing
can name another listing (a sitemap index its sitemaps): the child counts as
settled when it is complete itself. Pure bookkeeping: no Scrapy, no storage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

NOT_STORED = "not stored in this crawl"


@dataclass(slots=True)
class Listing:
    url: str
    source: str
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False  # answered 304: complete as it stood
    failed: bool = False  # read, but could not be parsed
    entries: dict[str, datetime | None] = field(default_factory=dict)  # URL -> listed date
    children: dict[str, datetime | None] = field(default_factory=dict)  # listings it named


@dataclass(slots=True)
class Closing:
    """What the end of a crawl writes: per listing and per source."""

    complete: dict[str, Listing]  # listings whose validators may be kept
    incomplete: dict[str, Listing]  # listings to fetch in full next time
    failures: dict[str, dict[str, tuple[str, bool]]]  # source -> URL -> (error, permanent)
    settled: dict[str, set[str]]  # source -> URLs stored or known
    covered: dict[str, datetime]  # source -> newest listed date covered without a gap


@dataclass
class Ledger:
    listings: dict[str, Listing] = field(default_factory=dict)
    settled: set[str] = field(default_factory=set)  # stored in this crawl, or known before it
    given_up: set[str] = field(default_factory=set)
    failures: dict[str, tuple[str, bool]] = field(default_factory=dict)  # URL -> (error, permanent)
    sources: dict[str, str] = field(default_factory=dict)  # entry URL -> its source

    # -- what the crawl reports ----------------------------------------------

    def read(self, url: str, source: str, *, etag: str | None, modified: str | None) -> Listing:
        listing = self.listings.get(url) or Listing(url, source)
        listing.etag, listing.modified = etag, modified
        self.listings[url] = listing
        return listing

    def not_modified(self, url: str, source: str) -> None:
        listing = self.listings.get(url) or Listing(url, source)
        listing.not_modified = True
        self.listings[url] = listing

    def unparsable(self, url: str) -> None:
        if url in self.listings:
            self.listings[url].failed = True

    def expect(self, listing: str, url: str, date: datetime | None = None, *, is_listing: bool = False) -> None:
        """``listing`` names ``url``, which this crawl is about to fetch."""
        owner = self.listings[listing]
        self.sources.setdefault(url, owner.source)
        (owner.children if is_listing else owner.entries)[url] = date

    def known(self, listing: str, url: str, date: datetime | None = None, *, given_up: bool = False) -> None:
        """``listing`` names ``url``, already stored (or given up for good) before this crawl."""
        self.expect(listing, url, date)
        (self.given_up if given_up else self.settled).add(url)

    def stored(self, url: str) -> None:
        self.settled.add(url)
        self.failures.pop(url, None)

    def failed(self, url: str, error: str, *, permanent: bool = False) -> None:
        if url not in self.settled:
            self.failures[url] = (error, permanent)

    # -- the end --------------------------------------------------------------

    def failures_by_source(self, *, finished: bool) -> dict[str, dict[str, tuple[str, bool]]]:
        """Failed attempts to record. A finished crawl tried every entry it named, so an
        entry it did not settle failed; a crawl cut short counts only reported failures.
        A child listing that was read counts through its own entries."""
        out: dict[str, dict[str, tuple[str, bool]]] = {}
        for listing in self._read():
            unread = [c for c in listing.children if c not in self.listings or self.listings[c].failed]
            for url in (*listing.entries, *unread):
                if url in self.settled or url in self.given_up:
                    continue
                failure = self.failures.get(url) or ((NOT_STORED, False) if finished else None)
                if failure is not None:
                    out.setdefault(listing.source, {})[url] = failure
        return out

    def close(self, *, finished: bool, gave_up: Iterable[str] = ()) -> Closing:
        """The outcome, once the store has said which failed URLs are now given up."""
        failures = self.failures_by_source(finished=finished)
        self.given_up.update(gave_up)
        complete: dict[str, Listing] = {}
        incomplete: dict[str, Listing] = {}
        for listing in self._read():
            (complete if self._complete(listing.url, set()) else incomplete)[listing.url] = listing
        settled: dict[str, set[str]] = {}
        for url in self.settled:
            if url in self.sources:
                settled.setdefault(self.sources[url], set()).add(url)
        return Closing(complete, incomplete, failures, settled, self._covered())

    def _read(self) -> list[Listing]:
        return [listing for listing in self.listings.values() if not listing.not_modified]

    def _complete(self, url: str, seen: set[str]) -> bool:
        listing = self.listings.get(url)
        if listing is None or url in seen:
            return url in self.given_up
        if listing.not_modified:
            return True
        if listing.failed:
            return False
        seen.add(url)
        done = all(u in self.settled or u in self.given_up for u in listing.entries)
        return done and all(c in self.given_up or self._complete(c, seen) for c in listing.children)

    def _covered(self) -> dict[str, datetime]:
        """Per source, the newest date of an entry settled, kept below the oldest date still
        missing (an entry, or a child listing not complete)."""
        newest: dict[str, datetime] = {}
        missing: dict[str, datetime] = {}
        for listing in self._read():
            named = [(date, url in self.settled or url in self.given_up)
                     for url, date in listing.entries.items()]
            named += [(date, False) for url, date in listing.children.items()
                      if not self._complete(url, set())]
            for date, done in named:
                if date is None:
                    continue
                pile = newest if done else missing
                current = pile.get(listing.source)
                if current is None or (date > current if done else date < current):
                    pile[listing.source] = date
        covered: dict[str, datetime] = {}
        for source, date in newest.items():
            gap = missing.get(source)
            covered[source] = min(date, gap - timedelta(microseconds=1)) if gap is not None else date
        return covered
