"""Helpers shared by the alerting and novelty tests: a real SQLite store and stories in it."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storage.engine import make_engine, write_session
from storage.models import Article, Story, id_of
from storage.novelty import AlertPolicy, record_claims
from storage.schema import ensure_schema

NOW = datetime(2022, 12, 6, 9, 0, tzinfo=UTC)


@lru_cache(maxsize=1)
def _migrated_template() -> bytes:
    """An empty store at the newest schema, migrated once per test process (Alembic's
    upgrade is most of a small test's time)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.db"
        engine = make_engine(f"sqlite:///{path}")
        ensure_schema(engine)
        engine.dispose()  # the last connection checkpoints the WAL into the file
        return path.read_bytes()


def make_store(tmp_path: Path, name: str = "store.db") -> sa.Engine:
    """A real SQLite file at the newest schema (a copy of one migrated store)."""
    path = tmp_path / name
    path.write_bytes(_migrated_template())
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)  # a no-op: already current
    return engine


def policy(
    *, now: datetime = NOW, alert: bool = True, channels: Sequence[str] = ("email", "slack"),
    max_age: timedelta = timedelta(days=30),
) -> AlertPolicy:
    return AlertPolicy(now=now, alert=alert, max_age=max_age, channels=tuple(channels))


def claim(
    count: int, *, place: str | None = None, added: bool = False, qualifier: str = "exact",
    countries: int | None = None, cities: int | None = None, city: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    return {
        "count": count, "qualifier": qualifier, "place": place, "city": city, "added": added,
        "countries": countries, "cities": cities,
        "evidence": evidence or f"Reports name {count} stations.",
    }


def add_article(
    engine: sa.Engine,
    url: str,
    claims: Sequence[dict[str, Any]],
    *,
    pol: AlertPolicy | None = None,
    story_id: int | None = None,
    title: str = "Police stations abroad",
    published: datetime | None = None,
    outlet: str | None = None,
) -> tuple[int, int | None]:
    """Store one article (a new story, or a copy of ``story_id``) and its claims, as a crawl would.

    Returns (story id, alert id or None).
    """
    pol = pol or policy()
    published = published or pol.now - timedelta(hours=3)
    with write_session(engine) as session:
        if story_id is None:
            story = Story(title=title, url=url, first_seen=pol.now, published=published)
            session.add(story)
            session.flush()
        else:
            story = session.get(Story, story_id)
            assert story is not None
        article = Article(
            canonical_url=url, url=url, outlet=outlet or url.split("/")[2], title=title,
            published=published, fetched_at=pol.now, relevant=True, story_id=story.id, text="...",
        )
        session.add(article)
        session.flush()
        alert_id = record_claims(session, story=story, article=article, claims=claims, policy=pol)
        return id_of(story), alert_id
