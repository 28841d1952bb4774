"""Pages that stand between the crawler and the article: consent and cookie walls,
"enable JavaScript" shells, bot checks and paywalls. Pure functions, no I/O.

``wall_reason`` says why a response is such a page, or None. Two signs:

- the host: consent managers that answer instead of the site
  (``consent.google.com``, ``consent.youtube.com``, ``consent.yahoo.com``,
  ``guce.yahoo.com`` ...): any page there is a consent page;
- the content: a page with little text of its own whose text says what it
  wants (accept cookies, enable JavaScript, prove you are human, subscribe).
  Article pages carry cookie banners and "subscribe" buttons too, so a page
  whose paragraphs without such words hold ``ARTICLE_CHARS`` or more (or,
  without paragraphs, whose visible text reaches ``SHORT_PAGE_CHARS``) is
  never called a wall on its words alone; a page that declares itself not
  free (schema.org ``isAccessibleForFree`` false) and shows little text is a
  paywall.

``stop_kind`` sorts any failure reason (these, and the download errors of
``crawler.safety.errors``) into the few kinds ``sources check`` reports.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

SHORT_PAGE_CHARS = 1500
ARTICLE_CHARS = 600
CONSENT_HOSTS = frozenset({
    "consent.google.com", "consent.youtube.com", "consent.yahoo.com", "guce.yahoo.com",
    "consent.aol.com", "guce.aol.com", "myprivacy.dpgmedia.nl", "myprivacy.dpgmedia.be",
})

# (kind, what the reason names, phrases); matched case-insensitively on short pages only
_MARKERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("consent", "a consent page", (
        "before you continue", "we value your privacy", "cookie wall", "cookiewall",
        "consent to cookies", "accept cookies to continue", "manage your privacy settings",
        "privacy preferences", "toestemming", "einwilligung", "consentement",
        "acepta las cookies", "accetta i cookie", "avant de continuer", "bevor sie fortfahren",
        "쿠키 사용에 동의", "クッキーの使用に同意", "同意使用cookie",
    )),
    ("javascript", "a page that needs JavaScript", (
        "enable javascript", "javascript is disabled", "javascript is required",
        "requires javascript", "turn on javascript", "please enable js", "javascript aktivieren",
        "activez javascript", "activa javascript", "attiva javascript",
    )),
    ("bot_check", "a bot check", (
        "are you a robot", "verify you are human", "checking your browser", "just a moment...",
        "unusual traffic", "captcha", "access denied", "press & hold",
    )),
    ("paywall", "a paywall", (
        "subscribe to continue reading", "subscribe to read", "subscribers only",
        "already a subscriber", "this article is for subscribers", "log in to continue reading",
        "réservé aux abonnés", "nur für abonnenten", "solo para suscriptores", "riservato agli abbonati",
        "alleen voor abonnees", "exclusivo para assinantes",
    )),
)
_NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*"?(false|False|FALSE)"?')
_SPACE = re.compile(r"\s+")


def _one_spaced(parts: list[str]) -> str:
    return _SPACE.sub(" ", " ".join(parts)).strip()


def visible_text(html: str | Selector) -> str:
    """The page's text as a reader sees it (scripts and styles left out), one-spaced."""
    selector = html if isinstance(html, Selector) else Selector(text=html)
    return _one_spaced(selector.xpath(
        "//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::template)"
        " and not(ancestor::head)]").getall())


WALL_KINDS = tuple(kind for kind, _, _ in _MARKERS)


def _marker(folded: str, kinds: tuple[str, ...] = WALL_KINDS) -> tuple[str, str] | None:
    for kind, what, phrases in _MARKERS:
        if kind not in kinds:
            continue
        for phrase in phrases:
            if phrase in folded:
                return what, phrase
    return None


def _own_text(selector: Selector) -> int | None:
    """Characters in the page's paragraphs that say nothing a wall says; None without <p>."""
    paragraphs = [_one_spaced(p.xpath(".//text()").getall()) for p in selector.css("p")]
    if not paragraphs:
        return None
    return sum(len(p) for p in paragraphs if _marker(p.casefold()) is None)


def consent_host(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    return host if host in CONSENT_HOSTS else None


def wall_reason(url: str, html: str | None, kinds: tuple[str, ...] = WALL_KINDS) -> str | None:
    """Why this response is a wall rather than the article or listing, or None.

    ``kinds``: the walls looked for in the content (``consent``, ``javascript``,
    ``bot_check``, ``paywall``); a consent host is always one.
    """
    host = consent_host(url)
    if host is not None:
        return f"blocked by a consent page ({host})"
    if not html:
        return None
    if _marker(html.casefold(), kinds) is None and not ("paywall" in kinds and _NOT_FREE.search(html)):
        return None  # the cheap test first: most pages say nothing a wall says
    selector = Selector(text=html)
    text = visible_text(selector)
    own = _own_text(selector)
    if (own is not None and own >= ARTICLE_CHARS) or (own is None and len(text) >= SHORT_PAGE_CHARS):
        return None
    found = _marker(text.casefold(), kinds)
    if found is not None:
        return f"blocked by {found[0]} (\u201c{found[1]}\u201d)"
    if "paywall" in kinds and _NOT_FREE.search(html):
        return "blocked by a paywall (isAccessibleForFree: false)"
    return None


STOP_KINDS = ("robots.txt", "consent page", "javascript", "bot check", "paywall",
              "not decoded", "size cap", "timeout", "http error", "network", "refused", "other")


def stop_kind(reason: str) -> str:
    """The kind of a failure reason, for a per-source tally (one of ``STOP_KINDS``)."""
    low = reason.lower()
    rules = (
        ("robots.txt", ("robots.txt",)),
        ("consent page", ("consent page",)),
        ("javascript", ("needs javascript",)),
        ("bot check", ("bot check",)),
        ("paywall", ("paywall",)),
        ("not decoded", ("google news link not resolved",)),
        ("size cap", ("too large", "size cap")),
        ("timeout", ("timed out", "timeout")),
        ("http error", ("http ",)),
        ("network", ("dns lookup", "connection refused", "download failed", "connection closed")),
        ("refused", ("refused ",)),
    )
    for kind, needles in rules:
        if any(n in low for n in needles):
            return kind
    return "other"
