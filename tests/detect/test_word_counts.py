"""Word counts for languages written without spaces, and the audit's too-short gate."""

from __future__ import annotations

from pathlib import Path

from newsdesk.audit.documents import AuditDocument, read_corpus
from newsdesk.config import Settings
from newsdesk.detect.words import count_words
from newsdesk.types import Rejection

ZH_PARAGRAPHS = [
    "市政府周二公布了明年的预算草案，总额比今年增加百分之五，其中大部分新增资金将用于公共交通和学校建设。",
    "财政局长在新闻发布会上表示，这是一份负责任的预算，既照顾了居民的日常需要，也为城市的长远发展留下了空间。",
    "反对派议员则批评说，草案没有充分考虑老旧社区的改造，并要求在下个月的议会辩论中进行修改。",
    "根据计划，议会将在三月底前完成审议，新的预算将从七月一日起正式生效。",
]
JA_PARAGRAPHS = [
    "市は火曜日、来年度の予算案を発表した。総額は今年度より五パーセント多く、増えた分の大半は公共交通と学校の整備に充てられる。",
    "財政局長は記者会見で「市民の暮らしを守りながら、将来への投資も進める責任ある予算だ」と述べた。",
    "一方、野党の議員は古い住宅地の改修が十分に考慮されていないと批判し、来月の議会で修正を求める考えを示した。",
]


def _page(title: str, paragraphs: list[str], lang: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>\n{body}</article></body></html>"
    )


def test_spaceless_scripts_are_counted_per_character() -> None:
    zh = "".join(ZH_PARAGRAPHS)
    assert len(zh.split()) == 1
    assert count_words(zh) > 100
    assert count_words("".join(JA_PARAGRAPHS)) > 80
    assert count_words("รัฐบาลประกาศงบประมาณใหม่ในวันอังคาร") >= 6


def test_spaced_languages_are_counted_as_before() -> None:
    for text in ("Le maire a présenté le budget mardi.", "Der Haushalt – „gut“, sagte er.", ""):
        assert count_words(text) == len(text.split())
    # two Latin words, and five Han characters at 1.5 characters a word
    assert count_words("Apple 发布了 iPhone 手机") == 2 + 3


def test_chinese_and_japanese_pages_are_not_rejected_as_too_short(tmp_path: Path) -> None:
    (tmp_path / "zh.html").write_text(_page("市政府公布明年预算草案", ZH_PARAGRAPHS, "zh"), "utf-8")
    (tmp_path / "ja.html").write_text(_page("市が来年度予算案を発表", JA_PARAGRAPHS, "ja"), "utf-8")
    (tmp_path / "fr.html").write_text(_page("Budget", ["Le maire a parlé."], "fr"), "utf-8")
    read = list(read_corpus([str(tmp_path)], Settings()))
    docs = {Path(d.name).name: d for d in read if isinstance(d, AuditDocument)}
    rejected = {Path(r.item).name: r.reason for r in read if isinstance(r, Rejection)}
    assert set(docs) == {"zh.html", "ja.html"}, rejected
    assert rejected == {"fr.html": "too_short"}
    assert ZH_PARAGRAPHS[0] in docs["zh.html"].text
