"""Checks that a translated segment can be trusted: nothing added, nothing left out, nothing changed
that must not change.

Every check returns a stable reason code. A rejected segment is retried by the engine and, if
it still fails, refused (`TranslationRejected`); it is never stored. Thresholds were calibrated
on the 3,000 professional EN→FR pairs of WMT newstest2013 (../shared/bench-data): the checks
accept 94.8 % of those human translations; most of the rest are numbers the translator
rewrote ("12,000" → "12 milles", "last 16" → "8es de finale"), which we hold rather than
trust (tests/translate/test_checks.py; benchmarks/translation.py prints the rate per reason).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsdesk.translate.commentary import find_commentary
from newsdesk.translate.languages import candidates_for, identify
from newsdesk.translate.numbers import numbers, urls

# Stable reason codes of a refused translation.
EMPTY = "empty_translation"
COMMENTARY = "model_commentary"
URLS_CHANGED = "urls_changed"
NUMBERS_CHANGED = "numbers_changed"
QUOTATIONS_CHANGED = "quotations_changed"
WRONG_LANGUAGE = "wrong_language"
SOURCE_LANGUAGE_LEFT = "source_language_left"
LENGTH_RATIO = "length_ratio"
NAMES_DROPPED = "names_dropped"
SEGMENT_COUNT = "segment_count_mismatch"  # batch level, raised by engines
UNPARSEABLE = "unparseable_answer"  # batch level, raised by engines
LOW_ADEQUACY = "low_adequacy"  # the meaning check of adequacy.py, run by the engines
REASONS = frozenset(
    {
        EMPTY,
        COMMENTARY,
        URLS_CHANGED,
        NUMBERS_CHANGED,
        QUOTATIONS_CHANGED,
        WRONG_LANGUAGE,
        SOURCE_LANGUAGE_LEFT,
        LENGTH_RATIO,
        NAMES_DROPPED,
        SEGMENT_COUNT,
        UNPARSEABLE,
        LOW_ADEQUACY,
    }
)

# A whole segment is judged for language only with at least this many letters: below it, names
# and acronyms ("AFP", "Vladimir Poutine") decide the label. On WMT references of >= 40 letters,
# py3langid restricted to the news languages labels 99.6 % of the French side "fr".
MIN_LETTERS_SEGMENT_LANGUAGE = 40
# A sentence left in the source language: at least this many letters and this probability.
# Calibrated on WMT: none of the French reference sentences of >= 60 letters is labelled "en"
# at all, while English sentences of that length, even full of names, score >= 0.97.
MIN_LETTERS_SENTENCE_LANGUAGE = 60
SOURCE_LANGUAGE_MIN_PROBABILITY = 0.9
# Length of the translation over the source, in characters. EN→FR references run 0.6-2.1
# (1st-99.9th percentile on WMT is 0.83-1.62); outside [0.45, 2.5] text was cut or added.
MIN_LENGTH_RATIO = 0.45
MAX_LENGTH_RATIO = 2.5
# Ratio checks only on segments of at least this many characters (titles vary a lot).
MIN_CHARS_LENGTH_RATIO = 60
# Names: refused when at least this many distinct source names are missing and they are more
# than this share of the names; fewer missing names are reported as notes. On WMT references,
# names are translated ("Germany" → "Allemagne") often enough that one missing name means little.
MIN_MISSING_NAMES = 3
MAX_MISSING_NAME_SHARE = 0.5
# Prefix length under which a name counts as kept ("Russia"/"Russie", "Moscow"/"Moscou").
NAME_PREFIX = 4

_QUOTE_OPEN = re.compile(r"[«“„]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+(?=[\"«“A-ZÀ-ÖØ-Þ0-9])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Capitalised words that are not names: sentence starters of the source and calendar words.
_NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "we",
        "they",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "his",
        "her",
        "its",
        "our",
        "their",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "to",
        "of",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


@dataclass(frozen=True)
class SegmentCheck:
    """The verdict on one translated segment: `reason` is None when it may be kept."""

    reason: str | None
    detail: str = ""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.reason is None


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sentences(text: str) -> list[str]:
    """A light sentence split, enough to find a sentence left untranslated."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def quotation_count(text: str) -> int:
    """How many quotations open in `text` (“…”, «…», "…"); straight quotes count by pairs."""
    return len(_QUOTE_OPEN.findall(text)) + text.count('"') // 2


