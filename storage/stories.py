"""Reading stories back: each with its copies and the claims it reported.

For ``stationwatch coverage`` and for alerts ("carried by 4 outlets").
A copy is a stored article of the story: the first one fetched, its
syndicated copies on other sites and its duplicates under other URLs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import Article, Claim, Story, id_of

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


@dataclass(frozen=True, slots=True)
class Copy:
    url: str  # the copy's canonical URL
    outlet: str | None
    first_seen: datetime
    found_url: str  # the URL it was fetched from (after redirects)
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoryView:
    id: int
    title: str | None
    first_seen: datetime
    published: datetime | None
    url: str  # the first copy's canonical URL
    copies: tuple[Copy, ...] = ()
    claims: tuple[dict[str, object], ...] = field(default_factory=tuple)
    lang: str | None = None

    @property
    def outlets(self) -> int:
        return len({c.outlet for c in self.copies if c.outlet})


def claim_fields(claim: Claim) -> dict[str, object]:
    """The contract's figure keys of a stored claim, in the contract's order."""
    return {
        "count": claim.count,
        "qualifier": claim.qualifier,
        "place": claim.place,
        "city": claim.city,
        "added": claim.added,
        "countries": claim.countries,
        "cities": claim.cities,
    }


def claim_dict(claim: Claim) -> dict[str, object]:
    """A stored claim as commands print it: its figure, evidence and headline-only mark."""
    return {**claim_fields(claim), "evidence": claim.evidence, "headline_only": claim.headline_only}


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _copies(session: Session, story_ids: Sequence[int]) -> dict[int, list[Copy]]:
    out: dict[int, list[Copy]] = defaultdict(list)
    for chunk in _chunks(story_ids):
        rows = session.exec(
            select(Article)
            .where(col(Article.story_id).in_(chunk))
            # in the order they were stored: the story's url is its first copy, even
            # when parallel crawl processes stamp their fetch times a moment apart
            .order_by(col(Article.id))
        )
        for art in rows:
            if art.story_id is not None:  # always: the query asks for these stories' copies
                out[art.story_id].append(
                    Copy(art.canonical_url, art.outlet, art.fetched_at, art.url, art.published)
                )
    return out


def _claims(session: Session, story_ids: Sequence[int]) -> dict[int, list[dict[str, object]]]:
    out: dict[int, list[dict[str, object]]] = defaultdict(list)
    for chunk in _chunks(story_ids):
        rows = session.exec(
            select(Claim).where(col(Claim.story_id).in_(chunk)).order_by(col(Claim.id))
        )
        for claim in rows:
            out[claim.story_id].append(claim_dict(claim))
    return out


def list_stories(session: Session, limit: int | None = None, offset: int = 0) -> list[StoryView]:
    """Relevant stories, newest first (by first seen), with their copies and claims."""
    stmt = (
        select(Story)
        .where(Story.relevant == sa.true())
        .order_by(col(Story.first_seen).desc(), col(Story.id).desc())
    )
    if limit is not None:
        stmt = stmt.limit(max(limit, 0))
    if offset:
        stmt = stmt.offset(max(offset, 0))
    return _views(session, list(session.exec(stmt)))


def stories_by_ids(session: Session, ids: Sequence[int]) -> list[StoryView]:
    """The stories with these ids, with their copies and claims, in the order given."""
    found: dict[int, Story] = {}
    for chunk in _chunks(list(ids)):
        for story in session.exec(select(Story).where(col(Story.id).in_(chunk))):
            found[id_of(story)] = story
    return _views(session, [found[i] for i in ids if i in found])


def _views(session: Session, stories: list[Story]) -> list[StoryView]:
    ids = [id_of(s) for s in stories]
    copies = _copies(session, ids)
    claims = _claims(session, ids)
    return [
        StoryView(
            id=story_id,
            title=s.title,
            first_seen=s.first_seen,
            published=s.published,
            url=s.url,
            copies=tuple(copies.get(story_id, ())),
            claims=tuple(claims.get(story_id, ())),
            lang=s.lang,
        )
        for s, story_id in zip(stories, ids, strict=True)
    ]


def copies_count(session: Session, story_id: int) -> int:
    """How many stored articles (copies) the story has."""
    stmt = select(sa.func.count()).select_from(Article).where(Article.story_id == story_id)
    return int(session.exec(stmt).one())


def outlets_count(session: Session, story_id: int) -> int:
    """How many distinct outlets carried the story ("carried by 4 outlets")."""
    stmt = select(sa.func.count(sa.distinct(col(Article.outlet)))).where(Article.story_id == story_id)
    return int(session.exec(stmt).one())
