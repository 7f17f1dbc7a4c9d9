"""Quotation marks in every convention the audit reads: paired, not reported as broken French.

The snippets are written for these tests (German, Danish, Polish, Czech, Lithuanian, Icelandic,
Swedish, English, French, Japanese, Chinese), not taken from the corpora the detector was
measured on.
"""

from __future__ import annotations

import pytest

from newsdesk.detect import detect
from newsdesk.detect.overlap import resolve_overlaps
from newsdesk.detect.quote_marks import guillemets_reversed, pair_quotes
from newsdesk.types import Finding, Severity

QUOTE_CLASSES = {"unbalanced-quotes", "mismatched-quotes", "misplaced-quotes"}


def quote_findings(text: str, language: str) -> list[Finding]:
    return [f for f in detect(text, language=language) if f.category in QUOTE_CLASSES]


BALANCED = [
    (
        "de",
        "Regierung einigt sich auf Haushalt\n\n"
        "„Wir haben einen guten Kompromiss gefunden“, sagte der Finanzminister am Dienstag. "
        "Die Opposition sprach von einem „Haushalt der verpassten Chancen”.\n\n"
        "Der Kanzler erklärte: »Das Land braucht jetzt Stabilität.« Dann verließ er den Saal.\n\n"
        "Weiterlesen »",
    ),
    (
        "de",
        "Bahnstreik beendet\n\n"
        "»Die Fahrgäste können aufatmen«, sagte ein Sprecher. »Ab morgen fahren wieder "
        "alle Züge.« Die Gewerkschaft nannte das Ergebnis »tragfähig«.\n\n"
        "» Zur Startseite",
    ),
    (
        "da",
        "Regeringen fremlægger finanslov\n\n"
        "»Det er en ansvarlig finanslov,« siger finansministeren. Oppositionen kalder den "
        "»et stort tilbageskridt«. „Vi stemmer imod“, siger en ordfører.",
    ),
    (
        "pl",
        "Sejm przyjął ustawę\n\n"
        "„To był trudny kompromis” – powiedział marszałek. Posłowie opozycji mówili o "
        "„czarnym dniu dla samorządów”. Minister dodał: „Zobaczymy, co powie Senat”.",
    ),
    (
        "cs",
        "Vláda schválila rozpočet\n\n"
        "„Je to rozpočet odpovědnosti,“ řekl ministr financí. Opozice ho označila za "
        "»rozpočet promarněných příležitostí«.",
    ),
    (
        "lt",
        "Seimas priėmė biudžetą\n\n"
        "„Tai atsakingas biudžetas“, – sakė finansų ministrė. Opozicija jį pavadino "
        "„praleistų galimybių biudžetu“.",
    ),
    (
        "is",
        "Ríkisstjórnin kynnir fjárlög\n\n"
        "„Þetta eru ábyrg fjárlög,“ sagði fjármálaráðherra. Stjórnarandstaðan talaði um "
        "„glötuð tækifæri“.",
    ),
    (
        "sv",
        "Regeringen presenterar budgeten\n\n"
        "”Det här är en ansvarsfull budget”, säger finansministern. Oppositionen talar om "
        "»förlorade möjligheter».",
    ),
    (
        "en",
        "Council approves new budget\n\n"
        "“We found a fair compromise,” the mayor said. “It was a long night.\n\n"
        "“But in the end everyone signed,” she added, calling it ‘a good day’.\n\n"
        'The new screens are 34" wide; the tallest player is 5\'10" and ran the mile in '
        "4'12\". Read more »",
    ),
    (
        "fr",
        "Le conseil adopte le budget\n\n"
        "« Nous avons trouvé un compromis », a déclaré le maire. «C’est une bonne nouvelle», "
        "a réagi l’opposition.\n\n"
        "« La séance a duré toute la nuit.\n\n"
        "« Mais chacun a signé », a-t-il ajouté.\n\n"
        "Accueil » Politique » Budget\n\n"
        "« Précédent",
    ),
    (
        "fr",
        "Un chef étoilé raconte\n\n"
        "Il décrit la cuisine comme « un lieu de vie » et parle du service."
        '"Pour moi, tout commence le matin", dit-il."Le reste suit."'
        "Il ouvrira un second restaurant en mars.",
    ),
    (
        "fr",
        "Le maire allemand en visite\n\n"
        "Le maire de Fribourg a résumé : »Wir bleiben Partner.« Puis il a ajouté, en "
        "français cette fois : « Nous resterons amis ».",
    ),
    ("ja", "新しい予算案\n\n首相は「来年度も続ける」と述べた。『予算の本』という資料も配られた。"),
    ("zh", "政府公布新预算\n\n财政部长说：“这是一个负责任的预算。”反对党称之为“失去的机会”。"),
]


