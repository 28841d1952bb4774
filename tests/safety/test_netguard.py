import ipaddress

import pytest

from crawler.safety.netguard import forbidden_reason, host_reason, parse_ip_host, url_reason


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("10.0.0.1.", "10.0.0.1"),
        ("0x", "0.0.0.0"),
        ("[::1]", "::1"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("[fe80::1%eth0]", "fe80::1"),
        ("93.184.216.34", "93.184.216.34"),
    ],
)
def test_host_spellings_are_read_as_addresses(host: str, address: str) -> None:
    assert parse_ip_host(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.org", "1.2.3.4.5", "256.1.1.1", "08.1.1.1", "127.0.0.256", "a.b"])
def test_names_and_invalid_forms_are_not_addresses(host: str) -> None:
    assert parse_ip_host(host) is None


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("10.20.30.40", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("224.0.0.251", "multicast"),
        ("239.1.2.3", "multicast"),
        ("240.0.0.1", "address"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "private"),
        ("192.0.2.10", "private"),
        ("198.18.0.1", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("fec0::1", "site-local"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:10.0.0.1", "IPv4-mapped"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::", "6to4"),
        ("2002:a00:1::", "6to4"),
        ("64:ff9b::7f00:1", "NAT64"),
        ("64:ff9b::a9fe:a9fe", "NAT64"),
        ("::127.0.0.1", "IPv4-compatible"),
        ("2001:db8::1", "private"),
    ],
)
def test_forbidden_addresses_have_a_reason(address: str, words: str) -> None:
    reason = forbidden_reason(address)
    assert reason is not None and words in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1",
                                     "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::",
                                     "64:ff9b::808:808"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(address) is None


def test_url_reason_names_host_and_reason() -> None:
    assert url_reason("http://0x7f000001:8080/feed") == "0x7f000001: loopback address"
    assert url_reason("http://[::ffff:10.0.0.1]/") is not None
    assert url_reason("https://example.org/rss") is None
    # names are judged after DNS by the resolver, not here
    assert url_reason("http://localhost/") is None
    assert host_reason("") == "no host"
