"""Connect to the address that was checked (DNS pinning), and stop at the fetch's deadline.

`Fetcher` checks every address a host resolves to before a request (see `addresses`). Left to
itself, the HTTP client would then resolve the host *again* to connect, and a hostile DNS
server can answer a public address to the check and a private one to the connection (DNS
rebinding), so the request would reach the user's own network before any later check. This
network backend closes that gap: it resolves the host once, refuses the connection when any
address is private (unless the source allows it), and connects to an address it just checked.
TLS still verifies the certificate against the host name (httpcore passes the name as SNI).

Whether private addresses are allowed is a property of each request (of its source and of the
host it goes to), so the fetcher sets it for the duration of a request with `allowing_private`.

The same backend enforces one deadline for a whole fetch (`within_deadline`). httpx's timeouts
are per network operation: a server that sends its headers or body one byte a second never
trips them (encode/httpx#1450, where the maintainers place a total timeout in httpcore). Every
stream this backend opens caps each connect, read and write at the time left before the
deadline of the fetch in progress, and refuses any once it has passed; so a response that
trickles in ends with ``httpcore.ReadTimeout`` at the deadline, headers and body alike, and no
thread is needed to watch it. Name resolution cannot be interrupted that way (getaddrinfo
blocks), so `bounded_resolver` waits for it in a helper thread, for the time left at most.
"""

from __future__ import annotations

import contextvars
import ipaddress
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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


class Deadline:
    """The moment a fetch must be over by, on the fetcher's clock; `extend` adds back the time
    spent waiting on purpose (the per-host interval), which is politeness, not the server's."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return self._end - self._clock()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def extend(self, seconds: float) -> None:
        self._end += max(0.0, seconds)

    def cap(self, timeout: float | None, error: type[Exception]) -> float:
        """`timeout` shortened to the time left; raises `error` when none is left."""
        left = self.remaining()
        if left <= 0:
            raise error(f"the whole fetch took longer than its deadline of {self.seconds:g} s")
        return left if timeout is None else min(timeout, left)


_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "newsdesk_fetch_deadline", default=None
)


@contextmanager
def within_deadline(deadline: Deadline) -> Iterator[Deadline]:
    """Network operations inside this block (in this thread) end by the deadline."""
    token = _DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _DEADLINE.reset(token)


def _capped(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    return timeout if deadline is None else deadline.cap(timeout, error)


def bounded_resolver(resolver: Resolver, timeout: float, purpose: str) -> Resolver:
    """`resolver`, giving up (TimeoutError, an OSError) after `timeout` seconds or at the deadline
    of the fetch in progress, whichever comes first. A hostile domain's DNS server can take its
    time to answer: the lookup goes on in a daemon thread, but the fetch does not wait for it.
    The thread is named "newsdesk-<purpose> <host>" (the tests tell the pre-check's lookups
    from the connection's by it)."""

    def resolve(host: str, port: int) -> Sequence[str]:
        wait = _capped(timeout, TimeoutError)
        assert wait is not None
        answer: list[Sequence[str]] = []
        failure: list[BaseException] = []

        def lookup() -> None:
            try:
                answer.append(resolver(host, port))
            except BaseException as exc:  # handed to the caller below
                failure.append(exc)

        worker = threading.Thread(target=lookup, name=f"newsdesk-{purpose} {host}", daemon=True)
        worker.start()
        worker.join(wait)
        if failure:
            raise failure[0]
        if not answer:
            raise TimeoutError(f"no DNS answer for {host} within {wait:g} s")
        return answer[0]

    return resolve


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline of the current fetch.

    The deadline is looked up at each operation, not stored: a pooled connection serves
    several fetches, each with its own deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout)
        )
        return DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


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
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    _capped(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
                return DeadlineStream(stream)
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
