"""When a source is due next: its interval, or exponential back-off after failures."""

from __future__ import annotations

from datetime import datetime, timedelta

# No source waits longer than this between attempts, however long it has failed
# (unless its own interval is longer still).
DEFAULT_CAP = timedelta(hours=6)


def backoff_delay(interval: timedelta, failures: int, *, cap: timedelta = DEFAULT_CAP) -> timedelta:
    """The wait before the next attempt after ``failures`` consecutive failures.

    0 failures: the interval. n failures: interval * 2**(n-1), at most ``cap``
    (or the interval when that is longer than the cap).
    """
    if interval <= timedelta(0):
        raise ValueError("interval must be positive")
    if failures <= 0:
        return interval
    ceiling = max(cap, interval)
    exponent = min(failures - 1, 60)  # float seconds: no timedelta overflow
    seconds = interval.total_seconds() * 2.0**exponent
    return min(timedelta(seconds=min(seconds, ceiling.total_seconds())), ceiling)


def next_due(now: datetime, interval: timedelta, failures: int, *, cap: timedelta = DEFAULT_CAP) -> datetime:
    return now + backoff_delay(interval, failures, cap=cap)


def jitter_for(interval: timedelta) -> float:
    """Seconds of random jitter for a job on ``interval``: 10 %, at most one minute."""
    return min(interval.total_seconds() * 0.1, 60.0)


def effective_due(next_due: datetime | None, last_fetch: datetime | None, interval: timedelta,
                  failures: int, *, cap: timedelta = DEFAULT_CAP) -> datetime | None:
    """When a source is due under its interval, which may have changed since its due time was
    stored: the earlier of the stored due time and the last fetch + the interval (or + the
    back-off after failures). None: due now (never fetched, or its URL changed)."""
    if next_due is None or last_fetch is None:
        return next_due
    return min(next_due, last_fetch + backoff_delay(interval, failures, cap=cap))
