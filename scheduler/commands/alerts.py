"""``alerts list``, ``alerts deliver`` and ``alerts test``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

import sqlalchemy as sa

from scheduler.alerting.config import AlertsConfig
from scheduler.commands import base
from scheduler.commands.output import safe_text
from storage.engine import read_session, write_session


class Command(base.Command):
    name = "alerts"
    help = "list, deliver or test alerts"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="alerts_command", metavar="ACTION", required=True)
        listing = actions.add_parser("list", help="alerts, newest first, with each channel's state")
        listing.add_argument("--json", action="store_true", help="print JSON")
        deliver = actions.add_parser(
            "deliver", help="try every pending delivery now, including those waiting out a back-off"
        )
        deliver.add_argument("--failed", action="store_true",
                             help="also retry deliveries that failed for good (a channel that refused them)")
        actions.add_parser("test", help="send a test message through every enabled channel")

    def run(self, ctx: base.Context) -> int:
        action = ctx.args.alerts_command
        if action == "list":
            return run_alerts_list(ctx.engine(), as_json=ctx.args.json, stdout=sys.stdout)
        if action == "deliver":
            return run_alerts_deliver(ctx.engine(), ctx.config.app.alerts, stdout=sys.stdout,
                                      failed=ctx.args.failed)
        return run_alerts_test(ctx.config.app.alerts, stdout=sys.stdout)


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
    from storage.outbox import list_alerts

    with read_session(engine) as session:
        alerts = list_alerts(session)
    if as_json:
        stdout.write(json.dumps(alerts, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not alerts:
        stdout.write("no alerts yet\n")
        return 0
    for alert in alerts:
        stdout.write(safe_text(f"#{alert['id']}  {alert['created']}  {alert['subject']}") + "\n")
        story = alert["story"]
        if story.get("title") or story.get("url"):
            stdout.write("    " + safe_text(f"{story.get('title') or ''}  {story.get('url') or ''}") + "\n")
        for delivery in alert["deliveries"]:
            stdout.write("    " + safe_text(_delivery_text(delivery)) + "\n")
    return 0


def run_alerts_deliver(engine: sa.Engine, alerts_cfg: AlertsConfig, stdout: TextIO, *,
                       failed: bool = False) -> int:
    """Try every pending delivery now, back-off or not (and, with ``failed``, those that
    failed for good on a channel that is enabled); exit 1 when any did not go out."""
    from scheduler.alerting.drain import drain
    from storage.outbox import requeue_failed

    if failed:
        with write_session(engine) as session:
            requeued = requeue_failed(session, channels=[*alerts_cfg.enabled_channels(), "log"])
        stdout.write(f"{requeued} failed deliver{'y' if requeued == 1 else 'ies'} queued again\n")
    result = drain(engine, alerts_cfg, include_waiting=True)
    stdout.write(f"{result}\n")
    for error in result.errors:
        stdout.write("  " + safe_text(error) + "\n")
    return 0 if result.ok else 1


def run_alerts_test(alerts_cfg: AlertsConfig, stdout: TextIO) -> int:
    """Send a test message through every enabled channel; exit 1 if any failed."""
    from scheduler.alerting.testmessage import send_test

    outcome = send_test(alerts_cfg)
    if not outcome:
        stdout.write("no alert channel is enabled (alerts go to the log only)\n")
        return 0
    for name, error in outcome.items():
        stdout.write(safe_text(f"{name}: {'sent' if error is None else 'FAILED: ' + error}") + "\n")
    return 0 if all(error is None for error in outcome.values()) else 1
