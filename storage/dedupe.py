"""Is this article already stored, and which story does it belong to?

Storage is the leaf package, so the fingerprints arrive ready-made: the
caller computes the canonical URL, the content hash, the MinHash signature
and its LSH band hashes (``crawler.analysis.urls`` / ``.fingerprints``) and
this module only looks them up.

Matching an extracted article (``match_story``), in this order:

1. ``update``: an article with the same canonical URL is stored (its text
   may have changed: the caller re-reads the claims, the story stays one);
2. ``exact``: another URL carries the same normalised text (content hash);
3. ``near``: a candidate sharing at least one LSH band (table
   ``minhash_band``, looked up through its ``(band, hash)`` primary-key prefix)
   whose stored signature (``article.minhash``) is at least
   ``NEAR_THRESHOLD`` similar on the whole signature. Bands only nominate;
   the verification on the main text's signature decides, so two stories
   poured into one template ("Live updates", a weekly roundup) share some
   boilerplate shingles but stay apart. Titles play no part;
4. ``new`` otherwise.

Among several matches the one that already belongs to a story wins, then the
most similar, then the oldest. The candidate index lives in the database, so
memory stays flat as the store grows and a restart needs no rebuild; each
band contributes at most ``BAND_CANDIDATES`` candidates (the newest), so a
band shared by thousands of boilerplate pages cannot make a lookup slow.
Band rows of an article whose text was edited are left in place when the new
ones are added (deleting them would need an index on ``article_id``); a stale
band can only nominate, and verification uses the current signature.

Identity of a feed entry before fetching it (``is_known_entry``). An entry
is known by its canonical URL and by its (source, feed id), but neither is
trusted alone: feed ids churn when a feed is regenerated, and several items
can share one link (a feed whose items all point at a home page). The rule:

- the entry's (source, id) is on record for the article at this URL: known;
- else an article is stored at this URL: known, unless the entry's title
  and the stored title are both present and disagree (another item sharing
  the link, or an edited headline worth fetching again);
- else the (source, id) is on record for an article at another URL: known
  when the link is an aggregator's link resolved before (``resolved_link``,
  keyed by the link's canonical URL), else only when the titles positively
  agree (the link moved, same item);
- else: not known.

An entry stored from its headline alone (``article.headline_only``) is never
known, so its page is tried again. Nor is an entry at a stored URL whose
listing now gives it a later date (a feed item's published/updated, a
sitemap's lastmod) than the one recorded when the page was last read
(``article.listed_at``, else its fetch time) and that was on topic: a
correction or a live blog keeps its address and its id, and only that date
says it changed.

So an edit is fetched again when its entry comes under an id not yet on
record for the article with a headline that disagrees with the stored one;
the same (source, id) at the same URL is trusted as unchanged, because a
feed's headline often differs from the page's and would otherwise cost a
fetch every cycle.

Titles agree when, normalised (NFKC, case-folded, punctuation as spaces),
they are equal or one contains the other and is at least half its length
(a page title often carries the site name after the headline).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from storage.models import Article, FeedEntry, MinhashBand, ResolvedLink, table_of

log = logging.getLogger(__name__)

NEAR_THRESHOLD = 0.6  # estimated Jaccard similarity of shingles a near duplicate must reach
BAND_CANDIDATES = 50  # candidates taken from one band (newest first)
MAX_VERIFIED = 20  # candidates verified, those sharing the most bands first
# The SHA-256 of empty text: never an "exact" match (every empty page would be one story).
EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

MatchKind = Literal["new", "update", "exact", "near"]


@dataclass
class StoryMatch:
    kind: MatchKind
    article_id: int | None = None  # the stored article matched
    story_id: int | None = None  # its story (None for a stored article without one)
    similarity: float | None = None  # for "near": the verified similarity


def _signature_similarity(a: bytes, b: bytes) -> float:
    if not a or not b or len(a) != len(b) or len(a) % 4:
        return 0.0
    va, vb = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(va == vb)) / va.size


@functools.lru_cache(maxsize=8)
def _candidates_sql(nbands: int) -> sa.TextClause:
    """One statement for ``nbands`` bands, built once: building it per lookup costs milliseconds."""
    per_band = " UNION ALL ".join(
        f"SELECT article_id FROM (SELECT article_id FROM minhash_band"
        f" WHERE band = :b{i} AND hash = :h{i} ORDER BY article_id DESC LIMIT :cap) AS s{i}"
        for i in range(nbands)
    )
    return sa.text(
        f"SELECT article_id, COUNT(*) AS shared FROM ({per_band}) AS hits"
        " GROUP BY article_id ORDER BY shared DESC, article_id LIMIT :top"
    )


def _candidates(session: Session, bands: Sequence[int]) -> list[int]:
    """Article ids sharing a band, those sharing the most bands first."""
    if not bands:
        return []
    params: dict[str, int] = {"cap": BAND_CANDIDATES, "top": MAX_VERIFIED}
    for i, h in enumerate(bands):
        params[f"b{i}"] = i
        params[f"h{i}"] = int(h)
    return [row[0] for row in session.connection().execute(_candidates_sql(len(bands)), params)]


def _near(
    session: Session, canonical_url: str, signature: bytes, bands: Sequence[int]
) -> StoryMatch | None:
    ids = _candidates(session, bands)
    if not ids:
        return None
    rows = session.connection().execute(
        select(Article.id, Article.story_id, Article.minhash, Article.canonical_url).where(
            col(Article.id).in_(ids)
        )
    )
    best: tuple[bool, float, int] | None = None
    best_story: int | None = None
    for art_id, story_id, minhash, url in rows:
        if url == canonical_url or minhash is None:
            continue
        sim = _signature_similarity(signature, minhash)
        if sim < NEAR_THRESHOLD:
            continue
        key = (story_id is not None, sim, -art_id)
        if best is None or key > best:
            best, best_story = key, story_id
    if best is None:
        return None
    return StoryMatch("near", -best[2], best_story, best[1])


def match_story(
    session: Session,
    *,
    canonical_url: str,
    content_hash: str,
    signature: bytes | None,
    bands: Sequence[int],
) -> StoryMatch:
    """Find the stored article (and story) the extracted article is a copy of; see module doc."""
    same_url = session.exec(
        select(Article.id, Article.story_id).where(Article.canonical_url == canonical_url)
    ).first()
    if same_url is not None:
        return StoryMatch("update", same_url[0], same_url[1])
    if content_hash and content_hash != EMPTY_HASH:
        same_text = session.exec(
            select(Article.id, Article.story_id)
            .where(Article.content_hash == content_hash, Article.canonical_url != canonical_url)
            .order_by(col(Article.story_id).is_(None), col(Article.id))
            .limit(1)
        ).first()
        if same_text is not None:
            return StoryMatch("exact", same_text[0], same_text[1], 1.0)
    if signature and bands:
        near = _near(session, canonical_url, signature, bands)
        if near is not None:
            log.debug(
                "near duplicate of article %s (%.2f): %s",
                near.article_id, near.similarity, canonical_url,
            )
            return near
    return StoryMatch("new")


def _insert_ignore(session: Session, rows: list[dict[str, int]]) -> None:
    """Insert band rows, skipping those already there (the engines we support: SQLite, PostgreSQL)."""
    insert = postgresql.insert if session.connection().dialect.name == "postgresql" else sqlite.insert
    session.connection().execute(insert(table_of(MinhashBand)).on_conflict_do_nothing(), rows)


def index_article(
    session: Session, article_id: int, bands: Sequence[int], *, signature: bytes | None = None
) -> None:
    """Add the article's band hashes to the candidate index (and store its signature if given).

    Idempotent: bands already indexed for the article are skipped. The
    article must be flushed (have its id) first.
    """
    if signature is not None:
        article = session.get(Article, article_id)
        if article is None:
            raise ValueError(f"no article {article_id} to index")
        article.minhash = signature
        session.flush()
    if bands:
        _insert_ignore(
            session,
            [{"band": i, "hash": int(h), "article_id": article_id} for i, h in enumerate(bands)],
        )


_NON_WORD = re.compile(r"[\W_]+")


def _norm_title(title: str | None) -> str:
    if not title:
        return ""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", title).casefold()).strip()


def titles_agree(a: str | None, b: str | None) -> bool:
    """The two titles name the same item (loosely; see the module docstring)."""
    na, nb = _norm_title(a), _norm_title(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    return short in long_ and len(short) * 2 >= len(long_)


def _revised_since_read(session: Session, article_id: int, revised: datetime) -> bool:
    """The listing's date for the entry is later than the one recorded when the article
    was last read (or, with none recorded, than that read), and the article is on topic.
    Listing dates are compared with listing dates, so an archive's or a feed's own dates
    work whatever the clock says; another feed dating the same URL a little later costs
    one read, which records its date. On topic only: listings that stamp every entry
    with the time they were generated (many sitemaps do) then cost a fetch per on-topic
    story, not one per page of the site."""
    row = session.exec(
        select(Article.listed_at, Article.fetched_at, Article.relevant).where(Article.id == article_id)
    ).one()
    listed_at, fetched_at, relevant = row
    return bool(relevant) and revised > (listed_at or fetched_at)


def _titles_conflict(a: str | None, b: str | None) -> bool:
    return bool(_norm_title(a)) and bool(_norm_title(b)) and not titles_agree(a, b)


def _by_entry_id(
    session: Session, source: str, entry_id: str
) -> tuple[int | None, str | None, bool] | None:
    """The article recorded for (source, feed id): a ``feed_entry`` row, else the article's own."""
    row = session.exec(
        select(Article.id, Article.title, Article.headline_only)
        .join(FeedEntry, col(FeedEntry.article_id) == col(Article.id))
        .where(FeedEntry.source == source, FeedEntry.entry_id == entry_id)
    ).first()
    if row is None:
        row = session.exec(
            select(Article.id, Article.title, Article.headline_only)
            .where(Article.source == source, Article.feed_entry_id == entry_id)
            .order_by(col(Article.id).desc())
        ).first()
    return row


