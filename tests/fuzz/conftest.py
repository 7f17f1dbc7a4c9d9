"""Fuzz tests: every reader on generated and mutated inputs (see targets.py for the invariant)."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def _quiet_warcio(monkeypatch: pytest.MonkeyPatch) -> None:
    """warcio prints a warning per damaged record to stderr; thousands of them hide failures."""
    logging.getLogger("warcio").setLevel(logging.ERROR)
