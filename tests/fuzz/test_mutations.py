"""Raw-bytes fuzzing: the seed documents of every reader after random byte-level mutations.

The same engine (mutate.py) drives benchmarks/fuzz.py for long runs; here hypothesis draws the
seed and the random state, so a failure shrinks towards fewer mutations of a smaller seed.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as s
from .mutate import mutate
from .seeds import seeds
from .targets import TARGETS

#: Examples per reader: the slow ones (extraction runs trafilatura) get fewer.
EXAMPLES = {"html": 40, "feed": 60, "warc": 60}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_seeds_are_read(name: str) -> None:
    """The seeds are read (some are bad on purpose, like the suite's empty and malformed
    feeds): the mutations start from documents that get far into each reader."""
    outcomes = [TARGETS[name].run(seed) for seed in seeds(name)]
    assert any(o.items + o.unchanged > 0 for o in outcomes), f"{name}: no seed yields an item"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_mutated_seeds(name: str) -> None:
    corpus = seeds(name)

    @s.fuzz_settings(EXAMPLES.get(name, 100))
    @given(st.integers(0, len(corpus) - 1), st.integers(0, 2**32), st.integers(1, 8))
    def check(index: int, state: int, steps: int) -> None:
        TARGETS[name].run(mutate(corpus[index], random.Random(state), corpus, steps))

    check()
