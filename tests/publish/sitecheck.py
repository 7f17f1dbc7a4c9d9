"""Validate every file of a built site: the checks a crawler, a feed reader and a screen reader
would make. Used by the publish tests and the browser tests.

Returns a list of problems (empty when the site is valid) so a test shows all of them at once.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import html5lib

REQUIRED_LD = (
    "headline",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "description",
    "inLanguage",
)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANDMARKS = ("header", "nav", "main", "footer")


def parse_html(data: bytes) -> ET.Element:
    """Strict HTML5 parse: raises on any parse error (unclosed, misnested, bad entities)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(data)


def _iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, f"date without timezone: {value}"
    return parsed


def check_html(out: Path, rel: str, problems: list[str], seen: dict[str, Counter[str]]) -> None:
    try:
        tree = parse_html((out / rel).read_bytes())
    except Exception as exc:  # html5lib raises ParseError subclasses and others
        problems.append(f"{rel}: not well-formed HTML: {exc}")
        return
    if not tree.get("lang"):
        problems.append(f"{rel}: <html> has no lang")
    title = tree.find(".//title")
    desc = tree.find(".//meta[@name='description']")
    canonical = tree.find(".//link[@rel='canonical']")
    if rel != "404.html":
        if title is None or not (title.text or "").strip():
            problems.append(f"{rel}: no title")
        else:
            seen["title"][title.text] += 1
        if desc is None or not desc.get("content"):
            problems.append(f"{rel}: no meta description")
        else:
            seen["description"][desc.get("content") or ""] += 1
            if len(desc.get("content") or "") > 200:
                problems.append(f"{rel}: description longer than 200 characters")
        if canonical is None or not (canonical.get("href") or "").startswith("http"):
            problems.append(f"{rel}: no absolute canonical URL")
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            if tree.find(f".//meta[@property='{prop}']") is None:
                problems.append(f"{rel}: no {prop}")
        if tree.find(".//meta[@name='twitter:card']") is None:
            problems.append(f"{rel}: no twitter:card")
    skip = tree.find(".//a[@class='skip-link']")
    if skip is None or skip.get("href") != "#contenu" or (skip.text or "") != "Aller au contenu":
        problems.append(f"{rel}: no working 'Aller au contenu' skip link")
    if tree.find(".//main[@id='contenu']") is None:
        problems.append(f"{rel}: no <main id=contenu>")
    for landmark in LANDMARKS:
        if tree.find(f".//{landmark}") is None:
            problems.append(f"{rel}: no <{landmark}> landmark")
    if len(tree.findall(".//h1")) != 1:
        problems.append(f"{rel}: {len(tree.findall('.//h1'))} h1 elements")
    for img in tree.iter("img"):
        if img.get("alt") is None:
            problems.append(f"{rel}: image without alt")
    for attr, tag in (("href", "a"), ("href", "link"), ("src", "script")):
        for el in tree.iter(tag):
            target = el.get(attr) or ""
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "/", "mailto:")) or not parts.path:
                continue
            resolved = (out / rel).parent / unquote(parts.path)
            if not resolved.resolve().is_file():
                problems.append(f"{rel}: broken link {target}")
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    if tree.find(".//article") is not None:  # a story page
        if len(scripts) != 1:
            problems.append(f"{rel}: {len(scripts)} JSON-LD blocks")
            return
        try:
            data = json.loads(scripts[0].text or "")
        except ValueError as exc:
            problems.append(f"{rel}: JSON-LD does not parse: {exc}")
            return
        if data.get("@context") != "https://schema.org" or data.get("@type") != "NewsArticle":
            problems.append(f"{rel}: JSON-LD is not a schema.org NewsArticle")
        missing = [k for k in REQUIRED_LD if not data.get(k)]
        if missing:
            problems.append(f"{rel}: JSON-LD lacks {missing}")
        if data.get("headline") and len(data["headline"]) > 110:
            problems.append(f"{rel}: headline longer than 110 characters")
        h1 = tree.find(".//h1")
        if h1 is not None and data.get("headline") != " ".join("".join(h1.itertext()).split()):
            problems.append(f"{rel}: JSON-LD headline differs from the h1")
        for author in data.get("author", []):
            if author.get("@type") not in ("Person", "Organization") or not author.get("name"):
                problems.append(f"{rel}: bad author {author}")
        for key in ("datePublished", "dateModified"):
            try:
                _iso(data.get(key, ""))
            except (ValueError, AssertionError) as exc:
                problems.append(f"{rel}: {key}: {exc}")
        if data.get("mainEntityOfPage", {}).get("@id") != (
            canonical.get("href") if canonical is not None else None
        ):
            problems.append(f"{rel}: mainEntityOfPage is not the canonical URL")


