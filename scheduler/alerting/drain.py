"""The outbox drain: send every due pending delivery once.

Each delivery goes through three short write transactions of its own:
claim it (attempts + 1 and a lease on ``next_attempt``), send it with no
transaction open, record the outcome. A delivery is marked sent only after
the channel accepted it, so a crash between the two re-sends exactly that one
message once its lease runs out; every other delivery is either recorded as
sent or still pending. Failures are retried with exponential back-off and
jitter, kept in the database, so back-off survives restarts. A 429's
``Retry-After`` of up to 30 s is waited out in the same run (through the
injected ``sleep``); a longer one becomes the next attempt time, capped at an
hour (a peer cannot park an alert for longer, whatever it asks).
``include_waiting`` (``alerts deliver``) also tries deliveries that are waiting
out a back-off; a delivery another drain holds is never taken.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import sqlalchemy as sa

from scheduler.alerting.config import AlertsConfig
from scheduler.alerting.email import EmailChannel
from scheduler.alerting.exceptions import (
    ChannelConfigError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from scheduler.alerting.slack import SlackChannel
from storage import outbox
from storage.engine import read_session, write_session
from storage.outbox import AlertMessage

log = logging.getLogger(__name__)

BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
MAX_INLINE_WAIT = 30.0  # seconds: a longer Retry-After is scheduled, not waited
MAX_RUN_WAIT = 120.0  # seconds of Retry-After waits per drain run, all deliveries together
MAX_INLINE_RETRIES = 2  # per delivery per run
MAX_RETRY_AFTER = 3600.0  # seconds: the longest wait a peer's Retry-After can impose


class Channel(Protocol):
    name: str

    def send(self, alert: AlertMessage) -> None: ...


class LogChannel:
    """The channel of last resort: with no channel enabled, alerts go to the log."""

    name = "log"

    def send(self, alert: AlertMessage) -> None:
        story = alert.payload.get("story") or {}
        log.warning("ALERT #%s: %s | %s | %s", alert.id, alert.subject, story.get("title"), story.get("url"))


def build_channels(cfg: AlertsConfig, *, ssl_context: ssl.SSLContext | None = None) -> dict[str, Channel]:
    """The enabled channels, plus ``log`` (always)."""
    channels: dict[str, Channel] = {"log": LogChannel()}
    if cfg.email.enabled:
        channels["email"] = EmailChannel(cfg.email, ssl_context=ssl_context)
    if cfg.slack.enabled:
        channels["slack"] = SlackChannel(cfg.slack)
    if cfg.webhook.enabled:
        from scheduler.alerting.webhook import WebhookChannel

        channels["webhook"] = WebhookChannel(cfg.webhook)
    for entry in cfg.apprise:
        if entry.enabled:
            from scheduler.alerting.apprise_channel import AppriseChannel

            channels[entry.name] = AppriseChannel(entry)
    return channels


@dataclass
class DrainResult:
    sent: int = 0
    retrying: int = 0  # failed this time, kept pending for a later attempt
    failed: int = 0  # failed for good this time
    skipped: int = 0  # due, but for a channel that is not enabled now
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.retrying == 0 and self.failed == 0

    def __str__(self) -> str:
        text = f"sent {self.sent}, retrying later {self.retrying}, failed {self.failed}"
        if self.skipped:
            text += f", waiting for a disabled channel {self.skipped}"
        return text


def backoff(attempts: int, rng: Callable[[], float] = random.random) -> timedelta:
    """Delay before the next try after ``attempts`` tries: doubling, capped, jittered (50–100 %)."""
    raw = BASE_DELAY * (1 << max(0, min(attempts - 1, 20)))
    delay = min(raw, MAX_DELAY)
    return delay * (0.5 + 0.5 * rng())


def redactor(cfg: AlertsConfig) -> Callable[[str], str]:
    """Masks every channel secret in a recorded error: passwords, webhook URLs, the
    signing secret, Apprise URLs and the tokens inside them."""
    from scheduler.alerting.apprise_channel import url_secrets

    found = [cfg.email.password, cfg.slack.webhook_url, cfg.webhook.url, cfg.webhook.secret]
    for entry in cfg.apprise:
        found += [entry.url, *url_secrets(entry.url)]
    secrets = sorted({s for s in found if s and len(s) >= 4}, key=len, reverse=True)

    def redact(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    return redact


def lease_for(cfg: AlertsConfig) -> timedelta:
    """How long a claimed delivery is left alone: longer than any send can take."""
    slowest = max(cfg.email.timeout, cfg.slack.timeout, cfg.webhook.timeout, timedelta(seconds=30))
    return timedelta(minutes=5) + 4 * slowest + timedelta(seconds=MAX_INLINE_WAIT * MAX_INLINE_RETRIES)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _fixed(when: datetime) -> Callable[[], datetime]:
    return lambda: when


def drain(
    engine: sa.Engine,
    alerts_cfg: AlertsConfig,
    *,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], datetime] | None = None,
    channels: Mapping[str, Channel] | None = None,
    rng: Callable[[], float] = random.random,
    include_waiting: bool = False,
) -> DrainResult:
    """Send every due pending delivery once; see the module docstring."""
    if clock is None:
        clock = _utcnow if now is None else _fixed(now)
    start = now or clock()
    if channels is None:
        channels = build_channels(alerts_cfg)
    redact = redactor(alerts_cfg)
    lease = lease_for(alerts_cfg)
    result = DrainResult()
    budget = [MAX_RUN_WAIT]
    with read_session(engine) as session:
        due = outbox.due_deliveries(session, start, include_waiting=include_waiting)
    for item in due:
        channel = channels.get(item.channel)
        if channel is None:
            result.skipped += 1
            log.debug("delivery %s waits: channel %s is not enabled", item.id, item.channel)
            continue
        with write_session(engine) as session:
            alert = outbox.claim(session, item.id, clock(), lease, include_waiting=include_waiting)
        if alert is None:
            continue  # another drain took it, or it went out meanwhile
        _deliver(engine, item, alert, channel, result, clock, sleep, rng, redact, lease, budget)
    if due:
        log.info(
            "drain: %d sent, %d retrying, %d failed, %d waiting for a disabled channel",
            result.sent, result.retrying, result.failed, result.skipped,
        )
    return result


def _deliver(
    engine: sa.Engine,
    item: outbox.DueDelivery,
    alert: AlertMessage,
    channel: Channel,
    result: DrainResult,
    clock: Callable[[], datetime],
    sleep: Callable[[float], None],
    rng: Callable[[], float],
    redact: Callable[[str], str],
    lease: timedelta,
    budget: list[float],
) -> None:
    attempts = item.attempts + 1
    inline = 0
    where = f"alert #{alert.id} via {item.channel}"
    while True:
        try:
            channel.send(alert)
        except PermanentDeliveryError as exc:
            reason = redact(str(exc))
            with write_session(engine) as session:
                outbox.mark_failed(session, item.id, error=reason)
            result.failed += 1
            result.errors.append(f"{where}: {reason}")
            log.error("%s failed for good: %s", where, reason)
            return
        except TemporaryDeliveryError as exc:
            reason = redact(str(exc))
            wait = None if exc.retry_after is None else min(max(0.0, exc.retry_after), MAX_RETRY_AFTER)
            if wait is not None and wait <= MAX_INLINE_WAIT and inline < MAX_INLINE_RETRIES and wait <= budget[0]:
                log.info("%s: asked to wait %.1f s; waiting", where, wait)
                budget[0] -= wait
                inline += 1
                sleep(wait)
                with write_session(engine) as session:
                    outbox.extend(session, item.id, clock(), lease)
                attempts += 1
                continue
            now = clock()
            delay = backoff(attempts, rng)
            if wait is not None:
                delay = max(timedelta(seconds=wait), delay if wait <= MAX_INLINE_WAIT else timedelta(0))
            with write_session(engine) as session:
                outbox.mark_retry(session, item.id, next_attempt=now + delay, error=reason)
            result.retrying += 1
            result.errors.append(f"{where}: {reason}")
            level = logging.ERROR if isinstance(exc, ChannelConfigError) else logging.WARNING
            log.log(level, "%s not delivered (try %d), next try in %s: %s", where, attempts, delay, reason)
            return
        with write_session(engine) as session:
            outbox.mark_sent(session, item.id, clock())
        result.sent += 1
        log.info("%s delivered", where)
        return
