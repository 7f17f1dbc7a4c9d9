"""Refuse network addresses the fetcher must not reach: private, loopback, link-local and the like.

A news fetcher that follows any URL (a feed entry, a redirect) can be turned into a way into the
user's own network (routers, admin consoles, cloud metadata at 169.254.169.254). So every host is
resolved and *every* address it resolves to is checked before a request; the connection itself
resolves the host once more, checks again and connects to the address it checked (see
`pinning`), so a DNS server answering differently the second time (DNS rebinding) never gets a
request to a private address; the peer of the response is checked a last time (`Fetcher`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

#: Resolves (host, port) to IP address strings; injectable so tests can check the policy on
#: addresses that no test machine resolves to.
Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (IPv4 and IPv6); raises OSError."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def forbidden_reason(address: str) -> str | None:
    """Why an address may not be fetched without opting in (``None`` when it is public)."""
    # Strip an IPv6 zone id ("fe80::1%eth0"): it does not change the address class.
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            inner = forbidden_reason(str(mapped))
            return f"{inner} (embedded in {ip})" if inner else None
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_private, "private"),
        (ip.is_reserved, "reserved"),
        # Shared address space (100.64.0.0/10), documentation ranges, etc.
        (not ip.is_global, "not globally routable"),
    )
    for flagged, label in checks:
        if flagged:
            return f"{ip} is {label}"
    return None


def check_host(host: str, port: int, resolver: Resolver) -> tuple[str | None, str | None]:
    """Resolve host and check every address: (refusal, None), (None, None) or (None, dns error)."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        return None, f"cannot resolve {host}: {exc}"
    if not addresses:
        return None, f"{host} resolves to no address"
    for address in addresses:
        why = forbidden_reason(address)
        if why:
            return f"{host} resolves to {why}", None
    return None, None
