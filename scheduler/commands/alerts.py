"""``alerts list``, ``alerts deliver`` and ``alerts test``."""

from __future__ import annotations

import json
import logging
from typing import Any, TextIO

import sqlalchemy as sa

from scheduler.alerting.config import AlertsConfig
from scheduler.alerting.drain import drain
from scheduler.alerting.test import send_test
from storage.engine import read_session
from storage.outbox import list_alerts

log = logging.getLogger(__name__)


def _delivery_text(d: dict[str, Any]) -> str:
    text = f"{d['channel']}: {d['state']}"
    if d["state"] == "sent" and d.get("sent_at"):
        text += f" {d['sent_at']}"
    elif d["attempts"]:
        text += f" after {d['attempts']} attempt{'s' if d['attempts'] != 1 else ''}"
    if d["state"] != "sent" and d.get("last_error"):
        text += f" ({d['last_error']})"
    return text


def run_alerts_list(engine: sa.Engine, *, as_json: bool, stdout: TextIO) -> int:
    with read_session(engine) as session:
        alerts = list_alerts(session)
    if as_json:
        stdout.write(json.dumps(alerts, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not alerts:
        stdout.write("no alerts yet\n")
        return 0
    for alert in alerts:
        stdout.write(f"#{alert['id']}  {alert['created']}  {alert['subject']}\n")
        story = alert["story"]
        if story.get("title") or story.get("url"):
            stdout.write(f"    {story.get('title') or ''}  {story.get('url') or ''}\n")
        for delivery in alert["deliveries"]:
            stdout.write(f"    {_delivery_text(delivery)}\n")
    return 0


def run_alerts_deliver(engine: sa.Engine, alerts_cfg: AlertsConfig, stdout: TextIO) -> int:
    """Try every due pending delivery now; exit 1 when any of them did not go out."""
    result = drain(engine, alerts_cfg)
    stdout.write(f"{result}\n")
    for error in result.errors:
        stdout.write(f"  {error}\n")
    return 0 if result.ok else 1


def run_alerts_test(alerts_cfg: AlertsConfig, stdout: TextIO) -> int:
    """Send a test message through every enabled channel; exit 1 if any failed."""
    outcome = send_test(alerts_cfg)
    if not outcome:
        stdout.write("no alert channel is enabled (alerts go to the log only)\n")
        return 0
    for name, error in outcome.items():
        stdout.write(f"{name}: {'sent' if error is None else 'FAILED: ' + error}\n")
    return 0 if all(error is None for error in outcome.values()) else 1
