"""Serve the files of tests/data/ingest from the local server, with their placeholders filled."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .httpserver import LocalServer

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "samples" / "articles"


def sample_text(number: str) -> str:
    """The real text of bundled sample NNN (000..004)."""
    (path,) = SAMPLES.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def sample_html(number: str) -> str:
    paragraphs = [p.strip() for p in sample_text(number).split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def render(relative: str, base: str) -> bytes:
    data = (DATA / relative).read_bytes().replace(b"{{base}}", base.encode("ascii"))

    def xml_sample(match: re.Match[bytes]) -> bytes:
        return html.escape(sample_html(match.group(1).decode()), quote=False).encode("utf-8")

    def json_sample(match: re.Match[bytes]) -> bytes:
        return json.dumps(sample_html(match.group(1).decode()), ensure_ascii=False)[1:-1].encode()

    data = re.sub(rb"\{\{sample:(\d{3})\}\}", xml_sample, data)
    return re.sub(rb"\{\{sample_json:(\d{3})\}\}", json_sample, data)


def serve(server: LocalServer, relative: str, content_type: str, **kwargs: object) -> str:
    """Route /<relative> to the rendered file; returns its URL."""
    body = render(relative, server.url(""))
    return server.route("/" + relative, body, headers={"Content-Type": content_type}, **kwargs)


def serve_pages(server: LocalServer) -> None:
    for name in ("article.html", "nav_only.html"):
        serve(server, f"pages/{name}", "text/html; charset=utf-8")
