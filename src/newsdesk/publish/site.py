"""The static site, built in two phases (as Pelican does): gather every output first, then write.

Gathering first lets us refuse two pages that would write the same path (an error, never a
silent overwrite) and makes the build incremental: a file is rewritten only when its bytes
change, and files of pages that no longer exist are removed.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.config import SiteSettings
from newsdesk.errors import NewsdeskError
from newsdesk.publish import feeds, jsonld
from newsdesk.publish.french import date_fr, datetime_fr
from newsdesk.types import Page

INDEX_SIZE = 50  # stories on the home page
MANIFEST = ".newsdesk-manifest"  # list of files this builder wrote, to remove stale ones safely


@dataclass(frozen=True)
class BuildReport:
    written: int
    unchanged: int
    removed: int

    @property
    def total(self) -> int:
        return self.written + self.unchanged


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.publish", "templates"),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date_fr"] = date_fr
    env.filters["datetime_fr"] = datetime_fr
    return env


def page_url(site: SiteSettings, slug: str) -> str:
    return f"{site.base_url.rstrip('/')}/{slug}.html"


def render_outputs(pages: Sequence[Page], site: SiteSettings, now: datetime) -> dict[str, bytes]:
    """Phase 1: every file of the site, by relative path. Raises if two pages share a path."""
    env = _environment()
    common = {
        "site": site,
        "base_url": site.base_url.rstrip("/"),
        "root": "",
        "lang": site.language,
    }
    outputs: dict[str, bytes] = {}

    def add(path: str, data: bytes) -> None:
        if path in outputs:
            raise NewsdeskError(f"two outputs would be written to {path!r}; refusing to overwrite")
        outputs[path] = data

    page_template = env.get_template("page.html")
    for page in pages:
        url = page_url(site, page.slug)
        html = page_template.render(
            **common,
            page=page,
            url=url,
            jsonld=jsonld.dumps(jsonld.news_article(page, url, site.name)),
        )
        add(f"{page.slug}.html", html.encode("utf-8"))

    latest = sorted(pages, key=lambda p: (p.published, p.slug), reverse=True)
    add(
        "index.html",
        env.get_template("index.html").render(**common, pages=latest[:INDEX_SIZE]).encode(),
    )
    add("atom.xml", feeds.atom(latest[:INDEX_SIZE], site, now))
    add("sitemap.xml", feeds.sitemap(latest, site))
    add(
        "robots.txt",
        f"User-agent: *\nAllow: /\nSitemap: {site.base_url.rstrip('/')}/sitemap.xml\n".encode(),
    )
    static = resources.files("newsdesk.publish") / "static"
    for entry in static.iterdir():
        if entry.is_file():
            add(f"static/{entry.name}", entry.read_bytes())
    return outputs


def write_outputs(outputs: dict[str, bytes], out: Path) -> BuildReport:
    """Phase 2: write changed files atomically; remove files a previous build wrote and this one did not."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    previous = (
        set(manifest_path.read_text().split("\n")) - {""} if manifest_path.exists() else set()
    )
    written = unchanged = 0
    for rel, data in sorted(outputs.items()):
        target = out / rel
        if target.exists() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written += 1
    removed = 0
    for rel in sorted(previous - set(outputs)):
        stale = out / rel
        if stale.is_file():
            stale.unlink()
            removed += 1
    manifest_path.write_text("\n".join(sorted(outputs)) + "\n")
    return BuildReport(written=written, unchanged=unchanged, removed=removed)


def build_site(pages: Sequence[Page], out: Path, site: SiteSettings, now: datetime) -> BuildReport:
    """Render every page, the index, feeds and sitemap into `out`, rewriting only what changed."""
    return write_outputs(render_outputs(pages, site, now), out)


def clear_site(out: Path) -> None:
    """Remove a site folder this builder created (refuses folders it did not create)."""
    if (out / MANIFEST).exists():
        shutil.rmtree(out)
