"""Language identification for the output checks, through `newsdesk.language` when present."""

from __future__ import annotations

from collections.abc import Callable, Collection

_Identify = Callable[..., tuple[str | None, float]]
_identify: _Identify | None
try:
    from newsdesk.language import NEWS_LANGUAGES
    from newsdesk.language import identify as _identify
except ImportError:  # pragma: no cover - the shared package is being written in parallel
    _identify = None
    NEWS_LANGUAGES = frozenset(
        {"en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "ar", "zh", "ja", "tr"}
    )


def identify(text: str, candidates: Collection[str]) -> tuple[str | None, float]:
    """(language, probability) of `text` among `candidates`; (None, 0.0) for too little text."""
    if _identify is not None:
        return _identify(text, candidates=candidates)
    import py3langid

    if sum(ch.isalpha() for ch in text) < 3:
        return None, 0.0
    ident = py3langid.langid.LanguageIdentifier.from_model_file(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )
    ident.set_languages(sorted(candidates))
    lang, conf = ident.classify(text)
    return str(lang), float(conf)


def candidates_for(source_lang: str, target_lang: str) -> frozenset[str]:
    """The languages an answer may be in: the news languages plus both ends of the pair."""
    return NEWS_LANGUAGES | {source_lang, target_lang}
