"""Is a figure new? Decided against the claim history in the caller's transaction.

The rule (CONTRACT.md, "When an alert fires"): a claim is new when the store
has no earlier claim with the same ``place``, ``added`` and ``count``, and,
for a total (``added`` false), its count is higher than every earlier total
for that place (``place`` NULL is the worldwide/multi-country figure and is
compared with ``IS NULL``: the unique key cannot police NULLs on SQLite).

Within one call, totals are taken highest first, each against what is stored
before it, so "54 stations at first, now more than 102" makes 102 new and 54
a restatement. A story's figure already stored for that story is skipped, so
copies and re-fetches of a story add nothing.

When at least one claim is new and the policy allows alerting, one ``Alert``
(the outbox row) and one ``Delivery`` per enabled channel (``log`` when none
is) are written in the same transaction. The caller owns the transaction
(``storage.engine.write_session``: ``BEGIN IMMEDIATE`` on SQLite; a
transaction-scoped advisory lock on PostgreSQL serialises the decision).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from storage.figures import describe, previous
from storage.models import Alert, Article, Claim, Delivery, Story, id_of

log = logging.getLogger(__name__)

QUALIFIERS = frozenset({"exact", "at_least", "more_than", "about", "up_to"})
PAYLOAD_EVIDENCE_CHARS = 2000  # the renderers cut further; the payload stays small
_PG_LOCK_KEY = 0x5A7104  # pg_advisory_xact_lock key of the novelty decision


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    now: datetime
    alert: bool  # False during the first cycle of an empty store (on_first_crawl = false)
    max_age: timedelta
    channels: tuple[str, ...]  # enabled channels, e.g. ("email", "slack")


@dataclass(frozen=True)
class _Figure:
    count: int
    qualifier: str
    place: str | None
    city: str | None
    added: bool
    countries: int | None
    cities: int | None
    evidence: str

    @property
    def key(self) -> tuple[str | None, bool, int]:
        return (self.place, self.added, self.count)


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _figure(raw: Mapping[str, Any]) -> _Figure:
    count = raw.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
        raise ValueError(f"count must be a positive integer, got {count!r}")
    qualifier = raw.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    place = raw.get("place") or None
    if place is not None:
        place = str(place).strip().upper()
        if len(place) != 2 or not place.isalpha():
            raise ValueError(f"place must be an ISO 3166-1 alpha-2 code, got {raw.get('place')!r}")
    return _Figure(
        count=count,
        qualifier=qualifier,
        place=place,
        city=(str(raw["city"]) if raw.get("city") else None),
        added=bool(raw.get("added", False)),
        countries=_optional_int(raw.get("countries")),
        cities=_optional_int(raw.get("cities")),
        evidence=str(raw.get("evidence") or ""),
    )


def _figures(claims: Sequence[Mapping[str, Any]]) -> list[_Figure]:
    """Valid claims, one per (place, added, count), totals first and highest first."""
    seen: dict[tuple[str | None, bool, int], _Figure] = {}
    for raw in claims:
        try:
            fig = _figure(raw)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("claim skipped: %s", exc)
            continue
        seen.setdefault(fig.key, fig)
    return sorted(seen.values(), key=lambda f: (f.added, -f.count, f.place or ""))


def _same_place(place: str | None) -> sa.ColumnElement[bool]:
    return col(Claim.place).is_(None) if place is None else col(Claim.place) == place


def _story_claim(session: Session, fig: _Figure, story_id: int) -> Claim | None:
    """The story's claim of this figure, when it has one."""
    stmt = select(Claim).where(
        Claim.story_id == story_id, _same_place(fig.place), Claim.added == fig.added,
        Claim.count == fig.count,
    )
    return session.exec(stmt.limit(1)).first()


def _confirm(session: Session, claim: Claim, fig: _Figure, article_id: int) -> None:
    """A figure first read from a headline, now read from the page: the page's reading stands."""
    claim.headline_only = False
    claim.article_id = article_id
    claim.qualifier = fig.qualifier
    claim.city = fig.city or claim.city
    claim.countries = fig.countries if fig.countries is not None else claim.countries
    claim.cities = fig.cities if fig.cities is not None else claim.cities
    claim.evidence = fig.evidence or claim.evidence
    session.add(claim)
    session.flush()


def _exists(session: Session, fig: _Figure, story_id: int | None = None) -> bool:
    stmt = select(Claim.id).where(
        _same_place(fig.place), Claim.added == fig.added, Claim.count == fig.count
    )
    if story_id is not None:
        stmt = stmt.where(Claim.story_id == story_id)
    return session.exec(stmt.limit(1)).first() is not None


def highest_total(session: Session, place: str | None) -> int | None:
    """The highest total (``added`` false) on record for ``place``."""
    stmt = select(func.max(Claim.count)).where(_same_place(place), Claim.added == sa.false())
    return session.exec(stmt).one()


def _serialise(session: Session) -> None:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.exec(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))


