"""Sentence splitting with spans, checked on hand cases and on WMT text it was not written for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsdesk.language import sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Dupont est arrivé. Mme Durand aussi.", ["M. Dupont est arrivé.", "Mme Durand aussi."]),
        (
            "Le porte-parole Brig. Gen. Pat Ryder a parlé. Puis il est parti.",
            ["Le porte-parole Brig. Gen. Pat Ryder a parlé.", "Puis il est parti."],
        ),
        (
            "Le Dr. House et le Pr Martin. George W. Bush est venu.",
            ["Le Dr. House et le Pr Martin.", "George W. Bush est venu."],
        ),
        (
            "La croissance a atteint 3,5 % contre 3.5 points. Le taux a baissé.",
            ["La croissance a atteint 3,5 % contre 3.5 points.", "Le taux a baissé."],
        ),
        (
            "« Je n’entrerai pas dans les détails. » a-t-il dit. « Non. » Ensuite il est parti.",
            [
                "« Je n’entrerai pas dans les détails. » a-t-il dit.",
                "« Non. »",
                "Ensuite il est parti.",
            ],
        ),
        ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."]),
        (
            "Il hésite… puis se lance. Et après ? Rien.",
            ["Il hésite… puis se lance.", "Et après ?", "Rien."],
        ),
        ("Attendez... Voilà. Enfin!", ["Attendez...", "Voilà.", "Enfin!"]),
        (
            "The U.S. Senate voted. Prices rose in the U.S. The Fed acted.",
            ["The U.S. Senate voted.", "Prices rose in the U.S.", "The Fed acted."],
        ),
        (
            "Voir p. 12 du rapport. Il est au vol. Ils étaient sept. Le 5 sept. 2023 ils partent.",
            [
                "Voir p. 12 du rapport.",
                "Il est au vol.",
                "Ils étaient sept.",
                "Le 5 sept. 2023 ils partent.",
            ],
        ),
        ("Il a cité (...) la loi. Fin.", ["Il a cité (...) la loi.", "Fin."]),
        (
            "Premier paragraphe sans point\nDeuxième. Troisième.",
            ["Premier paragraphe sans point", "Deuxième.", "Troisième."],
        ),
        (
            "...se trouvent dans les Pyrénées.Alors que le col est fermé.",
            ["...se trouvent dans les Pyrénées.", "Alors que le col est fermé."],
        ),
        (
            "Visitez lemonde.fr ou le site www.example.com. Merci.",
            ["Visitez lemonde.fr ou le site www.example.com.", "Merci."],
        ),
    ],
)
def test_hand_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def _check_spans(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        chunk = text[s:e]
        assert chunk == chunk.strip() and "\n" not in chunk
        last = e
    # Nothing but whitespace is left out.
    covered = "".join(text[s:e] for s, e in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


def _lines(bench_data: Path, ext: str) -> list[str]:
    path = bench_data / "wmt-newstest2013-en-fr" / f"newstest2013.en-fr.{ext}"
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.parametrize("ext", ["eng", "fra"])
def test_wmt_boundaries(bench_data: Path, ext: str) -> None:
    """Join consecutive WMT lines (one sentence each, mostly) into paragraphs of six; the
    splitter must find the joins between lines that end like sentences, and split inside a line
    rarely (some lines hold two sentences, so inner splits are an upper bound on errors)."""
    lines = _lines(bench_data, ext)
    found = expected = inner = total = 0
    for i in range(0, len(lines), 6):
        group = lines[i : i + 6]
        text = " ".join(group)
        _check_spans(text)
        ends = {e for _, e in split_sentences(text)}
        pos = 0
        for line in group[:-1]:
            pos += len(line)
            ends_like_sentence = re.search(r"[.!?…][\"»”’)]*$", line)
            next_starts = re.match(r"[\"«“(\-–—]?\s*[A-ZÀ-Ý0-9]", text[pos + 1 :])
            if ends_like_sentence and next_starts:
                expected += 1
                found += pos in ends
            pos += 1
        gold = set()
        pos = 0
        for line in group:
            pos += len(line)
            gold.add(pos)
            pos += 1
        inner += len(ends - gold)
        total += len(ends)
    assert found / expected >= 0.98, (found, expected)
    assert inner / total <= 0.03, (inner, total)


def test_french_news_spans(bench_data: Path) -> None:
    path = bench_data / "french-news-clean" / "articles_fr.jsonl"
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines()[:100]:
        rec = json.loads(line)
        _check_spans(rec["article"])
        n += len(split_sentences(rec["article"]))
    assert n > 1000  # ~ a dozen sentences per article
