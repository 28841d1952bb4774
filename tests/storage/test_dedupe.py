"""Dedupe on a real SQLite file: stories, copies, updates and known feed entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from crawler.analysis import fingerprints, urls
from storage.dedupe import (
    BAND_CANDIDATES,
    NEAR_THRESHOLD,
    index_article,
    is_known_entry,
    match_story,
    titles_agree,
)
from storage.engine import read_session, write_session
from storage.models import Article, MinhashBand, Story
from tests.support.store import open_store
from tests.support.stories import T0, fixture_text, match, store_article

ORIGINAL_URL = "https://www.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close"
COPY_URL = (
    "https://m.wire-daily.com/world/europe/ireland-orders-chinese-station-shut/"
    "?utm_source=rss&utm_medium=feed&utm_campaign=world"
)


@pytest.fixture
def engine(tmp_path):
    eng = open_store(tmp_path / "store.db")
    yield eng
    eng.dispose()


def syndicated(text: str) -> str:
    """The same wire text on another site: a credit line and one extra sentence."""
    return (
        text
        + "\n\nThe Irish Times and other papers reported the closure earlier in the day."
        + "\n\nThis article first appeared in the Dublin Ledger and is republished with permission."
    )


def test_syndicated_copy_joins_the_story(engine):
    text = fixture_text("story_dublin")
    first, original = store_article(engine, ORIGINAL_URL, text, title="Dublin office told to close")
    assert first.kind == "new"
    found, copy = store_article(
        engine, COPY_URL, syndicated(text), title="Ireland shuts 'police station' run by China",
        fetched_at=T0 + timedelta(hours=3),
    )
    assert found.kind == "near"
    assert found.article_id == original.id
    assert found.story_id == original.story_id
    assert found.similarity is not None and found.similarity >= NEAR_THRESHOLD
    assert copy.story_id == original.story_id
    assert copy.canonical_url == "https://wire-daily.com/world/europe/ireland-orders-chinese-station-shut"
    with read_session(engine) as session:
        assert len(session.exec(select(Story)).all()) == 1
        assert len(session.exec(select(Article).where(Article.story_id == original.story_id)).all()) == 2


def test_same_text_elsewhere_is_exact(engine):
    text = fixture_text("story_toronto")
    _, original = store_article(engine, "https://news-a.example.com/toronto", text)
    respaced = "  " + text.replace("\n\n", "\n").upper() + "  "
    with read_session(engine) as session:
        found = match(session, "https://news-b.example.net/canada/rcmp-probe", respaced)
    assert (found.kind, found.article_id, found.story_id) == ("exact", original.id, original.story_id)


def test_different_stories_stay_apart(engine):
    store_article(engine, ORIGINAL_URL, fixture_text("story_dublin"))
    found, _ = store_article(engine, "https://news-a.example.com/toronto", fixture_text("story_toronto"))
    assert found.kind == "new"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("live_header", "live_monday", "live_footer"), ("live_header", "live_tuesday", "live_footer")),
        (("roundup_intro", "roundup_week1", "roundup_outro"), ("roundup_intro", "roundup_week2", "roundup_outro")),
    ],
    ids=["live-updates", "weekly-roundup"],
)
def test_template_stories_are_not_merged(engine, first, second):
    a, b = fixture_text(*first), fixture_text(*second)
    # they do share their boilerplate: the test is not trivially passing
    assert fingerprints.jaccard(a, b) > 0.2
    _, one = store_article(engine, "https://live.example.org/updates/2022-10-31", a, title="Live updates")
    found, two = store_article(engine, "https://live.example.org/updates/2022-11-01", b, title="Live updates")
    assert found.kind == "new"
    assert one.story_id != two.story_id


def test_template_stories_not_merged_even_when_bands_collide(engine):
    """Verification decides, not the band index: forge a shared band and check the verdict."""
    a = fixture_text("live_header", "live_monday", "live_footer")
    b = fixture_text("live_header", "live_tuesday", "live_footer")
    _, one = store_article(engine, "https://live.example.org/a", a)
    sig_b = fingerprints.signature(b)
    bands_b = fingerprints.band_hashes(sig_b)
    with write_session(engine) as session:
        session.add(MinhashBand(band=0, hash=bands_b[0], article_id=one.id))
    with read_session(engine) as session:
        found = match_story(
            session, canonical_url="https://live.example.org/b",
            content_hash=fingerprints.content_hash(b), signature=sig_b, bands=bands_b,
        )
    assert found.kind == "new"


def test_same_url_with_edited_text_is_an_update(engine):
    text = fixture_text("story_dublin")
    _, original = store_article(engine, ORIGINAL_URL, text)
    edited = text + "\n\nUpdate: the office has since removed its sign, officials said."
    found, again = store_article(engine, ORIGINAL_URL + "?utm_source=twitter#comments", edited)
    assert (found.kind, found.article_id, found.story_id) == ("update", original.id, original.story_id)
    assert again.id == original.id
    with read_session(engine) as session:
        assert len(session.exec(select(Story)).all()) == 1
        assert session.get(Article, original.id).text == edited


@pytest.mark.parametrize(
    "variant",
    [
        "https://amp.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close",
        "https://www.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close/amp",
        "https://www.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close?amp=1",
        "https://m.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close/",
        "https://mobile.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close?outputType=amp",
        "https://www-dublin--ledger-ie.cdn.ampproject.org/c/s/www.dublin-ledger.ie/news/2022/10/26/capel-street-office-told-to-close/amp",
    ],
)
def test_amp_and_mobile_urls_fold_into_their_article(engine, variant):
    text = fixture_text("story_dublin")
    _, original = store_article(engine, ORIGINAL_URL, text, entry_id="guid-1")
    # a slightly different rendering (AMP pages drop a line) is still the same article
    amp_text = text.rsplit("\n\n", 1)[0]
    with read_session(engine) as session:
        found = match(session, variant, amp_text)
        assert (found.kind, found.article_id) == ("update", original.id)
        assert is_known_entry(
            session, source="other-feed", canonical_url=urls.canonical_url(variant), entry_id=None
        )


def test_republished_with_new_feed_id_and_tracking_is_known(engine):
    store_article(engine, ORIGINAL_URL, fixture_text("story_dublin"),
                  title="Dublin office told to close", entry_id="urn:ledger:1001")
    republished = ORIGINAL_URL + "?utm_source=feed&utm_medium=rss&fbclid=abc&mc_cid=1&ocid=x"
    with read_session(engine) as session:
        assert is_known_entry(
            session, source="test-feed", canonical_url=urls.canonical_url(republished),
            entry_id="urn:ledger:2002", title="Dublin office told to close",
        )
        # the same item with its id and no title is known by URL alone
        assert is_known_entry(
            session, source="test-feed", canonical_url=urls.canonical_url(republished),
            entry_id=None,
        )
        # an unseen link with an unseen id is not
        assert not is_known_entry(
            session, source="test-feed", canonical_url="https://dublin-ledger.ie/news/other",
            entry_id="urn:ledger:3003", title="Something else",
        )


def test_shared_link_with_other_title_is_not_known(engine):
    home = "https://tiny-outlet.example.org/"
    store_article(engine, home, fixture_text("story_toronto"), title="Police probe three sites",
                  entry_id="item-1")
    with read_session(engine) as session:
        # another item of the same feed that also links to the home page
        assert not is_known_entry(session, source="test-feed", canonical_url=home,
                                  entry_id="item-2", title="Ferry strike strands tourists")
        # the first item itself, seen again
        assert is_known_entry(session, source="test-feed", canonical_url=home,
                              entry_id="item-1", title="Police probe three sites")


def test_feed_id_alone_is_not_trusted(engine):
    store_article(engine, ORIGINAL_URL, fixture_text("story_dublin"),
                  title="Dublin office told to close", entry_id="42")
    moved = "https://www.dublin-ledger.ie/news/ireland/capel-street-office-told-to-close"
    with read_session(engine) as session:
        # the feed reuses id 42 for a different item at a new link
        assert not is_known_entry(session, source="test-feed", canonical_url=moved,
                                  entry_id="42", title="Budget talks resume")
        # the same item whose link moved: the title confirms it
        assert is_known_entry(session, source="test-feed", canonical_url=moved,
                              entry_id="42", title="Dublin office told to close | Dublin Ledger")
        # the id in another source's feed means nothing
        assert not is_known_entry(session, source="another-feed", canonical_url=moved,
                                  entry_id="42", title="Dublin office told to close")


def test_edited_headline_makes_the_entry_worth_fetching_again(engine):
    store_article(engine, ORIGINAL_URL, fixture_text("story_dublin"),
                  title="Dublin office told to close", entry_id="a1")
    with read_session(engine) as session:
        assert not is_known_entry(session, source="another-feed", canonical_url=ORIGINAL_URL,
                                  entry_id="zz", title="Ireland expels police envoy")


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Dublin office told to close", "Dublin office told to close | Dublin Ledger", True),
        ("Dublin office told to close", "DUBLIN office told to close!", True),
        ("Live", "Live updates: Dutch ministry orders closures, ferry strike, floods", False),
        ("Dublin office told to close", "Toronto sites probed", False),
        (None, "Anything", False),
    ],
)
def test_titles_agree(a, b, agree):
    assert titles_agree(a, b) is agree


def test_index_survives_a_restart(tmp_path):
    path = tmp_path / "store.db"
    eng = open_store(path)
    text = fixture_text("story_dublin")
    _, original = store_article(eng, ORIGINAL_URL, text)
    eng.dispose()
    eng = open_store(path)
    with read_session(eng) as session:
        found = match(session, COPY_URL, syndicated(text))
    eng.dispose()
    assert (found.kind, found.article_id) == ("near", original.id)


def test_index_article_is_idempotent_and_stores_the_signature(engine):
    text = fixture_text("story_toronto")
    _, art = store_article(engine, "https://news-a.example.com/toronto", text)
    sig = fingerprints.signature(text)
    with write_session(engine) as session:
        index_article(session, art.id, fingerprints.band_hashes(sig), signature=sig)
    with read_session(engine) as session:
        rows = session.exec(select(MinhashBand).where(MinhashBand.article_id == art.id)).all()
        assert len(rows) == fingerprints.BANDS
        assert session.get(Article, art.id).minhash == sig


def test_crowded_band_is_capped_but_the_copy_is_still_found(engine):
    """Boilerplate pages sharing one band hash cannot flood the lookup."""
    text = fixture_text("story_dublin")
    _, original = store_article(engine, ORIGINAL_URL, text)
    sig = fingerprints.signature(syndicated(text))
    bands = fingerprints.band_hashes(sig)
    with write_session(engine) as session:
        for n in range(BAND_CANDIDATES * 3):
            filler = Article(canonical_url=f"https://spam.example.com/{n}", url="x",
                             fetched_at=T0, text="subscribe to read", content_hash=str(n))
            session.add(filler)
            session.flush()
            session.add(MinhashBand(band=5, hash=bands[5], article_id=filler.id))
    with read_session(engine) as session:
        found = match_story(session, canonical_url="https://wire-daily.com/x",
                            content_hash="f" * 64, signature=sig, bands=bands)
    assert (found.kind, found.article_id) == ("near", original.id)


def test_empty_text_is_never_a_duplicate(engine):
    store_article(engine, "https://a.example.com/empty", "")
    with read_session(engine) as session:
        found = match(session, "https://b.example.com/empty", "   ")
    assert found.kind == "new"


def test_an_entry_whose_listing_date_moved_on_is_fetched_again(engine):
    """A correction or a live blog keeps its URL and feed id: its listing date says it changed."""
    _, article = store_article(engine, ORIGINAL_URL, fixture_text("story_dublin"),
                               title="Dublin office told to close", entry_id="urn:ledger:1001")
    url = urls.canonical_url(ORIGINAL_URL)

    def known(revised):
        with read_session(engine) as session:
            return is_known_entry(session, source="test-feed", canonical_url=url,
                                  entry_id="urn:ledger:1001", title="Dublin office told to close",
                                  revised=revised)

    assert known(None) and known(T0 - timedelta(hours=2))  # listed before it was read
    assert not known(T0 + timedelta(hours=1))  # re-dated since: read again
    with write_session(engine) as session:  # read from a feed that dated it T0 - 3h:
        stored = session.get(Article, article.id)  # listing dates are compared with it
        stored.listed_at = T0 - timedelta(hours=3)
        session.add(stored)
    assert known(T0 - timedelta(hours=4)) and not known(T0 - timedelta(hours=2))
    with write_session(engine) as session:  # read again: the date it was read under is kept
        stored = session.get(Article, article.id)
        stored.listed_at = T0 + timedelta(hours=1)
        session.add(stored)
    assert known(T0 + timedelta(hours=1))
    assert not known(T0 + timedelta(hours=2))
    with write_session(engine) as session:  # an off-topic page: a sitemap stamping every
        stored = session.get(Article, article.id)  # entry with "now" must not cost a fetch each
        stored.relevant = False
        session.add(stored)
    assert known(T0 + timedelta(hours=2))
