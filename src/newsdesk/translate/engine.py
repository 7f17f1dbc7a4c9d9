"""The interface every translation engine implements: segments in, segments out, in order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class TranslationEngine(Protocol):
    """A translation engine.

    `translate` returns exactly one checked target-language string per input segment, in order,
    or raises `TranslationRejected` (the answer failed a check: bad input for this engine) or
    `errors.EngineError` (the engine is unusable: unreachable, unauthorised, model missing).
    `name` and `version` identify what produced the text; both go into the cache key.
    """

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def translate(
        self, segments: Sequence[str], source_lang: str, target_lang: str
    ) -> list[str]: ...
