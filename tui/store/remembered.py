"""Where the user was: the last query, film, view and theme, per catalog.

Kept in the settings file (`tui.store.settings`, the platform's state directory),
never in the catalog. Plain Python; knows nothing of Textual. Values read back
are checked, so a hand-edited or stale file only loses what is wrong in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.store.settings import load_settings, save_settings

PLACES_KEY = "places"
THEME_KEY = "theme"
MAX_PLACES = 50


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user was in one catalog."""

    query: str = ""
    film_id: str | None = None
    favourites_only: bool = False


def _catalog_key(catalog: Path) -> str:
    return str(catalog.expanduser().resolve())


def load_place(catalog: Path) -> Place:
    """The place remembered for `catalog`, or the start of everything."""
    places = load_settings().get(PLACES_KEY)
    entry = places.get(_catalog_key(catalog)) if isinstance(places, dict) else None
    if not isinstance(entry, dict):
        return Place()
    query = entry.get("query")
    film_id = entry.get("film_id")
    favourites_only = entry.get("favourites_only")
    return Place(
        query=query if isinstance(query, str) else "",
        film_id=film_id if isinstance(film_id, str) else None,
        favourites_only=favourites_only if isinstance(favourites_only, bool) else False,
    )


def load_theme() -> str | None:
    theme = load_settings().get(THEME_KEY)
    return theme if isinstance(theme, str) else None


def save_session(catalog: Path, place: Place, theme: str | None) -> bool:
    """Remember `place` for `catalog` and the theme; False if it could not be saved."""
    settings: dict[str, Any] = load_settings()
    places = settings.get(PLACES_KEY)
    places = dict(places) if isinstance(places, dict) else {}
    key = _catalog_key(catalog)
    places.pop(key, None)
    places[key] = {
        "query": place.query,
        "film_id": place.film_id,
        "favourites_only": place.favourites_only,
    }
    while len(places) > MAX_PLACES:  # the oldest first: dicts keep insertion order
        places.pop(next(iter(places)))
    settings[PLACES_KEY] = places
    if theme is not None:
        settings[THEME_KEY] = theme
    return save_settings(settings)
