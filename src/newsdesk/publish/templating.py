"""The Jinja2 environment of the site: autoescaping on for HTML and XML, French date filters."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.publish.french import date_fr, datetime_fr
from newsdesk.publish.sanitize import plain_text


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.publish", "templates"),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["date_fr"] = date_fr
    env.filters["datetime_fr"] = datetime_fr
    env.filters["plain"] = plain_text
    return env


def _files(folder: Traversable) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            out.append((entry.name, entry.read_bytes()))
        elif entry.is_dir():
            out.extend((f"{entry.name}/{n}", b) for n, b in _files(entry))
    return out


def static_files() -> list[tuple[str, bytes]]:
    """The site's static assets (CSS, JS), as (relative path, bytes)."""
    return _files(resources.files("newsdesk.publish") / "static")


@lru_cache(maxsize=1)
def templates_fingerprint() -> str:
    """A digest of every template and static file: when one changes, every output is re-rendered."""
    h = hashlib.sha256()
    package = resources.files("newsdesk.publish")
    for folder in ("templates", "static"):
        for name, data in _files(package / folder):
            h.update(name.encode())
            h.update(data)
    return h.hexdigest()[:16]
