"""A real HTTP server on 127.0.0.1, in a thread, serving whatever each test routes to it.

No mocked HTTP client: the fetcher talks to this server over a socket, so redirects, slow
responses, lying charsets, huge streams and 304s are exercised for real. The server records every
request (path, headers, and the time on a clock the test can inject).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "samples" / "articles"

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    handler: Handler | None = None


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Recorded] = []
        self.clock: Callable[[], float] = time.monotonic
        self.stop = threading.Event()  # set at teardown: hanging handlers return
        self.bytes_sent: dict[str, int] = {}
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(
                    Recorded(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, server.clock()
                    )
                )
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                headers = {"Content-Type": "text/html; charset=utf-8", **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if (route.etag and inm == route.etag) or (
                    route.last_modified and ims == route.last_modified and not route.etag
                ):
                    self._send(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
                    return
                self._send(route.status, headers, route.body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

        class _QuietServer(ThreadingHTTPServer):
            # A client that gives up early (a timeout, a size cap) makes the handler fail on a
            # closed socket; socketserver would print that traceback to stderr, where it lands
            # in the output of the CLI under test.
            def handle_error(self, request: object, client_address: object) -> None:
                pass

        self.httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)
