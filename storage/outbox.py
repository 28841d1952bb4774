"""The outbox: alerts waiting for their channels, and what became of them.

The drain works delivery by delivery, each step in its own short write
transaction: ``claim`` (attempts + 1, and a lease: ``lease_until`` set past
the time a send can take, so a second drain leaves it alone and a crash
mid-send retries it once the lease runs out), then the send outside any
transaction, then ``mark_sent`` / ``mark_retry`` / ``mark_failed``.

``next_attempt`` is the back-off alone: ``alerts deliver`` may skip it
(``include_waiting``), a lease is never skipped. A delivery ``failed`` for good
goes back to pending only through ``requeue_failed`` (``alerts deliver --failed``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select, update

from storage.models import Alert, Delivery, id_of

log = logging.getLogger(__name__)

PENDING, SENT, FAILED = "pending", "sent", "failed"
ERROR_CHARS = 500


@dataclass(frozen=True)
class AlertMessage:
    """An alert as the renderers see it: plain values, payload decoded."""

    id: int
    kind: str
    created: datetime
    subject: str
    payload: dict[str, Any] = field(default_factory=dict)
    story_id: int | None = None
    # each channel's delivery state when the message was taken for sending (``alert_json``)
    deliveries: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class DueDelivery:
    id: int
    alert_id: int
    channel: str
    attempts: int


def _message(alert: Alert, deliveries: Sequence[Delivery] = ()) -> AlertMessage:
    try:
        payload = json.loads(alert.payload) if alert.payload else {}
    except ValueError:
        log.warning("alert %s has an unreadable payload", alert.id)
        payload = {}
    return AlertMessage(
        id=id_of(alert),
        kind=alert.kind,
        created=alert.created,
        subject=alert.subject,
        payload=payload if isinstance(payload, dict) else {},
        story_id=alert.story_id,
        deliveries=tuple(_delivery_json(d) for d in deliveries),
    )


def _delivery_json(d: Delivery) -> dict[str, Any]:
    return {
        "channel": d.channel,
        "state": d.state,
        "attempts": d.attempts,
        "last_error": d.last_error,
        "sent_at": _iso(d.sent_at),
        "next_attempt": _iso(d.next_attempt) if d.state == PENDING else None,
    }


def _due(now: datetime, include_waiting: bool = False) -> sa.ColumnElement[bool]:
    """Pending, not held by a drain, and (unless ``include_waiting``) past its back-off."""
    free = sa.or_(col(Delivery.lease_until).is_(None), col(Delivery.lease_until) <= now)
    if include_waiting:
        return sa.and_(col(Delivery.state) == PENDING, free)
    return sa.and_(
        col(Delivery.state) == PENDING,
        free,
        sa.or_(col(Delivery.next_attempt).is_(None), col(Delivery.next_attempt) <= now),
    )


def due_deliveries(
    session: Session,
    now: datetime,
    *,
    channels: Sequence[str] | None = None,
    limit: int | None = None,
    include_waiting: bool = False,
) -> list[DueDelivery]:
    """Pending deliveries whose time has come (or all free ones: ``include_waiting``), oldest first."""
    stmt = select(Delivery).where(_due(now, include_waiting)).order_by(col(Delivery.id))
    if channels is not None:
        stmt = stmt.where(col(Delivery.channel).in_(list(channels)))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        DueDelivery(id=id_of(d), alert_id=d.alert_id, channel=d.channel, attempts=d.attempts)
        for d in session.exec(stmt)
    ]


def claim(
    session: Session, delivery_id: int, now: datetime, lease: timedelta, *, include_waiting: bool = False
) -> AlertMessage | None:
    """Take a due delivery for one send: attempts + 1, leased until ``now + lease``.

    Returns the alert to send (with every channel's delivery state), or None
    when it is no longer due (another drain took it, or it was sent
    meanwhile). The conditional UPDATE makes this safe between processes on
    SQLite and PostgreSQL alike.
    """
    result = session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, _due(now, include_waiting))
        .values(attempts=col(Delivery.attempts) + 1, lease_until=now + lease)
    )
    if result.rowcount != 1:
        return None
    alert = session.exec(
        select(Alert).join(Delivery, col(Delivery.alert_id) == col(Alert.id)).where(
            col(Delivery.id) == delivery_id
        )
    ).one()
    rows = session.exec(select(Delivery).where(Delivery.alert_id == alert.id).order_by(col(Delivery.id)))
    return _message(alert, list(rows))


def extend(session: Session, delivery_id: int, now: datetime, lease: timedelta) -> None:
    """One more try within the same claim (after a short Retry-After wait)."""
    session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.state) == PENDING)
        .values(attempts=col(Delivery.attempts) + 1, lease_until=now + lease)
    )


def _short(error: str) -> str:
    return error if len(error) <= ERROR_CHARS else error[: ERROR_CHARS - 1] + "…"


def mark_sent(session: Session, delivery_id: int, now: datetime) -> None:
    session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id)
        .values(state=SENT, sent_at=now, next_attempt=None, lease_until=None, last_error=None)
    )


def mark_retry(session: Session, delivery_id: int, *, next_attempt: datetime, error: str) -> None:
    session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.state) == PENDING)
        .values(next_attempt=next_attempt, lease_until=None, last_error=_short(error))
    )


def mark_failed(session: Session, delivery_id: int, *, error: str) -> None:
    session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.state) == PENDING)
        .values(state=FAILED, next_attempt=None, lease_until=None, last_error=_short(error))
    )


def requeue_failed(session: Session, *, channels: Sequence[str] | None = None) -> int:
    """Failed deliveries (of ``channels``, or all) back to pending, due now; returns how many.

    The error and the attempt count are kept, so ``alerts list`` still tells the story.
    """
    stmt = update(Delivery).where(col(Delivery.state) == FAILED)
    if channels is not None:
        stmt = stmt.where(col(Delivery.channel).in_(list(channels)))
    result = session.exec(stmt.values(state=PENDING, next_attempt=None, lease_until=None))
    return int(result.rowcount or 0)


def pending_count(session: Session) -> int:
    return int(session.exec(select(func.count(col(Delivery.id))).where(Delivery.state == PENDING)).one())


def add_notice(
    session: Session,
    *,
    kind: str,
    subject: str,
    payload: dict[str, Any],
    channels: Sequence[str],
    now: datetime,
) -> int:
    """An alert that is not about figures (``source_down``, ``source_up``), with its deliveries.

    ``payload`` may carry ``message`` (plain text), ``source`` and ``url``.
    """
    alert = Alert(kind=kind, created=now, subject=subject, payload=json.dumps(payload, ensure_ascii=False))
    session.add(alert)
    session.flush()
    assert alert.id is not None
    for channel in tuple(dict.fromkeys(channels)) or ("log",):
        session.add(Delivery(alert_id=alert.id, channel=channel, state=PENDING))
    session.flush()
    return alert.id


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def alert_json(msg: AlertMessage) -> dict[str, Any]:
    """An alert as the contract's ``alerts list --json`` object (the webhook's body too)."""
    raw = msg.payload.get("story")
    story: dict[str, Any] = raw if isinstance(raw, dict) else {}
    obj: dict[str, Any] = {
        "id": msg.id,
        "kind": msg.kind,
        "created": _iso(msg.created),
        "subject": msg.subject,
        "story": {"id": msg.story_id, "title": story.get("title"), "url": story.get("url")},
        # alerts raised before headline-only stories existed lack the mark
        "figures": [{**f, "headline_only": bool(f.get("headline_only"))}
                    for f in msg.payload.get("figures", []) if isinstance(f, dict)],
        "deliveries": [dict(d) for d in msg.deliveries],
    }
    if msg.kind == "digest":
        obj["digest"] = msg.payload.get("digest")
    elif msg.kind not in ("figures", "test") and msg.payload.get("message"):
        obj["message"] = msg.payload["message"]
    return obj


def list_alerts(session: Session, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Alerts newest first, as the ``alerts list --json`` objects of the contract."""
    stmt = select(Alert).order_by(col(Alert.created).desc(), col(Alert.id).desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    alerts = list(session.exec(stmt))
    if not alerts:
        return []
    deliveries: dict[int, list[Delivery]] = {}
    ids = [a.id for a in alerts]
    for d in session.exec(select(Delivery).where(col(Delivery.alert_id).in_(ids)).order_by(col(Delivery.id))):
        deliveries.setdefault(d.alert_id, []).append(d)
    return [alert_json(_message(a, deliveries.get(id_of(a), []))) for a in alerts]
