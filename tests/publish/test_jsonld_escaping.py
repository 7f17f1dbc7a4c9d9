"""JSON inlined in a story page's <script> can never change how the HTML around it is parsed.

A feed's byline `Jean <!--<script> Martin` copied raw into the JSON-LD put the HTML parser in
its "script data double escaped" state: `</script>` no longer closed the element and the whole
page after it became script text (blank in Chromium). The browser side is checked in
tests/browser/test_hostile_byline.py; here, the escaping and the built page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsdesk.publish import build_site
from newsdesk.publish.jsonld import dumps, script_json
from tests.publish.test_site import NOW, SITE, make_page

HOSTILE = [
    "Jean <!--<script> Martin",
    "</script><script>alert(1)</script>",
    "a <!-- b --> c & d",
    "ligne\u2028séparée\u2029ici",
    "<![CDATA[ x ]]>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_escapes_what_html_reads_inside_a_script(text: str) -> None:
    encoded = script_json({"name": text, "list": [text]})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"name": text, "list": [text]}  # the same value for JSON


def test_script_json_keeps_other_text_readable() -> None:
    assert script_json({"a": "Élysée — « ok »"}) == '{"a": "Élysée — « ok »"}'
    assert dumps({"a": 1}) == script_json({"a": 1})


def test_a_hostile_byline_stays_inside_the_json_ld_of_the_built_page(tmp_path: Path) -> None:
    page = make_page(1, bylines=("Rédaction newsdesk", HOSTILE[0]))
    build_site([page], tmp_path, SITE, NOW)
    html = (tmp_path / f"{page.slug}.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1 and "<" not in scripts[0]
    data = json.loads(scripts[0])
    assert [a["name"] for a in data["author"]] == list(page.bylines)
    assert html.count("<!--") == 0  # the byline shown in the page is HTML-escaped too
