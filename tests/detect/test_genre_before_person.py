"""Genre before person: first person in reviews, columns, letters, reportage and blogs.

Texts written for these tests (not taken from the samples or the benchmark corpora), in
English and French: the genres where "I"/"je" is legitimate must raise no first-person
warning or error, quoted speech the quotation spans miss is not the author's voice, and the
real defects of the samples (an injected opinion in a translated report, a model's self-talk)
are still errors.
"""

from __future__ import annotations

from newsdesk.detect import detect, detect_document
from newsdesk.detect.document import Document
from newsdesk.detect.genre import genre_of
from newsdesk.types import Severity

FIRST_PERSON = {"injected-opinion", "persona-leak", "impersonation"}


def serious(text: str, language: str, url: str | None = None) -> list[tuple[str, str]]:
    """First-person and self-talk findings of severity >= warning."""
    doc = Document(text, language=language, url=url)
    return [
        (f.category, f.excerpt)
        for f in detect_document(doc)
        if f.severity != Severity.INFO and f.category in FIRST_PERSON | {"model-self-talk"}
    ]


REVIEW_EN = (
    "Review: the Halden 3 trail shoe is light, grippy and a little too narrow\n\n"
    "I ran 140 kilometres in the Halden 3 over four weeks, on gravel and wet limestone.\n\n"
    "The outsole is the best I have tested this year. In my opinion, the narrow toe box is "
    "the only real flaw, and I think runners with wide feet should try a half size up.\n\n"
    "It costs 150 euros."
)
COLUMN_FR = (
    "Chronique. Pourquoi je ne crois plus aux promesses des ministres du logement\n\n"
    "Je suis convaincu que la crise du logement ne se réglera pas par des annonces.\n\n"
    "À mon avis, il faudrait d'abord construire là où les gens travaillent. Je trouve "
    "regrettable que personne ne le dise."
)
LETTER_EN = (
    "Husband books business class for himself and economy for his wife\n\n"
    "DEAR ABBY: My husband flew business class to Delhi while I sat in economy. "
    "I think that was unfair. Was I wrong to be hurt?\n\n"
    "-- LEFT BEHIND IN OHIO\n\n"
    "DEAR LEFT BEHIND: I don't think you were wrong. I believe you should tell him so."
)
REPORTAGE_EN = (
    "Inside the lab that wants to make concrete breathe\n\n"
    "I followed two materials scientists for a week as they poured, cracked and weighed "
    "samples in a basement in Delft.\n\n"
    "On the second day I watched them break a beam that had cured for a month. I was "
    "surprised by how quietly it failed.\n\n"
    "I asked the older of the two why she had left industry. She shrugged and handed me a "
    "hard hat.\n\n"
    "By Friday I had learnt to read a stress curve, and I think I understood why the "
    "project matters.\n\n"
    "The team publishes its results in March."
)
BLOG_FR_URL = "https://exemple.fr/blog/2024/03/mon-potager-en-mars"
BLOG_FR = (
    "Mon potager en mars\n\n"
    "Je pense que c'est le meilleur mois pour semer les radis. J'ai essayé trois variétés "
    "cette année.\n\n"
    "N'hésitez pas à me dire si vous avez d'autres conseils !"
)


def test_reviews_columns_letters_reportage_and_blogs_raise_no_first_person_error() -> None:
    assert serious(REVIEW_EN, "en") == []
    assert serious(COLUMN_FR, "fr") == []
    assert serious(LETTER_EN, "en") == []
    assert serious(REPORTAGE_EN, "en") == []
    assert serious(BLOG_FR, "fr", url=BLOG_FR_URL) == []


def test_genre_is_told_by_url_title_and_structure() -> None:
    def kind(text: str, url: str | None = None) -> str:
        doc = Document(text, language="en")
        return genre_of(doc, url=url).kind

    assert kind(REVIEW_EN) == "review"
    assert kind(COLUMN_FR) == "opinion"
    assert kind(LETTER_EN) == "letter"
    assert kind(BLOG_FR, BLOG_FR_URL) == "blog"
    assert kind("A headline\n\nBody.", "https://www.example.com/opinion/2019/11/19/x.html") == (
        "opinion"
    )
    assert kind("Opinion | Republicans are following Trump\n\nBody.") == "opinion"
    assert kind("Tribune - La retraite est un archaïsme\n\nCorps.") == "opinion"
    live = "Storm Ciara: live updates\n\n" + "\n\n".join(
        f"{h}:{m:02d} Winds of 120 km/h were measured on the coast."
        for h, m in ((9, 5), (9, 40), (10, 12), (11, 3))
    )
    assert kind(live) == "liveblog"
    # Plain news: a section word in the slug or a colon in the title is not a genre.
    assert kind("Test PCR : les résultats arrivent en 24 heures\n\nCorps.") == "news"
    assert kind("Storm hits coast\n\nBody.", "https://example.com/news/storm-test-flights") == (
        "news"
    )