@pytest.mark.parametrize(
    ("language", "text"), BALANCED, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(BALANCED)]
)
def test_quotations_of_every_convention_are_balanced(language: str, text: str) -> None:
    assert quote_findings(text, language) == []


def test_german_quotation_left_open_is_unbalanced() -> None:
    text = (
        "Regierung einigt sich\n\n"
        "Der Minister sagte: „Wir werden mit allen Partnern weiter verhandeln. Dann ging er.\n\n"
        "Die Sitzung endete am Abend."
    )
    found = quote_findings(text, "de")
    assert [f.category for f in found] == ["unbalanced-quotes"]
    assert found[0].excerpt.startswith("„Wir werden")
    assert found[0].severity == Severity.WARNING


def test_danish_closing_guillemet_without_opening_is_unbalanced() -> None:
    text = (
        "Finanslov\n\nRegeringen fremlagde i dag sin finanslov.\n\n"
        "Det er en ansvarlig finanslov,« siger ministeren. »Vi står ved den.«"
    )
    found = quote_findings(text, "da")
    assert [f.category for f in found] == ["unbalanced-quotes"]
    assert found[0].excerpt.endswith("finanslov,«")


def test_wrong_closing_glyph_is_mismatched_not_unclosed() -> None:
    text = 'Council meets\n\n"We will keep talking,” the mayor said. „Wir bleiben dran", sagte er.'
    found = quote_findings(text, "en")
    assert [f.category for f in found] == ["mismatched-quotes", "mismatched-quotes"]
    assert all(f.severity == Severity.INFO for f in found)
    assert found[0].excerpt == '"We will keep talking,”'


def test_french_quotation_left_open_is_still_reported() -> None:
    text = (
        "Le conseil adopte le budget\n\n"
        "Le maire a déclaré : « Nous allons poursuivre les discussions avec les partenaires.\n\n"
        "La séance a été levée à minuit."
    )
    found = quote_findings(text, "fr")
    assert [f.category for f in found] == ["unbalanced-quotes"]
    assert found[0].excerpt.startswith("« Nous allons")


def test_quotation_whose_marks_the_next_paragraph_closes_is_balanced() -> None:
    # The source split one testimony over two paragraphs without reopening it.
    text = (
        "Témoignage\n\n"
        "« J’ai attendu trois heures devant la mairie.\n\n"
        "Personne ne nous a reçus », raconte une habitante."
    )
    assert quote_findings(text, "fr") == []


def test_english_closing_mark_without_opening_one_is_reported() -> None:
    text = (
        "Storm hits coast\n\nThe storm reached the coast on Sunday.\n\n"
        "We lost everything in one night,” a resident said on Monday."
    )
    found = quote_findings(text, "en")
    assert [f.category for f in found] == ["unbalanced-quotes"]


def test_straight_quote_left_open_in_a_paragraph_is_reported() -> None:
    text = 'Vote tonight\n\nThe senator said "we will not back down and left the room.'
    assert [f.category for f in quote_findings(text, "en")] == ["unbalanced-quotes"]


def test_guillemet_orientation_follows_glyphs_then_language() -> None:
    assert guillemets_reversed("Er sagte »Nein« und ging.", "fr")
    assert not guillemets_reversed("Il a dit «non» et il est parti.", "de")
    assert guillemets_reversed("Er sagte » Nein « und ging.", "de")  # spacing says nothing
    assert not guillemets_reversed("Il a dit « non » et il est parti.", "fr")


def test_inch_and_time_marks_are_not_quotation_marks() -> None:
    text = 'A 34" screen, a 5\'10" guard, a 2\'30" lap.'
    scan = pair_quotes(text, [(0, len(text))], "en")
    assert scan.unclosed == scan.unopened == []
    assert len(scan.ignored) == 3


def test_quotation_marks_in_japanese_are_paired() -> None:
    text = "首相は「来年度も続ける」と述べた。"
    scan = pair_quotes(text, [(0, len(text))], "ja")
    assert [(text[p.open], text[p.close], p.good) for p in scan.pairs] == [("「", "」", True)]


def _finding(category: str, start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        category=category,
        severity=severity,
        start=start,
        end=end,
        excerpt="x" * (end - start),
        detector="test",
        message="m",
        confidence=1.0,
    )


