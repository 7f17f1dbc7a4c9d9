"""Where each output of the site lives, as paths relative to the site root and as public URLs.

Links between pages are relative (`root` is "", "../" or "../../"), so the site reads the same
from a web server, from a sub-folder of one, or straight from the disk (file://) without a server.
"""

from __future__ import annotations

from functools import lru_cache

from slugify import slugify

SLUG_MAX_LENGTH = 60  # topic and publisher names are short; long ones are cut at a word
TOPICS_DIR = "sujets"
PUBLISHERS_DIR = "sources"


@lru_cache(maxsize=65536)
def name_slug(name: str) -> str:
    """The slug of a topic or publisher name ("États-Unis" → "etats-unis")."""
    return slugify(name, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "sans-nom"


def story_path(slug: str) -> str:
    return f"{slug}.html"


def topic_dir(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}/"


def publisher_dir(slug: str) -> str:
    return f"{PUBLISHERS_DIR}/{slug}/"


def listing_path(directory: str, number: int) -> str:
    """Page `number` (1-based) of a paginated listing in `directory` ("" for the root)."""
    return f"{directory}index.html" if number == 1 else f"{directory}page-{number}.html"


def root_of(path: str) -> str:
    """The relative prefix that leads from the file at `path` back to the site root."""
    return "../" * path.count("/")


def absolute(base_url: str, path: str) -> str:
    """The public URL of `path`; a folder's index.html is named by the folder itself."""
    base = base_url.rstrip("/")
    if path == "index.html":
        return f"{base}/"
    if path.endswith("/index.html"):
        return f"{base}/{path[: -len('index.html')]}"
    return f"{base}/{path}"
