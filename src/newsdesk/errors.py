"""One exception tree for newsdesk.

Exceptions are for broken infrastructure or misuse (a database that cannot be opened, a
configuration file that does not parse). Bad *input* is not exceptional: stages return a
`newsdesk.types.Rejection` instead.

    NewsdeskError
    ├── ConfigError          invalid configuration file, setting or value
    ├── StoreError           database cannot be opened, migrated or written
    ├── FetchError           the fetcher itself is misconfigured (not a bad page: that is a Rejection)
    ├── EngineError          a pluggable engine (translation, embeddings, LLM) is unusable
    │   └── MissingExtraError   an optional dependency is not installed
    └── InputError           a path or URL given on the command line cannot be used at all
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class; the CLI prints its message without a traceback unless --debug is given."""


class ConfigError(NewsdeskError):
    pass


class StoreError(NewsdeskError):
    pass


class FetchError(NewsdeskError):
    pass


class EngineError(NewsdeskError):
    pass


class MissingExtraError(EngineError):
    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"the optional package {package!r} is not installed; "
            f"install it with: pip install 'newsdesk[{extra}]'"
        )
        self.package = package
        self.extra = extra


class InputError(NewsdeskError):
    pass
