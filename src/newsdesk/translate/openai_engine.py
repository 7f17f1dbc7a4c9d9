"""The `openai` engine: any OpenAI-compatible chat endpoint (llama.cpp server, vLLM, Ollama, hosted).

Segments go several to a request as a JSON array and must come back as a JSON array of the
same length; every text is then checked (`checks.check_segment`), so a model that announces
its translation, comments on it, leaves the source language in or changes a number is asked
again and, if it persists, refused: its words are never stored as a translation.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence

import httpx

from newsdesk.translate.http import RetryPolicy, post_json
from newsdesk.translate.retry_loop import BadAnswer, translate_checked

# Bumped whenever the request wording changes: it is part of `version`, hence of the cache key.
PROMPT_VERSION = "p1"
# Segments per request. 8 paragraphs of news (~4,000 characters) fit the 8k-token context of
# small local models with room for the answer.
DEFAULT_BATCH_SIZE = 8
# Requests per segment, including the first (content retries; HTTP retries are separate).
DEFAULT_ATTEMPTS = 3
# Tokens allowed for the answer per source character (French runs ~1.2× English in characters,
# ~3.5 characters per token), plus a fixed margin for the JSON syntax.
ANSWER_TOKENS_PER_CHAR = 0.6
ANSWER_TOKENS_MARGIN = 128
RETRY_TEMPERATURE = 0.3

LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "ar": "Arabic", "zh": "Chinese", "ja": "Japanese", "tr": "Turkish",
}  # fmt: skip

_SYSTEM = (
    "You are a translation engine for a news agency. Translate each string of the JSON array "
    "the user sends from {source} to {target}. Answer with a JSON array of exactly {n} strings, "
    "the translations in the same order, and nothing else: no introduction, no note, no "
    "comment. Keep every number, date, URL and proper name exactly as written; translate "
    "quotations faithfully and keep their quotation marks."
)
_REMINDER = (
    " Your previous answer was refused. Every string must be entirely in {target} and contain "
    "only the translation."
)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


def parse_answer(content: str, expected: int) -> list[str]:
    """The texts of a model's answer: a JSON array of strings (or an object holding one).

    A single expected text may also come back as plain text, which is taken whole: the
    checks, not this parser, decide whether it is a clean translation.
    """
    stripped = _FENCE.sub("", content.strip()).strip()
    start, end = stripped.find("["), stripped.rfind("]")
    if start != -1 and end > start:
        try:
            value = json.loads(stripped[start : end + 1])
        except ValueError:
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v.strip() for v in value]
    if stripped.startswith("{"):
        try:
            obj = json.loads(stripped)
        except ValueError:
            obj = None
        if isinstance(obj, dict):
            for v in obj.values():
                if isinstance(v, list) and all(isinstance(x, str) for x in v):
                    return [x.strip() for x in v]
    if expected == 1 and stripped:
        return [stripped]
    raise BadAnswer("unparseable_answer", f"no JSON array of strings in {content[:120]!r}")


class OpenAIEngine:
    """Translation through an OpenAI-compatible `/chat/completions` endpoint."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = 60.0,
        batch_size: int = DEFAULT_BATCH_SIZE,
        attempts: int = DEFAULT_ATTEMPTS,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.batch_size = batch_size
        self.attempts = attempts
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers)

    @property
    def version(self) -> str:
        return f"{self.model or 'default'}+{PROMPT_VERSION}"

    def close(self) -> None:
        self._client.close()

    def _ask(self, texts: list[str], retry: bool, source_lang: str, target_lang: str) -> list[str]:
        source = LANGUAGE_NAMES.get(source_lang, source_lang)
        target = LANGUAGE_NAMES.get(target_lang, target_lang)
        system = _SYSTEM.format(source=source, target=target, n=len(texts))
        if retry:
            system += _REMINDER.format(target=target)
        body = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": json.dumps(texts, ensure_ascii=False)},
            ],
            "temperature": RETRY_TEMPERATURE if retry else 0.0,
            "max_tokens": int(sum(map(len, texts)) * ANSWER_TOKENS_PER_CHAR) + ANSWER_TOKENS_MARGIN,
        }
        data = post_json(
            self._client,
            f"{self.base_url}/chat/completions",
            json=body,
            policy=self.retry,
            engine=self.name,
            sleep=self._sleep,
        )
        try:
            choice = data["choices"][0]
            content = choice["message"]["content"] or ""
        except (KeyError, IndexError, TypeError) as exc:
            raise BadAnswer(
                "unparseable_answer", f"not a chat completion: {str(data)[:120]}"
            ) from exc
        if choice.get("finish_reason") == "length":
            raise BadAnswer("unparseable_answer", "the answer was cut at max_tokens")
        return parse_answer(content, len(texts))

    def translate(self, segments: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        return translate_checked(
            segments,
            source_lang,
            target_lang,
            lambda texts, retry: self._ask(texts, retry, source_lang, target_lang),
            batch_size=self.batch_size,
            attempts=self.attempts,
            engine=self.name,
        )