def is_known_entry(
    session: Session,
    *,
    source: str,
    canonical_url: str,
    entry_id: str | None,
    title: str | None = None,
    revised: datetime | None = None,
) -> bool:
    """Whether a feed entry (or listed link) is already stored and need not be fetched.

    An entry stored from its headline alone (its page could not be had) is not known:
    its page is tried again each time the entry is listed. Nor is an on-topic one whose
    listing date (``revised``: a feed item's latest date, a sitemap's lastmod) is later
    than its page's last read: a correction or a live blog at the same address.
    """
    by_url = session.exec(
        select(Article.id, Article.title, Article.headline_only)
        .where(Article.canonical_url == canonical_url)
    ).first()
    by_id = _by_entry_id(session, source, entry_id) if entry_id else None
    if (by_url is not None and by_url[2]) or (by_id is not None and by_id[2]):
        return False
    if by_id is not None and session.get(ResolvedLink, canonical_url) is not None:
        return True  # an aggregator's link, resolved before: its entry led to this article
    if by_url is not None:
        if revised is not None and by_url[0] is not None and _revised_since_read(session, by_url[0], revised):
            return False
        if by_id is not None and by_id[0] == by_url[0]:
            return True
        return not _titles_conflict(title, by_url[1])
    if by_id is not None:
        return titles_agree(title, by_id[1])
    return False
