"""Our cleaning: removes template residue, never professional text, and says what it removed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsdesk.extract.cleaning import Cleaned, Field, RemovalReason, clean, span_in_document
from newsdesk.language import sentences

# Residue that issue 2 lists for the bundled samples.
SAMPLE_RESIDUE = [
    "Skip to content",
    "Source link -57",
    "En savoir plus",
    "Vous pouvez partager",
    "date 2023-05",
    "2024-05-31 18:41",
]
SAMPLE_SITES = {  # what metadata.json says about each sample's publisher
    "000_6c98827819fc304c.txt": "Politico (republished)",
}


def _read_sample(path: Path) -> tuple[str, list[str]]:
    """Title = first non-empty line; paragraphs = blank-line separated (as the text reader)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    rest = "\n".join(lines[first + 1 :])
    return lines[first], [p for p in re.split(r"\n[ \t]*\n", rest) if p.strip()]


def _clean_sample(path: Path) -> Cleaned:
    title, paragraphs = _read_sample(path)
    return clean(title, paragraphs, site_names=[SAMPLE_SITES.get(path.name, "RT (republished)")])


def _spans_point_at_input(title: str, paragraphs: list[str], result: Cleaned) -> None:
    for r in result.removals:
        source = title if r.field == Field.TITLE else paragraphs[r.paragraph or 0]
        assert source[r.start : r.end] == r.text, r


def test_bundled_samples_lose_every_listed_residue(samples_dir: Path) -> None:
    for path in sorted(samples_dir.glob("*.txt")):
        result = _clean_sample(path)
        text = result.title + "\n" + "\n".join(result.paragraphs)
        for residue in SAMPLE_RESIDUE:
            assert residue not in text, f"{residue!r} survived in {path.name}"
        title, paragraphs = _read_sample(path)
        _spans_point_at_input(title, paragraphs, result)


def test_samples_keep_their_article_text(samples_dir: Path) -> None:
    by_name = {p.name[:3]: _clean_sample(p) for p in samples_dir.glob("*.txt")}
    body = {k: "\n".join(v.paragraphs) for k, v in by_name.items()}
    assert "plus de 70 terroristes ukrainiens" in body["002"]
    assert "M1151A1" in body["002"]
    assert body["001"].count("Kirby") >= 3
    # 003: the title was repeated as the first paragraph; it remains once, as the title.
    assert by_name["003"].title.startswith("Des armes de fabrication américaine")
    assert not body["003"].startswith("Des armes de fabrication américaine")
    assert [r.reason for r in by_name["003"].removals] == [
        RemovalReason.REPEATED_TITLE,
        RemovalReason.TIMESTAMP,
    ]
    # 004: the navigation line was the title; the headline takes its place, without the site.
    assert by_name["004"].title.startswith("Les États-Unis donnent leur feu vert")
    assert "RT Russie" not in by_name["004"].title
    assert "RT" not in by_name["004"].paragraphs
    # 000: the reporting credit and the source link are gone, the last real paragraph stays.
    assert body["000"].rstrip().endswith("n’étaient pas protégés par Poutine.")
    assert by_name["001"].title.startswith("La Maison Blanche a été « très claire »")


def test_cleaning_is_idempotent_on_samples(samples_dir: Path) -> None:
    for path in samples_dir.glob("*.txt"):
        once = _clean_sample(path)
        twice = clean(once.title, once.paragraphs, site_names=["RT (republished)"])
        assert twice.removals == (), (path.name, twice.removals)


def _ws(text: str) -> str:
    return " ".join(text.split())


def _french_clean(bench_data: Path) -> list[dict[str, str]]:
    path = bench_data / "french-news-clean" / "articles_fr.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_professional_french_news_comes_through_unchanged(bench_data: Path) -> None:
    """250 OrangeSum articles (text we did not write the rules against): nothing removed."""
    records = _french_clean(bench_data)
    assert len(records) == 250
    for rec in records:
        paragraphs = [rec["abstract"], rec["article"]]
        result = clean(rec["title"], paragraphs, site_names=["Orange Actu"])
        assert result.removals == (), (rec["id"], result.removals)
        assert _ws(result.title) == _ws(rec["title"])
        assert [_ws(p) for p in result.paragraphs] == [_ws(p) for p in paragraphs]


def test_professional_french_news_unchanged_sentence_by_sentence(bench_data: Path) -> None:
    """Harder: every sentence of every article as its own line, so every line rule is tried at
    every position (OrangeSum glues paragraphs together, so its lines are otherwise long)."""
    for rec in _french_clean(bench_data):
        lines = [rec["abstract"], *sentences(rec["article"])]
        result = clean(rec["title"], lines, site_names=["Orange Actu"])
        assert result.removals == (), (rec["id"], result.removals)
        assert [_ws(p) for p in result.paragraphs] == [_ws(x) for x in lines]


