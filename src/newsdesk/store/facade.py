"""`Store`: the desk's state behind one object — open (and migrate), use, close.

The repositories are attributes (`store.sources`, `store.raw`, `store.pages`, …); the verbs the
desk cycle and the CLI call most are also methods of `Store` itself (`store.add_source`,
`store.save_raw`, …), each a thin delegate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from alembic.util.exc import CommandError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from newsdesk.errors import StoreError
from newsdesk.log import get_logger
from newsdesk.store.blobs import BlobStore
from newsdesk.store.db import create_store_engine, redact
from newsdesk.store.migrate import upgrade_to_head
from newsdesk.store.records import PageRecord, RunRecord, RunStart, SourceHealth
from newsdesk.store.repositories.articles import ArticleRepository
from newsdesk.store.repositories.decisions import DecisionRepository
from newsdesk.store.repositories.desk_sessions import DeskSessionRepository
from newsdesk.store.repositories.fetch_state import FetchStateRepository
from newsdesk.store.repositories.findings import FindingRepository
from newsdesk.store.repositories.links import LinkRepository
from newsdesk.store.repositories.pages import PageRepository
from newsdesk.store.repositories.raw_items import RawItemRepository
from newsdesk.store.repositories.redirects import RedirectRepository
from newsdesk.store.repositories.runs import RejectionRepository, RunRepository
from newsdesk.store.repositories.schedules import ScheduleRepository
from newsdesk.store.repositories.sources import SourceRepository
from newsdesk.store.repositories.state_blobs import StateBlobRepository
from newsdesk.store.repositories.stories import StoryRepository
from newsdesk.store.repositories.translations import TranslationRepository
from newsdesk.store.sessions import Clock, Sessions
from newsdesk.types import Article, RawItem, Rejection, Source

log = get_logger(__name__)

RAW_FOLDER = "raw"  # data_dir/raw/ab/cdef… holds the raw fetched bytes


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The desk's database and raw-bytes folder. Use `Store.open(...)`, ideally as a context
    manager; every method is one short transaction, safe to call from several threads."""

    def __init__(self, sessions: Sessions, blobs: BlobStore, data_dir: Path) -> None:
        self._sessions = sessions
        self.engine = sessions.engine
        self.data_dir = data_dir
        self.blobs = blobs
        self.url = sessions.label
        self.sources = SourceRepository(sessions)
        self.schedules = ScheduleRepository(sessions)  # the watcher's (desk/schedule.py)
        self.fetch_state = FetchStateRepository(sessions)
        self.raw = RawItemRepository(sessions, blobs)
        self.articles = ArticleRepository(sessions)
        self.runs = RunRepository(sessions)
        self.rejections = RejectionRepository(sessions)
        self.findings = FindingRepository(sessions)
        self.links = LinkRepository(sessions)
        self.stories = StoryRepository(sessions)
        self.pages = PageRepository(sessions)
        self.desk_sessions = DeskSessionRepository(sessions)
        self.translations = TranslationRepository(sessions)
        self.decisions = DecisionRepository(sessions)
        self.redirects = RedirectRepository(sessions)
        self.state_blobs = StateBlobRepository(sessions)  # the desk's indexes (desk/state.py)

    @classmethod
    def open(cls, db_url: str, data_dir: Path, clock: Clock = _utc_now) -> Store:
        """Open (creating if needed) the database at `db_url` and the raw folder in `data_dir`,
        and migrate the schema to the current version.

        Raises StoreError, naming the URL (password hidden), when the database cannot be
        reached, opened or migrated, or the folder cannot be created."""
        label = redact(db_url)
        data_dir = Path(data_dir)
        try:
            (data_dir / RAW_FOLDER).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create data folder {data_dir}: {exc.strerror or exc}"
            ) from None
        engine = create_store_engine(db_url)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            upgrade_to_head(engine)
        except DBAPIError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open database {label}: {reason}") from exc
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {label}: {exc}") from exc
        except CommandError as exc:  # e.g. a revision this version does not know: a newer
            engine.dispose()  # newsdesk migrated this database
            raise StoreError(
                f"cannot migrate database {label}: {exc} (was it written by a newer newsdesk?)"
            ) from exc
        log.info("store_opened", db=label, data_dir=str(data_dir))
        return cls(Sessions(engine, clock, label), BlobStore(data_dir / RAW_FOLDER), data_dir)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r}, data_dir={str(self.data_dir)!r})"

    # -- the desk's verbs (delegates) -------------------------------------------------------

    def add_source(self, source: Source) -> Source:
        return self.sources.add(source)

    def list_sources(self, enabled_only: bool = False) -> list[Source]:
        return self.sources.list(enabled_only)

    def remove_source(self, id_or_location: str) -> bool:
        return self.sources.remove(id_or_location)

    def source_health(self) -> list[SourceHealth]:
        return self.sources.health()

    def record_fetch(
        self, source_id: str, ok: bool, status: str | None = None, error: str | None = None
    ) -> bool:
        return self.sources.record_fetch(source_id, ok, status=status, error=error)

    def fetch_memory(self) -> FetchStateRepository:
        """The ingest stage's FetchMemory, backed by this database."""
        return self.fetch_state

    def save_raw(self, raw: RawItem) -> bool:
        return self.raw.save(raw)

    def get_raw(self, raw_id: str) -> RawItem:
        item = self.raw.get(raw_id)
        if item is None:
            raise StoreError(f"no raw item {raw_id} in {self.url}")
        return item

    def pending_raw_ids(self) -> list[str]:
        return self.raw.pending_ids()

    def mark_extracted(self, raw_id: str, article_id: str | None) -> None:
        self.raw.mark_extracted(raw_id, article_id)

    def save_article(self, article: Article) -> bool:
        return self.articles.upsert(article)

    def list_articles(
        self,
        language: str | None = None,
        source_id: str | None = None,
        since: datetime | None = None,
    ) -> list[Article]:
        return self.articles.list(language=language, source_id=source_id, since=since)

    def begin_run(self, now: datetime) -> RunStart:
        """Start a run: earlier runs still `running` were killed and become `interrupted`
        (`RunRepository.start`), and the temporary files their unfinished blob writes left
        in the raw folder are removed (those older than `STALE_TEMPORARY_SECONDS`)."""
        started = self.runs.start(now)
        removed = self.blobs.remove_stale_temporaries()
        if removed:
            log.info("stale_temporaries_removed", folder=str(self.blobs.root), files=removed)
        return started

    def start_run(self, now: datetime) -> int:
        """Start a run (earlier unfinished runs become `interrupted`: see `RunRepository.start`)."""
        return self.runs.start(now).id

    def finish_run(self, run_id: int, counts: Mapping[str, int], status: str) -> None:
        self.runs.finish(run_id, counts, status)

    def last_runs(self, limit: int = 10) -> list[RunRecord]:
        return self.runs.last(limit)

    def add_rejection(self, run_id: int, rejection: Rejection) -> None:
        self.rejections.add(run_id, rejection)

    def add_rejections(self, run_id: int, rejections: Iterable[Rejection]) -> int:
        return self.rejections.add_many(run_id, rejections)

    def save_page(self, record: PageRecord) -> bool:
        return self.pages.save(record)
