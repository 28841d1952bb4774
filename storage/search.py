"""Full-text search over stored articles, in every language, for the dashboard's stories.

SQLite: an FTS5 index of each article's title and text with the trigram
tokenizer (``article_fts``, kept current by triggers on ``article``). The
default tokenizer splits on spaces and punctuation, so a Chinese, Japanese or
Korean word inside a sentence is never a token of its own; trigrams find any
run of three or more characters wherever it stands. PostgreSQL: ``pg_trgm``'s
GIN index over the same text, used by ``ILIKE``.

A query is split on spaces; every term must occur (case-insensitive). Terms
shorter than three characters (a two-syllable Korean word, a Chinese
two-character word) cannot use a trigram index; they are matched with LIKE
over the articles the longer terms found, or over all of them when the query
has no longer term.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session

from storage.models import Article, Story, table_of

FTS_TABLE = "article_fts"
PG_INDEX = "ix_article_search"
MIN_TRIGRAM = 3
MAX_TERMS = 8
MAX_TERM_CHARS = 100

_ARTICLE = table_of(Article)
_STORY = table_of(Story)


def is_search_object(name: str | None) -> bool:
    """True for the index's own tables and indexes, which the models do not describe."""
    return bool(name) and (name == PG_INDEX or str(name).startswith(FTS_TABLE))


def terms(query: str) -> list[str]:
    """The search terms of ``query``: space-separated, at most ``MAX_TERMS``, each clipped."""
    return [t[:MAX_TERM_CHARS] for t in query.split()][:MAX_TERMS]


def _searchable() -> sa.ColumnElement[str]:
    # written out as the PostgreSQL index's expression, constants and all, so the planner uses it
    return sa.literal_column("coalesce(article.title, '') || ' ' || coalesce(article.text, '')",
                             sa.Text)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _matching_articles(dialect: str, words: list[str]) -> sa.Select[tuple[int]]:
    """Ids of the stories of articles holding every term."""
    text = _searchable()
    query = sa.select(_ARTICLE.c.story_id).where(_ARTICLE.c.story_id.is_not(None))
    if dialect == "sqlite":
        long_terms = [t for t in words if len(t) >= MIN_TRIGRAM]
        if long_terms:
            match = " ".join(_fts_phrase(t) for t in long_terms)
            hits = sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match").bindparams(
                match=match).columns(sa.column("rowid", sa.Integer))
            query = query.where(_ARTICLE.c.id.in_(hits.subquery().select()))
        for t in words:
            if len(t) < MIN_TRIGRAM:
                query = query.where(text.like(_like_pattern(t), escape="\\"))
        return query
    for t in words:
        query = query.where(text.ilike(_like_pattern(t), escape="\\"))
    return query


def search_story_ids(session: Session, query: str, *, limit: int, offset: int = 0) -> list[int]:
    """Relevant stories with an article holding every term of ``query``, newest first."""
    words = terms(query)
    if not words:
        return []
    dialect = session.connection().dialect.name
    stmt = (
        sa.select(_STORY.c.id)
        .where(_STORY.c.relevant == sa.true(),
               _STORY.c.id.in_(_matching_articles(dialect, words).scalar_subquery()))
        .order_by(_STORY.c.first_seen.desc(), _STORY.c.id.desc())
        .limit(max(limit, 0))
        .offset(max(offset, 0))
    )
    return [int(row[0]) for row in session.connection().execute(stmt)]
