"""A Twisted DNS resolver that refuses names resolving to forbidden addresses.

Scrapy's HTTP/1.1 handler connects through Twisted's ``HostnameEndpoint``,
which connects to exactly the address the reactor's resolver returned. So
checking the address here, after the lookup, is checking the address that
will be connected to: a name that resolves to a public address at one moment
and to 127.0.0.1 the next (DNS rebinding) is judged on each lookup's answer,
cached or not. Literal IPv4 hosts also pass through here (the lookup of
``127.0.0.1`` returns itself); IPv6 literals do not (the threaded resolver is
IPv4-only), so the downloader middleware judges every literal host too.

Install with the ``TWISTED_DNS_RESOLVER`` setting (``CrawlerProcess`` does it
when the reactor starts) or, under ``CrawlerRunner``, with
``install_guarded_resolver``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.datatypes import LocalCache
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

from crawler.safety.netguard import forbidden_reason

if TYPE_CHECKING:
    from collections.abc import Sequence

    from twisted.internet.defer import Deferred

log = logging.getLogger(__name__)

ALLOW_SETTING = "STATIONWATCH_ALLOW_PRIVATE_NETWORKS"


class ForbiddenAddressError(DNSLookupError):
    """A name resolved only to addresses the crawler may not connect to."""


@implementer(IResolverSimple)
class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing forbidden answers.

    ``refusals`` maps a refused host name (lower case) to the reason, so the
    downloader middleware can turn Twisted's bare "no results" error into a
    refusal that names the address and why.
    """

    def __init__(self, reactor: Any, cache_size: int, timeout: float, *, allow_private: bool = False):
        super().__init__(reactor, cache_size, timeout)
        self.allow_private = allow_private
        self.refusals: LocalCache[str, str] = LocalCache(1000)

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"),
                   allow_private=settings.getbool(ALLOW_SETTING))

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        d = super().getHostByName(name, timeout)
        if not self.allow_private:
            d.addCallback(self._judge, name)
        return d

    def _judge(self, address: str, name: str) -> str:
        reason = judge_answer(name, address)
        if reason is not None:
            self.refusals[name.lower()] = reason
            log.warning("refused to connect: %s", reason)
            raise ForbiddenAddressError(reason)
        return address


def judge_answer(name: str, address: str) -> str | None:
    """Why connecting to ``address`` (the answer for ``name``) is refused."""
    reason = forbidden_reason(address)
    if reason is None:
        return None
    if name == address:
        return f"{address}: {reason}"
    return f"{name} resolves to {address}: {reason}"


def install_guarded_resolver(reactor: Any, *, allow_private: bool, timeout: float = 60.0,
                             cache_size: int = 10000) -> GuardedResolver:
    """Install the guard on ``reactor`` by hand (``CrawlerRunner`` does not)."""
    resolver = GuardedResolver(reactor, cache_size, timeout, allow_private=allow_private)
    resolver.install_on_reactor()
    return resolver


def refusal_for(host: str) -> str | None:
    """The reason the installed resolver refused ``host``, if it did."""
    from twisted.internet import reactor

    resolver = getattr(reactor, "resolver", None)
    refusals = getattr(resolver, "refusals", None)
    if refusals is None:
        return None
    reason = refusals.get(host.lower())
    return str(reason) if reason is not None else None
