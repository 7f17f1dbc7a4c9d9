"""A plain-text item whose title comes from its metadata (a JSONL line) keeps all its text as body."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.extract import extract
from newsdesk.types import Article, ItemHints, RawItem

BODY = (
    "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine, "
    "après un débat de plus de quatre heures. L'opposition a dénoncé une hausse des impôts "
    "locaux de 3 %, que la majorité justifie par la rénovation des écoles et des gymnases."
)


def _raw(text: str, title: str | None) -> RawItem:
    return RawItem(
        source_id="s",
        url="corpus.jsonl#1",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        content=text.encode(),
        media_type="text/plain",
        hints=ItemHints(title=title),
    )


def test_single_line_text_with_a_known_title_is_all_body() -> None:
    article = extract(_raw(BODY, "Budget municipal voté"))
    assert isinstance(article, Article)
    assert article.title == "Budget municipal voté"
    assert article.text == BODY


def test_text_starting_with_its_title_is_not_duplicated() -> None:
    article = extract(_raw(f"Budget municipal voté\n\n{BODY}", "Budget municipal voté"))
    assert isinstance(article, Article)
    assert article.title == "Budget municipal voté" and article.text == BODY


def test_without_a_known_title_the_first_line_is_the_title() -> None:
    article = extract(_raw(f"Budget municipal voté\n\n{BODY}", None))
    assert isinstance(article, Article) and article.title == "Budget municipal voté"
