"""``sources import``: the feeds of an OPML file as ``[[sources]]`` TOML blocks.

The file is read by listparser (given the bytes, so it never fetches
anything); each feed becomes a source whose name is made from its title (or
its URL) in the config's alphabet ``[a-z0-9._-]``, unique among the printed
blocks and the sources already configured. Feeds that are not http(s), or
whose URL is configured already, are left out with a note.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.config import SourceConfig

MAX_NAME = 60
_NOT_NAME = re.compile(r"[^a-z0-9._-]+")


class OpmlError(ValueError):
    """The file holds no feeds we can import; the message says why."""


@dataclass(slots=True)
class ImportedFeed:
    name: str
    url: str
    title: str
    categories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    feeds: list[ImportedFeed]
    skipped: list[str]  # one line per feed left out, saying why


def slug(text: str) -> str:
    """``text`` in the config's name alphabet: ASCII lower case, runs of anything else as ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = _NOT_NAME.sub("-", ascii_text.lower()).strip("-._")
    return name[:MAX_NAME].rstrip("-._")


def _base_name(title: str, url: str) -> str:
    name = slug(title)
    if not name:
        parts = urlsplit(url)
        name = slug(f"{(parts.hostname or '').removeprefix('www.')} {parts.path}")
    return name or "feed"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = name[: MAX_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def read_opml(data: bytes, *, names: Iterable[str] = (), urls: Iterable[str] = ()) -> ImportResult:
    """The feeds of an OPML document; ``names`` and ``urls``: sources configured already."""
    import listparser

    parsed = listparser.parse(data)
    feeds = list(parsed.get("feeds") or [])
    if not feeds:
        why = parsed.get("bozo_exception")
        raise OpmlError(f"not an OPML subscription list ({why})" if why
                        else "no feeds in it (no <outline> with an xmlUrl)")
    taken, known = set(names), set(urls)
    out: list[ImportedFeed] = []
    skipped: list[str] = []
    for feed in feeds:
        url = str(feed.get("url") or "").strip()
        title = "".join(ch for ch in " ".join(str(feed.get("title") or "").split())
                        if ch.isprintable())
        if not url.lower().startswith(("http://", "https://")):
            skipped.append(f"{title or url!r}: not an http(s) feed URL: {url!r}")
            continue
        if url in known:
            skipped.append(f"{title or url}: already configured ({url})")
            continue
        name = _unique(_base_name(title, url), taken)
        try:
            SourceConfig.model_validate({"name": name, "kind": "feed", "url": url})
        except ValueError as exc:
            taken.discard(name)
            skipped.append(f"{title or url}: not a valid source: {exc}".splitlines()[0])
            continue
        known.add(url)
        categories = [" / ".join(c) for c in feed.get("categories") or [] if c]
        out.append(ImportedFeed(name, url, title, categories))
    return ImportResult(out, skipped)


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def toml_blocks(feeds: Iterable[ImportedFeed]) -> str:
    blocks = []
    for feed in feeds:
        lines = []
        if feed.title:
            lines.append(f"# {feed.title}")
        if feed.categories:
            lines.append(f"# category: {', '.join(feed.categories)}")
        lines += [
            "[[sources]]",
            f"name = {_toml_string(feed.name)}",
            'kind = "feed"',
            f"url = {_toml_string(feed.url)}",
            '# lang = ""                  # the language it publishes in, e.g. "en"',
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
