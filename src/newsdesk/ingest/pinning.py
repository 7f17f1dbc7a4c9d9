"""Connect to the address that was checked: DNS pinning for the fetcher.

`Fetcher` checks every address a host resolves to before a request (see `addresses`). Left to
itself, the HTTP client would then resolve the host *again* to connect, and a hostile DNS
server can answer a public address to the check and a private one to the connection (DNS
rebinding), so the request would reach the user's own network before any later check. This
network backend closes that gap: it resolves the host once, refuses the connection when any
address is private (unless the source allows it), and connects to an address it just checked.
TLS still verifies the certificate against the host name (httpcore passes the name as SNI).

Whether private addresses are allowed is a property of each request (of its source), so the
fetcher sets it for the duration of a request with `allowing_private`.
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

from newsdesk.ingest.addresses import Resolver, forbidden_reason

_ALLOW_PRIVATE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "newsdesk_allow_private", default=False
)


@contextmanager
def allowing_private(allowed: bool) -> Iterator[None]:
    """Connections opened inside this block may (or may not) reach private addresses."""
    token = _ALLOW_PRIVATE.set(allowed)
    try:
        yield
    finally:
        _ALLOW_PRIVATE.reset(token)


class PrivateAddressRefused(httpcore.ConnectError):
    """The host resolved, at connection time, to an address the source may not reach."""


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend, with resolution and the address policy done here."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._addresses(host, port)
        if not _ALLOW_PRIVATE.get():
            for address in addresses:
                why = forbidden_reason(address)
                if why:
                    raise PrivateAddressRefused(f"{host} resolves to {why} at connection time")
        error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:  # try the next address, as the OS would
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the fetcher does not connect to Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def _addresses(self, host: str, port: int) -> list[str]:
        try:
            ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
            return [host.strip("[]")]
        except ValueError:
            pass
        try:
            addresses = list(self._resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        return addresses


def pinned_transport(resolver: Resolver) -> Any:
    """An httpx transport whose connections go through `PinnedBackend`.

    httpx 0.28 does not take a network backend as a parameter yet (encode/httpx#3749), so the
    backend is set on the transport's connection pool; the assertion makes an httpx upgrade
    that moves it fail loudly instead of silently dropping the protection."""
    import httpx

    transport = httpx.HTTPTransport()
    pool = transport._pool
    assert isinstance(pool, httpcore.ConnectionPool) and hasattr(pool, "_network_backend"), (
        "httpx's transport no longer exposes its connection pool's network backend"
    )
    pool._network_backend = PinnedBackend(resolver)
    return transport
