"""An editor in a real browser: wrong password refused, login, approve a held page and see it
published; a forged form post without the CSRF token is refused."""

from __future__ import annotations

from newsdesk.store.records import PageStatus
from tests.browser.conftest import Served, shot
from tests.web.conftest import PASSWORD


def login(tab, served: Served, password: str) -> None:  # noqa: ANN001
    tab.goto(f"{served.url}/desk/")
    tab.fill("#user", "redaction")
    tab.fill("#password", password)
    tab.click("button[type=submit]")
    tab.wait_for_load_state()


def test_a_wrong_password_is_refused(served: Served, page) -> None:  # noqa: ANN001
    login(page, served, "mauvais mot de passe")
    assert "/desk/login" in page.url
    assert "incorrect" in page.locator("[role=alert]").inner_text()
    shot(page, "editor-wrong-password")


def test_editor_approves_a_held_page_and_sees_it_published(served: Served, page) -> None:  # noqa: ANN001
    held = served.desk.held
    login(page, served, PASSWORD)
    assert page.url.endswith("/desk/")
    shot(page, "editor-queue")
    page.click(f"a[href='/desk/pages/{held.id}']")
    page.wait_for_load_state()
    assert page.locator("a.claim").count() > 0  # claims linked to the sources
    shot(page, "editor-review")
    page.click("button.approve")
    page.wait_for_load_state()
    assert "Page publiée." in page.locator(".flash").inner_text()
    shot(page, "editor-approved", full_page=False)
    assert served.desk.store.pages.get(held.id).status == PageStatus.PUBLISHED
    page.click("text=voir la page publiée")
    page.wait_for_load_state()
    assert page.url.endswith(f"/{held.slug}.html")
    assert page.locator("h1").inner_text() == " ".join(held.title.split())
    shot(page, "editor-published-page")


def test_a_forged_post_without_csrf_token_is_refused(served: Served, page) -> None:  # noqa: ANN001
    login(page, served, PASSWORD)
    target = served.desk.published
    # a form another page would submit with the editor's cookies: no CSRF token
    page.set_content(
        f"<form method='post' action='{served.url}/desk/pages/{target.id}/reject'>"
        "<input name='reason' value='forgé'><button>go</button></form>"
    )
    with page.expect_navigation():
        page.click("button")
    assert "CSRF" in page.content()
    assert served.desk.store.pages.get(target.id).status == PageStatus.PUBLISHED
