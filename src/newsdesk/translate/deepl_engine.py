"""The `deepl` engine: DeepL's HTTP API (v2 `/translate`), free or pro endpoint.

The contract used (https://developers.deepl.com/docs/api-reference/translate): POST JSON
``{"text": [...], "source_lang": "EN", "target_lang": "FR"}`` with the header
``Authorization: DeepL-Auth-Key <key>``; answer ``{"translations": [{"detected_source_language":
"EN", "text": "..."}]}`` in order. Keys of the free plan end in ":fx" and use api-free.deepl.com.
403 is a bad key, 456 an exhausted quota (both raise); 429 and 5xx are retried with backoff.
DeepL's text still goes through the same checks as every engine's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from newsdesk.translate.http import RetryPolicy, post_json
from newsdesk.translate.retry_loop import BadAnswer, translate_checked

FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"
# DeepL accepts at most 50 texts per request.
MAX_TEXTS_PER_REQUEST = 50
# Target codes DeepL wants with a variant.
_TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT"}


def default_url(api_key: str) -> str:
    return FREE_URL if api_key.endswith(":fx") else PRO_URL


class DeepLEngine:
    name = "deepl"
    version = "v2"  # DeepL does not expose a model version; the API version is what we know

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        timeout: float = 60.0,
        attempts: int = 2,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = (base_url or default_url(api_key)).rstrip("/")
        if self.base_url.endswith("/v2"):
            self.base_url = self.base_url[: -len("/v2")]
        self.attempts = attempts
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=timeout, headers={"Authorization": f"DeepL-Auth-Key {api_key}"}
        )

    def close(self) -> None:
        self._client.close()

    def _ask(self, texts: list[str], source_lang: str, target_lang: str) -> list[str]:
        body = {
            "text": texts,
            "source_lang": source_lang.upper(),
            "target_lang": _TARGET_VARIANTS.get(target_lang, target_lang.upper()),
        }
        data: Any = post_json(
            self._client,
            f"{self.base_url}/v2/translate",
            json=body,
            policy=self.retry,
            engine=self.name,
            sleep=self._sleep,
        )
        try:
            return [str(t["text"]) for t in data["translations"]]
        except (KeyError, TypeError) as exc:
            raise BadAnswer("unparseable_answer", f"not a DeepL answer: {str(data)[:120]}") from exc

    def translate(self, segments: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        return translate_checked(
            segments,
            source_lang,
            target_lang,
            lambda texts, retry: self._ask(texts, source_lang, target_lang),
            batch_size=MAX_TEXTS_PER_REQUEST,
            attempts=self.attempts,
            engine=self.name,
        )
