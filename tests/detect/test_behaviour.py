"""Behaviours the samples do not show: what must NOT be flagged, and other languages."""

from __future__ import annotations

from newsdesk.detect import CLASSES, detect

BRIEF_CLASSES = {
    "leaked-instruction",
    "model-self-talk",
    "injected-opinion",
    "persona-leak",
    "impersonation",
    "untranslated-fragment",
    "unbalanced-quotes",
    "misplaced-quotes",
    "boilerplate",
    "metadata-residue",
    "inline-related-link",
    "repeated-title",
    "title-suffix",
    "byline-in-body",
    "auto-republish-disclaimer",
    "mt-calque",
}


def classes(text: str, language: str | None = "fr") -> set[str]:
    return {f.category for f in detect(text, language=language)}


def test_registry_lists_every_class_with_description() -> None:
    assert set(CLASSES) >= BRIEF_CLASSES
    for cls in CLASSES.values():
        assert cls.description and cls.severity and cls.detector


def test_first_person_inside_quotes_is_not_flagged() -> None:
    text = (
        "La ministre défend sa réforme\n\n"
        "« Je trouve cette situation alarmante et je suis convaincue que nous devons agir », "
        "a déclaré la ministre lundi devant les députés.\n\n"
        "Le texte sera examiné en avril."
    )
    assert not classes(text) & {"injected-opinion", "persona-leak", "impersonation"}


def test_first_person_narration_is_flagged() -> None:
    text = (
        "La ministre défend sa réforme\n\n"
        "Le texte sera examiné en avril par les députés. À mon avis, cette réforme arrive "
        "beaucoup trop tard.\n\nLe vote est prévu le 12 avril."
    )
    assert "injected-opinion" in classes(text)


FIRST_PERSON = {"injected-opinion", "persona-leak", "impersonation"}


def test_an_author_narrating_a_review_is_not_a_leaked_persona() -> None:
    """A review or feature told in the first person is the genre, not a rewriting model's voice;
    a cued opinion inside it is still reported, and two plain sentences in a report are not
    enough to call the report a narrative."""
    review = (
        "Three weeks with a folding e-bike\n\n"
        "The city council opened two new cycle lanes along the river in March. "
        "I rode the bike to work every day for three weeks.\n\n"
        "On the first morning I took the long way through the harbour, and the battery "
        "still showed half its charge when I locked it outside the office.\n\n"
        "The hinge creaked after a week. I oiled it twice and the noise went away.\n\n"
        "Prices start at 1,290 euros in most shops."
    )
    found = detect(review, language="en")
    assert not {f.category for f in found} & FIRST_PERSON
    cued = review.replace(
        "The hinge creaked", "In my opinion, this is a scandalous price. The hinge creaked"
    )
    flagged = [f for f in detect(cued, language="en") if f.category in FIRST_PERSON]
    assert [f.category for f in flagged] == ["injected-opinion"]
    assert flagged[0].excerpt.startswith("In my opinion")
    report = (
        "Le conseil municipal vote le budget\n\n"
        "Le conseil municipal a adopté mardi un budget de 412 millions d'euros. "
        "J'ai relu le document dans la soirée.\n\n"
        "L'opposition a voté contre. Je suis rentré ensuite par le dernier métro.\n\n"
        "Le budget entrera en vigueur le 1er janvier."
    )
    assert {f.category for f in detect(report, language="fr")} & FIRST_PERSON


def test_interview_in_question_answer_form_is_not_flagged() -> None:
    text = (
        "Entretien avec la maire de Lille\n\n"
        "Pourquoi avez-vous fermé les parcs ?\n\n"
        "Je pense que c'était la seule décision possible.\n\n"
        "Allez-vous les rouvrir ?\n\n"
        "Je le souhaite, dès que la situation le permettra."
    )
    assert not classes(text) & {"injected-opinion", "persona-leak", "impersonation"}


def test_quotation_continued_over_paragraphs_is_balanced() -> None:
    text = (
        "Le discours du président\n\n"
        "« Nous avons traversé une crise sans précédent.\n\n"
        "« Nous en sortirons ensemble », a-t-il conclu."
    )
    assert "unbalanced-quotes" not in classes(text)


def test_scare_quotes_and_work_titles_are_not_misplaced() -> None:
    text = (
        "Le ministre répond aux critiques\n\n"
        "Le ministre a qualifié les manifestants de « casseurs » et a cité « Les Misérables » "
        "et « Le Chant du départ » lors de son discours."
    )
    assert "misplaced-quotes" not in classes(text)


def test_french_sentence_in_english_article_is_untranslated() -> None:
    text = (
        "Wind farm approved off the coast\n\n"
        "The regulator approved the project on Monday. Le gouvernement a annoncé de nouvelles "
        "mesures pour soutenir les énergies renouvelables cette année. Construction starts in 2025."
    )
    found = [f for f in detect(text, language="en") if f.category == "untranslated-fragment"]
    assert found and found[0].excerpt.startswith("Le gouvernement")


def test_leaked_instructions_in_six_languages() -> None:
    for prompt in (
        "Réécris cet article en français avec au moins 600 mots.",
        "Rewrite the following article for SEO.",
        "Reescribe este artículo en francés.",
        "Schreibe diesen Artikel auf Französisch um.",
        "Riscrivi questo articolo in francese.",
        "Reescreva este artigo para o francês.",
    ):
        text = f"Un titre d'article\n\n{prompt}\n\nLe texte de l'article commence ici."
        assert "leaked-instruction" in classes(text), prompt


def test_news_about_machine_translation_is_not_a_disclaimer() -> None:
    text = (
        "Google améliore sa traduction automatique\n\n"
        "Le groupe a publié mardi une nouvelle version de son outil de traduction automatique, "
        "qui couvre désormais 130 langues."
    )
    assert "auto-republish-disclaimer" not in classes(text)
