"""Searching a user's library: the one way the app and `filmtui list` search.

`tui.search.index` knows films and a query; this module hands it what the library
knows besides: the user's notes and tags (searched like the rest of a film's
text), favourites (`is:fav`) and the other marks (`is:watched`,
`is:watchlist`, `rating:`, `watched:`).
Knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Iterator

from tui.gc_paused import gc_paused
from tui.search.index import SearchIndex, SearchResult
from tui.search.orders import Sort
from tui.search.query import Query
from tui.store.library import Library


def library_index(library: Library) -> SearchIndex:
    """The search index of a library's films and the user's notes and tags on them
    (index again when those change)."""
    marks = library.all_marks()
    notes = {film_id: mine.notes for film_id, mine in marks.items() if mine.notes}
    tags = {film_id: mine.tags for film_id, mine in marks.items() if mine.tags}
    with gc_paused(keeps=3 * len(library.films)):  # in title order, and titles
        return SearchIndex(library.films, notes=notes, tags=tags)


def find_in(
    library: Library,
    index: SearchIndex,
    query: str | Query,
    *,
    favourites_only: bool = False,
    sort: Sort = Sort.RELEVANCE,
) -> SearchResult:
    """Search `index` (built from `library`) with the library's personal fields.

    `favourites_only` keeps the favourites whatever the query says (the app's
    favourites view, `filmtui list --favourites`).
    """
    return index.find(
        query,
        favourites=library.favourites,
        favourites_only=favourites_only,
        personal=library.all_marks(),
        sort=sort,
    )


def find_steps_in(
    library: Library,
    index: SearchIndex,
    query: str | Query,
    *,
    favourites_only: bool = False,
    sort: Sort = Sort.RELEVANCE,
    first: int | None = None,
) -> Iterator[SearchResult | None]:
    """`find_in` a step at a time (see `SearchIndex.find_steps`), for a thread.

    What the library knows of the user is read now, not in the thread.
    """
    return index.find_steps(
        query,
        favourites=library.favourites,
        favourites_only=favourites_only,
        personal=library.all_marks(),
        sort=sort,
        first=first,
    )
