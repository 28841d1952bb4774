"""Canonical URLs: one spelling per article, whatever link led to it.

Pure functions, no I/O. ``canonical_url`` is the identity key of a stored
article (``article.canonical_url`` is unique), so two links that show the
same article must fold to the same string, and two articles must not.

What folds (w3lib's ``canonicalize_url`` does the percent-encoding, query
sorting and fragment; the rest is done here, on ``urllib.parse`` parts):

- scheme and host lower case, default port (80/443) dropped, fragment dropped;
- tracking parameters removed: ``utm_*``, ``fbclid``, ``gclid``, ``mc_cid`` and
  the others in ``TRACKING_PARAMS`` / ``TRACKING_PREFIXES``;
- the query sorted, an empty query dropped, a trailing ``/`` dropped (not the root);
- AMP and mobile variants: a ``/amp`` path suffix (or ``/amp/`` and ``.amp``),
  ``?amp=1``, ``?amp``, ``?outputType=amp``, and ``amp.``, ``m.``, ``mobile.``
  and ``www.`` host prefixes, so ``m.example.org``, ``amp.example.org``,
  ``www.example.org`` and ``example.org`` are one site;
- redirector links (``unwrap_redirector``) are replaced by their target first;
- ``declared`` (the page's ``rel=canonical`` or ``og:url``) is honoured only
  when it is on the same registered site (eTLD+1, or the same host:port for IP
  addresses and single-label hosts) and does not point at the site's home
  page while the page itself is deeper (a common CMS mistake).

Not done here, because it needs the network: FeedBurner ``feedproxy`` links
and Google News article links (``news.google.com/rss/articles/...``) only say
where they go by redirecting; the spider follows the redirect and passes the
URL it lands on (``response.url``) to ``canonical_url``.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit, urlunsplit

from tld import get_fld, get_tld
from w3lib.url import canonicalize_url, url_query_cleaner

log = logging.getLogger(__name__)

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "ocid", "cmpid", "cmp", "_ga", "_gl",
        "spm", "scm", "ncid", "sr_share", "share", "smid", "smtyp", "sh", "ref_src",
        "ref_url", "rss", "rssfeed", "from", "feature", "at_medium", "at_campaign",
        "at_custom1", "at_custom2", "at_custom3", "at_custom4", "cid", "icid", "xtor",
        "wt.mc_id", "wt_mc_id", "ito", "s_cid", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "__twitter_impression", "guccounter", "guce_referrer",
        "guce_referrer_sig", "taid", "tpcc", "partner", "via", "mbid", "oly_anon_id",
        "oly_enc_id", "vero_id", "rb_clickid", "ss_source", "ss_campaign_id",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "itm_", "at_", "ns_", "oly_", "_hs")
# Query parameters that only ask for the AMP rendering of the same page.
AMP_PARAMS = {"amp": {"", "1", "true", "yes"}, "outputtype": {"amp"}, "_amp": {"true", "1"}}
MOBILE_HOST_LABELS = ("www", "m", "mobile", "amp", "www1", "www2")
DEFAULT_PORTS = {"http": 80, "https": 443}

_AMP_PATH = re.compile(r"(?:/amp/?|\.amp(?:\.html?)?)$", re.IGNORECASE)
_AMP_PATH_HTML = re.compile(r"\.amp\.html?$", re.IGNORECASE)

# Redirector hosts whose target is a query parameter: host suffix -> (path regex, param names).
_QUERY_REDIRECTORS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("bing.com", re.compile(r"^/news/apiclick\.aspx$", re.I), ("url",)),
    ("google.com", re.compile(r"^/url$", re.I), ("url", "q")),
    ("facebook.com", re.compile(r"^/l\.php$", re.I), ("u",)),
    ("news.yahoo.com", re.compile(r"^/.*redirect", re.I), ("url",)),
    ("t.umblr.com", re.compile(r"^/redirect$", re.I), ("z",)),
    ("out.reddit.com", re.compile(r"^/", re.I), ("url",)),
)
# Google's AMP viewer and the AMP cache carry the publisher URL in the path.
_GOOGLE_AMP = re.compile(r"^/amp/(s/)?(.+)$", re.I)
_AMP_CACHE = re.compile(r"^/[cvi]/(s/)?(.+)$", re.I)
_MAX_UNWRAP = 5


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _host_is(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def _unwrap_once(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for suffix, path_re, names in _QUERY_REDIRECTORS:
        if _host_is(host, suffix) and path_re.search(parts.path):
            query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
            for name in names:
                target = query.get(name, "").strip()
                if _is_http(target):
                    return target
            return None
    if _host_is(host, "google.com") or host.startswith("google."):
        m = _GOOGLE_AMP.match(parts.path)
        if m:
            return ("https://" if m.group(1) else "http://") + m.group(2) + (
                "?" + parts.query if parts.query else ""
            )
    if host.endswith(".cdn.ampproject.org") or host.endswith(".ampproject.net"):
        m = _AMP_CACHE.match(parts.path)
        if m:
            return ("https://" if m.group(1) else "http://") + m.group(2) + (
                "?" + parts.query if parts.query else ""
            )
    return None


def unwrap_redirector(url: str) -> str:
    """The target of a redirector link whose target is written in it; else ``url`` unchanged.

    Handles Bing News ``apiclick.aspx?url=``, Google ``/url?url=`` (Google
    Alerts feeds), Google's ``/amp/s/`` viewer, the AMP cache
    (``*.cdn.ampproject.org/c/s/...``), Facebook ``l.php?u=`` and a few
    others, nested ones too. Links that redirect without saying where
    (FeedBurner, Google News articles) are left as they are: following
    them is the spider's job.
    """
    current = url.strip()
    for _ in range(_MAX_UNWRAP):
        if not _is_http(current):
            return current
        target = _unwrap_once(current)
        if target is None:
            return current
        if "%" in target and "://" not in target[:10]:
            target = unquote(target)
        current = target.strip()
    return current


def _is_public_suffix(host: str) -> bool:
    return get_tld("x." + host, fix_protocol=True, fail_silently=True) == host


def _strip_host_prefixes(host: str) -> str:
    """Drop leading ``www.``/``m.``/``mobile.``/``amp.`` labels, never down to a public suffix."""
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in MOBILE_HOST_LABELS:
        if _is_public_suffix(".".join(labels[1:])):
            break
        labels = labels[1:]
    return ".".join(labels)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _is_amp_param(name: str, value: str) -> bool:
    values = AMP_PARAMS.get(name.lower())
    return values is not None and value.lower() in values


def _netloc(scheme: str, parts: SplitResult) -> str:
    host = (parts.hostname or "").lower().rstrip(".")
    if not _is_ip(host):
        host = _strip_host_prefixes(host)
    elif ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    return host


def _fold(url: str) -> str:
    url = url.replace("&amp;", "&")
    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    drop = {k for k, v in pairs if _is_tracking(k) or _is_amp_param(k, v)}
    if drop:
        url = url_query_cleaner(url, sorted(drop), remove=True, unique=False, keep_fragments=False)
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    scheme = parts.scheme.lower()
    path = parts.path or "/"
    if _AMP_PATH_HTML.search(path):
        path = _AMP_PATH_HTML.sub(".html", path)
    else:
        path = _AMP_PATH.sub("", path) or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, _netloc(scheme, parts), path, parts.query, ""))


def site(url: str) -> str:
    """The registered site of ``url``: eTLD+1, or host[:port] for IPs and unlisted names."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not _is_ip(host):
        fld = get_fld(host, fix_protocol=True, fail_silently=True)
        if fld:
            return fld
    return _netloc(parts.scheme.lower(), parts)


