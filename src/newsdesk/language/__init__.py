"""Language identification and sentence splitting, shared by extraction, detectors and linking."""

from newsdesk.language.identify import (
    MIN_LETTERS,
    NEWS_LANGUAGES,
    identify,
    identify_many,
    model_languages,
)
from newsdesk.language.sentences import sentences, split_sentences

__all__ = [
    "MIN_LETTERS",
    "NEWS_LANGUAGES",
    "identify",
    "identify_many",
    "model_languages",
    "sentences",
    "split_sentences",
]
