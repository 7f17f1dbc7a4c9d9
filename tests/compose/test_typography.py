"""French typography: idempotent, letters and digits untouched, the rules applied."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.compose.typography import NBSP, NNBSP, french

ALPHABET = st.sampled_from(list("abcdeé É'’\"«»:;!?.,()-–0123456789 \u00a0\u202f\nhttp/"))


@given(st.text(alphabet=ALPHABET, max_size=80))
@settings(max_examples=400, deadline=None)
def test_idempotent_on_generated_text(text: str) -> None:
    once = french(text)
    assert french(once) == once


@given(st.text(alphabet=ALPHABET, max_size=80))
@settings(max_examples=200, deadline=None)
def test_letters_and_digits_unchanged(text: str) -> None:
    def keep(s: str) -> str:
        return "".join(c for c in s if c.isalnum())

    assert keep(french(text)) == keep(text)


def test_idempotent_on_real_french_news(bench_data: Path) -> None:
    lines = (bench_data / "french-news-clean" / "articles_fr.jsonl").read_text("utf-8")
    for line in lines.splitlines()[:200]:
        record = json.loads(line)
        for text in (record["title"], record["abstract"], record["article"][:3000]):
            once = french(text)
            assert french(once) == once, text[:80]


def test_rules() -> None:
    assert french('Il a dit "bonjour" : oui') == f"Il a dit «{NBSP}bonjour{NBSP}»{NBSP}: oui"
    assert french("« Nous » ; vraiment !") == f"«{NBSP}Nous{NBSP}»{NNBSP}; vraiment{NNBSP}!"
    assert french("l'armée d'Ukraine") == "l’armée d’Ukraine"
    # times, URLs and ratios keep their colon and question mark
    assert french("à 18:41 sur https://ex.fr/a?b=1") == "à 18:41 sur https://ex.fr/a?b=1"
