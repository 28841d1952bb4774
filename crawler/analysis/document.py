"""Document analysis entry points (interim version; the claims work replaces it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crawler.analysis.types import Analysis

_WORDS = ("police station", "警察", "경찰서", "comisar", "commissariat", "polizei", "politie")


def analyse(
    text: str,
    *,
    title: str | None = None,
    lang_hint: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Analysis:
    body = f"{title or ''}\n{text}".casefold()
    hit = any(w in body for w in _WORDS)
    return Analysis(relevant=hit, score=1.0 if hit else 0.0, lang=lang_hint, claims=())


def analyse_html(
    html: str,
    *,
    url: str | None = None,
    lang_hint: str | None = None,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> Analysis:
    from crawler.analysis.extract import extract_page

    page = extract_page(html, url)
    return analyse(page.text, title=page.title, lang_hint=lang_hint, keywords=keywords)
