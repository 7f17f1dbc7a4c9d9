"""A story whose feed byline is `Jean <!--<script> Martin` renders in Chromium: headline and
text visible, the byline shown as text, the JSON-LD still a parseable NewsArticle.

Before the JSON-LD was escaped for <script>, `<!--<script>` inside it kept the script element
open past its `</script>` and Chromium showed a blank page.
"""

from __future__ import annotations

import json
from dataclasses import replace

from newsdesk.compose.article_page import compose_article_page
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Verdict, VerdictStatus
from tests.browser.conftest import Served, shot
from tests.web.conftest import NOW

BYLINE = "Jean <!--<script> Martin"


def test_a_story_with_a_hostile_byline_renders_its_headline(served: Served, page) -> None:  # noqa: ANN001
    article = replace(served.desk.article, byline=BYLINE)
    story = compose_article_page(article, publisher="Exemple", now=NOW, excerpt_max_words=400)
    served.desk.store.save_page(
        PageRecord(story, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED, (article.id,))
    )
    served.desk.client.app.state.desk.rebuild()

    page.goto(f"{served.url}/{story.slug}.html")
    headline = page.locator("article.story h1")
    assert headline.is_visible()
    assert headline.inner_text() == " ".join(story.title.split())
    assert page.locator("article.story p.chapo").is_visible()
    assert BYLINE in page.locator("article.story p.meta").inner_text()
    ld = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert BYLINE in [author["name"] for author in ld["author"]]
    shot(page, "reader-hostile-byline")
