"""Publishing: the static site (pages, index, feeds, sitemap) built from `Page` objects."""

from newsdesk.publish.site import BuildReport, build_site, update_site
from newsdesk.publish.views import PublisherStats

__all__ = ["BuildReport", "PublisherStats", "build_site", "update_site"]