def names(text: str) -> set[tuple[str, ...]]:
    """Runs of capitalised words not at the start of a sentence: the names of the text."""
    found: set[tuple[str, ...]] = set()
    for sentence in sentences(text):
        run: list[str] = []
        last_end = -1
        for i, m in enumerate(_WORD.finditer(sentence)):
            word = m.group(0).strip("'’-")
            is_name = (
                i > 0 and len(word) >= 2 and word[0].isupper() and word.casefold() not in _NOT_NAMES
            )
            if is_name and run and sentence[last_end : m.start()].strip() == "":
                run.append(word)
            else:
                if run:
                    found.add(tuple(run))
                run = [word] if is_name else []
            last_end = m.end()
        if run:
            found.add(tuple(run))
    return found


def missing_names(source: str, output: str) -> list[str]:
    """Names of `source` of which no word has a trace in `output` (same word or first letters)."""
    folded_output = _fold(output)
    output_words = {_fold(w) for w in _WORD.findall(output)}
    prefixes = {w[:NAME_PREFIX] for w in output_words if len(w) >= NAME_PREFIX}

    def kept(word: str) -> bool:
        folded = _fold(word)
        return folded in folded_output or (
            len(folded) >= NAME_PREFIX and folded[:NAME_PREFIX] in prefixes
        )

    return [" ".join(name) for name in sorted(names(source)) if not any(map(kept, name))]


def check_segment(source: str, output: str, source_lang: str, target_lang: str) -> SegmentCheck:
    """Every check of one translated segment, cheapest first; the first failure is the verdict."""
    if not output.strip():
        return SegmentCheck(EMPTY, "the engine returned an empty text")
    said = find_commentary(output)
    if said is not None and find_commentary(source) is None:
        return SegmentCheck(COMMENTARY, said)
    src_urls, out_urls = urls(source), urls(output)
    if src_urls != out_urls:
        lost = sorted((src_urls - out_urls).elements())
        added = sorted((out_urls - src_urls).elements())
        return SegmentCheck(URLS_CHANGED, f"lost {lost}, added {added}")
    src_numbers = set(numbers(source, source_lang))
    out_numbers = set(numbers(output, target_lang))
    if src_numbers != out_numbers:
        lost = sorted(src_numbers - out_numbers)
        added = sorted(out_numbers - src_numbers)
        return SegmentCheck(NUMBERS_CHANGED, f"lost {lost}, added {added}")
    n_src, n_out = quotation_count(source), quotation_count(output)
    if n_out < n_src:  # a quotation lost or merged; added marks are left to page verification
        return SegmentCheck(
            QUOTATIONS_CHANGED, f"{n_src} quotation(s) in the source, {n_out} in the translation"
        )
    candidates = candidates_for(source_lang, target_lang)
    if _letters(output) >= MIN_LETTERS_SEGMENT_LANGUAGE:
        lang, prob = identify(output, candidates)
        if lang is not None and lang != target_lang:
            return SegmentCheck(WRONG_LANGUAGE, f"the translation reads as {lang!r} (p={prob:.2f})")
    for sentence in sentences(output):
        if _letters(sentence) < MIN_LETTERS_SENTENCE_LANGUAGE:
            continue
        lang, prob = identify(sentence, candidates)
        if lang == source_lang and prob >= SOURCE_LANGUAGE_MIN_PROBABILITY:
            return SegmentCheck(SOURCE_LANGUAGE_LEFT, f"untranslated sentence: {sentence[:80]!r}")
    if len(source) >= MIN_CHARS_LENGTH_RATIO:
        ratio = len(output) / len(source)
        if not MIN_LENGTH_RATIO <= ratio <= MAX_LENGTH_RATIO:
            return SegmentCheck(LENGTH_RATIO, f"translation is {ratio:.2f}× the source length")
    missing = missing_names(source, output)
    source_names = names(source)
    if len(missing) >= MIN_MISSING_NAMES and len(missing) > MAX_MISSING_NAME_SHARE * len(
        source_names
    ):
        return SegmentCheck(NAMES_DROPPED, f"names not found in the translation: {missing}")
    notes = tuple(f"name not found in the translation: {name}" for name in missing)
    return SegmentCheck(None, notes=notes)
