"""The words the main screen shows about the list: its edges and its empty text."""

from __future__ import annotations

from dataclasses import dataclass

from tui.model.film import Film
from tui.safe_text import clean_line
from tui.search.orders import Sort


@dataclass(frozen=True, slots=True)
class ListState:
    """What the list's edges tell: the view, the order, the counts, and the work going on."""

    favourites_only: bool
    sort: Sort
    shown: int
    total: int
    favourites: int
    complete: bool = True
    """False while a search shows its first films only."""
    reindexing: bool = False
    indexing: float | None = None
    """How much of the index is built, while it is being built."""
    searching: bool = False

    @property
    def title(self) -> str:
        view = "★ Favourites only" if self.favourites_only else "Films"
        return f"{view} · by {self.sort}"

    @property
    def subtitle(self) -> str:
        count = f"{self.shown:,}" if self.complete else f"{self.shown:,}+"
        # What is still going on, if anything, instead of the favourites count
        # (the edge is narrow): indexing, which a search waits for, first.
        if self.reindexing:
            going_on = "indexing the change…"
        elif self.indexing is not None:
            going_on = f"indexing {self.indexing:.0%}"
        elif self.searching:
            going_on = "searching…"
        else:
            going_on = f"{self.favourites:,} ★"
        return f"{count} of {self.total:,} · {going_on}"


def empty_text(query: str, favourites_only: bool, suggestion: Film | None) -> str:
    """What the list and the details say when nothing is found (or there is nothing)."""
    query = clean_line(query.strip())
    where = "favourites" if favourites_only else "films"
    if query:
        if suggestion is None:
            return f"No {where} match “{query}”."
        return f"No {where} match “{query}”.\nDid you mean “{clean_line(suggestion.title)}”?"
    if favourites_only:
        return "No favourites yet: press f on a film to mark it."
    return "The catalog is empty."
