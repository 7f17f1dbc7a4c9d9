from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.translate.checks import check_segment
from newsdesk.translate.http import RetryPolicy
from tests.translate.servers import WMT, Peer, load_wmt, start

# No waiting in tests: the backoff schedule is checked on the recorded sleeps instead.
NO_WAIT = RetryPolicy(retries=4, backoff_base=0.01)


@pytest.fixture(scope="session")
def wmt_pairs() -> list[tuple[str, str]]:
    if not WMT.is_dir():
        pytest.skip("../shared/bench-data/wmt-newstest2013-en-fr is not present")
    return load_wmt()


@pytest.fixture(scope="session")
def clean_pairs(wmt_pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """WMT pairs whose human translation passes the form checks (the engines' "good" answers).

    Not filtered by adequacy (embedding them all would cost ~30 s); the pairs the tests use
    score above MIN_ADEQUACY, and embeddings are deterministic, so this cannot flake.
    """
    return [(en, fr) for en, fr in wmt_pairs[:330] if check_segment(en, fr, "en", "fr").ok]


@pytest.fixture()
def chat_peer(clean_pairs: list[tuple[str, str]]) -> Iterator[Peer]:
    server, peer = start("openai", dict(clean_pairs))
    yield peer
    server.shutdown()


@pytest.fixture()
def deepl_peer(clean_pairs: list[tuple[str, str]]) -> Iterator[Peer]:
    server, peer = start("deepl", dict(clean_pairs))
    yield peer
    server.shutdown()
