"""The `newsdesk` command line: run, serve, audit, sources, config.

Errors are printed as one line naming the input; a traceback appears only with --debug.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from rich.console import Console

from newsdesk import __version__
from newsdesk.config import (
    Settings,
    configured_sources,
    iter_settings,
    load_settings,
    read_config_file,
    reference_markdown,
)
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.types import Licence, Rejection, Source, SourceKind

if TYPE_CHECKING:
    from newsdesk.desk.roster import Roster
    from newsdesk.store import SourceHealth, Store
    from newsdesk.store.lock import WriterLock

app = typer.Typer(
    name="newsdesk",
    help=(
        "Verified French story pages from foreign news, and an audit of automated "
        "republishing.\n\nWith no configuration, `newsdesk run` uses the bundled sample sources."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
sources_app = typer.Typer(
    help="Manage the desk's sources (feeds, pages, sitemaps, folders, JSONL, WARC).",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")

console = Console(stderr=False)
err_console = Console(stderr=True)


class _State:
    debug: bool = False
    log_format: str = "text"


state = _State()

ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="newsdesk.toml to read (default: ./newsdesk.toml if present).",
        dir_okay=False,
    ),
]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL: sqlite:///path.sqlite or postgresql://…")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", help="Folder of the static site.", file_okay=False)
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override one setting, e.g. --set fetch.timeout=5 (repeatable)."),
]
WaitOpt = Annotated[
    bool,
    typer.Option(
        "--wait",
        help="When another run or watch is writing to the database, wait for it to finish "
        "instead of exiting.",
    ),
]


def _version(value: bool) -> None:
    if value:
        console.print(f"newsdesk {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    debug: Annotated[
        bool, typer.Option("--debug", help="Verbose logs and full tracebacks.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    log_format: Annotated[
        str,
        typer.Option(
            "--log-format",
            envvar="NEWSDESK_LOG_FORMAT",
            help="Logs on stderr: text (for people) or json (one object per line, for log "
            "collectors).",
        ),
    ] = "text",
) -> None:
    from newsdesk.log import LOG_FORMATS, LogFormat, configure_logging

    state.debug = debug
    if log_format not in LOG_FORMATS:
        err_console.print(
            f"[red]error:[/] --log-format {log_format!r}: choose from {', '.join(LOG_FORMATS)}",
            highlight=False,
        )
        raise typer.Exit(2)
    chosen = cast(LogFormat, log_format)
    state.log_format = chosen
    configure_logging(logging.DEBUG if debug else logging.WARNING, chosen)


def _settings(
    config: Path | None, db: str | None, out: Path | None, sets: list[str] | None
) -> Settings:
    if config is None and Path("newsdesk.toml").is_file():
        config = Path("newsdesk.toml")
    overrides: dict[str, str] = {}
    for item in sets or []:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key=value")
        key, value = item.split("=", 1)
        overrides[key.strip()] = value.strip()
    settings = load_settings(config, overrides)
    if db:
        settings.db = db
    if out:
        settings.out = out
    return settings


def bundled_sources() -> list[Source]:
    """The five sample pages shipped with the package (demo data; see samples/LABELS.md)."""
    folder = resources.files("newsdesk") / "samples" / "articles"
    return [
        Source(
            kind=SourceKind.FOLDER,
            location=str(Path(str(folder))),
            name="Exemples fournis avec newsdesk",
            publisher=None,  # each file names its publisher in metadata.json
            language="fr",
            # Demo data: shown in full so a new user sees what cleaning and verification do.
            licence=Licence.FULL,
        )
    ]


def _open_store(settings: Settings) -> Store:
    from newsdesk.store import Store

    return Store.open(settings.db_url, settings.data_dir)


def _roster(store: Store, settings: Settings, announce: bool) -> Roster:
    """The sources of this cycle: the file is the truth for the sources it declares; the
    samples run only alone (see desk.roster)."""
    from newsdesk.desk.roster import sources_for_run

    declared = configured_sources(settings) if read_config_file(settings) else None
    roster = sources_for_run(store, declared, bundled_sources())
    for location in roster.removed:
        console.print(f"Source removed (no longer in the configuration): {location}")
    if announce and roster.using_samples:
        console.print("No source configured: using the bundled sample sources.")
    return roster


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGTERM and SIGINT (instead of killing the process or raising
    KeyboardInterrupt), so that a run or watch ends after its current item with everything
    before it committed; a second signal stops at once. The previous handlers come back after."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        name = signal.Signals(signum).name
        if state.log_format == "json":  # stderr is for JSON lines only
            from newsdesk.log import get_logger

            get_logger(__name__).warning(
                "stop_requested", signal=name, then="after the current item"
            )
        else:
            err_console.print(f"{name}: stopping after the current item")

    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _acquire_writer_lock(
    store: Store, command: str, wait: bool, stop: threading.Event
) -> WriterLock:
    from newsdesk.store.lock import WriterLock, WriterLockHeld

    lock = WriterLock(store, command)
    try:
        lock.acquire()
    except WriterLockHeld as held:
        if not wait:
            raise
        who = held.holder.describe() if held.holder else "another process"
        err_console.print(f"waiting for {who} to finish writing", highlight=False)
        lock.acquire(wait=True, should_stop=stop.is_set)
    return lock


@contextmanager
def _writer_lock(store: Store, command: str, wait: bool, stop: threading.Event) -> Iterator[None]:
    """One writer at a time on a database (see store.lock): refused at once naming the holder,
    or, with --wait, after the holder is done."""
    lock = _acquire_writer_lock(store, command, wait, stop)
    try:
        yield
    finally:
        lock.release()


def _interactive() -> bool:
    return console.is_terminal and not os.environ.get("CI")


def _last_word(event: str, markup: str, message: str) -> None:
    """A command's closing error on stderr: one red line for people, or, with --log-format json,
    one JSON object (`event`, `message`) like every other stderr line, for log collectors."""
    if state.log_format == "json":
        from newsdesk.log import get_logger

        get_logger(__name__).error(event, message=message)
    else:
        err_console.print(markup, highlight=False, soft_wrap=True)


@contextmanager
def _guard() -> Iterator[None]:
    """Turn newsdesk errors into one red line (and exit code 2) unless --debug is given."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except NewsdeskError as exc:
        if state.debug:
            raise
        _last_word("command_failed", f"[red]error:[/] {exc}", str(exc))
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        _last_word("command_interrupted", "interrupted", "interrupted")
        raise typer.Exit(130) from None
    except Exception as exc:  # an internal bug: say so plainly, keep the traceback for --debug
        if state.debug:
            raise
        detail = f"{type(exc).__name__}: {exc} (run again with --debug for details)"
        _last_word("internal_error", f"[red]internal error:[/] {detail}", detail)
        raise typer.Exit(3) from None


