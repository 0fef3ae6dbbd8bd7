"""The search index's life: built after the first frame, built again after a change.

Both happen off the UI thread; the old index answers meanwhile. A big
library's index, once built, is kept for the next runs (`tui.finder.keep_index`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.worker import get_current_worker

from tui.finder import keep_index, library_index
from tui.search.index import SearchIndex
from tui.store.library import Library


@dataclass
class Reindexed(Message):
    """The films changed and a thread worker indexed them again."""

    index: SearchIndex
    select: str | None


def build_in_background(index: SearchIndex, library: Library) -> bool:
    """Build the searchable text in a daemon thread; False if it is already built.

    A daemon thread, not a worker: quitting must not wait for it.
    """
    if index.build_progress is None:
        return False

    def build() -> None:
        index.build()  # which keeps what it builds out of every GC pass
        keep_index(library, index)
        library.prepare_edits()

    threading.Thread(target=build, daemon=True, name="filmtui-index").start()
    return True


def reindex(library: Library, select: str | None, post: Callable[[Message], object]) -> None:
    """Run in a thread worker: index `library` again and post it, unless cancelled."""
    index = library_index(library)
    if not get_current_worker().is_cancelled:  # else a newer edit is being indexed
        post(Reindexed(index, select))
