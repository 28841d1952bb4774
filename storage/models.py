"""The tables. Storage is the leaf package: it imports nothing else of ours.

Every timestamp is stored as an aware UTC datetime (see ``storage.types.UTCDateTime``).
The short read-only commands query light Core views of some tables (``storage.tables``).
Changing a table here needs a new Alembic revision in ``storage/migrations``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

import sqlalchemy as sa
from sqlmodel import Field
from sqlmodel import SQLModel as _SQLModel
from sqlmodel._compat import SQLModelConfig

from storage.types import UTCDateTime


class SQLModel(_SQLModel):
    """Our tables' base: pydantic builds their validators only if ever used (tables skip
    validation), which keeps every command's start-up short."""

    model_config = SQLModelConfig(defer_build=True)


def table_of(model: type[_SQLModel]) -> sa.Table:
    """A table model's Core table (for statements that skip the ORM), typed."""
    return model.metadata.tables[str(model.__tablename__)]


class _Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Keyed) -> int:
    """The primary key of a row the database has given one (after a flush or a read)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(nullable: bool = True, index: bool = False) -> sa.Column[datetime]:
    return sa.Column(UTCDateTime(), nullable=nullable, index=index)


def _flag() -> sa.Column[bool]:
    """A boolean that rows written before the column existed read as false."""
    return sa.Column(sa.Boolean(), nullable=False, server_default=sa.false())


class SourceState(SQLModel, table=True):
    """Fetch state of one configured source, kept across restarts."""

    __tablename__ = "source_state"
    name: str = Field(primary_key=True, max_length=100)
    kind: str = Field(max_length=16)
    url: str
    last_fetch: datetime | None = Field(default=None, sa_column=_ts())
    last_result: str | None = None  # "ok", "not_modified", "failed", "refused"
    last_new: int = 0
    next_due: datetime | None = Field(default=None, sa_column=_ts())
    consecutive_failures: int = 0
    last_error: str | None = None
    failing_since: datetime | None = Field(default=None, sa_column=_ts())
    down_notified: bool = False
    last_seen_lastmod: datetime | None = Field(default=None, sa_column=_ts())  # sitemaps
    # when this source's first crawl completed; until then (and until the store's first
    # crawl is done) its figures are recorded without alerting
    baseline_at: datetime | None = Field(default=None, sa_column=_ts())
    # PostgreSQL workers: who crawls this source now, and until when the lease holds
    lease_owner: str | None = Field(default=None, max_length=64, index=True)
    lease_expires: datetime | None = Field(default=None, sa_column=_ts())
    # the last listing held more entries than the cap: how many it had, how many were kept
    capped_found: int | None = None
    capped_kept: int | None = None


class Worker(SQLModel, table=True):
    """A crawling process on a shared PostgreSQL store (``run`` or ``run --worker``)."""

    __tablename__ = "worker"
    id: str = Field(primary_key=True, max_length=64)
    role: str = Field(max_length=16)  # daemon | worker
    host: str = Field(max_length=255)
    pid: int
    started: datetime = Field(sa_column=_ts(nullable=False))
    last_seen: datetime = Field(sa_column=_ts(nullable=False, index=True))
    leader: bool = False  # holds the delivery lock: the one process that sends alerts


class HttpCache(SQLModel, table=True):
    """Validators for conditional GET of feeds, listing pages and sitemaps."""

    __tablename__ = "http_cache"
    url: str = Field(primary_key=True)
    etag: str | None = None
    last_modified: str | None = None
    checked_at: datetime | None = Field(default=None, sa_column=_ts())


class EntryState(SQLModel, table=True):
    """An entry a listing named that is not stored yet: its failed attempts, or given up.

    A row exists only while an entry keeps failing; storing the entry removes it.
    """

    __tablename__ = "entry_state"
    source: str = Field(primary_key=True, max_length=100)
    url: str = Field(primary_key=True)
    attempts: int = 0
    last_error: str | None = None
    gave_up: bool = False  # given up for good: no longer fetched, and no longer holds back a 304
    last_tried: datetime = Field(sa_column=_ts(nullable=False))


class Story(SQLModel, table=True):
    """One piece of reporting: an article together with its copies."""

    __tablename__ = "story"
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    url: str  # the first copy's canonical URL
    first_seen: datetime = Field(sa_column=_ts(nullable=False, index=True))
    published: datetime | None = Field(default=None, sa_column=_ts())
    relevant: bool = True
    score: float = 0.0
    lang: str | None = Field(default=None, max_length=8)


class Article(SQLModel, table=True):
    """One fetched document (a copy of a story), relevant or not.

    Irrelevant articles are kept too (without text) so that they are not
    fetched again.
    """

    __tablename__ = "article"
    id: int | None = Field(default=None, primary_key=True)
    canonical_url: str = Field(unique=True)
    url: str  # as found (after redirects)
    feed_entry_id: str | None = Field(default=None, index=True)
    source: str | None = Field(default=None, index=True)
    outlet: str | None = None  # the site's host, e.g. "www.example.org"
    title: str | None = None
    published: datetime | None = Field(default=None, sa_column=_ts())
    fetched_at: datetime = Field(sa_column=_ts(nullable=False, index=True))
    # the date its listing gave the entry when the page was last read (a feed item's
    # published/updated, a sitemap's lastmod): a later one means the page was revised
    listed_at: datetime | None = Field(default=None, sa_column=_ts())
    lang: str | None = Field(default=None, max_length=8)
    text: str | None = None
    content_hash: str | None = Field(default=None, index=True, max_length=64)
    # MinHash signature of the text (crawler.analysis.fingerprints), to verify LSH candidates
    minhash: bytes | None = Field(default=None, sa_column=sa.Column(sa.LargeBinary, nullable=True))
    relevant: bool = False
    score: float = 0.0
    duplicate_of: int | None = Field(default=None, foreign_key="article.id")
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True)
    # only the feed entry (title, publisher, description) was read: the page could not
    # be had; the article is upgraded in place when its page arrives
    headline_only: bool = Field(default=False, sa_column=_flag())
    __table_args__ = (sa.Index("ix_article_headline_fetched", "headline_only", "fetched_at"),)


class FeedEntry(SQLModel, table=True):
    """Feed ids seen, so a known entry is not fetched again."""

    __tablename__ = "feed_entry"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=100)
    entry_id: str
    article_id: int | None = Field(default=None, foreign_key="article.id")
    seen_at: datetime = Field(sa_column=_ts(nullable=False))
    __table_args__ = (sa.UniqueConstraint("source", "entry_id", name="uq_feed_entry"),)


class ResolvedLink(SQLModel, table=True):
    """An aggregator's link resolved to the publisher's URL, so that it is resolved once
    (Google News article ids, which only its own endpoint can decode)."""

    __tablename__ = "resolved_link"
    key: str = Field(primary_key=True)  # e.g. "news.google.com:CBMi..."
    url: str
    resolved_at: datetime = Field(sa_column=_ts(nullable=False))


class MinhashBand(SQLModel, table=True):
    """LSH band hashes of stored articles: the near-duplicate candidate index."""

    __tablename__ = "minhash_band"
    band: int = Field(primary_key=True)
    hash: int = Field(primary_key=True, sa_type=sa.BigInteger)
    article_id: int = Field(primary_key=True, foreign_key="article.id")


class Claim(SQLModel, table=True):
    """A facility count a story reported: the history of every figure."""

    __tablename__ = "claim"
    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    article_id: int = Field(foreign_key="article.id")
    count: int
    qualifier: str = Field(max_length=16)
    place: str | None = Field(default=None, max_length=2)
    city: str | None = None
    added: bool = False
    countries: int | None = None
    cities: int | None = None
    evidence: str
    first_seen: datetime = Field(sa_column=_ts(nullable=False, index=True))
    published: datetime | None = Field(default=None, sa_column=_ts())
    is_new: bool = False  # it was new when recorded (it raised or belongs to an alert)
    beats: int | None = None  # the highest earlier total for its place, when new
    # the archived response it was read from (storage.evidence), when the archive is on
    evidence_id: int | None = Field(default=None, foreign_key="evidence_record.id")
    headline_only: bool = Field(default=False, sa_column=_flag())  # read from a headline only
    __table_args__ = (
        sa.UniqueConstraint("story_id", "place", "added", "count", name="uq_claim_story_figure"),
        sa.Index("ix_claim_place_added_count", "place", "added", "count"),
    )


class Alert(SQLModel, table=True):
    """A message to send: new figures from a story, or a notice about a source."""

    __tablename__ = "alert"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="figures", max_length=24)  # figures | source_down | source_up | test
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True)
    created: datetime = Field(sa_column=_ts(nullable=False, index=True))
    subject: str
    payload: str  # JSON: everything the renderers need, frozen when the alert was raised


class Delivery(SQLModel, table=True):
    """One alert on one channel: the outbox row the drain works through."""

    __tablename__ = "delivery"
    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True)
    channel: str = Field(max_length=64)  # email | slack | webhook | log | an Apprise channel's name
    state: str = Field(default="pending", max_length=16, index=True)  # pending | sent | failed
    attempts: int = 0
    next_attempt: datetime | None = Field(default=None, sa_column=_ts(index=True))
    last_error: str | None = None
    sent_at: datetime | None = Field(default=None, sa_column=_ts())
    # held by a drain that is sending it until then (next_attempt is the back-off only)
    lease_until: datetime | None = Field(default=None, sa_column=_ts())
    __table_args__ = (sa.UniqueConstraint("alert_id", "channel", name="uq_delivery_alert_channel"),)


class DigestRun(SQLModel, table=True):
    """One digest period on one channel: written once, so a period is never sent twice.

    ``alert_id`` is the digest in the outbox, or None when the period was empty
    and nothing was sent (``send_when_empty`` false).
    """

    __tablename__ = "digest_run"
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=64)
    period_start: datetime = Field(sa_column=_ts(nullable=False))
    period_end: datetime = Field(sa_column=_ts(nullable=False))
    alert_id: int | None = Field(default=None, foreign_key="alert.id")
    created: datetime = Field(sa_column=_ts(nullable=False))
    __table_args__ = (sa.UniqueConstraint("channel", "period_end", name="uq_digest_run_period"),)


class EvidenceRecord(SQLModel, table=True):
    """Where one archived response lives: a WARC file, the record's offset and length in it."""

    __tablename__ = "evidence_record"
    id: int | None = Field(default=None, primary_key=True)
    warc_file: str = Field(max_length=255)  # a file name inside the evidence folder
    offset: int = Field(sa_type=sa.BigInteger)  # of the response record (a gzip member)
    length: int = Field(sa_type=sa.BigInteger)  # bytes of the response record as stored
    record_id: str = Field(max_length=100)  # WARC-Record-ID of the response record
    url: str
    fetched_at: datetime = Field(sa_column=_ts(nullable=False))
    status: int
    sha256: str = Field(max_length=64)  # hex SHA-256 of the response body
    __table_args__ = (sa.UniqueConstraint("warc_file", "offset", name="uq_evidence_record_place"),)


class Meta(SQLModel, table=True):
    """Small key/value facts: the daemon's last cycle, first-crawl marker."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str
