"""One deadline for a whole fetch, against a real slow-loris server on 127.0.0.1.

httpx's timeouts are per read: a server that sends a byte every fraction of a second never trips
them. These servers drip their headers, their body or their robots.txt forever (until the test
ends); the fetch must end by itself as a ``timeout`` rejection. The only time bound asserted is a
generous one (a 2 s deadline, 30 s allowed) that proves the fetch does not hang, not its speed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest

from newsdesk.config import FetchSettings
from newsdesk.errors import FetchError
from newsdesk.ingest.fetcher import Fetcher, FetchResult
from newsdesk.types import Rejection

from .httpserver import LocalServer, Route

#: Seconds between two bytes: far below fetch.timeout, so no single read ever times out.
DRIP_INTERVAL = 0.05
#: A hung fetch is one still running after this long (the deadline is 2 s).
HANG_BOUND = 30.0


def _drip(
    server: LocalServer, head: bytes, then: bytes
) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that writes `head` at once, then `then` one byte at a time, over and over,
    until the server stops (the test's teardown)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        try:
            request.wfile.write(head)
            while not server.stop.is_set():
                for byte in then:
                    if server.stop.wait(DRIP_INTERVAL):
                        return
                    request.wfile.write(bytes([byte]))
        except OSError:  # the client hung up: what we want
            pass

    return handler


def _fetch_in_thread(fetcher: Fetcher, url: str) -> FetchResult | Rejection | None:
    """The fetch's outcome, or None when it is still running after HANG_BOUND seconds."""
    outcome: list[FetchResult | Rejection] = []
    worker = threading.Thread(
        target=lambda: outcome.append(fetcher.fetch(url, allow_private=True)), daemon=True
    )
    worker.start()
    worker.join(HANG_BOUND)
    return None if worker.is_alive() else outcome[0]


def _settings() -> FetchSettings:
    return FetchSettings(timeout=1.0, deadline=2.0, per_host_interval=0.0)


def _timed_out(outcome: FetchResult | Rejection | None) -> Rejection:
    assert outcome is not None, f"the fetch was still running after {HANG_BOUND:g} s"
    assert isinstance(outcome, Rejection), outcome
    assert outcome.reason == "timeout", outcome
    assert "fetch.deadline 2 s" in outcome.detail, outcome.detail
    return outcome


def test_headers_sent_byte_by_byte(server: LocalServer) -> None:
    server.routes["/loris"] = Route(
        handler=_drip(server, b"HTTP/1.1 200 OK\r\n", b"X-Slow: yes\r\n")
    )
    with Fetcher(_settings()) as fetcher:
        _timed_out(_fetch_in_thread(fetcher, server.url("/loris")))


def test_status_line_sent_byte_by_byte(server: LocalServer) -> None:
    server.routes["/loris"] = Route(handler=_drip(server, b"", b"HTTP/1.1 200 OK\r\n" * 1000))
    with Fetcher(_settings()) as fetcher:
        _timed_out(_fetch_in_thread(fetcher, server.url("/loris")))


def test_body_sent_byte_by_byte(server: LocalServer) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
    server.routes["/loris"] = Route(handler=_drip(server, head, b"<p>la mer</p>\n"))
    with Fetcher(_settings()) as fetcher:
        _timed_out(_fetch_in_thread(fetcher, server.url("/loris")))


def test_robots_txt_sent_byte_by_byte(server: LocalServer) -> None:
    # robots.txt is read inside the page's fetch, within the same deadline.
    server.routes["/robots.txt"] = Route(
        handler=_drip(server, b"HTTP/1.1 200 OK\r\n", b"X-Slow: yes\r\n")
    )
    page = server.route("/page", "<p>x</p>")
    with Fetcher(_settings()) as fetcher:
        refused = _timed_out(_fetch_in_thread(fetcher, page))
    assert "robots.txt" in refused.detail


def test_every_redirect_hop_shares_the_deadline(server: LocalServer) -> None:
    # Each hop answers quickly enough for fetch.timeout, but the chain as a whole does not.
    def slow_redirect(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
        def handler(request: BaseHTTPRequestHandler) -> None:
            if server.stop.wait(0.8):
                return
            request.send_response(302)
            request.send_header("Location", target)
            request.send_header("Content-Length", "0")
            request.end_headers()

        return handler

    for index in range(4):
        server.routes[f"/r{index}"] = Route(handler=slow_redirect(f"/r{index + 1}"))
    server.route("/r4", "<p>arrived</p>")
    with Fetcher(_settings()) as fetcher:
        _timed_out(_fetch_in_thread(fetcher, server.url("/r0")))


def test_the_fetcher_goes_on_after_a_slow_server(server: LocalServer) -> None:
    server.routes["/loris"] = Route(
        handler=_drip(server, b"HTTP/1.1 200 OK\r\n", b"X-Slow: yes\r\n")
    )
    fine = server.route("/fine", "<p>ici</p>")
    with Fetcher(_settings()) as fetcher:
        _timed_out(_fetch_in_thread(fetcher, server.url("/loris")))
        result = fetcher.fetch(fine, allow_private=True)  # a fresh deadline for the next fetch
    assert isinstance(result, FetchResult), result
    assert result.content == b"<p>ici</p>"


def test_a_deadline_must_be_positive() -> None:
    with pytest.raises(FetchError):
        Fetcher(FetchSettings(deadline=0))


def test_a_dns_answer_that_never_comes(server: LocalServer) -> None:
    # The resolver hook stands for a hostile domain's DNS server that holds every query.
    released = threading.Event()

    def stalling(host: str, port: int) -> list[str]:
        if host == "slow-dns.test":
            released.wait(HANG_BOUND * 2)
        return ["127.0.0.1"]

    try:
        with Fetcher(_settings(), resolver=stalling) as fetcher:
            outcome = _fetch_in_thread(fetcher, server.url("/page", host="slow-dns.test"))
    finally:
        released.set()
    assert outcome is not None, f"the fetch was still running after {HANG_BOUND:g} s"
    assert isinstance(outcome, Rejection), outcome
    assert outcome.reason in ("connection_error", "timeout"), outcome
    assert "no DNS answer for slow-dns.test" in outcome.detail
    assert server.requests == []
