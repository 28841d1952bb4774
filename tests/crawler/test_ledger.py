"""The ledger: a listing's validators are kept only when all it named is settled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.ledger import NOT_STORED, Ledger

FEED = "https://news.example/feed.xml"
A, B = "https://news.example/a", "https://news.example/b"
DAY = datetime(2022, 12, 5, tzinfo=UTC)


def _feed(ledger: Ledger, *entries: str) -> None:
    ledger.read(FEED, "desk", etag='"v1"', modified=None)
    for url in entries:
        ledger.expect(FEED, url)


def test_every_entry_stored_makes_the_listing_complete() -> None:
    ledger = Ledger()
    _feed(ledger, A, B)
    ledger.stored(A)
    ledger.stored(B)
    closing = ledger.close(finished=True)
    assert list(closing.complete) == [FEED] and not closing.incomplete
    assert closing.complete[FEED].etag == '"v1"'
    assert closing.failures == {} and closing.settled == {"desk": {A, B}}


def test_a_failed_entry_holds_the_listing_back_until_given_up() -> None:
    ledger = Ledger()
    _feed(ledger, A, B)
    ledger.stored(A)
    ledger.failed(B, "HTTP 502")
    assert ledger.failures_by_source(finished=True) == {"desk": {B: ("HTTP 502", False)}}
    assert list(ledger.close(finished=True).incomplete) == [FEED]
    assert list(ledger.close(finished=True, gave_up={B}).complete) == [FEED]


def test_a_finished_crawl_counts_silent_misses_a_stopped_one_does_not() -> None:
    ledger = Ledger()
    _feed(ledger, A, B)  # neither stored nor reported failed (a page without text, a stop)
    assert ledger.failures_by_source(finished=True) == {"desk": {A: (NOT_STORED, False), B: (NOT_STORED, False)}}
    assert ledger.failures_by_source(finished=False) == {}
    assert list(ledger.close(finished=False).incomplete) == [FEED]


def test_known_and_given_up_entries_count_as_settled() -> None:
    ledger = Ledger()
    ledger.read(FEED, "desk", etag=None, modified="Mon, 05 Dec 2022 09:00:00 GMT")
    ledger.known(FEED, A)
    ledger.known(FEED, B, given_up=True)
    assert list(ledger.close(finished=True).complete) == [FEED]


def test_not_modified_and_unparsable_listings() -> None:
    ledger = Ledger()
    ledger.not_modified(FEED, "desk")
    closing = ledger.close(finished=True)
    assert not closing.complete and not closing.incomplete  # nothing to write
    ledger = Ledger()
    _feed(ledger)
    ledger.unparsable(FEED)
    assert list(ledger.close(finished=True).incomplete) == [FEED]


def test_an_index_is_complete_when_its_sitemaps_are() -> None:
    index, child, lost = "https://s.example/index.xml", "https://s.example/a.xml", "https://s.example/b.xml"
    ledger = Ledger()
    ledger.read(index, "maps", etag='"i"', modified=None)
    ledger.expect(index, child, DAY, is_listing=True)
    ledger.expect(index, lost, DAY, is_listing=True)
    ledger.read(child, "maps", etag='"c"', modified=None)
    ledger.expect(child, A, DAY)
    ledger.stored(A)
    ledger.failed(lost, "timed out")
    assert ledger.failures_by_source(finished=True) == {"maps": {lost: ("timed out", False)}}
    closing = ledger.close(finished=True)
    assert set(closing.complete) == {child} and set(closing.incomplete) == {index}
    assert set(ledger.close(finished=True, gave_up={lost}).complete) == {index, child}


def test_covered_date_stops_below_the_oldest_missing_entry() -> None:
    ledger = Ledger()
    ledger.read(FEED, "maps", etag=None, modified=None)
    c = "https://news.example/c"
    for url, days in ((A, 3), (B, 1), (c, 2)):
        ledger.expect(FEED, url, DAY + timedelta(days=days))
    ledger.stored(A)
    ledger.stored(c)
    covered = ledger.close(finished=True).covered["maps"]
    assert covered == DAY + timedelta(days=1) - timedelta(microseconds=1)  # B is still missing
    ledger.stored(B)
    assert ledger.close(finished=True).covered["maps"] == DAY + timedelta(days=3)
