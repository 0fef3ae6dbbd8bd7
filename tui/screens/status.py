"""The words the main screen shows about the list (its edges and its empty text),
and what it tells on opening a library."""

from __future__ import annotations

from dataclasses import dataclass

from tui.model.film import Film
from tui.safe_text import clean_line
from tui.screens.search_runs import Search
from tui.search.orders import Sort
from tui.store.library import Library


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
    reading: float | None = None
    """How much of the catalog is read, while the list shows its kept films."""

    @property
    def title(self) -> str:
        view = "★ Favourites only" if self.favourites_only else "Films"
        return f"{view} · by {self.sort}"

    @property
    def subtitle(self) -> str:
        count = f"{self.shown:,}" if self.complete else f"{self.shown:,}+"
        # What is still going on, if anything, instead of the favourites count
        # (the edge is narrow): indexing, which a search waits for, first.
        if self.reading is not None:  # 1.0: read, the films being put in
            going_on = f"reading {self.reading:.0%}" if self.reading else "reading…"
            going_on = "almost ready" if self.reading >= 1 else going_on
        elif self.reindexing:
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


def reading_text(search: Search, reading: float, searched: bool, waits: bool) -> str:
    """What the details say while the catalog is read (the list shows its kept
    films, or what `search` found in them if `searched`; else it runs once the
    preview's index is read, or once the films are in if it `waits` for them)."""
    if reading >= 1:
        lines = ["The catalog is read: the rest of the details show in a moment."]
    else:  # how far: on the list's edge (a new text here would lay the pane out again)
        lines = ["Reading the catalog…", "The rest of the details show once it is read."]
    query = clean_line(search.text.strip())
    when = "once it is read" if waits and reading < 1 else "in a moment"
    if query and not searched:  # the query only if it waits: a text per key is a layout per key
        lines.append(
            f"The search for “{query}” runs {when}." if waits else f"The search runs {when}."
        )
    elif search.favourites_only and not searched:
        lines.append(f"The favourites show {when}.")
    return "\n".join(lines)


def waiting_key_text(description: str, reading: float) -> str:
    """What a key whose action needs the films says, pressed while the catalog is read."""
    if reading >= 1:
        how_far = "read, its films being put in"
    else:
        how_far = f"{reading:.0%} read" if reading >= 0.01 else "being read"
    return f"{description} works once the films are in: the catalog is {how_far}."


def opening_notices(library: Library) -> list[tuple[str, str, int]]:
    """(title, warning, seconds shown) of what to tell on opening `library`."""
    notices = [("Your marks", notice, 20) for notice in library.notices]
    count = library.problem_count
    if count:
        records = f"{count} record{'s' if count != 1 else ''} in {library.path}"
        problems = (
            f"{records} had missing or wrong fields; they are shown as well as they can be read."
        )
        notices.append(("Catalog problems", problems, 10))
    return notices
