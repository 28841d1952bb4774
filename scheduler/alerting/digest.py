"""Digests: once a day or a week, at a time in a zone, through the outbox.

``digest_trigger`` is the APScheduler cron trigger of ``[alerts.digest]``; the
daemon runs ``enqueue_due_digest`` on it (and once when it starts, to catch up
after an outage). ``enqueue_due_digest`` finds the latest fire time at or
before ``now`` (the end of the period due) and, for each digest channel that
has no run for that period yet, writes the run and, unless nothing happened
and ``send_when_empty`` is off, one digest alert with a delivery per channel.
The content covers everything since the channel's previous digest (at most
``MAX_BACKLOG``), so an outage loses nothing; the unique run per channel and
period makes a second call, a restart or a second daemon add nothing. The
drain then sends it like any alert: once, retried until delivered.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from apscheduler.triggers.cron import CronTrigger

from scheduler.alerting.config import AlertsConfig, DigestConfig
from storage import digests
from storage.engine import write_session

log = logging.getLogger(__name__)

MAX_BACKLOG = timedelta(days=31)  # the longest stretch one digest covers after an outage


def digest_trigger(cfg: DigestConfig) -> CronTrigger:
    """The cron trigger of ``schedule`` in ``timezone`` (DST handled by APScheduler)."""
    at = cfg.at
    return CronTrigger(day_of_week=cfg.weekday or "*", hour=at.hour, minute=at.minute,
                       timezone=ZoneInfo(cfg.timezone))


def period_span(cfg: DigestConfig) -> timedelta:
    return timedelta(days=7 if cfg.weekday else 1)


def due_period(cfg: DigestConfig, now: datetime) -> tuple[datetime, datetime]:
    """(previous fire time, latest fire time at or before ``now``): the period due at ``now``."""
    trigger = digest_trigger(cfg)
    fires: list[datetime] = []
    when = trigger.get_next_fire_time(None, now - 2 * period_span(cfg) - timedelta(days=1))
    while when is not None and when <= now:
        fires.append(when)
        when = trigger.get_next_fire_time(when, when + timedelta(microseconds=1))
    if len(fires) < 2:  # cannot happen with a daily or weekly trigger over that window
        raise RuntimeError(f"no digest period found before {now.isoformat()}")
    return fires[-2], fires[-1]


def digest_channels(cfg: AlertsConfig) -> list[str]:
    """The digest's channels that are enabled (a disabled one is skipped, not queued)."""
    enabled = set(cfg.enabled_channels())
    chosen = [name for name in dict.fromkeys(cfg.digest.channels) if name in enabled]
    skipped = [name for name in cfg.digest.channels if name not in enabled]
    if skipped:
        log.warning("digest: channel(s) %s not enabled; no digest for them", ", ".join(skipped))
    return chosen


def subject_for(cfg: DigestConfig, content: dict[str, Any], end: datetime) -> str:
    kind = "weekly" if cfg.weekday else "daily"
    day = end.astimezone(ZoneInfo(cfg.timezone)).strftime("%d %b %Y").lstrip("0")
    stories = len(content["stories"]) + int(content["more_stories"])
    figures = len(content["figures"]) + int(content["more_figures"])
    down = len(content["sources_down"])
    parts = [_count(stories, "story", "stories"), _count(figures, "new figure", "new figures")]
    if down:
        parts.append(_count(down, "source down", "sources down"))
    return f"stationwatch {kind} digest, {day}: " + ", ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def enqueue_due_digest(engine: sa.Engine, cfg: AlertsConfig, now: datetime) -> bool:
    """Queue the digest of the period due at ``now`` for every channel that lacks it.

    Returns True when a digest was put in the outbox. Idempotent per period and
    channel: safe to call on every tick, after a restart, from two daemons.
    """
    if not cfg.digest.enabled:
        return False
    channels = digest_channels(cfg)
    if not channels:
        return False
    previous_end, end = due_period(cfg.digest, now)
    try:
        with write_session(engine) as session:
            missing = [c for c in channels if c not in digests.done_channels(session, end, channels)]
            if not missing:
                return False
            last = digests.last_period_end(session, missing)
            start = min((last.get(c, previous_end) for c in missing), default=previous_end)
            start = max(min(start, previous_end), end - MAX_BACKLOG)
            content = digests.digest_content(session, start, end, down_after=cfg.source_down_after)
            if content["empty"] and not cfg.digest.send_when_empty:
                digests.record_digest(session, channels=missing, start=start, end=end, now=now,
                                      subject=None, payload=None)
                log.info("digest for the period ending %s: nothing happened; none sent", end.isoformat())
                return False
            content["schedule"] = cfg.digest.schedule
            content["timezone"] = cfg.digest.timezone
            subject = subject_for(cfg.digest, content, end)
            alert_id = digests.record_digest(session, channels=missing, start=start, end=end, now=now,
                                             subject=subject, payload={"digest": content})
    except sa.exc.IntegrityError:
        log.info("digest for the period ending %s was queued by another process", end.isoformat())
        return False
    log.info("digest #%s queued for %s: %s", alert_id, ", ".join(missing), subject)
    return True
