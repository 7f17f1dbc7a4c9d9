"""Publish pages to WordPress through its REST API (wp/v2), authenticated by an application
password (WordPress ≥ 5.6; over plain http only when WP_ENVIRONMENT_TYPE is 'local').

A page becomes a post with its title, content (chapô, sections with subheadings, the sources
block linking to each source, the disclosure — sanitised HTML), excerpt, slug, categories and
tags. Publishing the same page again updates its post instead of creating a duplicate: the post
is found by slug (any status), and the id is remembered for the session.

`api_root` is the REST root: ``https://example.org/wp-json/`` with pretty permalinks, or
``https://example.org/?rest_route=/`` without them; both work.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Literal

import httpx

from newsdesk.errors import NewsdeskError
from newsdesk.log import get_logger
from newsdesk.publish.sanitize import plain_text, safe_fragment
from newsdesk.publish.templating import environment
from newsdesk.types import Page, Rejection

log = get_logger(__name__)

STAGE = "publish"
ANY_STATUS = "publish,future,draft,pending,private"  # where an earlier post of the page may be
TERMS_PER_PAGE = 100  # WordPress's maximum page size for list endpoints
DEFAULT_CATEGORY = "Actualité internationale"


class WordPressError(NewsdeskError):
    """WordPress cannot be used at all: unreachable, or the credentials are refused."""


@dataclass(frozen=True)
class WordPressPost:
    page_slug: str
    post_id: int
    action: Literal["created", "updated"]
    link: str


class WordPressPublisher:
    def __init__(
        self,
        api_root: str,
        user: str,
        app_password: str,
        *,
        status: str = "publish",
        categories: Sequence[str] = (DEFAULT_CATEGORY,),
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_root = api_root if api_root.endswith("/") else api_root + "/"
        self.status = status
        self.categories = tuple(categories)
        self._client = httpx.Client(
            auth=(user, app_password.replace(" ", "")),
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": "newsdesk (WordPress publisher)"},
        )
        self._post_ids: dict[str, int] = {}
        self._term_ids: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> WordPressPublisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP -------------------------------------------------------------------------------

    def _url(self, route: str) -> str:
        return f"{self.api_root}wp/v2/{route}"

    def _request(
        self, method: str, route: str, params: dict[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        # merged by hand: httpx's `params=` would replace the `?rest_route=` of the api root
        url = httpx.URL(self._url(route)).copy_merge_params(params or {})
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise WordPressError(f"WordPress at {self.api_root} is unreachable: {exc}") from exc
        if response.status_code in (401, 403):
            raise WordPressError(
                f"WordPress refused the credentials ({response.status_code}): {_message(response)}"
            )
        return response

    # -- terms ------------------------------------------------------------------------------

    def term_id(self, taxonomy: Literal["tags", "categories"], name: str) -> int | Rejection:
        """The id of the tag or category `name`, created when missing."""
        name = " ".join(plain_text(name).split())
        key = (taxonomy, name.casefold())
        if key in self._term_ids:
            return self._term_ids[key]
        found = self._request("GET", taxonomy, params={"search": name, "per_page": TERMS_PER_PAGE})
        if found.status_code == 200:
            for term in found.json():
                if html.unescape(term.get("name", "")).casefold() == name.casefold():
                    self._term_ids[key] = int(term["id"])
                    return self._term_ids[key]
        created = self._request("POST", taxonomy, json={"name": name})
        body = _json(created)
        if created.status_code == 201:
            self._term_ids[key] = int(body["id"])
        elif body.get("code") == "term_exists":  # same slug under another spelling
            self._term_ids[key] = int(body["data"]["term_id"])
        else:
            return Rejection(
                name, STAGE, f"wordpress_{taxonomy}_{created.status_code}", _message(created)
            )
        return self._term_ids[key]

    # -- posts ------------------------------------------------------------------------------

    def find_post(self, slug: str) -> int | None:
        """The id of the post with this slug, whatever its status, or None."""
        if slug in self._post_ids:
            return self._post_ids[slug]
        response = self._request(
            "GET", "posts", params={"slug": slug, "status": ANY_STATUS, "context": "edit"}
        )
        if response.status_code == 200 and response.json():
            self._post_ids[slug] = int(response.json()[0]["id"])
            return self._post_ids[slug]
        return None

    def post_body(self, page: Page) -> dict[str, Any]:
        content = environment().get_template("wordpress_post.html").render(page=page)
        return {
            "title": page.title,
            "content": safe_fragment(content),
            "excerpt": page.description,
            "slug": page.slug,
            "status": self.status,
            "date_gmt": page.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        }

    def publish(self, page: Page) -> WordPressPost | Rejection:
        """Create the page's post, or update it when a post with its slug exists."""
        body = self.post_body(page)
        term_ids: dict[str, list[int]] = {"tags": [], "categories": []}
        for taxonomy, names in (("tags", page.tags), ("categories", self.categories)):
            for name in names:
                term = self.term_id(taxonomy, name)  # type: ignore[arg-type]
                if isinstance(term, Rejection):
                    return Rejection(page.slug, STAGE, term.reason, f"{name}: {term.detail}")
                term_ids[taxonomy].append(term)
        body.update(term_ids)
        existing = self.find_post(page.slug)
        if existing is None:
            response = self._request("POST", "posts", json=body)
            action: Literal["created", "updated"] = "created"
        else:
            response = self._request("POST", f"posts/{existing}", json=body)
            action = "updated"
        if response.status_code not in (200, 201):
            return Rejection(
                page.slug, STAGE, f"wordpress_http_{response.status_code}", _message(response)
            )
        post = response.json()
        self._post_ids[page.slug] = int(post["id"])
        log.info("wordpress_published", slug=page.slug, post=post["id"], action=action)
        return WordPressPost(page.slug, int(post["id"]), action, str(post.get("link", "")))


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _message(response: httpx.Response) -> str:
    data = _json(response)
    return str(data.get("message") or data.get("code") or response.text[:200])
