"""Running a search for the main screen: at once, or in a thread a step at a time.

The main screen says what to search (`Search`); this module finds it and hands
back `Found`, either directly or in `SearchDone` messages from a thread worker
(the last keystroke wins: a newer search cancels an older one between steps).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from textual.message import Message
from textual.worker import get_current_worker

from tui.finder import find_in, find_steps_in
from tui.model.film import Film
from tui.search.index import SearchIndex, SearchResult, lists_everything
from tui.search.orders import Sort
from tui.store.library import Library

# A search in a thread shows this many films as soon as they are known, before
# it has looked at every film: more than a screen, and a few PageDowns.
FIRST_FILMS = 300
SHOW_FIRST_FILMS_WITHIN = 0.5  # seconds a search waits for its first films to be drawn
SEARCH_IN_THREAD_WHILE_INDEXING_FROM = 5_000  # films; see `in_thread`


@dataclass(frozen=True, slots=True)
class Search:
    """What is searched: the query typed, the view and the order."""

    text: str = ""
    favourites_only: bool = False
    sort: Sort = Sort.RELEVANCE


@dataclass(frozen=True, slots=True)
class Found:
    """What a search found, and a title to suggest when it found nothing."""

    search: Search
    result: SearchResult
    suggestion: Film | None = None


@dataclass
class SearchDone(Message):
    """A search in a thread found its first films, or all (posted from its thread).

    `shown` is set once the screen shows them (or they were not wanted).
    """

    found: Found
    shown: threading.Event = field(default_factory=threading.Event)


def in_thread(index: SearchIndex, search: Search, thread_from: int) -> bool:
    """True if `search` is worth a thread worker: the UI must never wait for it.

    From `thread_from` films; from `SEARCH_IN_THREAD_WHILE_INDEXING_FROM` while
    the index is being built, which a search may have to finish. Listing
    everything is always quick.
    """
    size = len(index)
    small = size < thread_from and (index.built or size < SEARCH_IN_THREAD_WHILE_INDEXING_FROM)
    return not small and not lists_everything(search.text, search.sort, search.favourites_only)


def find_now(library: Library, index: SearchIndex, search: Search) -> Found:
    """Search now, on this thread."""
    result = find_in(
        library, index, search.text, favourites_only=search.favourites_only, sort=search.sort
    )
    suggestion = None if result.films else index.suggest(result.query)
    return Found(search, result, suggestion)


def steps_of(library: Library, index: SearchIndex, search: Search) -> Iterator[SearchResult | None]:
    """The steps of `search`, to run in a thread (`find_in_steps`)."""
    return find_steps_in(
        library,
        index,
        search.text,
        favourites_only=search.favourites_only,
        sort=search.sort,
        first=FIRST_FILMS,
    )


def find_in_steps(
    steps: Iterator[SearchResult | None],
    search: Search,
    index: SearchIndex,
    post: Callable[[Message], object],
) -> None:
    """Run in a thread worker: post what `steps` find, the first films as soon as known."""
    worker = get_current_worker()
    for result in steps:
        if worker.is_cancelled:
            return
        if result is None:
            continue
        done = SearchDone(Found(search, result))
        post(done)
        if not result.complete:
            # Let the screen draw the first films before going on: this thread
            # would slow the drawing down (both need the interpreter).
            done.shown.wait(SHOW_FIRST_FILMS_WITHIN)
        elif not result.films:  # nothing found: say so at once, then offer a title
            suggestion = index.suggest(result.query, lambda: worker.is_cancelled)
            if suggestion is not None and not worker.is_cancelled:
                post(SearchDone(Found(search, result, suggestion)))
