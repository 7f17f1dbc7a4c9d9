"""What `newsdesk serve` may publish from the site folder, and which folders it refuses to serve.

The one place that decides it. A file is served only when the site builder wrote it: it is
listed in the folder's build state (`.newsdesk-state.json`, which names every output of the
last build), no part of its path starts with a dot, and its type is one the builder writes.
So a site folder that also holds other files (`--out .` in a project folder) publishes none
of them, and never the state file itself.

Before serving, `check_site_folder` refuses a folder that is the data folder or holds the
configuration or the database: even with the filter above, such a folder is one careless
`python -m http.server` away from publishing the password hash, the secret key and every
stored article.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Container
from pathlib import Path, PurePosixPath

from starlette.staticfiles import StaticFiles

from newsdesk.config import Settings
from newsdesk.errors import ConfigError
from newsdesk.publish.state import read_state

#: File types the site builder writes (pages, feeds, sitemaps, search index, robots.txt,
#: static assets). Anything else in the folder was not written by it.
SITE_SUFFIXES = frozenset(
    {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".png", ".ico", ".webp", ".woff2"}
)
CONFIG_NAME = "newsdesk.toml"


def servable(relative: str, written: Container[str] | None) -> bool:
    """Whether the file at `relative` (a path inside the site folder, `/`-separated) may be
    served. `written` is what the last build wrote; None when the folder has no build state
    (a site built by hand or by an old version: the type and dot rules still apply)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts:
        return False
    if any(part.startswith(".") for part in path.parts):
        return False
    if path.suffix.lower() not in SITE_SUFFIXES:
        return False
    return written is None or path.as_posix() in written


def _sqlite_file(db_url: str) -> Path | None:
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if db_url.startswith(prefix):
            name = db_url[len(prefix) :].split("?", 1)[0]
            return Path(name) if name and name != ":memory:" else None
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_site_folder(out: Path, settings: Settings | None = None) -> None:
    """Raise ConfigError (one line naming the folder) when `out` must not be served: it is
    the data folder or holds it, holds the database, or holds newsdesk.toml."""
    site = out.resolve()
    if (site / CONFIG_NAME).exists():
        raise ConfigError(
            f"refusing to serve {out}: it holds {CONFIG_NAME} (passwords and keys); "
            "give --out the site folder (default: site)"
        )
    if settings is None:
        return
    data = settings.data_dir.resolve()
    if _inside(data, site):
        raise ConfigError(
            f"refusing to serve {out}: it is or holds the data folder {settings.data_dir} "
            "(database and fetched pages); give --out the site folder (default: site)"
        )
    database = _sqlite_file(settings.db_url)
    if database is not None and _inside(database.resolve(), site):
        raise ConfigError(
            f"refusing to serve {out}: it holds the database {database}; "
            "give --out the site folder (default: site)"
        )


class SiteFiles(StaticFiles):
    """Starlette's static files, limited to what the site builder wrote (see `servable`)."""

    def __init__(self, directory: Path, *, check_dir: bool = True) -> None:
        super().__init__(directory=directory, html=True, check_dir=check_dir)
        self.site = Path(directory)

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        # `path` is relative to the folder, with index.html or 404.html already appended by
        # StaticFiles where it applies; called in a worker thread.
        relative = path.replace(os.sep, "/")
        parts = PurePosixPath(relative).parts
        if any(part.startswith(".") for part in parts):
            return "", None
        full_path, found = super().lookup_path(path)
        if found is None:
            return "", None
        if stat.S_ISDIR(found.st_mode):
            return full_path, found  # never sent itself: StaticFiles looks up its index.html
        state = read_state(self.site)
        written = state.outputs or None  # a dict: membership without a copy
        if not servable(relative, written):
            return "", None
        return full_path, found


__all__ = ["SITE_SUFFIXES", "SiteFiles", "check_site_folder", "servable"]