def check_feed(out: Path, rel: str, problems: list[str]) -> None:
    data = (out / rel).read_bytes()
    if rel.endswith(".json"):
        check_json_feed(rel, json.loads(data), problems)
        return
    feed = feedparser.parse(data)
    expected = "atom10" if rel.endswith("atom.xml") else "rss20"
    if feed.bozo:
        problems.append(f"{rel}: feedparser: {feed.bozo_exception}")
    if feed.version != expected:
        problems.append(f"{rel}: version {feed.version!r}, expected {expected}")
    if not feed.feed.get("title") or not feed.feed.get("link"):
        problems.append(f"{rel}: feed without title or link")
    for entry in feed.entries:
        if not entry.get("title") or not entry.get("link") or not entry.get("id"):
            problems.append(f"{rel}: entry without title, link or id")
        if not (entry.get("published_parsed") or entry.get("updated_parsed")):
            problems.append(f"{rel}: entry without a parsable date")
        target = urlsplit(entry.get("link", "")).path.lstrip("/")
        if not (out / target).is_file():
            problems.append(f"{rel}: entry links to a missing page {entry.get('link')}")


def check_json_feed(rel: str, doc: dict, problems: list[str]) -> None:
    """JSON Feed 1.1: version URL, title and items required; each item needs an id and
    content_html or content_text; dates are RFC 3339."""
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"{rel}: bad JSON Feed version")
    if not isinstance(doc.get("title"), str) or not isinstance(doc.get("items"), list):
        problems.append(f"{rel}: JSON Feed lacks title or items")
        return
    for key in ("home_page_url", "feed_url"):
        if key in doc and not str(doc[key]).startswith("http"):
            problems.append(f"{rel}: {key} is not absolute")
    for item in doc["items"]:
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{rel}: item without id")
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"{rel}: item without content")
        for key in ("date_published", "date_modified"):
            if key in item:
                try:
                    _iso(item[key])
                except (ValueError, AssertionError) as exc:
                    problems.append(f"{rel}: {key}: {exc}")
        for author in item.get("authors", []):
            if not author.get("name"):
                problems.append(f"{rel}: author without name")


def check_sitemaps(out: Path, base_url: str, now: datetime, problems: list[str]) -> None:
    base = base_url.rstrip("/") + "/"
    root = ET.parse(out / "sitemap.xml").getroot()
    parts = [out / "sitemap.xml"]
    if root.tag == f"{SM}sitemapindex":
        parts = [out / urlsplit(loc.text or "").path.lstrip("/") for loc in root.iter(f"{SM}loc")]
    locs = []
    for part in parts:
        tree = ET.parse(part).getroot()
        if tree.tag != f"{SM}urlset":
            problems.append(f"{part.name}: root is {tree.tag}")
        urls = tree.findall(f"{SM}url")
        if len(urls) > 50_000:
            problems.append(f"{part.name}: more than 50,000 URLs")
        for url in urls:
            loc = url.findtext(f"{SM}loc") or ""
            locs.append(loc)
            if not loc.startswith(base):
                problems.append(f"{part.name}: {loc} is not under {base}")
            path = loc[len(base) :] or "index.html"
            if path.endswith("/"):
                path += "index.html"
            if not (out / path).is_file():
                problems.append(f"{part.name}: {loc} has no file")
            lastmod = url.findtext(f"{SM}lastmod")
            if lastmod:
                try:
                    _iso(lastmod)
                except (ValueError, AssertionError) as exc:
                    problems.append(f"{part.name}: lastmod {exc}")
            for alt in url.findall(f"{XHTML}link"):
                if not alt.get("hreflang") or not (alt.get("href") or "").startswith(base):
                    problems.append(f"{part.name}: bad hreflang alternate {alt.attrib}")
    if len(locs) != len(set(locs)):
        problems.append("sitemap: duplicate URLs")
    news = out / "news-sitemap.xml"
    if news.exists():
        tree = ET.parse(news).getroot()
        for url in tree.findall(f"{SM}url"):
            date = url.findtext(f"{NEWS}news/{NEWS}publication_date") or ""
            if not url.findtext(f"{NEWS}news/{NEWS}title") or not url.findtext(
                f"{NEWS}news/{NEWS}publication/{NEWS}name"
            ):
                problems.append("news-sitemap: entry without title or publication name")
            if now - _iso(date) > timedelta(days=2):
                problems.append(f"news-sitemap: {date} is older than two days")
    robots = (out / "robots.txt").read_text()
    if f"Sitemap: {base}sitemap.xml" not in robots:
        problems.append("robots.txt does not name the sitemap")


def check_site(out: Path, base_url: str, now: datetime) -> list[str]:
    """Every problem found in the site at `out` (empty list: valid)."""
    problems: list[str] = []
    seen: dict[str, Counter[str]] = {"title": Counter(), "description": Counter()}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("."):
            continue
        if rel.endswith(".html"):
            check_html(out, rel, problems, seen)
        elif rel.endswith(("atom.xml", "rss.xml", "feed.json")):
            check_feed(out, rel, problems)
        elif rel.endswith("search-index.json"):
            for record in json.loads(path.read_bytes()):
                if not (out / record["u"]).is_file():
                    problems.append(f"search index names a missing page {record['u']}")
    for kind, counts in seen.items():
        duplicates = [text for text, n in counts.items() if n > 1]
        if duplicates:
            problems.append(f"duplicate {kind}s: {duplicates[:3]}")
    check_sitemaps(out, base_url, now, problems)
    return problems
