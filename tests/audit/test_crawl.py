"""`newsdesk audit --crawl`: a real local site (robots.txt with a disallowed path, a sitemap
index with a news sitemap, a feed the home page advertises, a redirect loop, a page too large)
is crawled politely into a WARC file that holds exactly the allowed pages, and auditing that
WARC again gives the same audit (issue 18, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from newsdesk.cli import app
from tests.ingest.httpserver import LocalServer

NEWS = ("/news/1.html", "/news/2.html", "/news/4.html", "/news/5.html")


def _page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html lang='fr'><head><title>{title}</title></head>"
        f"<body><nav>Accueil</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _site(server: LocalServer, samples_dir: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]
    base = server.url("")
    for number, text in zip((1, 2, 3, 4, 5), texts, strict=True):
        folder = "private" if number == 3 else "news"
        lines = text.split("\n", 1)
        server.route(f"/{folder}/{number}.html", _page(f"Article {number}", lines[-1]))
    server.route(
        "/robots.txt",
        f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap_index.xml\n",
        headers={"Content-Type": "text/plain"},
    )
    xml = {"Content-Type": "application/xml"}
    server.route(
        "/sitemap_index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-news.xml</loc><lastmod>2026-11-02</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemap-old.xml</loc><lastmod>2026-01-01</lastmod></sitemap>"
        "</sitemapindex>",
        headers=xml,
    )

    def news(path: str, day: int) -> str:
        return (
            f"<url><loc>{base}{path}</loc><news:news><news:publication>"
            "<news:name>Site</news:name><news:language>fr</news:language></news:publication>"
            f"<news:publication_date>2026-11-{day:02d}T08:00:00Z</news:publication_date>"
            f"<news:title>t</news:title></news:news></url>"
        )

    server.route(
        "/sitemap-news.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        + news("/news/1.html", 5)
        + news("/news/2.html", 4)
        + news("/private/3.html", 6)
        + news("/loop/a", 3)
        + news("/big.html", 2)
        + "<url><loc>http://elsewhere.invalid/copied.html</loc></url></urlset>",
        headers=xml,
    )
    server.route(
        "/sitemap-old.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/news/4.html</loc><lastmod>2025-12-01</lastmod></url></urlset>",
        headers=xml,
    )
    server.route(
        "/",
        "<!doctype html><html><head><title>Site</title>"
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        "<body><a href='/news/1.html'>un</a></body></html>",
    )
    server.route(
        "/feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
        f"<item><title>5</title><link>{base}/news/5.html</link>"
        "<pubDate>Sat, 07 Nov 2026 09:00:00 GMT</pubDate></item>"
        f"<item><title>1</title><link>{base}/news/1.html</link></item></channel></rss>",
        headers={"Content-Type": "application/rss+xml"},
    )
    server.route("/loop/a", status=302, headers={"Location": "/loop/b"})
    server.route("/loop/b", status=302, headers={"Location": "/loop/a"})
    server.route("/big.html", _page("Trop long", "Un paragraphe trop long. " * 60_000))
    return base + "/"


def _crawl(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        [
            "audit",
            *args,
            "--allow-private",
            "--set",
            "fetch.per_host_interval=0",
            "--set",
            "fetch.max_bytes=1000000",
        ],
    )
    return result.exit_code, result.output


def _warc_urls(path: Path) -> list[str]:
    with path.open("rb") as stream:
        return [
            r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(stream)
            if r.rec_type == "response"
        ]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def crawled(server: LocalServer, samples_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    start = _site(server, samples_dir)
    out = tmp_path / "crawl"
    code, output = _crawl("--crawl", start, "--out", str(out))
    assert code == 0, output
    return out, start


def test_the_warc_holds_exactly_the_allowed_pages(
    crawled: tuple[Path, str], server: LocalServer
) -> None:
    out, start = crawled
    base = start.rstrip("/")
    urls = _warc_urls(out / "crawl.warc.gz")
    assert sorted(urls) == sorted(base + p for p in NEWS)
    # newest first: the news sitemap's dates, then the feed's, then the old sitemap's
    assert urls[0] == base + "/news/5.html" and urls[-1] == base + "/news/4.html"
    assert "/private/3.html" not in server.paths()  # robots.txt obeyed: never even asked
    assert not any("elsewhere" in p for p in server.paths())
    (site,) = _jsonl(out / "crawl.jsonl")
    refused = {r["item"].removeprefix(base): r["reason"] for r in site["rejections"]}
    assert refused["/private/3.html"] == "robots_disallowed"
    assert refused["/big.html"] == "too_large"
    assert refused["/loop/a"] == "redirect_loop"
    assert site["sitemaps"] == [
        f"{base}/sitemap_index.xml",
        *(f"{base}/sitemap-{n}.xml" for n in ("news", "old")),
    ]
    assert site["feeds"] == [f"{base}/feed.xml"]


def test_auditing_the_warc_again_gives_the_same_audit(
    crawled: tuple[Path, str], tmp_path: Path
) -> None:
    out, start = crawled
    again = tmp_path / "again"
    code, output = _crawl(str(out / "crawl.warc.gz"), "--out", str(again))
    assert code == 0, output
    for name in ("documents.jsonl", "findings.jsonl", "links.jsonl", "stories.jsonl"):
        assert _jsonl(out / name) == _jsonl(again / name), name
    documents = _jsonl(out / "documents.jsonl")
    assert {d["document"] for d in documents} == {start.rstrip("/") + p for p in NEWS}
    # the sample with the leaked prompt is found in the crawled page as in the file
    assert any(f["class"] == "leaked-instruction" for f in _jsonl(out / "findings.jsonl"))


def test_max_pages_keeps_the_newest(server: LocalServer, samples_dir: Path, tmp_path: Path) -> None:
    start = _site(server, samples_dir)
    code, output = _crawl("--crawl", start, "--max-pages", "2", "--out", str(tmp_path / "o"))
    assert code == 0, output
    base = start.rstrip("/")
    assert _warc_urls(tmp_path / "o" / "crawl.warc.gz") == [
        base + "/news/5.html",
        base + "/news/1.html",
    ]


def test_a_site_without_lists_is_read_from_its_home_links_and_a_dead_one_is_reported(
    server: LocalServer, samples_dir: Path, tmp_path: Path
) -> None:
    text = next(iter(sorted(samples_dir.glob("*.txt")))).read_text(encoding="utf-8")
    server.route("/", "<html><body><a href='/a.html'>a</a> <a href='/'>home</a></body></html>")
    server.route("/a.html", _page("Un article", text.split("\n", 1)[1]))
    dead = "http://127.0.0.1:9/"  # discard port: nothing listens
    out = tmp_path / "o"
    code, output = _crawl("--crawl", dead, "--crawl", server.url("/"), "--out", str(out))
    assert code == 0, output
    assert _warc_urls(out / "crawl.warc.gz") == [server.url("/a.html")]
    first, second = _jsonl(out / "crawl.jsonl")
    assert first["start"] == dead and first["archived"] == []
    assert first["rejections"][0]["reason"] == "connection_error"
    assert second["from_home_links"] is True


def test_nothing_to_audit_is_a_clear_error(tmp_path: Path) -> None:
    code, output = _crawl("--out", str(tmp_path / "o"))
    assert code != 0 and "nothing to audit" in output


def test_a_gzipped_sitemap_past_the_size_cap_is_refused(
    server: LocalServer, tmp_path: Path
) -> None:
    import gzip

    base = server.url("")
    bomb = gzip.compress(b"<!-- padding -->" * 200_000)  # ~3 MB inflated, ~10 KB sent
    server.route(
        "/robots.txt", f"Sitemap: {base}/big.xml.gz\n", headers={"Content-Type": "text/plain"}
    )
    server.route("/big.xml.gz", bomb, headers={"Content-Type": "application/gzip"})
    server.route("/", "<html><body>rien</body></html>")
    out = tmp_path / "o"
    _crawl("--crawl", base + "/", "--out", str(out))  # no page: nothing to audit, exit 1
    (site,) = _jsonl(out / "crawl.jsonl")
    refused = {r["item"].removeprefix(base): r["reason"] for r in site["rejections"]}
    assert refused["/big.xml.gz"] == "too_large"
