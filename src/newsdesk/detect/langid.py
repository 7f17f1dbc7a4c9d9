"""Language identification of short spans (a bracketed fragment, one sentence) with py3langid.

`newsdesk.language` (document-level identification) did not exist when the detectors were
written; this small wrapper keeps the detectors on one function so they can switch to it later.
The model is restricted to the languages that foreign fragments in news pages are written in,
which makes the normalised probabilities of short spans far less noisy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Languages a fragment may be identified as. Restricting the model to plausible languages is
# what makes probabilities on 2–6 word spans usable (with all 97 languages, "this week" spreads
# its mass over Germanic cousins).
SPAN_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl", "ca", "ro", "pl", "ru", "uk", "tr")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(SPAN_LANGUAGES))
    return ident


def language_probabilities(text: str) -> dict[str, float]:
    """Normalised probability of each language in SPAN_LANGUAGES for `text`."""
    return {lang: float(p) for lang, p in _identifier().rank(text)}


def identify(text: str) -> tuple[str, float]:
    """The most likely language of `text` (ISO 639-1) and its normalised probability."""
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)
