"""The HTTP fetcher: one polite, bounded GET that returns the bytes or a reason it could not.

Every fetch, and every redirect hop of it, goes through the same gates, in this order:

1. the URL is absolute http(s) (``invalid_url``);
2. the host resolves only to public addresses (``private_address``; the connection resolves
   and checks again and connects only to the address it checked, see `pinning`, and the peer is
   checked once more). A source that opts in with ``allow_private`` lifts this for *its own host*
   only (``private_host``, the host of its configured URL): a feed on an intranet may be read,
   but an entry, a redirect or a robots.txt on any other host is checked like any other;
3. robots.txt of the hop's origin allows our user agent (``robots_disallowed``; see `robots`);
4. the per-host interval has passed (`ratelimit`; robots.txt Crawl-delay raises it);
5. the request is sent with our User-Agent, conditional headers (ETag / Last-Modified) and a
   timeout; redirects are followed by hand, up to ``fetch.max_redirects``, refusing loops;
6. the body is streamed and cut at ``fetch.max_bytes`` (a too-large Content-Length is refused
   before reading), non-text media types and binary signatures are refused, and the character
   encoding is chosen even when the page lies about it (`charset`).

One deadline, ``fetch.deadline``, covers the whole fetch: the connection, headers and body of
every redirect hop and of any robots.txt read on the way, in one budget (the waits of the
per-host interval are added back: they are ours, not the server's). ``fetch.timeout`` still
bounds each single connect or read. A server that trickles its headers or body a byte at a time
is cut at the deadline by the network streams themselves (see `pinning`) and the fetch is a
``timeout`` rejection; the run goes on with the next item.

A 304 answer returns ``FetchResult(not_modified=True)`` without a body. Bad input is a
`Rejection` with a code from `newsdesk.ingest.reasons`; only a misconfigured fetcher raises.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsdesk.config import FetchSettings
from newsdesk.errors import FetchError
from newsdesk.ingest import reasons
from newsdesk.ingest.addresses import Resolver, check_host, forbidden_reason, system_resolver
from newsdesk.ingest.charset import detect_encoding
from newsdesk.ingest.pinning import (
    Deadline,
    PrivateAddressRefused,
    allowing_private,
    bounded_resolver,
    pinned_transport,
    within_deadline,
)
from newsdesk.ingest.ratelimit import HostRateLimiter
from newsdesk.ingest.robots import ROBOTS_MAX_BYTES, RobotsCache, RobotsRules, rules_from_response
from newsdesk.ingest.sniff import (
    SNIFF_BYTES,
    UNINFORMATIVE_MEDIA_TYPES,
    binary_reason,
    is_text_media_type,
    parse_content_type,
)
from newsdesk.log import get_logger
from newsdesk.types import Rejection

log = get_logger(__name__)

#: Sent when the caller names no Accept header: what a browser asks for a page.
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
#: Statuses whose Location we follow (the method stays GET: we only ever GET).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
ROBOTS_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class ResponseMeta:
    """The final response to a URL, whatever its status: what a scheduler needs to know when it
    may ask again (Cache-Control, Expires, Retry-After on a 429 or 503)."""

    status: int
    headers: dict[str, str]  # names lower-case, the last value of a repeated header
    received_at: datetime
    # What the body said about polling, added by the reader that parsed it (a feed's <ttl>,
    # sy:updatePeriod, sy:updateFrequency): see `Fetcher.note_feed_hints`.
    feed_hints: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FetchResult:
    """A successful fetch: the final response, its bytes as received, and what we made of them."""

    url: str  # the final URL, after redirects
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes  # empty when not_modified
    media_type: str  # "text/html", "application/rss+xml", ... ("" when unknown)
    encoding: str | None  # Python codec to decode content with (None: not text, or 304)
    etag: str | None
    last_modified: str | None
    fetched_at: datetime  # timezone-aware, UTC
    not_modified: bool = False
    redirects: tuple[str, ...] = ()  # the URLs redirected from, in order


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def robots_agent(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: "newsdesk" for "newsdesk/0.1 (...)"."""
    token = user_agent.split("/", 1)[0].split(" ", 1)[0].strip()
    return token or user_agent


