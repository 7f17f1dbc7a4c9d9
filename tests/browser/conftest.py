"""A real browser (Debian's Chromium driven by Playwright) against `newsdesk serve`'s app, run by
uvicorn in a thread on a free loopback port. Screenshots go to test-artifacts/ (git-ignored).

Needs: `apt-get install -y chromium` and `pip install playwright` — never `playwright install`
(it downloads a browser build, which this environment cannot fetch).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Verdict, VerdictStatus
from tests.publish import corpus
from tests.web.conftest import NOW, DeskFixture, make_desk

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )
playwright_sync = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@dataclass
class Served:
    url: str
    desk: DeskFixture


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    import uvicorn

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    fixture = make_desk(tmp_path_factory.mktemp("browser"), base_url=base)
    if corpus.available():  # a site of real story pages with topics and related stories
        for page in corpus.real_pages(40, NOW):
            fixture.store.save_page(
                PageRecord(page, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED)
            )
    app = fixture.client.app
    app.state.desk.rebuild()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield Served(base, fixture)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        fixture.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def shot(tab: object, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path
