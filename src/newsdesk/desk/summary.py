"""The run summary: what one desk cycle fetched, kept, rejected and published."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC

from rich.console import Console
from rich.table import Table

from newsdesk.store.records import RunRecord
from newsdesk.translate.registry import ENABLE_HINT, NO_ENGINE
from newsdesk.types import Rejection


@dataclass
class RunSummary:
    """Counters of one cycle; mutable while the cycle runs, then printed and stored."""

    fetched: int = 0  # items read or downloaded (new or not)
    new: int = 0  # items stored for the first time
    unchanged: int = 0  # 304s and items already stored
    extracted: int = 0  # articles extracted in this cycle
    pages_written: int = 0  # site files rewritten
    pages_published: int = 0
    pages_held: int = 0
    related_refreshed: int = 0  # pages whose "En savoir plus" links were brought up to date
    waiting_translation: int = 0  # articles not in French, kept for the translation stage
    rejected: Counter[str] = field(default_factory=Counter)  # by reason code
    rejections: list[Rejection] = field(default_factory=list)
    held: dict[str, list[str]] = field(default_factory=dict)  # page title -> reasons
    # earlier runs found still `running` when this one started (killed), now `interrupted`
    interrupted_runs: tuple[RunRecord, ...] = ()

    def reject(self, rejection: Rejection) -> None:
        self.rejected[f"{rejection.stage}:{rejection.reason}"] += 1
        self.rejections.append(rejection)

    @property
    def processed_anything(self) -> bool:
        """False only when no input at all could be used: the one case `run` exits non-zero."""
        return self.fetched > 0 or self.unchanged > 0

    def counts(self) -> dict[str, int]:
        base = {
            "fetched": self.fetched,
            "new": self.new,
            "unchanged": self.unchanged,
            "extracted": self.extracted,
            "pages_written": self.pages_written,
            "pages_published": self.pages_published,
            "pages_held": self.pages_held,
            "related_refreshed": self.related_refreshed,
            "waiting_translation": self.waiting_translation,
            "rejected": sum(self.rejected.values()),
        }
        base.update({f"rejected.{k}": v for k, v in sorted(self.rejected.items())})
        if self.interrupted_runs:
            base["interrupted_runs"] = len(self.interrupted_runs)
        return base

    def render(self, console: Console, max_rejections: int = 20) -> None:
        table = Table(title="newsdesk run", show_header=True, header_style="bold")
        table.add_column("what")
        table.add_column("count", justify="right")
        for label, value in (
            ("fetched", self.fetched),
            ("new", self.new),
            ("unchanged", self.unchanged),
            ("articles extracted", self.extracted),
            ("waiting for translation", self.waiting_translation),
            ("pages published", self.pages_published),
            ("pages held for review", self.pages_held),
            ("related links refreshed", self.related_refreshed),
            ("site files written", self.pages_written),
        ):
            table.add_row(label, str(value))
        for reason, count in sorted(self.rejected.items()):
            table.add_row(f"rejected: {reason}", str(count), style="yellow")
        console.print(table)
        for run in self.interrupted_runs:
            console.print(
                f"[yellow]interrupted[/] run {run.id} started {run.started_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
                " never finished (stopped or killed); this run took over its work",
                highlight=False,
            )
        for rejection in self.rejections[:max_rejections]:
            console.print(
                f"[yellow]rejected[/] {rejection.item} [dim]({rejection.stage}:{rejection.reason})[/]"
                f" {rejection.detail}",
                highlight=False,
                soft_wrap=True,
            )
        if len(self.rejections) > max_rejections:
            console.print(f"… and {len(self.rejections) - max_rejections} more rejections")
        for title, reasons in list(self.held.items())[:max_rejections]:
            console.print(f"[cyan]held[/] {title} [dim]({', '.join(reasons)})[/]", highlight=False)
        if any(NO_ENGINE in reasons for reasons in self.held.values()):
            console.print(
                "Foreign sources wait for a translation engine; add to newsdesk.toml:",
                highlight=False,
            )
            console.print(ENABLE_HINT, highlight=False, markup=False)
