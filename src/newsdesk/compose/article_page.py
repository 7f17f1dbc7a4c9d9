"""One French page per French article: the desk's first, honest composer.

It rewrites nothing: the page is the article's own cleaned text (or, for an `excerpt`-licensed
source, its first words and a link), with SEO fields derived from that text. Sentences that
carry a detector finding in the source are left out (see `screening`). Story pages with
subheadings and several sources replace it when stories and verification are in place.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.compose import messages
from newsdesk.compose.description import describe
from newsdesk.compose.headline import best_headline, compressions, parse_many, word_cut
from newsdesk.compose.material import Unit
from newsdesk.compose.salience import Salience
from newsdesk.compose.screening import screen_article
from newsdesk.compose.text import first_sentences, make_slug, take_words
from newsdesk.compose.typography import french
from newsdesk.language import split_sentences
from newsdesk.types import Article, Licence, Page, Section, SourceRef

TITLE_MAX = 70  # what search engines show before cutting (issue 5)
DESCRIPTION_MAX = 160  # meta description limit used by search engines (issue 5)
CHAPO_MAX = 320  # two sentences or so: a lead, not a second body


def short_title(title: str, sentences: list[str], salience: Salience) -> str:
    """The article's own title when it fits; else its compression with the French parse, else
    a headline compressed from its first sentences: never a title cut with « … »."""
    if len(title) <= TITLE_MAX:
        return title
    found = compressions(parse_many([title])[0], title, TITLE_MAX, 10, most=1)
    if found:
        return french(found[0].text)
    return best_headline([(0, s) for s in sentences], salience) or word_cut([title], TITLE_MAX)


def compose_article_page(
    article: Article,
    *,
    publisher: str | None,
    now: datetime,
    excerpt_max_words: int,
) -> Page:
    """Build the page of one French article. `now` is passed in so builds are reproducible."""
    screened = screen_article(article)
    paragraphs = [p for p in screened.paragraphs if p.strip()]
    headline = screened.title or article.title  # an unusable title is caught by verification
    lead = " ".join((paragraphs[0] if paragraphs else headline).split())
    chapo = first_sentences(lead, CHAPO_MAX)
    rest_of_lead = lead[len(chapo) :].strip() if lead.startswith(chapo) else ""
    body = ([rest_of_lead] if rest_of_lead else []) + paragraphs[1:]
    publisher_name = publisher or article.site_name or messages.UNKNOWN_PUBLISHER
    if article.licence == Licence.EXCERPT:
        body = take_words(body, max(0, excerpt_max_words - len(chapo.split())))
        body.append(messages.EXCERPT_NOTICE.format(publisher=publisher_name))
    sentences = [p[start:end].strip() for p in paragraphs for start, end in split_sentences(p)]
    salience = Salience([Unit(0, 0, i, text) for i, text in enumerate(sentences)])
    title = short_title(headline, sentences, salience)
    published = now  # when this page first appears; the source's own date is in its SourceRef
    bylines = [messages.NEWSROOM_BYLINE]
    if article.byline:
        bylines.append(article.byline)
    return Page(
        slug=make_slug(title, article.id),
        title=title,
        description=describe(sentences, salience) or short_title(chapo, sentences, salience),
        chapo=chapo,
        sections=(Section(heading=None, paragraphs=tuple(body)),),
        sources=(
            SourceRef(
                article_id=article.id,
                title=article.title,
                url=article.canonical_url or (article.url if "://" in article.url else None),
                publisher=publisher_name,
                published=article.published,
                language=article.language,
            ),
        ),
        published=published,
        updated=now,
        disclosure=messages.DISCLOSURE_ARTICLE.format(publisher=publisher_name),
        story_id=None,
        bylines=tuple(bylines),
        language="fr",
    )
