"""The search index's life: built after the first frame, built again after a change.

Both happen off the UI thread; the old index answers meanwhile, and the main
screen's list edge says what is going on (`IndexLife`). A big library's index,
once built, is kept for the next runs (`tui.finder.keep_index`).
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
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


class IndexLife(Screen[None]):
    """The main screen's index: built in a thread after the first frame, and again
    when the films change."""

    index: SearchIndex
    library: Library
    search_in_thread_from: int

    _indexing: Timer | None = None
    """Updates the list's edge while the index is built."""
    _reindexing = False
    """The films changed and are being indexed again."""

    def _build_index(self) -> None:
        """Build the searchable text in a thread, while the user looks at the list.

        A search that starts before it is done waits for it (in the search
        worker for big catalogs, so the UI does not).
        """
        started = build_in_background(self.index, self.library)
        if started and len(self.index) >= self.search_in_thread_from:  # worth saying
            self._indexing = self.set_interval(0.25, self._show_indexing)
            self._show_state()

    def _show_indexing(self) -> None:
        """Keep the list's edge up to date while the index is being built."""
        self._show_state()
        if self.index.build_progress is None and self._indexing is not None:
            self._indexing.stop()
            self._indexing = None

    def films_changed(self, select: str | None = None) -> None:
        """The library's films changed (added, edited, deleted): search them afresh.

        A big catalog is indexed again in a thread worker (seconds at a million
        films); the old index answers meanwhile, and the list's edge says so.
        """
        if len(self.library.films) < self.search_in_thread_from:
            self._use_index(library_index(self.library), select)
            return
        self._reindexing = True
        self._show_state()
        self._in_worker(lambda: reindex(self.library, select, self.post_message), "reindex")

    def on_reindexed(self, message: Reindexed) -> None:
        self._reindexing = False
        self._use_index(message.index, message.select)

    def _use_index(self, index: SearchIndex, select: str | None) -> None:
        self.index = index
        self._run_search()
        self._build_index()
        if select is not None:
            self.jump_to_film(select)

    @abstractmethod
    def _show_state(self, searching: bool = False) -> None: ...

    @abstractmethod
    def _run_search(self) -> None: ...

    @abstractmethod
    def _in_worker(self, work: Callable[[], object], group: str) -> None: ...

    @abstractmethod
    def jump_to_film(self, film_id: str) -> None: ...
