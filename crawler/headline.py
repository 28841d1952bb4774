"""Headline-only articles: a feed entry read on its own when its page cannot be had.

The feed spider puts the entry's own words in the article request's meta
(``ENTRY_WORDS_META``: title, description, publisher and its URL; the link
itself is under ``ENTRY_LINK_META``). When the page
fails (a 403 or 404, a paywall or consent wall, a Google News link that
cannot be decoded, a timeout), ``headline_item`` turns that entry into an
article marked ``headline_only``: its title and description are analysed
like any page, its figures recorded and alerted, and the store upgrades it
in place when the page arrives in a later cycle (``storage.headlines``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crawler import meta
from crawler.analysis.urls import outlet
from crawler.items import ArticleItem

ENTRY_WORDS_META = "entry_words"  # request.meta key: the entry's own words (see entry_meta)
ENTRY_LINK_META = meta.ENTRY  # request.meta key: the link the listing gave (before redirects)
RESOLVED_META = "resolved_url"  # request.meta key: where an aggregator's link was found to lead
_SPACE = re.compile(r"\s+")
_DASHES = (" - ", " – ", " — ", " | ")


def entry_meta(entry: Mapping[str, Any]) -> dict[str, str] | None:
    """What a headline-only article needs from a parsed feed entry, or None without a title."""
    title = _clean(entry.get("title"))
    if not title:
        return None
    return {
        "title": title,
        "description": _clean(entry.get("text")),
        "publisher": _clean(entry.get("publisher")),
        "publisher_url": _clean(entry.get("publisher_url")),
    }


def _clean(value: object) -> str:
    return _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def _fold(text: str) -> str:
    return _SPACE.sub(" ", re.sub(r"[\W_]+", " ", text.casefold())).strip()


def headline_title(title: str, publisher: str) -> str:
    """The headline without the " - Publisher" that aggregators append."""
    if publisher:
        for dash in _DASHES:
            suffix = f"{dash}{publisher}"
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title


def headline_text(title: str, description: str, publisher: str) -> str:
    """The entry's words to analyse: the description, unless it only repeats the headline."""
    rest = _fold(description)
    for known in (_fold(title), _fold(publisher)):
        if known:
            rest = rest.replace(known, " ")
    return description if len(rest.strip()) >= 20 else ""


def headline_item(meta: Mapping[str, Any], *, now: datetime, lang_hint: str | None) -> ArticleItem | None:
    """The headline-only article for a failed page request, or None when it has no entry."""
    entry = meta.get(ENTRY_WORDS_META)
    source = meta.get("source")
    if not isinstance(entry, Mapping) or not entry.get("title") or not source:
        return None
    publisher = str(entry.get("publisher") or "")
    title = headline_title(str(entry["title"]), publisher)
    description = headline_text(title, str(entry.get("description") or ""), publisher)
    url = str(meta.get(RESOLVED_META) or meta.get(ENTRY_LINK_META) or "")
    if not url:
        return None
    publisher_url = str(entry.get("publisher_url") or "")
    home = meta.get(RESOLVED_META) or publisher_url
    return ArticleItem(
        source=str(source),
        url=url,
        fetched_at=now,
        feed_entry_id=meta.get("entry_id"),
        title=title,
        published=meta.get("published"),
        text=f"{title}\n\n{description}".strip(),
        lang_hint=lang_hint,
        outlet=outlet(str(home)) if home else None,
        headline_only=True,
    )