def _same_site(a: str, b: str) -> bool:
    return site(a) == site(b)


def _is_home(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def canonical_url(url: str, *, declared: str | None = None) -> str:
    """The canonical spelling of ``url`` (see the module docstring for what folds).

    Never raises: a link that cannot be parsed (a bad port, say) comes back
    stripped but otherwise as it is.

    ``declared`` is the page's ``rel=canonical`` or ``og:url`` (relative ones
    are resolved against ``url``); it wins only when it is on the same
    registered site and is not the home page of a deeper page.
    """
    found = unwrap_redirector(url)
    if not _is_http(found):
        return found.strip()
    try:
        folded = _fold(found)
    except ValueError as exc:  # a bad port or host: keep the link as it is
        log.debug("cannot fold %r: %s", url, exc)
        return found.strip()
    if declared:
        try:
            target = urljoin(found, declared.strip())
            if _is_http(target) and _same_site(target, found):
                declared_folded = _fold(target)
                if not (_is_home(declared_folded) and not _is_home(folded)):
                    return declared_folded
                log.debug("ignoring home-page canonical %s for %s", declared, url)
            else:
                log.debug("ignoring off-site canonical %s for %s", declared, url)
        except ValueError as exc:
            log.debug("ignoring unusable canonical %r for %s: %s", declared, url, exc)
    return folded


def outlet(url: str) -> str:
    """The outlet's host for display: lower case, without ``www.``/``m.``/``amp.``,
    international names in Unicode, with a non-default port."""
    parts = urlsplit(unwrap_redirector(url))
    try:
        host = _netloc(parts.scheme.lower(), parts)
    except ValueError:
        return (parts.hostname or "").lower()
    return ".".join(_from_punycode(label) for label in host.split("."))


def _from_punycode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label
