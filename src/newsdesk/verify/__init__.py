"""Verification: the checks a page must pass before it is published, and the verdict.

verify_page(page) -> Verdict                       checks that need only the page
verify_story_page(page, sources, ...) -> Verdict   plus every fact traced to the sources
"""

from newsdesk.verify.checks import verify_page
from newsdesk.verify.story import MaterialNote, verify_story_page

__all__ = ["MaterialNote", "verify_page", "verify_story_page"]