class RichProgress:
    """Progress bars on a terminal; nothing in CI or when output is redirected."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        with self._progress:
            task = self._progress.add_task(name, total=total)
            yield lambda n: self._progress.advance(task, n)


@app.command()
def run(
    config: ConfigOpt = None,
    out: OutOpt = None,
    db: DbOpt = None,
    set_: SetOpt = None,
    wait: WaitOpt = False,
) -> None:
    """Run one desk cycle: fetch sources, extract, compose and verify pages, build the site.

    With no configured source, runs on the bundled sample sources. Prints a summary table and
    exits non-zero only when nothing at all could be processed. SIGTERM or Ctrl+C finish the
    current item and exit 0 (the run is recorded as stopped).
    """
    from newsdesk.desk.cycle import run_cycle

    with _guard(), _stop_on_signals() as stop:
        settings = _settings(config, db, out, set_)
        with _open_store(settings) as store, _writer_lock(store, "run", wait, stop):
            roster = _roster(store, settings, announce=True)
            # A source the watcher paused (or an editor did) stays paused for `run` too, so that
            # a cron'd `run` and `watch` agree on what the desk fetches.
            schedules = store.schedules.all()
            paused = [
                s for s in roster.sources if getattr(schedules.get(s.id), "paused_at", None)
            ]
            if paused:
                console.print(
                    f"{len(paused)} paused source(s) skipped "
                    f"(resume with: newsdesk sources resume): "
                    + ", ".join(s.location for s in paused[:5])
                    + (" …" if len(paused) > 5 else ""),
                    highlight=False,
                )
            progress = RichProgress() if _interactive() else None
            summary = run_cycle(
                store,
                [s for s in roster.sources if s not in paused],
                settings,
                datetime.now(UTC),
                progress,
                withdrawn=roster.withdrawn,
                stop=stop,
            )
        summary.render(console)
        console.print(f"Site written to {settings.out.resolve()}")
        if stop.is_set():
            console.print("Stopped: the current item was finished; the next run goes on.")
            return
        if not summary.processed_anything:
            err_console.print("[red]nothing could be processed[/]")
            raise typer.Exit(1)


@app.command()
def watch(
    config: ConfigOpt = None,
    out: OutOpt = None,
    db: DbOpt = None,
    set_: SetOpt = None,
    wait: WaitOpt = False,
    max_cycles: Annotated[
        int | None,
        typer.Option("--max-cycles", min=1, help="Stop after this many cycles (tests, cron)."),
    ] = None,
    until_idle: Annotated[
        bool,
        typer.Option("--until-idle", help="Stop after a cycle that fetched nothing new."),
    ] = False,
) -> None:
    """Run desk cycles until stopped, each source checked on its own schedule.

    A source is checked again when its hints (Retry-After, Cache-Control, Expires, the feed's
    ttl and sy:updatePeriod) allow and its publishing rate suggests, between watch.min_interval
    and watch.max_interval; failing sources back off and are paused after
    watch.pause_after_failures failures. SIGTERM or Ctrl+C finish the current item and exit 0.
    """
    from newsdesk.desk.watch import watch as watch_loop

    with _guard(), _stop_on_signals() as stop:
        settings = _settings(config, db, out, set_)
        with _open_store(settings) as store, _writer_lock(store, "watch", wait, stop):
            _roster(store, settings, announce=True)
            console.print(f"Watching; the site is written to {settings.out.resolve()}")
            report = watch_loop(
                store,
                settings,
                lambda: _roster(store, settings, announce=False),
                stop,
                max_cycles=max_cycles,
                until_idle=until_idle,
                on_cycle=lambda summary: console.print(
                    f"cycle: {summary.fetched} fetched, {summary.new} new, "
                    f"{summary.pages_published} published, {summary.pages_held} held",
                    highlight=False,
                ),
            )
        console.print(f"{'Stopped' if report.stopped else 'Done'} after {report.cycles} cycle(s).")


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind (default: loopback only).")
    ] = "127.0.0.1",
    out: OutOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    with_watch: Annotated[
        bool,
        typer.Option("--watch", help="Also run the watcher (as `newsdesk watch`) in this process."),
    ] = False,
    wait: WaitOpt = False,
) -> None:
    """Serve the site (and the review desk) over HTTP."""
    import uvicorn

    from newsdesk.web.app import UVICORN_OPTIONS, create_app

    with _guard():
        settings = _settings(config, db, out, None)
        application = create_app(settings)
        watcher = _background_watcher(settings, wait) if with_watch else None
        console.print(f"Serving {settings.out.resolve()} at http://{host}:{port}/ (Ctrl+C to stop)")
    # uvicorn catches SIGTERM/SIGINT, shuts down, puts the previous handlers back and raises
    # the signal again: with the default handler there, the process died of it (status 143)
    # before the watcher was stopped. Ours only sets an event, so the watcher stops after its
    # current item and the process exits 0.
    try:
        with _stop_on_signals():
            uvicorn.run(application, host=host, port=port, **UVICORN_OPTIONS)
    finally:
        if watcher is not None:
            watcher.stop()


class _BackgroundWatcher:
    """`serve --watch`: the watcher in a thread of the serving process, holding the writer lock
    (taken before serving starts, so a second writer is refused at once); stopped, after its
    current item, when the server stops."""

    def __init__(self, settings: Settings, wait: bool) -> None:
        import threading

        self._stop = threading.Event()
        self._store = _open_store(settings)
        self._lock = _acquire_writer_lock(self._store, "serve --watch", wait, self._stop)
        self._settings = settings
        self._thread = threading.Thread(target=self._run, name="newsdesk-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from newsdesk.desk.watch import watch as watch_loop
        from newsdesk.log import get_logger

        try:
            watch_loop(
                self._store,
                self._settings,
                lambda: _roster(self._store, self._settings, announce=False),
                self._stop,
            )
        except Exception as exc:  # the server goes on; the failure is logged
            get_logger(__name__).error("watcher_failed", error=f"{type(exc).__name__}: {exc}")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)
        self._lock.release()
        self._store.close()


def _background_watcher(settings: Settings, wait: bool) -> _BackgroundWatcher:
    return _BackgroundWatcher(settings, wait)


#: Rejections listed one per line after an audit; the rest are counted by reason.
SHOWN_REJECTIONS = 10


def _print_rejections(rejections: Sequence[Rejection], total: int, out: Path) -> None:
    """Count rejections by reason, then name the first few: a crawl with thousands of unusable
    files must not bury the summary, and each input is still in rejections.jsonl by name."""
    if not total:
        return
    by_reason = Counter(f"{r.stage}:{r.reason}" for r in rejections)
    console.print(
        "[yellow]rejected[/] by reason: "
        + ", ".join(f"{reason} {n}" for reason, n in by_reason.most_common()),
        highlight=False,
    )
    for rejection in rejections[:SHOWN_REJECTIONS]:
        console.print(
            f"  {rejection.item} ({rejection.stage}:{rejection.reason}) {rejection.detail}",
            highlight=False,
            soft_wrap=True,
        )
    if total > SHOWN_REJECTIONS:
        console.print(
            f"  … {total - SHOWN_REJECTIONS} more in {out / 'rejections.jsonl'}",
            highlight=False,
            soft_wrap=True,
        )


@app.command()
def audit(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Folders of .html/.txt/.md, single files, JSONL, WARC/WARC.gz files, or URLs."
        ),
    ] = None,
    crawl: Annotated[
        list[str] | None,
        typer.Option(
            "--crawl",
            help="Crawl this site first (robots.txt, sitemaps, feeds), into a WARC file that is "
            "then audited; repeat for several sites.",
        ),
    ] = None,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Pages fetched per crawled site.")
    ] = 200,
    warc: Annotated[
        Path | None,
        typer.Option("--warc", help="Where --crawl writes its WARC (default: OUT/crawl.warc.gz)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the outputs.", file_okay=False)
    ] = Path("audit-report"),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            help="Comma-separated outputs: html, jsonl, parquet (tables as Parquet), sqlite "
            "(audit.sqlite, for Datasette).",
        ),
    ] = "html,jsonl",
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Comma-separated defect classes that make the command exit 1 "
            "(a CI gate for publishers); 'any' for every class.",
        ),
    ] = None,
    no_provenance: Annotated[
        bool, typer.Option("--no-provenance", help="Skip provenance links and story clustering.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on private/loopback addresses.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="local (this machine) or spark (pip install 'newsdesk[spark]')."
        ),
    ] = "local",
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master URL (default: all local cores).")
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", help="Spark partitions for the per-document stages."),
    ] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Audit a corpus of news pages: defects with exact spans, provenance links, stories.

    Writes findings.jsonl, documents.jsonl, links.jsonl, stories.jsonl, rejections.jsonl and a
    self-contained report.html into --out (schema: docs/audit.md).
    """
    from newsdesk.audit.runner import FORMATS, run_audit
    from newsdesk.detect import CLASSES

    with _guard():
        settings = _settings(config, None, None, set_)
        inputs = list(inputs or [])
        if not inputs and not crawl:
            raise ConfigError("nothing to audit: name inputs (files, folders, URLs) or --crawl URL")
        chosen = [f.strip() for f in formats.split(",") if f.strip()]
        known = FORMATS
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            raise ConfigError(
                f"--format: unknown format(s) {', '.join(unknown)} (choose from {', '.join(known)})"
            )
        gate: list[str] = []
        if fail_on:
            gate = [c.strip() for c in fail_on.split(",") if c.strip()]
            if gate == ["any"]:
                gate = sorted(CLASSES)
            bad = sorted(set(gate) - set(CLASSES))
            if bad:
                raise ConfigError(
                    f"--fail-on: unknown class(es) {', '.join(bad)}; known: {', '.join(sorted(CLASSES))}"
                )
        if engine not in ("local", "spark"):
            raise ConfigError(f"--engine {engine!r}: choose local or spark")
        if crawl:
            inputs.append(str(_crawl_sites(crawl, out, warc, max_pages, allow_private, settings)))
        if engine == "spark":
            from newsdesk.audit.spark.runner import run_audit_spark

            result = run_audit_spark(
                inputs,
                out,
                settings,
                now=datetime.now(UTC),
                formats=chosen,
                provenance=not no_provenance,
                master=master,
                partitions=partitions,
            )
        else:
            progress = RichProgress() if _interactive() else None
            result = run_audit(
                inputs,
                out,
                settings,
                now=datetime.now(UTC),
                formats=chosen,
                provenance=not no_provenance,
                allow_private=allow_private,
                progress=progress,
            )
    from rich.table import Table

    table = Table(title="newsdesk audit", header_style="bold")
    table.add_column("class")
    table.add_column("findings", justify="right")
    table.add_column("documents", justify="right")
    for cls, count in sorted(result.by_class.items()):
        table.add_row(cls, str(count), str(result.docs_by_class[cls]))
    console.print(table)
    rejected = getattr(result, "rejected", len(result.rejections))
    console.print(
        f"{result.documents} documents, {result.findings} findings, {rejected} rejected inputs, "
        f"{len(result.links)} links, {len(result.stories)} stories → {out.resolve()}"
    )
    _print_rejections(result.rejections, rejected, out)
    if result.documents == 0:
        err_console.print("[red]no document could be read[/]")
        raise typer.Exit(1)
    failing = result.failing(gate)
    if failing:
        err_console.print(
            "[red]--fail-on:[/] " + ", ".join(f"{c} ({n})" for c, n in failing.items())
        )
        raise typer.Exit(1)