# Residue from other sites' templates (not in the samples), English and French, and the reason.
RESIDUE_LINES = [
    ("Aller au contenu principal", RemovalReason.NAVIGATION),
    ("Passer au contenu", RemovalReason.NAVIGATION),
    ("Jump to navigation", RemovalReason.NAVIGATION),
    ("Skip to main content", RemovalReason.NAVIGATION),
    ("Share this:", RemovalReason.SHARE_PROMPT),
    ("Click to share on Twitter (Opens in new window)", RemovalReason.SHARE_PROMPT),
    ("Partager sur Facebook", RemovalReason.SHARE_PROMPT),
    ("Partagez cet article", RemovalReason.SHARE_PROMPT),
    ("Share this article", RemovalReason.SHARE_PROMPT),
    ("Facebook Twitter LinkedIn E-mail", RemovalReason.SHARE_PROMPT),
    ("Lire aussi : Le gouvernement présente un budget rectificatif", RemovalReason.RELATED_LINK),
    ("À lire aussi » Retraites : ce qui change au 1er janvier", RemovalReason.RELATED_LINK),
    ("READ MORE: Senate passes stopgap bill to avert shutdown", RemovalReason.RELATED_LINK),
    ("Read more", RemovalReason.RELATED_LINK),
    ("Lire la suite »", RemovalReason.RELATED_LINK),
    ("Related: How the Fed decides interest rates", RemovalReason.RELATED_LINK),
    ("Source Link", RemovalReason.SOURCE_LINK),
]
EDGE_LINES = [  # residue that is only removed at the top or bottom of the body
    ("Par Marie Durand et Paul Martin", RemovalReason.BYLINE),
    ("By JANE DOE and JOHN ROE", RemovalReason.BYLINE),
    ("By Jane Doe, Reuters", RemovalReason.BYLINE),
    ("(Avec AFP)", RemovalReason.BYLINE),
    ("Publié le 12 mars 2024 à 14h05", RemovalReason.TIMESTAMP),
    ("Updated: March 12, 2024 2:05 pm ET", RemovalReason.TIMESTAMP),
    ("12/03/2024 14:05", RemovalReason.TIMESTAMP),
    ("Mis à jour le 3 juin 2023 | Publié le 2 juin 2023", RemovalReason.TIMESTAMP),
]
TAIL_LINES = [  # reporting credits close an article; at its top they would be prose
    "Reporting by Jane Doe; Editing by John Smith",
    "Nahal Toosi reported from New York and Paul McLeary contributed reporting.",
    "Marie Durand a collaboré à cet article.",
    "Fox News' Jane Doe contributed to this report.",
]


def test_lone_acronym_is_a_publisher_at_the_end_only() -> None:
    result = clean("Réforme des retraites : le texte adopté", [*FILLER, "AFP"])
    assert [r.reason for r in result.removals] == [RemovalReason.PUBLISHER_LINE]
    assert clean("Réforme des retraites", ["PARIS", *FILLER]).removals == ()
    named = clean("Réforme des retraites", ["Le Quotidien", *FILLER], site_names=["Le Quotidien"])
    assert [r.reason for r in named.removals] == [RemovalReason.PUBLISHER_LINE]


PROSE = [  # professional sentences that look a little like residue: never removed
    "Par ailleurs, le gouvernement a annoncé une hausse des pensions de 1,1 %.",
    "By contrast, the index fell 3.5% on Tuesday.",
    "En savoir plus sur les causes de l'accident prendra des mois, a prévenu le procureur.",
    "Partager le pouvoir avec les régions reste une priorité, a-t-il dit.",
    "Il a partagé sur Facebook une vidéo de l'incident.",
    "Share prices fell sharply after the announcement.",
    "Read more books, the minister urged pupils.",
    "Le 12 mars 2024, le Parlement a adopté la loi.",
    "2024 sera une année électorale dans plus de 70 pays.",
    "Source : ministère de l'Intérieur.",
    "Lire aussi les déclarations du ministre permet de comprendre sa position.",
    "Jean Dupont a rapporté de Kaboul des images saisissantes.",
    "Jean Dupont a contribué à la victoire de son équipe.",
    "Anne Hidalgo reported from the summit that talks had stalled.",
    "29 November 2018 | 20 January 2019",
]
FILLER = [
    "Le Parlement a adopté mardi un texte qui modifie profondément le régime des retraites.",
    "Les syndicats ont appelé à une nouvelle journée de mobilisation la semaine prochaine.",
    "Selon le ministère, la réforme doit rapporter 18 milliards d'euros d'ici à 2030.",
    "L'opposition a annoncé un recours devant le Conseil constitutionnel.",
    "Le texte entrera en vigueur le 1er septembre, sauf censure.",
    "Plusieurs députés de la majorité se sont abstenus lors du vote final.",
]


