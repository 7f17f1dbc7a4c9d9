"""The desk's state: a relational database (SQLite by default, PostgreSQL supported) with
Alembic migrations, and raw fetched bytes in a content-addressed folder beside it.

    with Store.open("sqlite:///newsdesk-data/newsdesk.sqlite", Path("newsdesk-data")) as store:
        store.add_source(source)
        ...
"""

from newsdesk.store.facade import Store
from newsdesk.store.records import (
    Decision,
    DecisionAction,
    PageRecord,
    PageStatus,
    RunRecord,
    RunStart,
    RunStatus,
    SourceHealth,
    TranslationRecord,
)
from newsdesk.store.repositories.translations import translation_key

__all__ = [
    "Decision",
    "DecisionAction",
    "PageRecord",
    "PageStatus",
    "RunRecord",
    "RunStart",
    "RunStatus",
    "SourceHealth",
    "Store",
    "TranslationRecord",
    "translation_key",
]
