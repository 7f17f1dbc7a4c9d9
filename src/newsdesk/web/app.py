"""The web application behind `newsdesk serve`: the static site (and, later, the review desk).

Built on Starlette; no hand-written HTTP server.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from newsdesk.errors import InputError


def create_app(site_dir: Path) -> Starlette:
    if not (site_dir / "index.html").is_file():
        raise InputError(f"no site in {site_dir}: run `newsdesk run --out {site_dir}` first")

    async def home(request):  # type: ignore[no-untyped-def]
        return RedirectResponse("/index.html")

    return Starlette(
        routes=[
            Route("/", home),
            Mount("/", app=StaticFiles(directory=site_dir, html=True), name="site"),
        ]
    )