def url_host(url: str) -> str | None:
    """The host of an absolute http(s) URL as the fetcher compares hosts (lower case, IDNA
    encoded, no port), or None when url is not one: what ``private_host`` is matched against."""
    try:
        return _Hop(url).host
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return None


class _Hop:
    """A URL parsed and checked for one request: absolute http(s) with a host."""

    def __init__(self, url: str) -> None:
        self.url = _without_fragment(url.strip())
        self.parsed = httpx.URL(self.url)  # raises httpx.InvalidURL
        if self.parsed.scheme not in ("http", "https") or not self.parsed.host:
            raise httpx.InvalidURL(f"not an absolute http(s) URL: {url!r}")
        self.host = self.parsed.raw_host.decode("ascii").lower()
        self.port = self.parsed.port or (443 if self.parsed.scheme == "https" else 80)
        self.origin = f"{self.parsed.scheme}://{self.host}:{self.port}"


class Fetcher:
    """Fetches URLs politely and safely. One instance per run; close it (or use `with`)."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = _utc_now,
        resolver: Resolver = system_resolver,
    ) -> None:
        if (
            settings.timeout <= 0
            or settings.deadline <= 0
            or settings.max_bytes <= 0
            or settings.max_redirects < 0
        ):
            raise FetchError(
                "fetch.timeout, fetch.deadline and fetch.max_bytes must be positive, "
                "fetch.max_redirects >= 0"
            )
        self.settings = settings
        self._clock = clock
        self._now = now
        # Every lookup ends by fetch.timeout and by the deadline of the fetch (see pinning).
        self._resolver = bounded_resolver(resolver, settings.timeout, "check")
        self._agent = robots_agent(settings.user_agent)
        self._limiter = HostRateLimiter(settings.per_host_interval, clock, sleep)
        self._robots = RobotsCache(clock)
        self._deadline: Deadline | None = None  # of the fetch in progress
        self._responses: dict[str, ResponseMeta] = {}  # the last final response per URL
        # trust_env=False: no proxy or .netrc from the environment, so the address we check is
        # the address we connect to. follow_redirects=False: every hop goes through our gates.
        # The transport connects only to addresses it has just checked (see ingest.pinning).
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": settings.user_agent},
            transport=pinned_transport(bounded_resolver(resolver, settings.timeout, "connect")),
        )

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- public ----------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        allow_private: bool = False,
        private_host: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        allow_binary: bool = False,
    ) -> FetchResult | Rejection:
        """GET url through every gate; a `FetchResult`, or a `Rejection` naming url and why.

        `allow_private` lets one host resolve to private addresses: `private_host` (a source's
        own host, see `url_host`), or the host of `url` itself when none is named. Every other
        host met on the way (a redirect, robots.txt) must be public.

        `allow_binary` lets a caller take non-text bodies (a gzipped sitemap); the size cap and
        every other gate still apply, and `encoding` is None for binary bodies.
        """
        allowed = (private_host or url_host(url)) if allow_private else None
        with self._one_deadline():
            return self._fetch(url, allowed, etag, last_modified, accept, allow_binary)

    @contextmanager
    def _one_deadline(self) -> Iterator[None]:
        """fetch.deadline for everything one public call does (DNS, robots, redirects, body)."""
        deadline = Deadline(self.settings.deadline, self._clock)
        self._deadline = deadline
        try:
            with within_deadline(deadline):
                yield
        finally:
            self._deadline = None

    def _fetch(
        self,
        url: str,
        allowed: str | None,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        allow_binary: bool,
    ) -> FetchResult | Rejection:
        headers = {"Accept": accept or DEFAULT_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        redirects: list[str] = []
        visited: set[str] = set()
        current = url
        while True:
            try:
                hop = _Hop(current)
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                return self._reject(url, reasons.INVALID_URL, f"{current!r}: {exc}")
            visited.add(hop.url)
            if self._deadline is not None and self._deadline.expired():
                return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, None))
            refused = self._gate(url, hop, allowed)
            if refused is not None:
                return refused
            response = self._send(url, hop, headers, allowed)
            if isinstance(response, Rejection):
                return response
            try:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    target = _without_fragment(urljoin(hop.url, response.headers["location"]))
                    redirects.append(hop.url)
                    if target in visited:
                        return self._reject(
                            url, reasons.REDIRECT_LOOP, f"{hop.url} redirects back to {target}"
                        )
                    if len(redirects) > self.settings.max_redirects:
                        return self._reject(
                            url,
                            reasons.TOO_MANY_REDIRECTS,
                            f"more than {self.settings.max_redirects} redirects (last: {target})",
                        )
                    current = target
                    continue
                return self._finish(url, hop, response, tuple(redirects), allow_binary)
            finally:
                response.close()

    def robots(self, url: str, *, allow_private: bool = False) -> RobotsRules:
        """The robots.txt rules of `url`'s origin, read (and cached) as a fetch would read
        them: a crawler asks for its `Sitemap:` lines before it fetches anything else."""
        allowed = url_host(url) if allow_private else None
        with self._one_deadline():
            return self._robots_for(_Hop(_without_fragment(url)), allowed)

    def last_response(self, url: str) -> ResponseMeta | None:
        """The final response last received for `url` (as passed to `fetch`), even an error
        status; None when none came (refused before sending, unreachable)."""
        return self._responses.get(url)

    def note_feed_hints(self, url: str, hints: dict[str, str]) -> None:
        """Attach what the body of `url`'s last response said about polling (see ResponseMeta),
        so the scheduler reads the headers and the feed's own hints in one place."""
        meta = self._responses.get(url)
        if meta is not None and hints:
            self._responses[url] = replace(meta, feed_hints=tuple(sorted(hints.items())))

    # -- gates -----------------------------------------------------------------------------

    def _gate(self, url: str, hop: _Hop, allowed: str | None) -> Rejection | None:
        """Address and robots.txt checks for one hop; None when the request may go."""
        refused = self._check_address(url, hop, allowed)
        if refused is not None or not self.settings.respect_robots:
            return refused
        rules = self._robots_for(hop, allowed)
        if rules.failure is not None:
            failure = rules.failure
            return self._reject(
                url, failure.reason, f"robots.txt of {hop.origin}: {failure.detail}"
            )
        if rules.disallow_all:
            return self._reject(
                url,
                reasons.ROBOTS_UNAVAILABLE,
                f"{hop.origin}/robots.txt answers a server error (RFC 9309: disallow all)",
            )
        if not rules.allows(hop.url, self._agent):
            return self._reject(
                url, reasons.ROBOTS_DISALLOWED, f"robots.txt disallows {hop.url} for {self._agent}"
            )
        return None

    def _check_address(self, url: str, hop: _Hop, allowed: str | None) -> Rejection | None:
        if hop.host == allowed:
            return None
        refusal, dns_error = check_host(hop.host, hop.port, self._resolver)
        if refusal:
            if allowed is not None:
                refusal += f" (allow_private covers only {allowed})"
            return self._reject(url, reasons.PRIVATE_ADDRESS, refusal)
        if dns_error:
            if self._deadline is not None and self._deadline.expired():
                return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, None))
            return self._reject(url, reasons.CONNECTION_ERROR, dns_error)
        return None

    def _robots_for(self, hop: _Hop, allowed: str | None) -> RobotsRules:
        cached = self._robots.get(hop.origin)
        if cached is not None:
            return cached
        rules = self._read_robots(hop, allowed)
        if rules.failure is None or rules.failure.reason != reasons.PRIVATE_ADDRESS:
            # A private-address refusal depends on the asking source, not on the origin.
            self._robots.put(rules)
        self._limiter.set_crawl_delay(hop.host, rules.crawl_delay(self._agent))
        log.info(
            "robots_read",
            origin=hop.origin,
            rules=rules.parser is not None,
            disallow_all=rules.disallow_all,
            failure=rules.failure.reason if rules.failure else None,
        )
        return rules

    def _read_robots(self, page: _Hop, allowed: str | None) -> RobotsRules:
        """GET /robots.txt of the page's origin, following up to five redirects."""
        robots_url = f"{page.origin}/robots.txt"
        current = robots_url
        headers = {"Accept": "text/plain,*/*;q=0.5"}
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            try:
                hop = _Hop(current)
            except (httpx.InvalidURL, UnicodeError, ValueError):
                return RobotsRules(page.origin)  # a redirect to nowhere: as if absent
            refused = self._check_address(robots_url, hop, allowed)
            if refused is not None:
                return RobotsRules(page.origin, failure=refused)
            response = self._send(robots_url, hop, headers, allowed)
            if isinstance(response, Rejection):
                return RobotsRules(page.origin, failure=response)
            try:
                status = response.status_code
                if status in REDIRECT_STATUSES and "location" in response.headers:
                    current = urljoin(hop.url, response.headers["location"])
                    continue
                body = b""
                if 200 <= status < 300:
                    body = self._read_prefix(response, ROBOTS_MAX_BYTES)
                return rules_from_response(page.origin, status, body)
            except httpx.TimeoutException as exc:
                failure = self._reject(robots_url, reasons.TIMEOUT, self._timeout_detail(hop, exc))
                return RobotsRules(page.origin, failure=failure)
            except httpx.HTTPError as exc:
                failure = self._reject(robots_url, reasons.CONNECTION_ERROR, str(exc))
                return RobotsRules(page.origin, failure=failure)
            finally:
                response.close()
        return RobotsRules(page.origin)  # RFC 9309: too many redirects means unavailable (4xx)

    # -- transport -------------------------------------------------------------------------

    def _send(
        self, url: str, hop: _Hop, headers: dict[str, str], allowed: str | None
    ) -> httpx.Response | Rejection:
        """Wait for the host's turn, send the request and return the streaming response."""
        waited = self._limiter.wait(hop.host)
        if self._deadline is not None:
            self._deadline.extend(waited)
        private_ok = hop.host == allowed
        try:
            request = self._client.build_request("GET", hop.url, headers=headers)
            with allowing_private(private_ok):
                response = self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, exc))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return self._reject(url, reasons.INVALID_URL, f"{hop.url}: {exc}")
        except httpx.ConnectError as exc:
            if isinstance(exc.__context__, PrivateAddressRefused):
                return self._reject(url, reasons.PRIVATE_ADDRESS, str(exc))
            if self._deadline is not None and self._deadline.expired():
                return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, exc))
            return self._reject(url, reasons.CONNECTION_ERROR, f"{hop.url}: {exc}")
        except httpx.HTTPError as exc:
            return self._reject(url, reasons.CONNECTION_ERROR, f"{hop.url}: {exc}")
        if not private_ok:
            peer = _peer_address(response)
            why = forbidden_reason(peer) if peer else None
            if why:
                response.close()
                return self._reject(url, reasons.PRIVATE_ADDRESS, f"connected to {why}")
        log.debug("http_response", url=hop.url, status=response.status_code)
        return response

    def _read_prefix(self, response: httpx.Response, limit: int) -> bytes:
        """At most `limit` bytes of the body (the rest is left unread)."""
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            total += len(chunk)
            if total >= limit:
                break
        return b"".join(chunks)[:limit]

    def _finish(
        self,
        url: str,
        hop: _Hop,
        response: httpx.Response,
        redirects: tuple[str, ...],
        allow_binary: bool,
    ) -> FetchResult | Rejection:
        """Turn a final (non-redirect) response into a result: status, size, type, charset."""
        status = response.status_code
        headers = tuple(response.headers.multi_items())
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        self._responses[url] = ResponseMeta(status, {k.lower(): v for k, v in headers}, self._now())
        if status == 304:
            log.info("fetch_not_modified", url=hop.url)
            return FetchResult(
                url=hop.url,
                status=status,
                headers=headers,
                content=b"",
                media_type="",
                encoding=None,
                etag=etag,
                last_modified=last_modified,
                fetched_at=self._now(),
                not_modified=True,
                redirects=redirects,
            )
        if not 200 <= status < 300:
            return self._reject(url, reasons.http_reason(status), f"{hop.url} answered {status}")
        media_type, charset = parse_content_type(response.headers.get("content-type"))
        if not allow_binary and not (
            media_type in UNINFORMATIVE_MEDIA_TYPES or is_text_media_type(media_type)
        ):
            return self._reject(url, reasons.BINARY_CONTENT, f"{hop.url} is {media_type}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_bytes:
            return self._reject(
                url,
                reasons.TOO_LARGE,
                f"Content-Length {declared} > fetch.max_bytes {self.settings.max_bytes}",
            )
        body = self._read_body(url, hop, response, allow_binary)
        if isinstance(body, Rejection):
            return body
        binary = binary_reason(body[:SNIFF_BYTES])
        encoding: str | None = None
        if binary is None:
            encoding = detect_encoding(body, charset)
            if encoding is None and not allow_binary:
                return self._reject(url, reasons.DECODE_ERROR, f"{hop.url}: no charset decodes it")
        log.info("fetched", url=hop.url, status=status, bytes=len(body), encoding=encoding)
        return FetchResult(
            url=hop.url,
            status=status,
            headers=headers,
            content=body,
            media_type=media_type,
            encoding=encoding,
            etag=etag,
            last_modified=last_modified,
            fetched_at=self._now(),
            redirects=redirects,
        )

    def _read_body(
        self, url: str, hop: _Hop, response: httpx.Response, allow_binary: bool
    ) -> bytes | Rejection:
        """Stream the body, stopping as soon as it is too large, binary, or too slow."""
        cap = self.settings.max_bytes
        chunks: list[bytes] = []
        total = 0
        sniffed = allow_binary
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                total += len(chunk)
                if total > cap:
                    return self._reject(
                        url,
                        reasons.TOO_LARGE,
                        f"{hop.url}: body exceeds fetch.max_bytes {cap} (stopped reading)",
                    )
                if not sniffed and total >= SNIFF_BYTES:
                    sniffed = True
                    why = binary_reason(b"".join(chunks)[:SNIFF_BYTES])
                    if why:
                        return self._reject(url, reasons.BINARY_CONTENT, f"{hop.url} {why}")
                if self._deadline is not None and self._deadline.expired():
                    # Chunks already buffered would otherwise still be handed over.
                    return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, None))
        except httpx.TimeoutException as exc:
            return self._reject(url, reasons.TIMEOUT, self._timeout_detail(hop, exc))
        except httpx.DecodingError as exc:
            return self._reject(url, reasons.DECODE_ERROR, f"{hop.url}: {exc}")
        except httpx.HTTPError as exc:
            return self._reject(url, reasons.CONNECTION_ERROR, f"{hop.url}: {exc}")
        body = b"".join(chunks)
        if not allow_binary:
            why = binary_reason(body[:SNIFF_BYTES])
            if why:
                return self._reject(url, reasons.BINARY_CONTENT, f"{hop.url} {why}")
        return body

    def _timeout_detail(self, hop: _Hop, exc: Exception | None) -> str:
        """Say which limit ended the fetch: the whole-fetch deadline, or one network wait."""
        if self._deadline is not None and self._deadline.expired():
            return f"{hop.url}: not complete within fetch.deadline {self._deadline.seconds:g} s"
        return f"{hop.url}: {exc or 'timed out'} (fetch.timeout {self.settings.timeout:g} s)"

    def _reject(self, url: str, reason: str, detail: str) -> Rejection:
        log.info("fetch_rejected", url=url, reason=reason, detail=detail)
        return Rejection(item=url, stage=reasons.STAGE, reason=reason, detail=detail)


def _peer_address(response: httpx.Response) -> str | None:
    """The IP address the response came from, when the transport tells us."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    server = stream.get_extra_info("server_addr")
    if isinstance(server, tuple) and server:
        return str(server[0])
    return None
