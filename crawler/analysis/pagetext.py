"""Main text, title, date and declared canonical URL of an article page (HTML → text).

The page is parsed once (trafilatura's ``load_html``). The few head facts
the product needs (title, canonical URL, publication date, language) are
read from that tree with a handful of XPath look-ups, and trafilatura then
extracts the main text from the same tree without its metadata pass, which
costs more than half of a full extraction (author, categories, licence and
site-name heuristics we never use). The date falls back to htmldate only
when neither the feed nor the page's meta tags give one.

Blocks stay blocks: the text holds one block (headline, byline, paragraph, list item,
table cell, quote) per line, so that a headline without a final stop never runs into the
paragraph after it. trafilatura's own text keeps them as lines, except on its rescue path
for short pages (the baseline, which flattens a whole ``<article>`` into one paragraph):
that path is taken here only when the main extractor finds clearly less text.
"""

from __future__ import annotations

import logging
import re
from configparser import ConfigParser
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

_DATE_XPATHS = (
    '//meta[@property="article:published_time" or @name="article:published_time"]/@content',
    '//meta[@property="og:published_time" or @name="pubdate" or @name="publishdate"]/@content',
    '//meta[@itemprop="datePublished" or @name="date" or @name="DC.date.issued"]/@content',
    "//time[@datetime][1]/@datetime",
)
_TITLE_SPLIT = re.compile(r"\s+[|\-–—·:]\s+")
# trafilatura's MIN_EXTRACTED_SIZE: below it, trafilatura rescues the page with its baseline
_RESCUE_BELOW = 250
# the rescue is taken only when it finds this much more text than the main extractor did
_RESCUE_GAIN = 1.5
_BLOCK_TAGS = ("head", "p", "item", "cell", "quote", "code")


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None
    text: str
    published: datetime | None
    lang: str | None
    canonical: str | None  # rel=canonical / og:url as declared by the page


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime (naive ones are taken as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or past the calendar once in UTC
        return None


def _first(tree: Any, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        text = " ".join(str(value).split())
        if text:
            return text
    return None


def _title(tree: Any) -> str | None:
    og = _first(tree, '//meta[@property="og:title"]/@content')
    if og:
        return og
    for h1 in tree.xpath("//h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    title = _first(tree, "//title/text()")
    if not title:
        return None
    parts = _TITLE_SPLIT.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _date(tree: Any) -> datetime | None:
    for xpath in _DATE_XPATHS:
        value = parse_date(_first(tree, xpath))
        if value is not None:
            return value
    from htmldate import find_date  # the slower search, only when the tags say nothing

    return parse_date(find_date(tree, extensive_search=False, original_date=True))


def _lang(tree: Any) -> str | None:
    raw = _first(tree, "/html/@lang") or _first(tree, '//meta[@http-equiv="content-language"]/@content')
    if not raw:
        return None
    code = raw.split("-")[0].split("_")[0].strip().lower()
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def extract_page(html: str | bytes, url: str | None = None, *, need_date: bool = True) -> Page:
    """Extract the article from ``html``; an empty ``text`` when there is none.

    ``need_date``: look for a publication date (callers that already have the
    feed's date pass False). ``url`` is for logging only: the page's own
    rel=canonical / og:url is what ``canonical`` reports.
    """
    from trafilatura.utils import load_html  # heavy: loaded only where pages are read

    tree = load_html(html)
    if tree is None:
        log.debug("no HTML document at %s", url)
        return Page(title=None, text="", published=None, lang=None, canonical=None)
    title = _title(tree)
    canonical = _first(tree, '//link[@rel="canonical"]/@href') or _first(
        tree, '//meta[@property="og:url"]/@content'
    )
    published = _date(tree) if need_date else None
    lang = _lang(tree)
    text = _main_text(tree, html)
    return Page(title=title, text=text, published=published, lang=lang, canonical=canonical)


@lru_cache(maxsize=1)
def _structured() -> ConfigParser:
    """trafilatura's settings with its baseline rescue off (it flattens blocks)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _main_text(tree: Any, html: str | bytes) -> str:
    """The article's blocks, one per line (see the module docstring)."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    options: dict[str, Any] = {"fast": True, "include_comments": False, "include_tables": False,
                               "with_metadata": False, "deduplicate": False}
    doc = bare_extraction(tree, config=_structured(), **options)
    text = block_text(doc.body) if isinstance(doc, Document) else ""
    if len(text) >= _RESCUE_BELOW:
        return text
    from trafilatura.utils import load_html

    rescue = bare_extraction(load_html(html), **options)  # the tree above was pruned in place
    flat = ((rescue.text if isinstance(rescue, Document) else "") or "").strip()
    if len(flat) > _RESCUE_GAIN * len(text) + 40:
        log.debug("main text from trafilatura's rescue: blocks are lost")
        return flat
    return text


def block_text(body: Any) -> str:
    """One line per block of trafilatura's XML body: heads, paragraphs (a line break inside
    one starts a new line), list items, table cells, quotes."""
    if body is None:
        return ""
    lines: list[str] = []
    for elem in body.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in elem.iterancestors()):
            continue  # a paragraph inside a quote or a list item: read with its container
        for line in _lines(elem):
            if line:
                lines.append(line)
    return "\n".join(lines)


def _lines(elem: Any) -> list[str]:
    """The text of a block, split at its line breaks (<lb/>) and nested blocks."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if child.tag == "lb" or child.tag in _BLOCK_TAGS:
            parts.append("\n")
        if child.tag != "lb":
            parts.append("".join(child.itertext()))
        if child.tag in _BLOCK_TAGS:
            parts.append("\n")
        parts.append(child.tail or "")
    return [" ".join(line.split()) for line in "".join(parts).split("\n")]


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per block element."""
    from lxml import etree
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.ParserError):
        return " ".join(fragment.split())
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for elem in root.iter(*_HTML_BLOCKS):
        elem.tail = "\n" + (elem.tail or "")
        elem.text = "\n" + (elem.text or "")
    text = root.text_content()
    return "\n".join(line for line in (" ".join(x.split()) for x in text.split("\n")) if line)


_HTML_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr",
                "blockquote", "figcaption", "caption", "dt", "dd", "section", "article",
                "header", "footer", "pre", "table", "ul", "ol")
