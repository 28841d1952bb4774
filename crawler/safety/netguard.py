"""Which network addresses a crawler must never connect to.

Pure functions over :mod:`ipaddress`. ``forbidden_reason`` answers for an
address; ``parse_ip_host`` reads the host part of a URL as an address the way
``inet_aton`` and browsers do (``2130706433``, ``0x7f000001``, ``0177.0.0.1``,
``127.1``, ``[::ffff:127.0.0.1]``), so spelled-out forms cannot slip past.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_v4(addr: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, str] | None:
    """The IPv4 address an IPv6 form carries, with the name of the form."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped, "IPv4-mapped IPv6"
    if addr.sixtofour is not None:
        return addr.sixtofour, "6to4"
    if addr.teredo is not None:
        return addr.teredo[1], "Teredo"
    for net in _NAT64:
        if addr in net:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF), "NAT64"
    packed = addr.packed
    if packed[:12] == bytes(12) and int(addr) > 1:
        return ipaddress.IPv4Address(packed[12:]), "IPv4-compatible IPv6"
    return None


# The checks in order, for both families: (attribute of the address, reason).
_CHECKS = (
    ("is_unspecified", "unspecified address"),
    ("is_loopback", "loopback address"),
    ("is_link_local", "link-local address"),
    ("is_site_local", "site-local address"),  # IPv6 only
    ("is_multicast", "multicast address"),
    ("is_private", "private network address"),
    ("is_reserved", "reserved address"),
)


def _reason(addr: IPAddress) -> str | None:
    for attr, reason in _CHECKS:
        if getattr(addr, attr, False):
            return reason
        if attr == "is_link_local" and addr in _CGNAT:
            return "carrier-grade NAT address (100.64.0.0/10)"
    if not addr.is_global:
        return "address not globally routable"
    return None


def forbidden_reason(addr: IPAddress | str) -> str | None:
    """Why ``addr`` must not be connected to, or ``None`` when it is public."""
    if isinstance(addr, str):
        addr = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = _embedded_v4(addr)
        if embedded is not None:
            v4, form = embedded
            reason = _reason(v4)
            return f"{reason} ({form} form of {v4})" if reason else None
    return _reason(addr)


def is_forbidden(addr: IPAddress | str) -> bool:
    return forbidden_reason(addr) is not None


def _v4_part(text: str) -> int | None:
    if not text:
        return None
    try:
        if text[:2].lower() == "0x":
            return int(text[2:], 16) if text[2:] else 0
        if len(text) > 1 and text[0] == "0":
            return int(text, 8)
        return int(text, 10) if text.isdigit() else None
    except ValueError:
        return None


def parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Read ``host`` as IPv4 in any ``inet_aton`` spelling, else ``None``.

    One to four parts, each decimal, ``0x`` hex or ``0`` octal; the last part
    fills the remaining bytes (``127.1`` is 127.0.0.1, ``2130706433`` too).
    """
    if host.endswith("."):
        host = host[:-1]
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values = [_v4_part(p) for p in parts]
    if any(v is None for v in values):
        return None
    nums = [v for v in values if v is not None]
    *head, last = nums
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for v in head:
        value = value * 256 + v
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address a URL host spells, or ``None`` when it is a name."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    return parse_ipv4_loose(host)


def host_reason(host: str) -> str | None:
    """Why a URL host is refused before any DNS lookup, or ``None``.

    Literal addresses, in any spelling, are judged here. Names (``localhost``
    too) are judged on the addresses they resolve to, by the guarded
    resolver, which is the only place that sees the address actually used.
    """
    if not host:
        return "no host"
    addr = parse_ip_host(host)
    if addr is not None:
        reason = forbidden_reason(addr)
        return f"{host}: {reason}" if reason else None
    return None


def url_reason(url: str) -> str | None:
    """Why ``url``'s host is refused before DNS (see ``host_reason``)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError as exc:
        return f"unparsable URL: {exc}"
    # urlsplit strips brackets from IPv6 hosts; keep the form as written
    return host_reason(host)
