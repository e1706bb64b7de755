"""The progress bar of ``lkjip build``: files done of all, pages/s (or lines/s for text), ETA, errors so far.

Quiet when stderr is not a terminal (CI logs, pipes): the summary printed at the end says it all.
"""
from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeRemainingColumn)
from rich.text import Text

from .manifest import Entry
from .runners import Outcome


class ThroughputColumn(ProgressColumn):
    """Pages per second over the files extracted so far, or lines per second when none has pages."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        pages, lines = task.fields.get("pages", 0), task.fields.get("lines", 0)
        if elapsed <= 0 or not (pages or lines):
            return Text("")
        return Text(f"{pages / elapsed:,.1f} pages/s" if pages else f"{lines / elapsed:,.0f} lines/s")


class BuildProgress:
    """A rich progress bar fed by ``build(on_file=...)``; use as a context manager."""

    def __init__(self, console: Console, total: int):
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 ThroughputColumn(), TextColumn("{task.fields[errors]} failed"),
                                 TimeRemainingColumn(), console=console, transient=True,
                                 disable=not console.is_terminal)
        self.task = self.progress.add_task("building", total=total, errors=0, pages=0, lines=0)
        self.done = self.errors = self.pages = self.lines = 0

    def __enter__(self) -> "BuildProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, entry: Entry, outcome: Outcome | None) -> None:
        self.done += 1
        self.errors += not entry.ok
        if outcome is not None and outcome.summary:   # reused files took no time: not in the rate
            self.pages += outcome.summary.get("pages") or 0
            self.lines += outcome.summary.get("lines") or 0
        self.progress.update(self.task, advance=1, description=entry.report_id[:40], errors=self.errors,
                             pages=self.pages, lines=self.lines)
