"""Language identification on real sentences it was not tuned on (WMT newstest2013)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.language import NEWS_LANGUAGES, identify, identify_many, model_languages


@pytest.fixture(scope="module")
def wmt(bench_data: Path) -> dict[str, list[str]]:
    base = bench_data / "wmt-newstest2013-en-fr" / "newstest2013.en-fr"
    return {
        lang: [
            line.strip() for line in Path(f"{base}.{ext}").read_text(encoding="utf-8").splitlines()
        ]
        for lang, ext in (("en", "eng"), ("fr", "fra"))
    }


def test_sentences_are_identified(wmt: dict[str, list[str]]) -> None:
    for lang, lines in wmt.items():
        sample = [s for s in lines[::10] if len(s) >= 40][:250]
        results = identify_many(sample)
        correct = sum(1 for got, _ in results if got == lang)
        assert correct / len(sample) >= 0.97, (lang, correct, len(sample))
        assert all(0.0 <= conf <= 1.0 for _, conf in results)


def test_short_fragments_with_news_candidates(wmt: dict[str, list[str]]) -> None:
    """Fragments of 3-5 words (20-40 characters), as detectors see them in brackets."""
    for lang, lines in wmt.items():
        frags = []
        for s in lines[1::7]:
            words = s.split()
            frag = " ".join(words[2:6])
            if 20 <= len(frag) <= 40:
                frags.append(frag)
        frags = frags[:300]
        correct = sum(
            1 for got, _ in identify_many(frags, candidates=NEWS_LANGUAGES) if got == lang
        )
        assert correct / len(frags) >= 0.93, (lang, correct, len(frags))


def test_too_short_or_empty_is_unknown() -> None:
    assert identify("") == (None, 0.0)
    assert identify("  ") == (None, 0.0)
    assert identify("OK") == (None, 0.0)
    assert identify("12 345,6 %") == (None, 0.0)


def test_sample_fragments() -> None:
    # The untranslated fragments of the bundled samples, inside French sentences.
    assert identify("[in Russia or Crimea]", candidates=NEWS_LANGUAGES)[0] == "en"
    assert identify("[defense department]", candidates=NEWS_LANGUAGES)[0] == "en"
    lang, conf = identify("Les États-Unis ont discrètement donné à l'Ukraine le feu vert.")
    assert lang == "fr" and conf > 0.9


def test_batch_matches_single_calls(wmt: dict[str, list[str]]) -> None:
    sample = wmt["fr"][:50] + wmt["en"][:50] + ["", "ok", wmt["fr"][0]]
    assert identify_many(sample) == [identify(s) for s in sample]


def test_candidates_restrict_the_answer() -> None:
    assert set(NEWS_LANGUAGES) <= set(model_languages())
    lang, _ = identify("Das ist ein sehr schöner Tag in Berlin", candidates={"fr", "en"})
    assert lang in {"fr", "en"}
