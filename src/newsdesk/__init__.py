"""newsdesk: verified French story pages from foreign news, and an audit of automated republishing."""

__version__ = "0.1.0"
