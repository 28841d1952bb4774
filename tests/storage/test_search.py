"""Full-text search in every language: SQLite FTS5 (trigram) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.engine import make_engine, read_session, write_session
from storage.models import Article, Story, table_of
from storage.schema import ensure_schema, upgrade
from storage.search import search_story_ids
from tests.support.pg import fresh_database, needs_postgres

T0 = datetime(2022, 12, 5, 9, 0, tzinfo=UTC)
TEXTS = {
    "ko": ("해외 경찰서 의혹", "중국이 서울 도심에 비밀경찰서를 운영했다는 의혹이 제기됐다."),
    "zh": ("海外警察站", "该组织称中国在五十三个国家设立了一百多个海外警察服务站。"),
    "ja": ("海外警察拠点", "中国が東京に秘密警察の拠点を置いていたと報じられた。"),
    "en": ("Police stations abroad", "Dutch investigators found two Overseas Police Stations in Amsterdam."),
}


def _store(engine: sa.Engine, texts: dict[str, tuple[str, str]] = TEXTS) -> dict[str, int]:
    ids = {}
    with write_session(engine) as s:
        for i, (lang, (title, text)) in enumerate(texts.items()):
            story = Story(title=title, url=f"https://{lang}.example/a", first_seen=T0 + timedelta(hours=i))
            s.add(story)
            s.flush()
            s.add(Article(canonical_url=story.url, url=story.url, title=title, text=text, relevant=True,
                          fetched_at=story.first_seen, story_id=story.id, outlet=f"{lang}.example"))
            ids[lang] = story.id
    return ids


def _find(engine: sa.Engine, query: str) -> list[int]:
    with read_session(engine) as s:
        return search_story_ids(s, query, limit=50)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'search.db'}")
    ensure_schema(engine)
    yield engine
    engine.dispose()


def _check_languages(engine: sa.Engine) -> None:
    ids = _store(engine)
    assert _find(engine, "비밀경찰서") == [ids["ko"]]  # a Korean word inside a sentence
    assert _find(engine, "警察服务站") == [ids["zh"]]
    assert _find(engine, "秘密警察") == [ids["ja"]]
    assert _find(engine, "overseas police") == [ids["en"]]  # every term, any case
    assert _find(engine, "Amsterdam Tokyo") == []
    assert _find(engine, "서울 의혹") == [ids["ko"]]  # two-character terms too
    assert _find(engine, "50%") == [] and _find(engine, '"') == [] and _find(engine, "  ") == []
    assert sorted(_find(engine, "警察")) == sorted([ids["zh"], ids["ja"]])


def test_finds_words_inside_sentences_in_every_language(sqlite_engine: sa.Engine) -> None:
    _check_languages(sqlite_engine)


def test_index_follows_updates_and_deletes(sqlite_engine: sa.Engine) -> None:
    ids = _store(sqlite_engine)
    with write_session(sqlite_engine) as s:
        art = s.exec(sa.select(Article).where(Article.story_id == ids["en"])).scalar_one()
        art.text = "Canadian police are investigating three suspected stations in Toronto."
        s.add(art)
    assert _find(sqlite_engine, "Amsterdam") == []
    assert _find(sqlite_engine, "Toronto") == [ids["en"]]
    with write_session(sqlite_engine) as s:
        s.exec(sa.delete(Article).where(Article.story_id == ids["ko"]))
    assert _find(sqlite_engine, "비밀경찰서") == []


def _store_at_first_schema(engine: sa.Engine) -> dict[str, int]:
    """Stories written with the first schema's columns only (today's models have more)."""
    ids = {}
    with engine.begin() as conn:
        for i, (lang, (title, text)) in enumerate(TEXTS.items()):
            url, when = f"https://{lang}.example/a", T0 + timedelta(hours=i)
            story_id = conn.execute(sa.insert(table_of(Story)).values(
                title=title, url=url, first_seen=when, relevant=True, score=0.0)).inserted_primary_key[0]
            conn.execute(sa.insert(table_of(Article)).values(
                canonical_url=url, url=url, title=title, text=text, relevant=True, score=0.0,
                fetched_at=when, story_id=story_id, outlet=f"{lang}.example"))
            ids[lang] = story_id
    return ids


def test_upgrade_indexes_a_store_built_before_search(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    ids = _store_at_first_schema(engine)
    ensure_schema(engine)
    assert _find(engine, "비밀경찰서") == [ids["ko"]]
    engine.dispose()


def test_newest_first_and_pages(sqlite_engine: sa.Engine) -> None:
    ids = _store(sqlite_engine)
    with read_session(sqlite_engine) as s:
        assert search_story_ids(s, "警察", limit=1) == [ids["ja"]]
        assert search_story_ids(s, "警察", limit=1, offset=1) == [ids["zh"]]


@needs_postgres[0]
@needs_postgres[1]
def test_postgresql_search_in_every_language() -> None:
    with fresh_database() as engine:
        ensure_schema(engine)
        _check_languages(engine)
        with engine.connect() as conn:
            indexes = conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'article'").scalars().all()
        assert "ix_article_search" in indexes