@pytest.mark.parametrize("category", ["unbalanced-quotes", "untranslated-fragment", "boilerplate"])
def test_same_class_on_overlapping_spans_is_one_finding(category: str) -> None:
    found = [_finding(category, 10, 40), _finding(category, 10, 40), _finding(category, 20, 50)]
    kept = resolve_overlaps(found)
    assert len(kept) == 1
    other = resolve_overlaps([_finding(category, 10, 40), _finding(category, 40, 60)])
    assert len(other) == 2  # touching, not overlapping: two defects


def test_glued_french_paragraphs_keep_french_guillemets() -> None:
    # Paragraph breaks lost: "…le coup. »Elle…" attaches » to the next word like German »Wort.
    text = (
        "Un restaurateur solidaire\n\n"
        "Il explique son projet : « Nous livrons les soignants. »Elle confirme : « Il le fait. »"
        "Il ajoute : « Je suis fatigué. »Puis : « Je tiens le coup. »Son équipe suit."
    )
    assert not guillemets_reversed(text, "fr")
    assert quote_findings(text, "fr") == []


def test_closing_mark_of_a_quotation_opened_in_the_lead_is_not_reported() -> None:
    # The body starts inside a quotation whose opening mark is in the lead the text lacks.
    text = (
        "Le maire répond\n\n"
        "ne lâcherons rien », a-t-il déclaré mardi. Le conseil votera jeudi.\n\n"
        "Un élu a dénoncé « une manœuvre », puis a quitté la salle."
    )
    assert quote_findings(text, "fr") == []
    later = text.replace("puis a quitté", "a quitté » puis")
    assert [f.category for f in quote_findings(later, "fr")] == ["unbalanced-quotes"]


INTRO = "Headline\n\nThe council met on Monday.\n\n"


def test_single_closing_quote_after_punctuation_is_a_wrong_glyph() -> None:
    text = INTRO + "“We must live with it,’ he says. The students’ union agreed."
    found = quote_findings(text, "en")
    assert [f.category for f in found] == ["mismatched-quotes"]


def test_doubled_single_quotes_are_double_quotes() -> None:
    text = INTRO + "“It was an attempt to mislead voters,’’ Will Moy said of “the campaign.’’"
    assert quote_findings(text, "en") == []


def test_quotes_of_shortcode_and_tag_attributes_are_not_quotations() -> None:
    text = (
        INTRO
        + '[button link=”http://example.org/kit/” type=”big”] Send us YOUR review[/button] <a href="x>'
    )
    assert quote_findings(text, "en") == []


def test_related_link_between_paragraphs_of_one_quotation_does_not_end_it() -> None:
    text = INTRO + (
        "Liu warned: “They are already there in the garrison.\n\n"
        "SEE MORE: Protests under siege at the university\n\n"
        "“If the situation becomes uncontrollable, we will act.”"
    )
    assert quote_findings(text, "en") == []


def test_link_label_before_a_guillemet_is_an_arrow() -> None:
    text = "Titre\n\nIntro.\n\nÀ lire aussi » Ballonnements : quel est votre profil digestif"
    assert quote_findings(text, "fr") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Les maires demandent aux habitants de les « accompagner » dans ce projet.",
        "Au Japon, les « izakaya » ferment plus tôt depuis la pandémie.",
        "Ces « anti-tout » ont encore manifesté samedi devant la préfecture.",
        "Le vendeur lui a « dit que le colis était parti » la veille.",
    ],
)
def test_correct_french_around_quotes_is_not_misplaced(sentence: str) -> None:
    text = f"Titre\n\nLe conseil municipal s'est réuni lundi.\n\n{sentence}"
    assert [f for f in quote_findings(text, "fr") if f.category == "misplaced-quotes"] == []


def test_plural_determiner_before_a_quoted_french_singular_is_still_misplaced() -> None:
    text = "Titre\n\nIntro.\n\nLe ministre a montré quelques « frustration » face aux élus."
    assert [f.category for f in quote_findings(text, "fr")] == ["misplaced-quotes"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Coach Vogel came in and said, 'Congratulations,' and I thought he was joking,” he said.",
        "He says it “should have sold. You needed to go, `We have a great writer.’ ” It did not.",
    ],
)
def test_nested_single_quotations_close_themselves_not_the_double_one(paragraph: str) -> None:
    assert quote_findings(INTRO + paragraph, "en") == []


def test_guillemet_closed_by_a_spaced_straight_quote_is_mismatched() -> None:
    text = 'Titre\n\nIntro.\n\nLe ministre a ajouté : « Nous ne supprimerons aucun poste ". Puis il part.'
    assert [f.category for f in quote_findings(text, "fr")] == ["mismatched-quotes"]
