"""A film with every field, and the user's every mark on it, for the UI tests.

Its texts hold brackets (`[REC] 2`, `[b]…[/b]`) that markup would eat, so a
test that finds them on screen proves they are shown literally.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import write_catalog
from tui.store.opening import open_library

FULL: dict[str, Any] = {
    "id": "rec-2-2009",
    "title": "[REC] 2",
    "year": 2009,
    "description": "Minutes after [b]the first film[/b], a SWAT team goes in.",
    "fact": "Shot as one [i]night[/i] of found footage.",
    "original_title": "[REC]²",
    "imdb_id": "tt1245112",
    "letterboxd_uri": "https://boxd.it/rec2",
    "directors": ["Jaume Balagueró", "Paco Plaza"],
    "cast": ["Manuela Velasco", "Óscar Zafra"],
    "genres": ["Horror", "Thriller"],
    "countries": ["Spain"],
    "languages": ["Spanish"],
    "runtime": 85,
    "budget": 5600000,
    "formats": ["DVD", "Blu-ray"],
    "shelf": "B[2]",
    "extras": {"disc": 2, "region": "B"},
    "empty": "",
}
FULL_MARKS = {
    "favourite": True,
    "rating": 4.5,
    "watched": True,
    "watches": ["2021-05-01", "2023-11-19", "2024-02-03"],
    "watchlist": True,
    "tags": ["[rewatch]", "horror night"],
    "notes": "Better than [REC].",
}
BARE = {"id": "bare", "title": "Bare", "year": None, "description": "", "fact": ""}


def library_of(
    tmp_path: Path, documents: list[dict[str, Any]], marks: dict[str, dict[str, Any]]
) -> Path:
    """A catalog of `documents`, with the user's `marks` (by film id) set through the store."""
    path = write_catalog(tmp_path / "catalog" / "films.json", documents)
    library = open_library(path)
    for film_id, fields in marks.items():
        library.update_personal(film_id, fields)
    return path
