"""A text without a title of its own (issue 20, item 13): a JSONL line with a long `text` and no
`title` used to lose its only line to the title and be rejected as `no_article`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.extract import extract
from newsdesk.extract.plaintext import extract_text
from newsdesk.types import Article, ItemHints, RawItem

LEDE = (
    "Le préfet de la Gironde a annoncé mardi des restrictions d'eau dans quarante-deux "
    "communes du département, après un été particulièrement sec et des nappes phréatiques au "
    "plus bas depuis 1976."
)
BODY = (
    " Les agriculteurs ne pourront plus irriguer leurs parcelles entre 10 heures et 18 heures, "
    "et le remplissage des piscines privées est interdit jusqu'à nouvel ordre. « C'est une "
    "situation inédite », a déclaré le préfet lors d'une conférence de presse à Bordeaux. Les "
    "contrevenants s'exposent à une amende de 1 500 euros."
)


def test_one_long_line_is_all_body() -> None:
    read = extract_text(LEDE + BODY)
    assert read.title == "" and read.paragraphs == (LEDE + BODY,)


def test_a_long_first_paragraph_is_not_a_title() -> None:
    read = extract_text(f"{LEDE}{BODY}\n\nLa mairie de Libourne a fermé ses fontaines.")
    assert read.title == "" and len(read.paragraphs) == 2


def test_a_headline_line_is_still_the_title() -> None:
    read = extract_text(f"Sécheresse : restrictions d'eau en Gironde\n\n{LEDE}{BODY}")
    assert read.title == "Sécheresse : restrictions d'eau en Gironde"
    assert read.paragraphs == (LEDE + BODY,)


def test_untitled_jsonl_text_becomes_an_article_with_cleaning() -> None:
    raw = RawItem(
        source_id="s",
        url="https://fil.example/gironde",
        fetched_at=datetime(2024, 8, 1, tzinfo=UTC),
        content=(LEDE + BODY).encode(),
        media_type="text/plain",
        status=None,
        headers=(),
        encoding="utf-8",
        hints=ItemHints(language="fr"),
    )
    article = extract(raw)
    assert isinstance(article, Article), article
    assert article.title == "" and article.text.startswith("Le préfet de la Gironde")


def test_audit_reads_untitled_jsonl_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"url": "https://fil.example/1", "text": LEDE + BODY},
        {"url": "https://fil.example/2", "title": "Sécheresse en Gironde", "text": LEDE + BODY},
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    documents = {
        d["document"]: d
        for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())
    }
    assert set(documents) == {"https://fil.example/1", "https://fil.example/2"}
    assert documents["https://fil.example/1"]["text"] == LEDE + BODY