def _crawl_sites(
    starts: list[str],
    out: Path,
    warc: Path | None,
    max_pages: int,
    allow_private: bool,
    settings: Settings,
) -> Path:
    """`audit --crawl`: fetch the sites into a WARC file and say what each gave."""
    import json

    from newsdesk.audit.crawl import crawl
    from newsdesk.ingest.fetcher import Fetcher

    path = warc or out / "crawl.warc.gz"
    out.mkdir(parents=True, exist_ok=True)
    report = out / "crawl.jsonl"
    with Fetcher(settings.fetch) as fetcher, report.open("w", encoding="utf-8") as lines:

        def announce(site: Any) -> None:
            console.print(
                f"crawled {site.start}: {site.listed} pages listed, {len(site.archived)} "
                f"archived, {len(site.rejections)} refused or failed",
                highlight=False,
            )
            row = {
                "start": site.start,
                "listed": site.listed,
                "archived": site.archived,
                "sitemaps": site.sitemaps,
                "feeds": site.feeds,
                "from_home_links": site.from_home_links,
                "rejections": [
                    {"item": r.item, "reason": r.reason, "detail": r.detail}
                    for r in site.rejections
                ],
            }
            lines.write(json.dumps(row, ensure_ascii=False) + "\n")

        crawl(
            starts,
            fetcher,
            path,
            max_pages=max_pages,
            allow_private=allow_private,
            on_site=announce,
        )
    console.print(f"WARC written: {path.resolve()} (re-audit it with: newsdesk audit {path})")
    return path


