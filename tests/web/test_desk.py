"""The review desk over HTTP: login, CSRF, throttling, the queue, decisions and the audit trail."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from newsdesk.store.records import DecisionAction, PageStatus
from tests.web.conftest import PASSWORD, TOKEN, DeskFixture, make_desk


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


def login(client: TestClient, password: str = PASSWORD, user: str = "redaction") -> int:
    token = csrf_of(client.get("/desk/login").text)
    response = client.post(
        "/desk/login",
        data={"user": user, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code


def test_the_desk_requires_a_login(desk: DeskFixture) -> None:
    response = desk.client.get("/desk/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/desk/login")
    assert desk.client.get(f"/desk/pages/{desk.held.id}", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused_and_logins_are_throttled(desk: DeskFixture) -> None:
    assert login(desk.client, "wrong password") == 401
    assert login(desk.client, PASSWORD, user="someone") == 401
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 303
    for _ in range(4):  # five failures on the account from this client: then a wait
        assert login(desk.client, "still wrong") == 401
    assert login(desk.client, PASSWORD) == 429  # even the right password, during the wait
    # (it is let through once the wait is over: tests/web/test_sessions_and_throttle.py)


def test_session_cookie_flags(desk: DeskFixture, tmp_path: Path) -> None:
    token = csrf_of(desk.client.get("/desk/login").text)
    response = desk.client.post(
        "/desk/login",
        data={"user": "redaction", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    set_cookie = response.headers["set-cookie"].lower()
    assert set_cookie.startswith("newsdesk_session=")
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie
    assert "secure" not in set_cookie  # plain http here
    https = make_desk(tmp_path / "https", base_url="https://news.example.fr")
    assert "secure" in https.client.get("/desk/login").headers["set-cookie"].lower()
    https.store.close()


def test_a_post_without_the_csrf_token_is_refused(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    response = desk.client.post(f"/desk/pages/{desk.held.id}/approve", data={})
    assert response.status_code == 403
    forged = desk.client.post(f"/desk/pages/{desk.held.id}/approve", data={"csrf_token": "forged"})
    assert forged.status_code == 403
    assert desk.store.pages.get(desk.held.id).status == PageStatus.HELD
    assert desk.store.decisions.list(desk.held.id) == []


def test_queue_review_and_approve_publishes_with_an_audit_trail(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    queue = desk.client.get("/desk/")
    assert desk.held.title.split()[0] in queue.text and "page_too_short" in queue.text
    assert desk.published.title not in queue.text  # the queue holds held pages only
    review = desk.client.get(f"/desk/pages/{desk.held.id}")
    assert review.status_code == 200
    # the composed page beside its source, every claim linked to where it was found
    assert re.search(r'<a class="claim (quote|figure|name)" href="#ev-', review.text)
    anchors = set(re.findall(r'href="#(ev-[^"]+)"', review.text))
    assert anchors and all(f'id="{a}"' in review.text for a in anchors)
    assert not (desk.settings.out / f"{desk.held.slug}.html").exists()
    token = csrf_of(review.text)
    done = desk.client.post(f"/desk/pages/{desk.held.id}/approve", data={"csrf_token": token})
    assert done.status_code == 200 and "Page publiée." in done.text
    record = desk.store.pages.get(desk.held.id)
    assert record.status == PageStatus.PUBLISHED
    decision = desk.store.decisions.list(desk.held.id)[0]
    assert (decision.action, decision.who) == (DecisionAction.APPROVE, "redaction")
    assert (desk.settings.out / f"{desk.held.slug}.html").is_file()  # the site was rebuilt
    assert desk.client.get(f"/{desk.held.slug}.html").status_code == 200


def test_reject_needs_a_reason_and_unpublishes(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    token = csrf_of(desk.client.get(f"/desk/pages/{desk.published.id}").text)
    url = f"/desk/pages/{desk.published.id}/reject"
    assert (
        "Indiquez la raison"
        in desk.client.post(url, data={"csrf_token": token, "reason": " "}).text
    )
    assert (desk.settings.out / f"{desk.published.slug}.html").exists()
    desk.client.post(url, data={"csrf_token": token, "reason": "Sujet hors ligne éditoriale"})
    assert desk.store.pages.get(desk.published.id).status == PageStatus.REJECTED
    assert desk.store.decisions.list(desk.published.id)[0].reason == "Sujet hors ligne éditoriale"
    assert not (desk.settings.out / f"{desk.published.slug}.html").exists()


def test_an_edit_is_verified_again_before_it_can_be_published(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    token = csrf_of(desk.client.get(f"/desk/pages/{desk.held.id}").text)
    url = f"/desk/pages/{desk.held.id}/edit"
    long_title = "Un titre beaucoup trop long " * 4
    desk.client.post(url, data={"csrf_token": token, "title": long_title, "description": "Résumé."})
    record = desk.store.pages.get(desk.held.id)
    assert record.page.title == long_title.strip() and "title_too_long" in record.reasons
    assert record.status == PageStatus.HELD
    desk.client.post(url, data={"csrf_token": token, "title": "", "description": "Résumé."})
    record = desk.store.pages.get(desk.held.id)
    assert record.status == PageStatus.FAILED and "title_empty" in record.reasons
    refused = desk.client.post(f"/desk/pages/{desk.held.id}/approve", data={"csrf_token": token})
    assert "Seule une page en attente" in refused.text
    assert desk.store.pages.get(desk.held.id).status == PageStatus.FAILED
    edits = [d for d in desk.store.decisions.list(desk.held.id) if d.action == DecisionAction.EDIT]
    assert len(edits) == 2 and edits[0].details["title"][1] == ""


def test_rerun_verifies_again_and_is_recorded(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    token = csrf_of(desk.client.get(f"/desk/pages/{desk.held.id}").text)
    response = desk.client.post(f"/desk/pages/{desk.held.id}/rerun", data={"csrf_token": token})
    assert "Vérification relancée" in response.text
    assert desk.store.decisions.list(desk.held.id)[0].action == DecisionAction.RERUN


def test_the_json_api_needs_the_bearer_token(desk: DeskFixture) -> None:
    assert desk.client.get("/api/v1/pages").status_code == 401
    bad = desk.client.get("/api/v1/pages", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    held = desk.client.get("/api/v1/pages?status=held", headers=auth).json()["pages"]
    assert [p["id"] for p in held] == [desk.held.id] and "page_too_short" in held[0]["reasons"]
    one = desk.client.get(f"/api/v1/pages/{desk.held.id}", headers=auth).json()
    assert one["page"]["slug"] == desk.held.slug
    assert desk.client.post("/api/v1/pages", headers=auth).status_code == 405  # read-only
    sources = desk.client.get("/api/v1/sources", headers=auth).json()["sources"]
    assert sources[0]["location"] == "https://exemple.fr/rss.xml"


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Export</title></head><body>
<outline text="Monde" title="Monde">
  <outline type="rss" text="Le Monde" title="Le Monde" xmlUrl="https://www.lemonde.fr/rss/une.xml" htmlUrl="https://www.lemonde.fr/"/>
  <outline type="rss" text="BBC" title="BBC" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
</outline></body></opml>"""


