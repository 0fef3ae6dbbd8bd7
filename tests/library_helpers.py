"""Small reads of a library the store tests share."""

from __future__ import annotations

from tui.model.film import Film
from tui.store.library import Library


def film_in(library: Library, film_id: str) -> Film | None:
    """The library's film of `film_id`, or None: what the list would show."""
    return next((film for film in library.films if film.id == film_id), None)
