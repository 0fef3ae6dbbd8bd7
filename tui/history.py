"""What the user changed in this run, to undo and redo. Plain Python; knows nothing of Textual.

Each change is recorded with the two store calls that go from one state to
the other, so undoing it and redoing it are the same kind of step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_CHANGES = 200


@dataclass(frozen=True, slots=True)
class Change:
    """One change the user made: what it was, on which film, and its two directions."""

    what: str
    """Says what was done, e.g. "rating “Solaris” 4"."""
    undo: Callable[[], object]
    redo: Callable[[], object]
    undo_select: str | None
    """The film to highlight once it is undone."""
    redo_select: str | None
    """The film to highlight once it is done (again)."""
    films: bool = False
    """True if it changes the films (not only the user's marks on them)."""


class History:
    """The changes that can be undone, and those undone that can be redone."""

    def __init__(self, size: int = MAX_CHANGES) -> None:
        self._done: list[Change] = []
        self._undone: list[Change] = []
        self._size = size

    def record(self, change: Change) -> None:
        """A new change: it can be undone; what was undone can no longer be redone."""
        self._done.append(change)
        del self._done[: -self._size]
        self._undone.clear()

    def next_undo(self) -> Change | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Change | None:
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """The last change was undone (its store call succeeded)."""
        self._undone.append(self._done.pop())

    def redone(self) -> None:
        """The last undone change was done again."""
        self._done.append(self._undone.pop())
