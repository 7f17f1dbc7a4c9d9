"""The content retry loop shared by engines whose answers can fail the checks.

A batch is asked for; an answer that cannot be read as one text per segment is split in halves
(small models lose count on long batches) and a single segment is asked again; segments whose
text fails `check_segment` are asked again one by one, with the `retry` flag set so that the
engine can change its request (a reminder, a higher temperature). What still fails is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsdesk.log import get_logger
from newsdesk.translate.adequacy import LOW_ADEQUACY, MIN_ADEQUACY, adequacy
from newsdesk.translate.checks import check_segment
from newsdesk.translate.result import TranslationRejected

log = get_logger(__name__)


class BadAnswer(Exception):
    """An answer that does not hold one text per segment (reason: a `checks` batch code)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


# ask(texts, retry) -> one text per input, or raises BadAnswer
AskFn = Callable[[list[str], bool], list[str]]


@dataclass
class _State:
    results: dict[int, str] = field(default_factory=dict)
    failures: dict[int, tuple[str, str]] = field(default_factory=dict)


def translate_checked(
    segments: Sequence[str],
    source_lang: str,
    target_lang: str,
    ask: AskFn,
    *,
    batch_size: int,
    attempts: int,
    engine: str,
) -> list[str]:
    """Translate `segments` through `ask`, checked; raises `TranslationRejected` on what fails."""
    state = _State()

    def solve(items: list[tuple[int, str]], attempts_left: int, retry: bool) -> None:
        try:
            outs = ask([text for _, text in items], retry)
            if len(outs) != len(items):
                raise BadAnswer(
                    "segment_count_mismatch", f"asked for {len(items)} texts, got {len(outs)}"
                )
        except BadAnswer as bad:
            log.info("translate_bad_answer", engine=engine, size=len(items), reason=bad.reason)
            if len(items) > 1:
                half = len(items) // 2
                solve(items[:half], attempts_left, retry)
                solve(items[half:], attempts_left, retry)
            elif attempts_left > 1:
                solve(items, attempts_left - 1, True)
            else:
                state.failures[items[0][0]] = (bad.reason, bad.detail)
            return
        again = []
        passed: list[tuple[int, str, str]] = []
        for (i, text), out in zip(items, outs, strict=True):
            verdict = check_segment(text, out, source_lang, target_lang)
            if verdict.ok:
                passed.append((i, text, out))
            else:
                log.info("translate_check_failed", engine=engine, reason=verdict.reason, segment=i)
                state.failures[i] = (verdict.reason or "", verdict.detail)
                again.append((i, text))
        scores = adequacy([t for _, t, _ in passed], [o for _, _, o in passed])
        for (i, text, out), score in zip(passed, scores, strict=True):
            if score is not None and score < MIN_ADEQUACY:
                log.info("translate_check_failed", engine=engine, reason=LOW_ADEQUACY, segment=i)
                detail = f"the translation does not say what the source says (cosine {score:.2f})"
                state.failures[i] = (LOW_ADEQUACY, detail)
                again.append((i, text))
            else:
                state.results[i] = out
                state.failures.pop(i, None)
        if attempts_left > 1:
            for item in again:
                solve([item], attempts_left - 1, True)

    indexed = [(i, s) for i, s in enumerate(segments) if s.strip()]
    for i, s in enumerate(segments):
        if not s.strip():
            state.results[i] = s  # nothing to translate
    for start in range(0, len(indexed), batch_size):
        solve(indexed[start : start + batch_size], attempts, False)
    if state.failures:
        first = min(state.failures)
        reason, detail = state.failures[first]
        partial = tuple(state.results.get(i) for i in range(len(segments)))
        raise TranslationRejected(reason, detail, segment=first, partial=partial)
    return [state.results[i] for i in range(len(segments))]
