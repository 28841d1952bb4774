"""The cap on a listing keeps its newest entries, however the listing is ordered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.listing import newest, oldest_first

DAY0 = datetime(2022, 12, 1, tzinfo=UTC)


def _dated(n: int, *, rising: bool) -> list[tuple[int, datetime | None]]:
    days = range(n) if rising else range(n - 1, -1, -1)
    return [(d, DAY0 + timedelta(days=d)) for d in days]


def _ids(entries: list[tuple[int, datetime | None]]) -> list[int]:
    return [e[0] for e in entries]


def test_within_the_cap_nothing_changes() -> None:
    entries = _dated(5, rising=True)
    assert newest(entries, 5, lambda e: e[1]) == entries


def test_dated_entries_oldest_first_keep_the_newest() -> None:
    assert _ids(newest(_dated(10, rising=True), 3, lambda e: e[1])) == [9, 8, 7]


def test_dated_entries_newest_first_keep_the_newest() -> None:
    assert _ids(newest(_dated(10, rising=False), 3, lambda e: e[1])) == [9, 8, 7]


def test_partly_dated_archive_is_read_as_oldest_first() -> None:
    entries = _dated(10, rising=True)
    entries[9] = (9, None)  # the newest has lost its date
    entries[4] = (4, None)
    assert _ids(newest(entries, 3, lambda e: e[1])) == [9, 8, 7]


def test_undated_listing_is_taken_as_newest_first() -> None:
    entries: list[tuple[int, datetime | None]] = [(i, None) for i in range(10)]
    assert _ids(newest(entries, 3, lambda e: e[1])) == [0, 1, 2]


def test_oldest_first_goes_by_the_majority_of_steps() -> None:
    days = [DAY0 + timedelta(days=d) for d in (1, 2, 3, 2, 4, 5)]
    assert oldest_first(days)
    assert not oldest_first(list(reversed(days)))
    assert not oldest_first([DAY0])
