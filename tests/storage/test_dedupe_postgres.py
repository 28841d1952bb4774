"""Dedupe and stories on PostgreSQL, when one is given (STATIONWATCH_TEST_PG_URL)."""

from __future__ import annotations

from storage.dedupe import index_article, is_known_entry
from storage.engine import read_session, write_session
from storage.stories import list_stories
from tests.support.pg import needs_postgres
from tests.support.stories import fingerprint, fixture_text, match, store_article

pytestmark = needs_postgres


def test_near_copy_update_and_known_entry(pg_engine):
    text = fixture_text("story_dublin")
    _, original = store_article(pg_engine, "https://www.dublin-ledger.ie/news/a", text,
                                title="Dublin office told to close", entry_id="g-1")
    copy_text = text + "\n\nA line added by the wire desk for its readers today."
    found, copy = store_article(pg_engine, "https://wire-daily.com/a?utm_source=rss", copy_text)
    assert (found.kind, found.story_id) == ("near", original.story_id)
    with read_session(pg_engine) as session:
        assert match(session, "https://m.dublin-ledger.ie/news/a/amp", text).kind == "update"
        assert is_known_entry(session, source="test-feed", canonical_url="https://dublin-ledger.ie/news/a",
                              entry_id="g-2", title="Dublin office told to close")
        stories = list_stories(session)
    assert len(stories) == 1 and len(stories[0].copies) == 2
    # indexing again (an update) skips the bands already there
    fp = fingerprint("https://wire-daily.com/a", copy_text)
    with write_session(pg_engine) as session:
        index_article(session, copy.id, fp.bands, signature=fp.signature)