@app.command("config")
def config_cmd(
    config: ConfigOpt = None,
    set_: SetOpt = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the reference table of docs/configuration.md.")
    ] = False,
) -> None:
    """Show every setting with its current value and help line."""
    if markdown:
        console.print(reference_markdown(), highlight=False, soft_wrap=True, markup=False)
        return
    with _guard():
        settings = _settings(config, None, None, set_)
        data = settings.model_dump()
        for name, help_line in iter_settings():
            value = data
            for part in name.split("."):
                value = value[part]
            console.print(f"[bold]{name}[/] = {value!r}\n    {help_line}", highlight=False)


@sources_app.command("add")
def sources_add(
    location: Annotated[str, typer.Argument(help="URL or local path of the source.")],
    kind: Annotated[
        SourceKind, typer.Option("--kind", "-k", help="Kind of source.")
    ] = SourceKind.FEED,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher shown on pages.")] = None,
    language: Annotated[str | None, typer.Option(help="Language hint (ISO 639-1).")] = None,
    licence: Annotated[Licence, typer.Option(help="excerpt (default) or full.")] = Licence.EXCERPT,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private/loopback addresses (off by default).")
    ] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Add a source to the database."""
    with _guard():
        settings = _settings(config, db, None, None)
        if kind in (SourceKind.FOLDER, SourceKind.JSONL, SourceKind.WARC):
            path = Path(location).expanduser()
            if not path.exists():
                raise ConfigError(f"{location}: no such file or folder")
            location = str(path.resolve())
        source = Source(
            kind=kind,
            location=location,
            name=name,
            publisher=publisher,
            language=language,
            licence=licence,
            allow_private=allow_private,
        )
        with _open_store(settings) as store:
            store.add_source(source)
        console.print(f"added {kind.value} source {location} (id {source.id})")


@sources_app.command("list")
def sources_list(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List sources with their health (last fetch, consecutive errors)."""
    from rich.table import Table

    with _guard():
        settings = _settings(config, db, None, None)
        with _open_store(settings) as store:
            rows = store.source_health()
        table = Table(show_header=True, header_style="bold")
        for column in (
            "id",
            "kind",
            "location",
            "licence",
            "enabled",
            "last fetch",
            "errors",
            "items",
            "watch",
        ):
            table.add_column(column)
        for h in rows:
            table.add_row(
                h.source.id,
                h.source.kind.value,
                h.source.location,
                h.source.licence.value,
                "yes" if h.source.enabled else "no",
                h.last_fetch_at.isoformat(timespec="seconds") if h.last_fetch_at else "never",
                str(h.consecutive_errors),
                str(h.items),
                _watch_state(h),
            )
        console.print(table)


