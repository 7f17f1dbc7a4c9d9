"""Seed inputs of every fuzz target: the suite's real test documents plus a few built here.

Mutations start from valid documents so that they get past the first parser and reach the code
that handles each field; each seed is small (a few kB) so one input stays cheap.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
from functools import cache
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data" / "ingest"
SAMPLES = TESTS.parent / "src" / "newsdesk" / "samples" / "articles"
BASE = "https://fuzz.example"


def sample_text(index: int) -> str:
    path = sorted(SAMPLES.glob("*.txt"))[index]
    return path.read_text(encoding="utf-8")


def sample_html(index: int) -> str:
    paragraphs = [p.strip() for p in sample_text(index).split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def _render(relative: str) -> bytes:
    """A test data file with its placeholders filled (as tests/ingest/datafiles.py does)."""
    data = (DATA / relative).read_bytes().replace(b"{{base}}", BASE.encode())

    def xml_sample(match: re.Match[bytes]) -> bytes:
        return html.escape(sample_html(int(match.group(1))), quote=False).encode()

    def json_sample(match: re.Match[bytes]) -> bytes:
        return json.dumps(sample_html(int(match.group(1))), ensure_ascii=False)[1:-1].encode()

    data = re.sub(rb"\{\{sample:(\d{3})\}\}", xml_sample, data)
    return re.sub(rb"\{\{sample_json:(\d{3})\}\}", json_sample, data)


def _files(pattern: str) -> list[bytes]:
    return [_render(str(p.relative_to(DATA))) for p in sorted(DATA.glob(pattern))]


def article_html(index: int = 0, title: str = "La sécheresse menace les vendanges") -> str:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta property="article:published_time" content="2024-07-02T07:15:00+02:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2024-07-02T07:15:00+02:00", "author": {"name": "Jean Martin"}}</script>'
        f"</head><body><nav>Accueil | Monde</nav><article><h1>{title}</h1>"
        f'<p class="byline">Par Jean Martin</p>{sample_html(index)}</article>'
        "<footer>© Le Fil</footer></body></html>"
    )


def warc_bytes(*, compress: bool) -> bytes:
    """A small WARC as warcio writes it: warcinfo, request, two responses, a resource, a revisit."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "newsdesk"}))
    for number, status in ((0, "200 OK"), (1, "200 OK"), (2, "404 Not Found")):
        url = f"{BASE}/article/{number}"
        http = StatusAndHeaders(
            status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(article_html(number).encode()),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-07-02T07:15:00Z"},
            )
        )
    writer.write_record(
        writer.create_warc_record(
            f"{BASE}/resource",
            "resource",
            payload=io.BytesIO(article_html(3).encode()),
            warc_content_type="text/html",
        )
    )
    writer.write_record(
        writer.create_warc_record(
            f"{BASE}/article/0", "revisit", payload=io.BytesIO(b""), warc_content_type="text/html"
        )
    )
    return buffer.getvalue()


def parquet_bytes(rows: list[dict[str, object]] | None = None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if rows is None:
        rows = []
        for line in (DATA / "articles.jsonl").read_bytes().splitlines():
            try:  # the file has bad lines on purpose (invalid UTF-8, not JSON, no text)
                row = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                rows.append({k: v for k, v in row.items() if isinstance(v, str)})
    table = pa.Table.from_pylist(rows)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


CONFIG = """\
data_dir = "data"
out = "site"

[fetch]
timeout = 10.0
max_bytes = 5000000
max_redirects = 3
per_host_interval = 0.5
respect_robots = true
max_items_per_source = 50

[extract]
min_words = 40

[compose]
length_target = 600
excerpt_max_share = 0.2

[site]
name = "Le Fil"
base_url = "https://fil.example"

[desk]
user = "editor"
session_hours = 8.0

[[sources]]
kind = "feed"
location = "https://example.org/rss.xml"
publisher = "Example Daily"
language = "en"
licence = "excerpt"
drop_selectors = [".related", "#comments"]
title_suffix = " | Example Daily"

[[sources]]
kind = "folder"
location = "articles"

[[sources]]
kind = "jsonl"
location = "~/corpus.jsonl"
"""

MARKDOWN = (
    '---\ntitle: "Un titre"\nauthor: Jean Martin\ndate: 2024-07-02T07:15:00+02:00\n---\n'
    "# Un titre\n\n" + sample_text(1).replace("\n\n", "\n\n**Gras** et [lien](https://e.org)\n\n")
)


@cache
def seeds(target: str) -> tuple[bytes, ...]:
    """The seed inputs of one target, by target name (see `targets.TARGETS`)."""
    if target == "feed":
        return tuple(_files("feeds/*.xml") + _files("feeds/*.rdf"))
    if target == "jsonfeed":
        return tuple(_files("feeds/*.json"))
    if target == "sitemap":
        xml = _files("sitemaps/*.xml")
        text = f"{BASE}/a\n{BASE}/b\n".encode()
        return tuple([*xml, text, gzip.compress(xml[-1], mtime=0)])
    if target == "opml":
        return tuple(_files("opml/*.opml"))
    if target == "jsonl":
        return (_render("articles.jsonl"),)
    if target == "folder":
        return ((DATA / "folder" / "metadata.json").read_bytes(),)
    if target == "warc":
        return (warc_bytes(compress=False), warc_bytes(compress=True))
    if target == "html":
        pages = _files("pages/*.html")
        pages.append((TESTS / "data" / "extract" / "wordpress_fr.html").read_bytes())
        return tuple([*pages, article_html(2).encode(), MARKDOWN.encode()])
    if target == "parquet":
        return (parquet_bytes(),)
    if target == "config":
        return (CONFIG.encode(),)
    raise KeyError(target)
