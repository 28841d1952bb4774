"""``alerts test``: one test message through every enabled channel, right now."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from scheduler.alerting.config import AlertsConfig
from scheduler.alerting.drain import Channel, build_channels, redactor
from scheduler.alerting.exceptions import DeliveryError
from scheduler.alerting.render import make_test_alert

log = logging.getLogger(__name__)


def send_test(
    alerts_cfg: AlertsConfig,
    *,
    channels: Mapping[str, Channel] | None = None,
    now: datetime | None = None,
) -> dict[str, str | None]:
    """Send the test message; returns each enabled channel's error, or None when it went out.

    With no channel enabled the result is empty (the log channel is not tested).
    """
    if channels is None:
        channels = build_channels(alerts_cfg)
    alert = make_test_alert(now or datetime.now(UTC))
    redact = redactor(alerts_cfg)
    outcome: dict[str, str | None] = {}
    for name in alerts_cfg.enabled_channels():
        channel = channels.get(name)
        if channel is None:
            outcome[name] = "channel is not available"
            continue
        try:
            channel.send(alert)
        except DeliveryError as exc:
            outcome[name] = redact(str(exc))
            log.warning("test message via %s failed: %s", name, outcome[name])
        else:
            outcome[name] = None
            log.info("test message via %s sent", name)
    return outcome
