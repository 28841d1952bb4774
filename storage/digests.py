"""Digests: what happened in a period, and the record that a period was done.

``digest_content`` reads a period (start, end]: relevant articles stored in
it, grouped by story; the claims first recorded in it that were new; and the
sources failing for at least ``down_after`` at its end. ``record_digest``
writes one ``DigestRun`` row per channel and period (unique), plus the
digest itself in the outbox when there is something to send, in the caller's
transaction: a second writer for the same period and channel fails on the
unique key, so a period is sent at most once per channel.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from storage.figures import describe, previous
from storage.models import Alert, Article, Claim, Delivery, DigestRun, SourceState, Story, id_of
from storage.outbox import PENDING
from storage.stories import claim_fields

MAX_STORIES = 50
MAX_FIGURES = 50
MAX_COPIES = 10
EVIDENCE_CHARS = 500


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def last_period_end(session: Session, channels: Sequence[str]) -> dict[str, datetime]:
    """Each channel's latest digested period end."""
    rows = session.exec(
        select(DigestRun.channel, func.max(DigestRun.period_end))
        .where(col(DigestRun.channel).in_(list(channels)))
        .group_by(DigestRun.channel)
    )
    return {channel: end for channel, end in rows if end is not None}


def done_channels(session: Session, period_end: datetime, channels: Sequence[str]) -> set[str]:
    """The channels that already have a run for the period ending at ``period_end``."""
    rows = session.exec(
        select(DigestRun.channel).where(
            DigestRun.period_end == period_end, col(DigestRun.channel).in_(list(channels))
        )
    )
    return set(rows)


def _stories(session: Session, start: datetime, end: datetime) -> tuple[list[dict[str, Any]], int]:
    in_period = sa.and_(col(Article.fetched_at) > start, col(Article.fetched_at) <= end)
    story_ids = [
        int(sid)
        for sid in session.exec(
            select(Article.story_id)
            .where(in_period, Article.relevant == sa.true(), col(Article.story_id).is_not(None))
            .group_by(col(Article.story_id))
            .order_by(func.min(Article.fetched_at), col(Article.story_id))
        )
        if sid is not None
    ]
    total = len(story_ids)
    story_ids = story_ids[:MAX_STORIES]
    stories = {s.id: s for s in session.exec(select(Story).where(col(Story.id).in_(story_ids)))}
    copies: dict[int, list[dict[str, Any]]] = {}
    for art in session.exec(
        select(Article).where(in_period, col(Article.story_id).in_(story_ids)).order_by(col(Article.id))
    ):
        if art.story_id is not None:  # always: the query asks for these stories' copies
            copies.setdefault(art.story_id, []).append(
                {"url": art.canonical_url, "outlet": art.outlet, "fetched_at": _iso(art.fetched_at)}
            )
    claims: dict[int, list[dict[str, Any]]] = {}
    for claim in session.exec(
        select(Claim).where(col(Claim.story_id).in_(story_ids)).order_by(col(Claim.id))
    ):
        claims.setdefault(claim.story_id, []).append(
            {"headline": describe(_figure(claim)), "new": claim.is_new and start < claim.first_seen <= end}
        )
    out = []
    for sid in story_ids:
        story = stories.get(sid)
        if story is None:
            continue
        out.append(
            {
                "id": sid,
                "title": story.title,
                "url": story.url,
                "published": _iso(story.published),
                "first_seen": _iso(story.first_seen),
                "new_story": start < story.first_seen <= end,
                "copies": copies.get(sid, [])[:MAX_COPIES],
                "more_copies": max(0, len(copies.get(sid, [])) - MAX_COPIES),
                "claims": claims.get(sid, []),
            }
        )
    return out, total


def _figure(claim: Claim) -> dict[str, Any]:
    return {**claim_fields(claim), "beats": claim.beats}


def _new_figures(session: Session, start: datetime, end: datetime) -> tuple[list[dict[str, Any]], int]:
    rows = list(
        session.exec(
            select(Claim, Story)
            .join(Story, col(Story.id) == col(Claim.story_id))
            .where(Claim.is_new == sa.true(), col(Claim.first_seen) > start, col(Claim.first_seen) <= end)
            .order_by(col(Claim.added), col(Claim.count).desc(), col(Claim.id))
        )
    )
    out = []
    for claim, story in rows[:MAX_FIGURES]:
        fig = _figure(claim)
        evidence = claim.evidence if len(claim.evidence) <= EVIDENCE_CHARS else claim.evidence[: EVIDENCE_CHARS - 1] + "…"
        out.append({**fig, "headline": describe(fig), "previous": previous(fig), "evidence": evidence,
                    "story": {"id": story.id, "title": story.title, "url": story.url},
                    "first_seen": _iso(claim.first_seen)})
    return out, len(rows)


def _sources_down(session: Session, end: datetime, down_after: timedelta) -> list[dict[str, Any]]:
    rows = session.exec(
        select(SourceState)
        .where(SourceState.consecutive_failures > 0, col(SourceState.failing_since).is_not(None),
               col(SourceState.failing_since) <= end - down_after)
        .order_by(col(SourceState.name))
    )
    return [
        {"name": s.name, "url": s.url, "failing_since": _iso(s.failing_since),
         "consecutive_failures": s.consecutive_failures, "last_error": s.last_error}
        for s in rows
    ]


def digest_content(
    session: Session, start: datetime, end: datetime, *, down_after: timedelta
) -> dict[str, Any]:
    """What the digest for (start, end] says; ``empty`` when nothing happened."""
    stories, story_total = _stories(session, start, end)
    figures, figure_total = _new_figures(session, start, end)
    down = _sources_down(session, end, down_after)
    return {
        "period_start": _iso(start),
        "period_end": _iso(end),
        "stories": stories,
        "more_stories": max(0, story_total - len(stories)),
        "figures": figures,
        "more_figures": max(0, figure_total - len(figures)),
        "sources_down": down,
        "empty": not (story_total or figure_total or down),
    }


def record_digest(
    session: Session,
    *,
    channels: Sequence[str],
    start: datetime,
    end: datetime,
    now: datetime,
    subject: str | None,
    payload: dict[str, Any] | None,
) -> int | None:
    """Mark the period done for ``channels``; with a subject and payload, put the digest in
    the outbox (one delivery per channel). Returns the alert id, or None for a silent period."""
    alert_id: int | None = None
    if subject is not None and payload is not None:
        alert = Alert(kind="digest", created=now, subject=subject, payload=json.dumps(payload, ensure_ascii=False))
        session.add(alert)
        session.flush()
        alert_id = id_of(alert)
        for channel in channels:
            session.add(Delivery(alert_id=alert_id, channel=channel, state=PENDING))
    for channel in channels:
        session.add(DigestRun(channel=channel, period_start=start, period_end=end, alert_id=alert_id, created=now))
    session.flush()
    return alert_id
