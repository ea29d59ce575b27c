"""A progress display on long runs: rich's progress bar on standard error, only when standard error is a terminal,
the report is for people (``full``, ``concise``) and the run has lasted longer than about a second.

Nothing here is imported unless standard error is a terminal, and rich's progress only once a run is long: a
short run, a pipe, an editor or CI pays nothing (start-up is a feature)."""

from __future__ import annotations

import time

from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import IO, Any

    from rich.progress import Progress as Bar

__all__ = ["Progress", "for_run"]

AFTER = 1.0  # seconds of silence before the display starts


class Progress:
    """Told of each file (``done``, ``total``); shows a transient bar on ``stream`` once ``after`` seconds have
    passed, and wipes it at :meth:`close`."""

    def __init__(self, stream: IO[str], after: float = AFTER) -> None:
        self.stream = stream
        self.after = after
        self.started = time.monotonic()
        self.bar: Bar | None = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < self.after:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(
                TextColumn("hublint"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                console=Console(file=self.stream, highlight=False, markup=False, emoji=False),
                transient=True,
            )
            bar.start()
            self.bar, self.task = bar, bar.add_task("lint", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def for_run(fmt: str, stream: IO[str]) -> Progress | None:
    """The display for a run whose report is in ``fmt``; None for a machine format or a stream that is not a
    terminal (a pipe, a file, CI's log)."""
    if fmt not in ("full", "concise") or not stream.isatty():
        return None
    return Progress(stream)
