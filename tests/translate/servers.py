"""Real local HTTP peers for the HTTP engines: a scripted OpenAI-compatible chat server and a
DeepL v2 server that follows DeepL's documented request/response contract.

Both "translate" by looking each segment up in WMT newstest2013 (human EN→FR references), so
the client code under test talks to a real HTTP server and gets real French back; a script
can then damage answers the way real models do.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WMT = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "wmt-newstest2013-en-fr"


def load_wmt(limit: int | None = None) -> list[tuple[str, str]]:
    en = (WMT / "newstest2013.en-fr.eng").read_text(encoding="utf-8").splitlines()
    fr = (WMT / "newstest2013.en-fr.fra").read_text(encoding="utf-8").splitlines()
    pairs = list(zip(en, fr, strict=True))
    return pairs[:limit] if limit else pairs


# A fault turns the list of reference translations into the answer content (or an HTTP error).
Fault = Callable[[list[str]], "Reply"]


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # chat message content (openai) ...
    body: Any = None  # ... or the whole JSON body
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Peer:
    url: str
    references: dict[str, str]
    script: list[Fault] = field(default_factory=list)  # consumed one per request, then "good"
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


def good(refs: list[str]) -> Reply:
    return Reply(content=json.dumps(refs, ensure_ascii=False))


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Base(BaseHTTPRequestHandler):
    peer: Peer

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _read(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.peer.requests.append(body)
        self.peer.headers.append(dict(self.headers))
        return body

    def _reply(self, refs: list[str]) -> Reply:
        fault = self.peer.script.pop(0) if self.peer.script else good
        return fault(refs)


class _ChatHandler(_Base):
    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        if self.path != "/v1/chat/completions":
            self._send(404, {"error": {"message": "not found"}})
            return
        body = self._read()
        texts = json.loads(body["messages"][-1]["content"])
        reply = self._reply([self.peer.references.get(t, "???") for t in texts])
        if reply.body is not None or reply.status != 200:
            self._send(
                reply.status, reply.body or {"error": {"message": "scripted"}}, reply.headers
            )
            return
        self._send(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": body.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": reply.content},
                    }
                ],
            },
        )


class _DeepLHandler(_Base):
    """POST /v2/translate as documented: auth header, JSON body, 403/456/429 errors."""

    def do_POST(self) -> None:
        if self.path != "/v2/translate":
            self._send(404, {"message": "not found"})
            return
        if self.headers.get("Authorization") != "DeepL-Auth-Key test-key:fx":
            self._read()
            self._send(403, {"message": "Wrong endpoint or invalid authentication key"})
            return
        body = self._read()
        texts = body.get("text")
        if not isinstance(texts, list) or not texts or len(texts) > 50 or "target_lang" not in body:
            self._send(400, {"message": "Bad request. Parameter text or target_lang is missing"})
            return
        reply = self._reply([self.peer.references.get(t, "???") for t in texts])
        if reply.status != 200:
            self._send(reply.status, reply.body or {"message": "scripted"}, reply.headers)
            return
        outs = json.loads(reply.content or "[]")
        self._send(
            200,
            {
                "translations": [
                    {"detected_source_language": body.get("source_lang") or "EN", "text": t}
                    for t in outs
                ]
            },
        )


def start(kind: str, references: dict[str, str]) -> tuple[ThreadingHTTPServer, Peer]:
    peer = Peer(url="", references=references)
    base = _ChatHandler if kind == "openai" else _DeepLHandler
    handler = type("Handler", (base,), {"peer": peer})
    server, url = _serve(handler)
    peer.url = url
    return server, peer
