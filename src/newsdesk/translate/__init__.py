"""Translation: an engine interface, three engines (openai, ctranslate2, deepl), checked output.

    engine = get_engine(settings.translate)          # None when no engine is configured
    result = translate_article(article, engine, cache)   # Translation | Rejection

Every translated segment passes `checks.check_segment` (same numbers and URLs, no quotation
lost, target language, no sentence left in the source language, no model commentary) before
it is returned or cached; an answer that fails is retried, then refused with a stable reason.
"""

from newsdesk.translate.article import translate_article, translate_segments
from newsdesk.translate.cache import (
    MemoryTranslationCache,
    SqliteTranslationCache,
    TranslationCache,
    cache_key,
)
from newsdesk.translate.checks import REASONS, SegmentCheck, check_segment
from newsdesk.translate.engine import TranslationEngine
from newsdesk.translate.registry import (
    ENABLE_HINT,
    NO_ENGINE,
    get_engine,
    no_engine_detail,
    no_engine_rejection,
)
from newsdesk.translate.result import Translation, TranslationRejected

__all__ = [
    "ENABLE_HINT",
    "NO_ENGINE",
    "REASONS",
    "MemoryTranslationCache",
    "SegmentCheck",
    "SqliteTranslationCache",
    "Translation",
    "TranslationCache",
    "TranslationEngine",
    "TranslationRejected",
    "cache_key",
    "check_segment",
    "get_engine",
    "no_engine_detail",
    "no_engine_rejection",
    "translate_article",
    "translate_segments",
]