@pytest.mark.parametrize(("line", "reason"), RESIDUE_LINES)
def test_residue_is_removed_anywhere(line: str, reason: RemovalReason) -> None:
    paragraphs = [*FILLER[:3], line, *FILLER[3:]]
    result = clean("Réforme des retraites : le texte adopté", paragraphs)
    assert [r.reason for r in result.removals] == [reason]
    assert list(result.paragraphs) == FILLER
    _spans_point_at_input("Réforme des retraites : le texte adopté", paragraphs, result)


@pytest.mark.parametrize(("line", "reason"), EDGE_LINES)
def test_edge_residue_is_removed_at_the_edges_only(line: str, reason: RemovalReason) -> None:
    for paragraphs in ([line, *FILLER], [*FILLER, line]):
        result = clean("Réforme des retraites : le texte adopté", paragraphs)
        assert [r.reason for r in result.removals] == [reason], paragraphs
        assert list(result.paragraphs) == FILLER
    middle = [*FILLER[:3], line, *FILLER[3:], *FILLER]
    assert clean("Réforme des retraites : le texte adopté", middle).removals == ()


@pytest.mark.parametrize("line", TAIL_LINES)
def test_reporting_credits_are_removed_at_the_end(line: str) -> None:
    result = clean("Réforme des retraites : le texte adopté", [*FILLER, line, "Source link"])
    assert [r.reason for r in result.removals] == [RemovalReason.BYLINE, RemovalReason.SOURCE_LINK]
    assert list(result.paragraphs) == FILLER


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_never_removed(line: str) -> None:
    for paragraphs in ([line, *FILLER], [*FILLER, line], [*FILLER[:3], line, *FILLER[3:]]):
        result = clean("Réforme des retraites : le texte adopté", paragraphs)
        assert result.removals == (), (line, result.removals)


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        (
            "Retraites : le Sénat adopte la réforme | Le Monde",
            [],
            "Retraites : le Sénat adopte la réforme",
        ),
        (
            "Fed holds rates steady as inflation cools - Reuters",
            ["Reuters"],
            "Fed holds rates steady as inflation cools",
        ),
        (
            "Inflation : la BCE maintient ses taux – Les Echos",
            ["lesechos.fr"],
            "Inflation : la BCE maintient ses taux",
        ),
        (
            "Zelensky en visite à Washington – Moscou",
            [],
            "Zelensky en visite à Washington – Moscou",
        ),
        ("Biden - Trump : le duel reprend", [], "Biden - Trump : le duel reprend"),
        (
            "Élections européennes : ce qu'il faut savoir",
            ["Le Monde"],
            "Élections européennes : ce qu'il faut savoir",
        ),
    ],
)
def test_site_name_is_cut_from_the_title(title: str, sites: list[str], expected: str) -> None:
    result = clean(title, FILLER, site_names=sites)
    assert result.title == expected
    removed = [r for r in result.removals if r.reason == RemovalReason.TITLE_SITE_NAME]
    assert bool(removed) == (title != expected)
    _spans_point_at_input(title, FILLER, result)


def test_glued_date_and_repeated_title() -> None:
    title = " date 2024-01 Grève à la SNCF : le trafic reste perturbé"
    result = clean(title, ["Grève à la SNCF : le trafic reste perturbé", *FILLER])
    assert result.title == "Grève à la SNCF : le trafic reste perturbé"
    assert [r.reason for r in result.removals] == [
        RemovalReason.TIMESTAMP,
        RemovalReason.REPEATED_TITLE,
    ]
    assert list(result.paragraphs) == FILLER


def test_whitespace_is_normalised_but_non_breaking_spaces_kept() -> None:
    result = clean("  Titre  ", ["  Il a dit\u00a0: « oui ».   ", "Ligne un\nligne\tdeux"])
    assert result.title == "Titre"
    assert result.paragraphs == ("Il a dit\u00a0: « oui ».", "Ligne un ligne deux")
    assert result.removals == ()


def test_removal_spans_in_the_audit_document(samples_dir: Path) -> None:
    """The audit's text is title + blank line + paragraphs (uncleaned): every removal maps to
    the exact text there, so detectors' findings can be compared with the cleaning."""
    for path in sorted(samples_dir.glob("*.txt")):
        title, paragraphs = _read_sample(path)
        document = "\n\n".join([title, *paragraphs])
        for r in _clean_sample(path).removals:
            start, end = span_in_document(r, title, paragraphs)
            assert document[start:end] == r.text