def record_claims(
    session: Session,
    *,
    story: Story,
    article: Article,
    claims: Sequence[Mapping[str, Any]],
    policy: AlertPolicy,
    headline_only: bool = False,
) -> int | None:
    """Store the story's claims not yet stored; raise an alert when one is new.

    ``headline_only``: the claims were read from a feed entry alone; they are marked
    so, and the same figure read later from the story's page is confirmed in place.
    Returns the new alert's id, or None when nothing new (or alerting is off).
    """
    if story.id is None or article.id is None:
        session.flush()
    story_id, article_id = id_of(story), id_of(article)
    figures = _figures(claims)
    if not figures:
        return None
    _serialise(session)
    published = article.published or story.published
    new: list[dict[str, Any]] = []
    # what each figure beats: the highest total on record before this call
    before = {place: highest_total(session, place) for place in {f.place for f in figures}}
    for fig in figures:
        known = _story_claim(session, fig, story_id)
        if known is not None:  # this story already reported this figure (a copy or a re-fetch)
            if known.headline_only and not headline_only:
                _confirm(session, known, fig, article_id)
            continue
        best = highest_total(session, fig.place)  # includes totals stored by this call
        is_new = not _exists(session, fig) and (fig.added or best is None or fig.count > best)
        best = before[fig.place]
        session.add(
            Claim(
                story_id=story_id,
                article_id=article_id,
                count=fig.count,
                qualifier=fig.qualifier,
                place=fig.place,
                city=fig.city,
                added=fig.added,
                countries=fig.countries,
                cities=fig.cities,
                evidence=fig.evidence,
                first_seen=policy.now,
                published=published,
                is_new=is_new,
                beats=best if is_new else None,
                headline_only=headline_only,
            )
        )
        session.flush()
        if is_new:
            new.append(_claim_payload(fig, best, headline_only))
    if not new:
        return None
    if not policy.alert:
        log.info("story %s: %d new figure(s) recorded without alert (first crawl)", story.id, len(new))
        return None
    if published is not None and policy.now - published > policy.max_age:
        log.info(
            "story %s: %d new figure(s) recorded without alert (published %s, older than %s)",
            story.id, len(new), published.isoformat(), policy.max_age,
        )
        return None
    return _raise_alert(session, story=story, article=article, figures=new, policy=policy)


def _claim_payload(fig: _Figure, beats: int | None, headline_only: bool = False) -> dict[str, Any]:
    evidence = fig.evidence
    if len(evidence) > PAYLOAD_EVIDENCE_CHARS:
        evidence = evidence[: PAYLOAD_EVIDENCE_CHARS - 1] + "…"
    data: dict[str, Any] = {
        "count": fig.count,
        "qualifier": fig.qualifier,
        "place": fig.place,
        "city": fig.city,
        "added": fig.added,
        "countries": fig.countries,
        "cities": fig.cities,
        "evidence": evidence,
        "beats": beats,
        "headline_only": headline_only,
    }
    data["headline"] = describe(data)
    data["previous"] = previous(data)
    return data


def _outlet(article: Article, url: str) -> str | None:
    if article.outlet:
        return article.outlet
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def subject_for(figures: Sequence[Mapping[str, Any]]) -> str:
    """The headline figure: the highest new total leads, else the largest increment."""
    lead = figures[0]  # figures are ordered totals first, highest first
    subject = str(lead["headline"])
    if len(figures) > 1:
        more = len(figures) - 1
        subject += f" (and {more} more new figure{'s' if more > 1 else ''})"
    return subject


def _raise_alert(
    session: Session,
    *,
    story: Story,
    article: Article,
    figures: list[dict[str, Any]],
    policy: AlertPolicy,
) -> int:
    copies = session.exec(select(func.count(col(Article.id))).where(Article.story_id == story.id)).one()
    outlets = session.exec(
        select(func.count(func.distinct(Article.outlet))).where(Article.story_id == story.id)
    ).one()
    published = story.published or article.published
    payload = {
        "story": {
            "id": story.id,
            "title": story.title or article.title,
            "url": story.url,
            "published": published.isoformat() if published else None,
            "outlet": _outlet(article, story.url),
            "copies": max(int(copies), 1),
            "outlets": max(int(outlets), 1),
            "headline_only": article.headline_only,  # only the feed's headline was read
        },
        "article": {"id": article.id, "url": article.url, "outlet": article.outlet},
        "figures": figures,
    }
    alert = Alert(
        kind="figures",
        story_id=story.id,
        created=policy.now,
        subject=subject_for(figures),
        payload=json.dumps(payload, ensure_ascii=False),
    )
    session.add(alert)
    session.flush()
    alert_id = id_of(alert)
    channels = tuple(dict.fromkeys(policy.channels)) or ("log",)
    for channel in channels:
        session.add(Delivery(alert_id=alert_id, channel=channel, state="pending"))
    session.flush()
    log.info("alert %s raised for story %s: %s", alert_id, story.id, alert.subject)
    return alert_id