def test_sources_page_add_disable_and_import_opml(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    page = desk.client.get("/desk/sources")
    assert "https://exemple.fr/rss.xml" in page.text and "Erreurs consécutives" in page.text
    token = csrf_of(page.text)
    added = desk.client.post(
        "/desk/sources/add",
        data={
            "csrf_token": token,
            "kind": "feed",
            "location": "https://www.rfi.fr/fr/rss",
            "language": "fr",
        },
    )
    assert "Source ajoutée" in added.text
    local = desk.client.post(
        "/desk/sources/add", data={"csrf_token": token, "kind": "folder", "location": "/etc"}
    )
    assert "Indiquez l’adresse http(s)" in local.text
    source = next(s for s in desk.store.list_sources() if s.location == "https://www.rfi.fr/fr/rss")
    desk.client.post(f"/desk/sources/{source.id}/toggle", data={"csrf_token": token})
    assert desk.store.sources.get(source.id).enabled is False
    imported = desk.client.post(
        "/desk/sources/opml",
        data={"csrf_token": token},
        files={"opml": ("export.opml", OPML, "text/xml")},
    )
    assert "2 source(s) ajoutée(s)" in imported.text
    locations = {s.location for s in desk.store.list_sources()}
    assert "https://feeds.bbci.co.uk/news/world/rss.xml" in locations


def test_the_site_is_served_beside_the_desk(desk: DeskFixture) -> None:
    home = desk.client.get("/")
    assert home.status_code == 200 and desk.published.title.split()[0] in home.text
    assert home.headers["x-content-type-options"] == "nosniff"
    assert desk.client.get("/robots.txt").text.count("Disallow: /desk/") == 1
