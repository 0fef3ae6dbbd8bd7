"""What a search needs of the user's marks, read afresh for each search. Knows nothing of Textual.

The marks (favourites, watched, watchlist, ratings, watch days) change while
an index lives, so each search reads what its filters and its order need of
them; that is part of what makes two searches the same (`SearchIndex`
answers the same search again at once).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from tui.model.marks import UserMarks
from tui.search.orders import Sort
from tui.search.query import Mark, Query

SortValues = frozenset[tuple[str, Any]]
"""(id, value) of the films that have the value a sort reads (rating, last day watched)."""


@dataclass(frozen=True, slots=True)
class Marked:
    """What the user's marks say, as far as a query's filters need it.

    `marks`: for each `is:` filter, the ids of the films with that mark;
    `rated`: (id, rating) of every rated film, None when no `rating:`;
    `watches`: (id, days) of every film seen on a known day, None when no `watched:`.
    """

    marks: tuple[tuple[Mark, bool, frozenset[str]], ...] = ()
    rated: frozenset[tuple[str, float]] | None = None
    watches: frozenset[tuple[str, tuple[str, ...]]] | None = None


def marked_for(
    query: Query,
    favourites: Collection[str] | None,
    favourites_only: bool,
    personal: Mapping[str, UserMarks],
) -> Marked:
    """What the query's filters need of the user's marks (`favourites_only`: is:fav too)."""
    wanted = (*query.marks, *((("favourite", True),) if favourites_only else ()))
    marks: list[tuple[Mark, bool, frozenset[str]]] = []
    for mark, keep in dict.fromkeys(wanted):
        if mark == "favourite":
            ids = frozenset(favourites or ())
        else:
            ids = frozenset(i for i, mine in personal.items() if getattr(mine, mark))
        marks.append((mark, keep, ids))
    rated = watches = None
    if query.ratings:
        rated = frozenset((i, mine.rating) for i, mine in personal.items() if mine.rating)
    if query.watches:
        watches = frozenset((i, mine.watches) for i, mine in personal.items() if mine.watches)
    return Marked(tuple(marks), rated, watches)


def sort_values(sort: Sort, personal: Mapping[str, UserMarks]) -> SortValues | None:
    """What a sort by the user's marks orders by; None for the other sorts."""
    if sort is Sort.RATING:
        return frozenset((i, mine.rating) for i, mine in personal.items() if mine.rating)
    if sort is Sort.LAST_WATCHED:
        return frozenset((i, mine.last_watched) for i, mine in personal.items() if mine.watches)
    return None


def shows_marks(query: Query, sort: Sort) -> bool:
    """True when a change of the user's marks can change which films this search
    finds or their order (`is:`, `rating:`, `watched:`; sorting by rating or last
    watched): then search again after one."""
    return query.reads_marks or sort in (Sort.RATING, Sort.LAST_WATCHED)
