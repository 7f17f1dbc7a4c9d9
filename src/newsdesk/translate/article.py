"""Translate one article paragraph by paragraph, through the cache, into a `Translation`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from newsdesk.log import get_logger
from newsdesk.translate.cache import TranslationCache, cache_key
from newsdesk.translate.checks import missing_names
from newsdesk.translate.engine import TranslationEngine
from newsdesk.translate.result import Translation, TranslationRejected
from newsdesk.types import Article, Rejection

log = get_logger(__name__)

STAGE = "translate"


def translate_segments(
    key: str,
    segments: tuple[str, ...],
    source_lang: str,
    target_lang: str,
    engine: TranslationEngine,
    cache: TranslationCache | None = None,
    *,
    item: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Translation | Rejection:
    """Translate `segments`, taking what the cache has and caching only what passed the checks.

    A refused answer returns a `Rejection` (stage "translate", reason the check's code, detail
    naming the paragraph); an unusable engine raises `errors.EngineError`.
    """
    keys = [cache_key(s, source_lang, target_lang, engine.name, engine.version) for s in segments]
    out: list[str | None] = []
    for k in keys:
        hit = cache.get(k) if cache is not None else None
        out.append(hit.text if hit is not None else None)
    missing = [i for i, text in enumerate(out) if text is None]
    from_cache = len(segments) - len(missing)

    def store(i: int, text: str) -> None:
        out[i] = text
        if cache is not None:
            cache.put(
                keys[i], engine.name, engine.version, source_lang, target_lang, segments[i], text
            )

    if missing:
        try:
            fresh = engine.translate([segments[i] for i in missing], source_lang, target_lang)
        except TranslationRejected as refused:
            for j, text in enumerate(refused.partial):
                if text is not None:
                    store(missing[j], text)
            where = missing[refused.segment] if refused.segment is not None else None
            log.info("translation_rejected", key=key, reason=refused.reason, paragraph=where)
            return Rejection(
                item=item or key,
                stage=STAGE,
                reason=refused.reason,
                detail=f"paragraph {where}: {refused.detail}"
                if where is not None
                else refused.detail,
            )
        for i, text in zip(missing, fresh, strict=True):
            store(i, text)
    texts = tuple(t or "" for t in out)
    notes = tuple(
        f"paragraph {i}: name not found in the translation: {name}"
        for i, (src, text) in enumerate(zip(segments, texts, strict=True))
        for name in missing_names(src, text)
    )
    log.info(
        "translated", key=key, segments=len(segments), from_cache=from_cache, engine=engine.name
    )
    return Translation(
        key=key,
        source_lang=source_lang,
        target_lang=target_lang,
        source_segments=segments,
        segments=texts,
        engine=engine.name,
        engine_version=engine.version,
        created_at=now(),
        from_cache=from_cache,
        notes=notes,
    )


def translate_article(
    article: Article,
    engine: TranslationEngine,
    cache: TranslationCache | None = None,
    *,
    target_lang: str = "fr",
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Translation | Rejection:
    """The paragraph-aligned translation of `article` into `target_lang`.

    An article without a known language is rejected ("unknown_language"): guessing the source
    language is language identification's job, and a wrong guess would be translated anyway.
    """
    if not article.language:
        return Rejection(article.url, STAGE, "unknown_language", "the article has no language")
    if article.language == target_lang:
        return Rejection(
            article.url, STAGE, "already_in_target_language", f"the article is in {target_lang}"
        )
    segments = tuple(p.text for p in article.paragraphs)
    return translate_segments(
        article.id,
        segments,
        article.language,
        target_lang,
        engine,
        cache,
        item=article.url,
        now=now,
    )
