"""The WordPress target against a real WordPress (Debian's package, MariaDB, PHP's server)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from newsdesk.publish.wordpress import WordPressError, WordPressPost, WordPressPublisher
from newsdesk.types import Page, Section, SourceRef
from tests.publish.wp_server import WordPress, running_wordpress, wordpress_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not wordpress_available(),
        reason="needs apt-get install -y wordpress mariadb-server php-cli php-mysql",
    ),
]
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPress]:
    with running_wordpress(tmp_path_factory.mktemp("wordpress")) as wp:
        yield wp


def story() -> Page:
    return Page(
        slug="greve-a-la-sncf-3f2a1b",
        title="Grève à la SNCF : « une mobilisation massive » mardi",
        description="Le trafic sera réduit de 40 % sur les lignes TGV, selon la direction.",
        chapo="Les syndicats appellent à une grève reconductible à partir de mardi.",
        sections=(
            Section(None, ("Selon Laurent Brun, « la mobilisation sera massive ».",)),
            Section("Des trains supprimés", ("1 200 trains sont supprimés <script>x()</script>.",)),
        ),
        sources=(
            SourceRef(
                "a1",
                "Rail strike in France",
                "https://example.org/strike",
                "Example News",
                NOW,
                "en",
            ),
        ),
        published=NOW,
        updated=NOW,
        disclosure="Page composée automatiquement à partir des sources citées.",
        tags=("SNCF", "Laurent Brun"),
    )


def posts(wp: WordPress, slug: str) -> list[dict]:
    url = httpx.URL(wp.api_root + "wp/v2/posts").copy_merge_params(
        {"slug": slug, "context": "edit", "status": "publish,draft"}
    )
    return httpx.get(url, auth=(wp.user, wp.app_password)).json()


def test_a_page_becomes_a_post_and_is_updated_not_duplicated(wordpress: WordPress) -> None:
    page = story()
    with WordPressPublisher(wordpress.api_root, wordpress.user, wordpress.app_password) as wp:
        first = wp.publish(page)
        assert isinstance(first, WordPressPost) and first.action == "created"
        [post] = posts(wordpress, page.slug)
        assert post["title"]["raw"] == page.title and post["excerpt"]["raw"] == page.description
        content = post["content"]["raw"]
        assert '<a href="https://example.org/strike"' in content and 'lang="en"' in content
        assert "<h2>Des trains supprimés</h2>" in content and "<script>" not in content
        assert len(post["tags"]) == 2 and len(post["categories"]) == 1
    # a new publisher (nothing remembered) finds the post by its slug and updates it
    edited = replace(page, title="Grève à la SNCF : le trafic très perturbé mardi")
    with WordPressPublisher(wordpress.api_root, wordpress.user, wordpress.app_password) as wp:
        second = wp.publish(edited)
    assert isinstance(second, WordPressPost)
    assert (second.action, second.post_id) == ("updated", first.post_id)
    [post] = posts(wordpress, page.slug)
    assert post["title"]["raw"] == edited.title


def test_wrong_credentials_are_an_error_not_a_silent_skip(wordpress: WordPress) -> None:
    publisher = WordPressPublisher(wordpress.api_root, wordpress.user, "wrong password")
    with publisher as wp, pytest.raises(WordPressError, match="credentials"):
        wp.publish(story())


def test_an_unreachable_wordpress_is_an_error(tmp_path: Path) -> None:
    publisher = WordPressPublisher("http://127.0.0.1:9/?rest_route=/", "u", "p", timeout=2)
    with publisher as wp, pytest.raises(WordPressError, match="unreachable"):
        wp.publish(story())
