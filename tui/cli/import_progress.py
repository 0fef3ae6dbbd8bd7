"""The bar `filmtui import` draws on standard error while it works, on a terminal only.

One line per stage (reading the file, planning it against the library,
writing it), drawn by Rich and gone when the import ends, before the report.
When standard error is not a terminal (a script, a pipe, a log), nothing is
drawn and Rich is not even imported: scripts get the report alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from tui.safe_text import clean_line
from tui.transfer.progress import Progress, unshown

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


class Stages:
    """The stages of an import, told to nobody (not a terminal)."""

    def stage(self, description: str, total: int | None = None) -> Progress:
        """Start the next stage (of `total` steps, if known); what it tells its progress."""
        return unshown

    def finish(self) -> None:
        """The stage under way is done."""


class _Bar(Stages):
    """The stages of an import as lines of a Rich progress bar."""

    def __init__(self, bar: RichProgress) -> None:
        self._bar = bar
        self._task: TaskID | None = None

    def stage(self, description: str, total: int | None = None) -> Progress:
        self.finish()
        task = self._task = self._bar.add_task(clean_line(description), total=total)

        def tell(done: int, of: int | None) -> None:
            # (A file of old Mac line ends has more lines than it counted.)
            self._bar.update(task, completed=done if of is None else min(done, of), total=of)

        return tell

    def finish(self) -> None:
        """The stage under way is done: its line is full."""
        if self._task is not None:
            self._bar.update(self._task, total=1, completed=1)
            self._bar.stop_task(self._task)  # its time stops


@contextlib.contextmanager
def import_progress(stream: TextIO) -> Iterator[Stages]:
    """The stages of an import, drawn as a bar on `stream` if it is a terminal."""
    if not stream.isatty():
        yield Stages()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = Console(file=stream, highlight=False)
    columns = (
        TextColumn("filmtui: {task.description}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        stages = _Bar(bar)
        yield stages
        stages.finish()  # (drawn full once, before the bar goes)
