"""Shared test fixtures. Sub-packages keep their own fixtures in their own conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.httpserver import LocalServer
from tests.translate.llama_server import LlamaServer, missing, smollm2_gguf

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BENCH_DATA = SHARED / "bench-data"
SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def bench_data() -> Path:
    if not BENCH_DATA.is_dir():
        pytest.skip("../shared/bench-data is not present beside the repository")
    return BENCH_DATA


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """One real llama.cpp server (SmolLM2-135M) for every test that needs a model endpoint."""
    why = missing()
    if why:
        pytest.skip(why)
    gguf = smollm2_gguf()
    assert gguf is not None
    server = LlamaServer(gguf, tmp_path_factory.mktemp("llama"))
    yield server
    server.stop()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 whose routes a test sets (tests/ingest/httpserver.py)."""
    srv = LocalServer()
    try:
        yield srv
    finally:
        srv.close()
