"""A small collection with genres, directors, countries and marks, for the group tests.

Its names are traps: `[bold]x[/]` is a genre that markup would eat, "Drama"
is part of "Melodrama" (the search finds both for `genre:"drama"`), "Драма"
and "DRAMA" fold to one group, and a tag holds a quote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.full_film import library_of

MARKUP_GENRE = "[bold]x[/]"


def _film(film_id: str, year: int | None, **fields: Any) -> dict[str, Any]:
    return {
        "id": film_id,
        "title": film_id.title(),
        "year": year,
        "description": "",
        "fact": "",
        **fields,
    }


FILMS = [
    _film(
        "stalker",
        1979,
        genres=["Drama", "Science Fiction"],
        directors=["Andrei Tarkovsky"],
        countries=["USSR"],
    ),
    _film(
        "solaris",
        1972,
        genres=["drama", MARKUP_GENRE],
        directors=["Andrei Tarkovsky"],
        countries=["USSR"],
    ),
    _film("mirror", 1975, genres=["Melodrama"], directors=["Andrei Tarkovsky"]),
    _film("cranes", 1957, genres=["Drama", "War"], directors=["Mikhail Kalatozov"]),
    _film("amphibian", 1962, genres=["Science Fiction"], countries=["USSR", "France"]),
    _film("nameless", 1985, genres=[MARKUP_GENRE]),
]
MARKS: dict[str, dict[str, Any]] = {
    "stalker": {"rating": 5, "watches": ["2023-04-01", "2024-01-02"], "tags": ["zone"]},
    "solaris": {"rating": 4.5, "watches": ["2024-06-07"], "tags": ['say "hi"', "zone"]},
    "mirror": {"rating": 4.5, "watchlist": True},
    "cranes": {"watched": True},
}


def collection(tmp_path: Path) -> Path:
    """The collection's catalog, with the marks set through the store."""
    return library_of(tmp_path, FILMS, MARKS)
