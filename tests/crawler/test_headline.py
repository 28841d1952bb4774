"""Headline-only articles built from a feed entry when its page cannot be had."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.headline import (
    ENTRY_LINK_META,
    ENTRY_WORDS_META,
    RESOLVED_META,
    entry_meta,
    headline_item,
    headline_title,
)

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
ENTRY = {
    "title": "China runs more than 102 overseas police stations, NGO says - Example Daily",
    "text": "China runs more than 102 overseas police stations, NGO says  Example Daily",
    "publisher": "Example Daily",
    "publisher_url": "https://www.daily.example",
}


def _meta(**extra: object) -> dict[str, object]:
    return {"source": "gnews-en", "entry_id": "g-1", ENTRY_LINK_META: "https://news.google.com/rss/articles/X",
            "published": NOW, ENTRY_WORDS_META: entry_meta(ENTRY), **extra}


def test_publisher_suffix_is_dropped_and_a_repeating_description_is_not_read_twice() -> None:
    item = headline_item(_meta(), now=NOW, lang_hint="en")
    assert item is not None and item.headline_only
    assert item.title == "China runs more than 102 overseas police stations, NGO says"
    assert item.text == item.title  # Google's description only repeats title and publisher
    assert item.outlet == "daily.example"  # from <source url=...>
    assert item.url == "https://news.google.com/rss/articles/X" and item.feed_entry_id == "g-1"


def test_a_description_with_more_to_say_is_kept_and_a_resolved_url_wins() -> None:
    entry = {**ENTRY, "text": "The group says Italy hosts 11 of them, more than any other country."}
    meta = _meta(**{ENTRY_WORDS_META: entry_meta(entry), RESOLVED_META: "https://news.example/a"})
    item = headline_item(meta, now=NOW, lang_hint=None)
    assert item is not None and item.url == "https://news.example/a"
    assert item.outlet == "news.example"
    assert item.text.endswith("Italy hosts 11 of them, more than any other country.")


def test_no_entry_no_headline() -> None:
    assert headline_item({"source": "s", ENTRY_LINK_META: "https://x.example/"}, now=NOW, lang_hint=None) is None
    assert entry_meta({"title": "  "}) is None
    assert headline_title("Brief - Wire", "") == "Brief - Wire"
