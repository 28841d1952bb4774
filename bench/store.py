"""Build a large store quickly (100,000 articles) for the responsiveness stage.

Rows are bulk-inserted with SQLAlchemy Core into the tables of
``storage.models`` after ``storage.schema.ensure_schema``; columns this
builder does not know (added later) get a type-appropriate filler when
they are NOT NULL without a default.
"""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PLACES = (None, "IT", "NL", "ES", "CA", "GB", "FR", "DE", "KR", "JP", "US", "PT", "IE", "HU", "CZ")


def _filler(col: Any, now: datetime) -> Any:
    import sqlalchemy as sa

    t = col.type
    py = getattr(t, "impl", t)
    if isinstance(py, sa.Boolean):
        return False
    if isinstance(py, sa.Integer | sa.Float | sa.Numeric):
        return 0
    if isinstance(py, sa.DateTime):
        return now
    return ""


def _complete(table: Any, rows: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    needed = [c for c in table.columns if not c.nullable and c.default is None and c.server_default is None
              and not (c.primary_key and c.autoincrement in (True, "auto"))]
    for row in rows:
        for c in needed:
            if c.name not in row:
                row[c.name] = _filler(c, now)
    return rows


def build_store(db: Path, articles: int, *, sources: int = 100, seed: int = 8) -> dict[str, int]:
    """Create ``db`` with ``articles`` articles (10% relevant, each its own story) and their history."""
    import sqlalchemy as sa

    from storage import models as m
    from storage.engine import make_engine
    from storage.schema import ensure_schema

    if db.exists():
        db.unlink()
    engine = make_engine(f"sqlite:///{db}")
    ensure_schema(engine)
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=400)
    step = timedelta(days=400) / max(articles, 1)
    counts = {"articles": articles, "stories": 0, "claims": 0, "alerts": 0}
    tables = {name: getattr(m, name).__table__ for name in
              ("SourceState", "Story", "Article", "FeedEntry", "Claim", "Alert", "Delivery")}
    with engine.begin() as conn:
        conn.execute(sa.insert(tables["SourceState"]), _complete(tables["SourceState"], [
            {"name": f"feed-{i}", "kind": "feed", "url": f"http://127.0.0.{i % 8 + 2}/feeds/{i}.xml",
             "last_fetch": now - timedelta(minutes=rng.randrange(30)), "last_result": "ok", "last_new": 0,
             "next_due": now + timedelta(minutes=rng.randrange(30)), "consecutive_failures": 0,
             "down_notified": False} for i in range(sources)], now))
        story_id = claim_id = alert_id = 0
        best: dict[str | None, int] = {}
        chunk = 10_000
        for lo in range(0, articles, chunk):
            stories, arts, entries, claims, alerts, deliveries = [], [], [], [], [], []
            for a in range(lo, min(articles, lo + chunk)):
                when = start + step * a
                relevant = rng.random() < 0.1
                sid = None
                if relevant:
                    story_id += 1
                    sid = story_id
                    stories.append({"id": sid, "title": f"Story {a}", "url": f"https://news{a % 50}.example/a/{a}",
                                    "first_seen": when, "published": when, "relevant": True, "score": 0.9,
                                    "lang": "en"})
                    if rng.random() < 0.2:
                        place = rng.choice(PLACES)
                        count = rng.randrange(1, 12) if place else rng.randrange(30, 150)
                        is_new = count > best.get(place, 0)
                        claim_id += 1
                        claims.append({"id": claim_id, "story_id": sid, "article_id": a + 1, "count": count,
                                       "qualifier": "at_least", "place": place, "city": None, "added": False,
                                       "countries": None if place else 53, "cities": None,
                                       "evidence": f"At least {count} stations were found.", "first_seen": when,
                                       "published": when, "is_new": is_new,
                                       "beats": best.get(place) if is_new else None})
                        if is_new:
                            best[place] = count
                            alert_id += 1
                            alerts.append({"id": alert_id, "kind": "figures", "story_id": sid, "created": when,
                                           "subject": f"{count} overseas police stations", "payload": "{}"})
                            deliveries.append({"alert_id": alert_id, "channel": "email",
                                               "state": "sent" if rng.random() < 0.9 else "pending",
                                               "attempts": 1, "sent_at": when})
                arts.append({"id": a + 1, "canonical_url": f"https://news{a % 50}.example/a/{a}",
                             "url": f"https://news{a % 50}.example/a/{a}?utm_source=rss",
                             "feed_entry_id": f"entry-{a}", "source": f"feed-{a % sources}",
                             "outlet": f"news{a % 50}.example", "title": f"Article {a}", "published": when,
                             "fetched_at": when, "lang": "en",
                             "text": ("Some words of an article. " * 8) if relevant else None,
                             "content_hash": f"{rng.getrandbits(256):064x}", "relevant": relevant,
                             "score": 0.9 if relevant else 0.05, "story_id": sid})
                entries.append({"source": f"feed-{a % sources}", "entry_id": f"entry-{a}", "article_id": a + 1,
                                "seen_at": when})
            for name, rows in (("Story", stories), ("Article", arts), ("FeedEntry", entries),
                               ("Claim", claims), ("Alert", alerts), ("Delivery", deliveries)):
                if rows:
                    conn.execute(sa.insert(tables[name]), _complete(tables[name], rows, now))
        counts.update(stories=story_id, claims=claim_id, alerts=alert_id)
    engine.dispose()
    log.info("store of %d articles built at %s", articles, db)
    return counts
