"""Source down / source up notices, written to the alert outbox.

A source that has failed without a break for ``down_after`` raises one
``source_down`` alert; the first success after that raises one ``source_up``.
Both go through the same outbox as figure alerts (``storage.outbox.add_notice``:
an ``Alert`` row and one ``Delivery`` per enabled channel, or one ``log``
delivery when none is), so the drain sends them once and retries them like
any other.

Payload (JSON) keys: ``kind``, ``message`` (plain text for the renderers),
``source``, ``url``, ``failing_since``, ``consecutive_failures``,
``last_error``, ``at`` (and ``down_for_seconds`` on ``source_up``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from storage.models import SourceState
from storage.outbox import add_notice

log = logging.getLogger(__name__)


def _human(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds >= 86400 and seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds >= 3600:
        return f"{seconds / 3600:.0f}h" if seconds % 3600 == 0 else f"{seconds / 3600:.1f}h"
    if seconds >= 60:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def _write_alert(session: Session, *, kind: str, subject: str, payload: dict[str, object],
                 now: datetime, channels: Sequence[str]) -> int:
    return add_notice(session, kind=kind, subject=subject, payload=payload, channels=channels, now=now)


def check_source_notice(session: Session, name: str, *, now: datetime, down_after: timedelta,
                        channels: Sequence[str], failing_since: datetime | None = None) -> int | None:
    """Raise a down or up notice for ``name`` when one is due; return the alert id.

    ``failing_since``: when the source started failing, as known before this
    run (the cycle clears it on success), for the "down for ..." wording.
    """
    state = session.get(SourceState, name)
    if state is None:
        return None
    if state.consecutive_failures > 0:
        if state.failing_since is None:
            state.failing_since = state.last_fetch or now
            session.add(state)
        down_for = now - state.failing_since
        if state.down_notified or down_for < down_after:
            return None
        payload: dict[str, object] = {
            "kind": "source_down",
            "message": (f"Source {name} has failed {state.consecutive_failures} time(s) in a row "
                        f"since {state.failing_since.isoformat(timespec='minutes')}. "
                        f"Last error: {state.last_error or 'unknown'}"),
            "source": name, "url": state.url,
            "failing_since": state.failing_since.isoformat(),
            "consecutive_failures": state.consecutive_failures,
            "last_error": state.last_error, "at": now.isoformat(),
        }
        subject = f"stationwatch: source {name} has been failing for {_human(down_for)}"
        alert_id = _write_alert(session, kind="source_down", subject=subject, payload=payload,
                                now=now, channels=channels)
        state.down_notified = True
        session.add(state)
        log.warning("source %s down since %s: notice %d raised", name,
                    state.failing_since.isoformat(), alert_id)
        return alert_id
    # Working again.
    since = state.failing_since or failing_since
    state.failing_since = None
    session.add(state)
    if not state.down_notified:
        return None
    state.down_notified = False
    was_down = now - since if since else None
    payload = {
        "kind": "source_up",
        "message": f"Source {name} works again" + (f" after {_human(was_down)} down." if was_down else "."),
        "source": name, "url": state.url,
        "failing_since": since.isoformat() if since else None,
        "consecutive_failures": 0, "last_error": None, "at": now.isoformat(),
        "down_for_seconds": int(was_down.total_seconds()) if was_down else None,
    }
    subject = f"stationwatch: source {name} is working again"
    if was_down:
        subject += f" after {_human(was_down)}"
    alert_id = _write_alert(session, kind="source_up", subject=subject, payload=payload,
                            now=now, channels=channels)
    log.info("source %s recovered: notice %d raised", name, alert_id)
    return alert_id
