"""Publishing: the static site (pages, index, feeds, sitemap) built from `Page` objects."""

from newsdesk.publish.site import BuildReport, build_site

__all__ = ["BuildReport", "build_site"]
