"""Feeds for the watcher's tests: RSS built from the bundled samples' real text (full content, so
no page is fetched), served by the suite's real HTTP server on 127.0.0.1."""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.ingest.datafiles import sample_html

#: Run the CLI in a child process with this interpreter and the test's import path.
CLI = [sys.executable, "-c", "from newsdesk.cli import main; main()"]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "200"}


def rss(
    base: str,
    samples: Sequence[str],
    *,
    ttl: int | None = None,
    title: str = "Le Fil",
    tag: str = "",
) -> bytes:
    """An RSS 2.0 feed with one full-content item per sample number ("000".."004")."""
    items = "".join(
        f"<item><title>{title} {number}</title><link>{base}/{tag}articles/{number}</link>"
        f"<guid>{tag}{number}</guid><pubDate>Mon, 07 Dec 2026 08:0{i}:00 GMT</pubDate>"
        f"<content:encoded>{html.escape(sample_html(number), quote=False)}</content:encoded>"
        "</item>"
        for i, number in enumerate(samples)
    )
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>{base}/</link><language>fr</language>{ttl_tag}"
        f"{items}</channel></rss>"
    ).encode()


def config(tmp_path: Path, feeds: Sequence[str], extra: Sequence[str] = ()) -> Path:
    """newsdesk.toml with the feeds (private addresses allowed: the server is on 127.0.0.1)."""
    lines = [
        f'data_dir = "{(tmp_path / "data").as_posix()}"',
        f'out = "{(tmp_path / "site").as_posix()}"',
        "",
        "[fetch]",
        "timeout = 5",
        "per_host_interval = 0",
        "",
        "[compose]",
        "length_target = 250",
        "",
        *extra,
        "",
    ]
    for url in feeds:
        lines += [
            "[[sources]]",
            'kind = "feed"',
            f'location = "{url}"',
            "allow_private = true",
            'licence = "full"',
            'publisher = "Le Test"',
            "",
        ]
    path = tmp_path / "newsdesk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
