"""Canonical URLs (interim version; the stories work replaces it)."""

from __future__ import annotations

from urllib.parse import urlsplit

from w3lib.url import canonicalize_url


def canonical_url(url: str, *, declared: str | None = None) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(canonicalize_url(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def outlet(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def unwrap_redirector(url: str) -> str:
    return url
