"""Verification: the checks a page must pass before it is published, and the verdict."""

from newsdesk.verify.checks import verify_page

__all__ = ["verify_page"]
