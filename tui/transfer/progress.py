"""How far reading or planning an import has come, for whoever shows it.

Plain Python: the command line draws a bar from it on a terminal
(`tui.cli.import_progress`); nothing here knows how it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]
"""Called now and then with how much is done, and of how much (None: not known)."""

EVERY = 2048  # records or rows between two calls: a few dozen calls in a big file


def unshown(done: int, total: int | None) -> None:
    """The progress of a run nobody watches."""