def _watch_state(health: SourceHealth) -> str:
    """What the watcher plans for a source: paused (since when) or its next check."""
    if health.paused_at is not None:
        return f"paused since {health.paused_at.isoformat(timespec='seconds')}"
    if health.next_check_at is not None:
        return f"next {health.next_check_at.isoformat(timespec='seconds')}"
    return "due"


@sources_app.command("resume")
def sources_resume(
    source: Annotated[str, typer.Argument(help="Source id or location.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Resume a source the watcher paused after repeated failures (checked at the next cycle)."""
    with _guard():
        settings = _settings(config, db, None, None)
        with _open_store(settings) as store:
            found = next((s for s in store.list_sources() if source in (s.id, s.location)), None)
            if found is None or not store.schedules.resume(found.id):
                raise ConfigError(f"no source with id or location {source!r}")
        console.print(f"resumed {source}")


@sources_app.command("remove")
def sources_remove(
    source: Annotated[str, typer.Argument(help="Source id or location.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Remove a source (its stored items and articles are kept)."""
    with _guard():
        settings = _settings(config, db, None, None)
        with _open_store(settings) as store:
            if not store.remove_source(source):
                raise ConfigError(f"no source with id or location {source!r}")
        console.print(f"removed {source}")


@sources_app.command("import")
def sources_import(
    opml: Annotated[
        Path, typer.Argument(help="OPML file exported by a feed reader.", dir_okay=False)
    ],
    licence: Annotated[
        Licence, typer.Option(help="Licence of the imported feeds.")
    ] = Licence.EXCERPT,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Import the feeds of an OPML file (Miniflux, FreshRSS, Feedly, any feed reader)."""
    from dataclasses import replace

    from newsdesk.ingest.opml import parse_opml

    with _guard():
        settings = _settings(config, db, None, None)
        if not opml.is_file():
            raise ConfigError(f"{opml}: no such file")
        found = parse_opml(opml)
        with _open_store(settings) as store:
            for source in found:
                store.add_source(replace(source, licence=licence))
        console.print(f"imported {len(found)} feeds from {opml}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
