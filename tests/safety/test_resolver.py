"""The guarded resolver, on Scrapy's DNS cache path (no DNS server needed)."""

import pytest
from scrapy.resolver import dnscache
from twisted.internet.defer import Deferred

from crawler.safety.resolver import ForbiddenAddressError, GuardedResolver, judge_answer


class _Reactor:  # the resolver only touches the reactor on a cache miss
    def getThreadPool(self) -> None:  # noqa: N802
        raise AssertionError("a cache miss was not expected")


def _result(d: Deferred) -> object:
    out: list[object] = []
    d.addBoth(out.append)
    return out[0]


@pytest.fixture
def resolver():
    r = GuardedResolver(_Reactor(), 100, 5.0, allow_private=False)
    yield r
    for name in ("news.example", "rebind.example"):
        dnscache.pop(name, None)


def test_public_answer_passes(resolver) -> None:
    dnscache["news.example"] = "93.184.216.34"
    assert _result(resolver.getHostByName("news.example")) == "93.184.216.34"


def test_rebinding_to_loopback_is_refused_on_the_later_answer(resolver) -> None:
    dnscache["rebind.example"] = "93.184.216.34"
    assert _result(resolver.getHostByName("rebind.example")) == "93.184.216.34"
    dnscache["rebind.example"] = "127.0.0.1"  # the next answer points inside
    failure = _result(resolver.getHostByName("rebind.example"))
    assert failure.check(ForbiddenAddressError)
    assert resolver.refusals["rebind.example"] == "rebind.example resolves to 127.0.0.1: loopback address"


@pytest.mark.parametrize("answer", ["10.0.0.5", "169.254.169.254", "100.64.1.1", "0.0.0.0", "224.0.0.1"])
def test_private_answers_are_refused(resolver, answer: str) -> None:
    dnscache["news.example"] = answer
    assert _result(resolver.getHostByName("news.example")).check(ForbiddenAddressError)


def test_allowed_when_private_networks_are_allowed() -> None:
    r = GuardedResolver(_Reactor(), 100, 5.0, allow_private=True)
    dnscache["news.example"] = "127.0.0.1"
    try:
        assert _result(r.getHostByName("news.example")) == "127.0.0.1"
    finally:
        dnscache.pop("news.example", None)


def test_judge_answer_wording() -> None:
    assert judge_answer("127.0.0.1", "127.0.0.1") == "127.0.0.1: loopback address"
    assert judge_answer("x.example", "8.8.8.8") is None