def test_speech_the_quotation_spans_miss_is_not_the_authors_voice() -> None:
    single = (
        "Council approves the new bridge\n\n"
        "The council approved the bridge on Monday. ‘I think it is the best decision we have "
        "taken in ten years. I am proud of it,’ the mayor told reporters.\n\n"
        "Work starts in May."
    )
    assert serious(single, "en") == []
    glued = (
        "Les urgences de Vierzon ferment la nuit\n\n"
        "L'hôpital a confirmé la fermeture nocturne. \"C'est une perte pour tout le "
        'service.""Pour moi, je trouve que c\'est une décision dangereuse", estime une '
        "infirmière. La mesure entre en vigueur lundi."
    )
    assert serious(glued, "fr") == []
    unopened = (
        "Inondations dans le Pas-de-Calais\n\n"
        "Les pompiers sont intervenus toute la nuit.\n\n"
        "Je suis arrivée à 8 heures, l'eau montait déjà dans la cuisine. Je pense que nous "
        'avons tout perdu", raconte Marie, 64 ans.\n\n'
        "La préfecture a ouvert un gymnase."
    )
    assert serious(unopened, "fr") == []


def test_real_first_person_defects_are_still_errors() -> None:
    injected = (
        "Washington autorise des frappes près de Kharkiv\n\n"
        "Le Pentagone a confirmé vendredi l'autorisation, selon un responsable américain.\n\n"
        "À mon avis, cette décision arrive beaucoup trop tard et je trouve la situation "
        "alarmante.\n\n"
        "Le Kremlin n'a pas réagi dans l'immédiat."
    )
    found = [f for f in detect(injected, language="fr") if f.category in FIRST_PERSON]
    assert [(f.category, f.severity) for f in found] == [("injected-opinion", Severity.ERROR)]
    self_talk = (
        "Washington autorise des frappes près de Kharkiv\n\n"
        "Je suis un expert en paraphrase, pas seulement un assistant.\n\n"
        "Le Pentagone a confirmé vendredi l'autorisation."
    )
    found = [f for f in detect(self_talk, language="fr") if f.category == "model-self-talk"]
    assert found and found[0].severity == Severity.ERROR
    # Even on a blog, a model describing itself is an error.
    ai_blog = BLOG_FR + "\n\nEn tant que modèle de langage, je ne peux pas jardiner."
    assert ("model-self-talk", "En tant que modèle de langage, je ne peux pas jardiner.") in (
        serious(ai_blog, "fr", url=BLOG_FR_URL)
    )


def test_uncued_first_person_in_a_report_is_only_a_hint() -> None:
    text = (
        "Tech giants report earnings\n\n"
        "Apple reported record revenue on Thursday. I love that they trademarked it.\n\n"
        "Shares rose 3% after hours."
    )
    found = [f for f in detect(text, language="en") if f.category in FIRST_PERSON]
    assert found and all(f.severity == Severity.INFO for f in found)


def test_a_blog_sign_off_is_not_self_talk_but_a_rewrite_delivery_is() -> None:
    assert serious(BLOG_FR, "fr", url=BLOG_FR_URL) == []
    news = (
        "Le conseil municipal vote le budget\n\n"
        "Le budget a été adopté mardi.\n\n"
        "N'hésitez pas à me dire si vous souhaitez d'autres modifications."
    )
    assert [c for c, _ in serious(news, "fr")] == ["model-self-talk"]


def test_question_subheadings_do_not_make_a_report_an_interview() -> None:
    report = (
        "New tariffs take effect on Monday\n\n"
        "What changes for importers?\n\n"
        "Customs will check the origin of every shipment above 800 dollars.\n\n"
        "Who pays?\n\n"
        "The importer pays the duty, the ministry said."
    )
    assert genre_of(Document(report, language="en")).kind == "news"
    interview = (
        "Five questions to the mayor of Lille\n\n"
        "Why did you close the parks?\n\n"
        "I think it was the only possible decision.\n\n"
        "Will you reopen them?\n\n"
        "We will, as soon as the situation allows."
    )
    assert genre_of(Document(interview, language="en")).kind == "interview"


def test_a_habit_in_the_first_person_is_not_an_opinion() -> None:
    text = (
        "Smart plugs are on sale this week\n\n"
        "The two-pack costs 25 dollars until Sunday. I personally use one to switch the "
        "lights off at night.\n\n"
        "Shipping is free."
    )
    found = [f for f in detect(text, language="en") if f.category in FIRST_PERSON]
    assert all(f.severity == Severity.INFO for f in found)
    cued = text.replace("I personally use one", "Personally, I find this price outrageous")
    found = [f for f in detect(cued, language="en") if f.category in FIRST_PERSON]
    assert [(f.category, f.severity) for f in found] == [("injected-opinion", Severity.ERROR)]


def test_a_quotation_closed_with_another_glyph_does_not_hide_the_sentence_before_it() -> None:
    text = (
        "Havfram wins a mooring contract\n\n"
        "The project will supply gas to the domestic market. I, Antonio Guterres, have "
        'decided to step down. The CEO said: "This award enhances our track record.” The '
        "value was not disclosed.\n\nWork starts in 2025."
    )
    found = [f for f in detect(text, language="en") if f.category in FIRST_PERSON]
    assert [(f.category, f.severity) for f in found] == [("impersonation", Severity.ERROR)]
