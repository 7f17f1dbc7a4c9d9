"""The `ctranslate2` engine: a user-supplied CTranslate2 model folder with its SentencePiece model.

Accepted layouts (the files CTranslate2 and the usual packagers write):
- an unzipped Argos Translate package: ``model/`` (model.bin, vocabulary) beside
  ``sentencepiece.model``;
- a converted OPUS-MT (Marian) model: model.bin beside ``source.spm`` and ``target.spm``;
- any CTranslate2 model folder with one ``*.model`` / ``*.spm`` SentencePiece file.
Paragraphs are split into sentences before translation (these models are trained on
sentences) and joined again, so the output stays paragraph-aligned.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsdesk.errors import EngineError, MissingExtraError
from newsdesk.translate.checks import sentences
from newsdesk.translate.retry_loop import translate_checked

# Sentences per call to translate_batch; CTranslate2 sorts them by length inside a batch.
BATCH_SENTENCES = 32
# Beam size of the first attempt, and of the retry of a segment that failed a check.
BEAM_SIZE = 2
RETRY_BEAM_SIZE = 5
# Longest output, in tokens, of one sentence (a news sentence is rarely over 80 tokens), and the
# output budget relative to the longest source sentence of a batch: EN→FR SentencePiece output
# runs ~1.2× the source; 2× + 10 stops a looping decoder early without cutting a real sentence.
MAX_DECODING_LENGTH = 256
OUTPUT_TOKENS_PER_SOURCE_TOKEN = 2.0
OUTPUT_TOKENS_MARGIN = 10
# CPU threads of one translation. CTranslate2's default (0: up to 4 OpenMP threads) spins when
# the cores are shared: on this project's 2-core CI box a tiny model ran 20× slower with it.
DEFAULT_THREADS = 1


def _find_model(folder: Path) -> tuple[Path, Path, Path]:
    """(CTranslate2 model folder, source SentencePiece model, target SentencePiece model)."""
    if not folder.is_dir():
        raise EngineError(f"ctranslate2: model folder not found: {folder}")
    model_dir = folder / "model" if (folder / "model" / "model.bin").is_file() else folder
    if not (model_dir / "model.bin").is_file():
        raise EngineError(f"ctranslate2: no model.bin in {folder} or {folder / 'model'}")
    if (folder / "source.spm").is_file() and (folder / "target.spm").is_file():
        return model_dir, folder / "source.spm", folder / "target.spm"
    for place in (folder, model_dir):
        found = sorted(place.glob("*.model")) + sorted(place.glob("*.spm"))
        if found:
            return model_dir, found[0], found[0]
    raise EngineError(f"ctranslate2: no SentencePiece model (*.model, *.spm) in {folder}")


class CTranslate2Engine:
    """Local neural machine translation with CTranslate2 on the CPU."""

    name = "ctranslate2"

    def __init__(
        self, model: str | Path, *, threads: int = DEFAULT_THREADS, attempts: int = 2
    ) -> None:
        try:
            import ctranslate2
        except ImportError as exc:
            raise MissingExtraError("ctranslate2", "translate") from exc
        try:
            import sentencepiece
        except ImportError as exc:
            raise MissingExtraError("sentencepiece", "translate") from exc
        self.folder = Path(model).expanduser()
        model_dir, source_spm, target_spm = _find_model(self.folder)
        try:
            self._translator: Any = ctranslate2.Translator(
                str(model_dir), device="cpu", inter_threads=1, intra_threads=threads
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"ctranslate2: cannot load {model_dir}: {exc}") from exc
        self._source_sp: Any = sentencepiece.SentencePieceProcessor(model_file=str(source_spm))
        self._target_sp: Any = sentencepiece.SentencePieceProcessor(model_file=str(target_spm))
        self.attempts = attempts
        digest = hashlib.sha256()
        for f in (model_dir / "config.json", source_spm, target_spm):
            if f.is_file():
                digest.update(f.read_bytes())
        digest.update(str((model_dir / "model.bin").stat().st_size).encode())
        self._version = (
            f"{self.folder.name}:{digest.hexdigest()[:12]}+ct2-{ctranslate2.__version__}"
        )
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        return self._version

    def _ask(self, texts: list[str], retry: bool) -> list[str]:
        split = [sentences(t) or [t] for t in texts]
        flat = [s for group in split for s in group]
        tokens = self._source_sp.encode(flat, out_type=str)
        outputs: list[str] = []
        with self._lock:  # one translate_batch at a time: the threads are already in use
            for start in range(0, len(tokens), BATCH_SENTENCES):
                batch = tokens[start : start + BATCH_SENTENCES]
                longest = max(len(t) for t in batch)
                budget = int(longest * OUTPUT_TOKENS_PER_SOURCE_TOKEN) + OUTPUT_TOKENS_MARGIN
                try:
                    results = self._translator.translate_batch(
                        batch,
                        beam_size=RETRY_BEAM_SIZE if retry else BEAM_SIZE,
                        max_decoding_length=min(MAX_DECODING_LENGTH, budget),
                    )
                except (RuntimeError, ValueError) as exc:
                    raise EngineError(f"ctranslate2: translation failed: {exc}") from exc
                outputs.extend(self._target_sp.decode(r.hypotheses[0]) for r in results)
        joined, pos = [], 0
        for group in split:
            joined.append(" ".join(outputs[pos : pos + len(group)]).strip())
            pos += len(group)
        return joined

    def translate(self, segments: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        return translate_checked(
            segments,
            source_lang,
            target_lang,
            self._ask,
            batch_size=BATCH_SENTENCES,
            attempts=self.attempts,
            engine=self.name,
        )
