"""What the app remembers between runs: the sort, the theme, the place per catalog,
the saved searches.

One small JSON file in the user's state directory
(`platformdirs.user_state_path("filmtui")/settings.json`, which honours
`XDG_STATE_HOME`), never the catalog. `Remembered.load()` reads it once at
start; values read back are checked, so a hand-edited or stale file only
loses what is wrong in it. `save()` writes what this run changed over the
file as it is then (another filmtui may have remembered its own place
meanwhile), atomically. Reading never fails; a file that cannot be read is
never written over without keeping a copy of it, and what is not a regular
file (a FIFO, a device) is neither read nor replaced. Plain Python; knows
nothing of Textual.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from tui.store.atomic_json import (
    DamagedStoreError,
    NotARegularFile,
    is_blank,
    parse,
    read_bytes,
    write_atomically,
)
from tui.store.locations import kept_backup_path

FILE_NAME = "settings.json"
SORT_KEY = "sort"
THEME_KEY = "theme"
PLACES_KEY = "places"
SAVED_KEY = "saved_searches"
MAX_PLACES = 50
MAX_SAVED = 500
READ_LIMIT = 1_000_000  # bytes: a settings file is a few kilobytes


def settings_path() -> Path:
    """Where the settings are kept for this user."""
    return platformdirs.user_state_path("filmtui") / FILE_NAME


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user was in one catalog."""

    query: str = ""
    film_id: str | None = None
    favourites_only: bool = False


def _catalog_key(catalog: Path) -> str:
    return str(catalog.expanduser().resolve())


class Remembered:
    """The remembered values, read once; changed here, then `save()`d."""

    def __init__(self, path: Path, values: dict[str, Any]) -> None:
        self.path = path
        self.values = values
        """Every value of the file (the app's and any other key)."""
        self._changed: dict[str, Any] = {}
        self._places: dict[str, dict[str, Any]] = {}
        self._saved: dict[str, str | None] = {}  # this run's saved (None: deleted) searches

    @classmethod
    def load(cls, path: Path | None = None) -> Remembered:
        """What `path` (default: `settings_path()`) holds; nothing if it cannot be read."""
        path = path or settings_path()
        try:
            return cls(path, _read(path)[0])
        except NotARegularFile:
            return cls(path, {})

    # -- values ----------------------------------------------------------------

    @property
    def sort(self) -> str | None:
        """The sort chosen last (its name: the caller checks it)."""
        sort = self.values.get(SORT_KEY)
        return sort if isinstance(sort, str) else None

    @sort.setter
    def sort(self, value: str) -> None:
        self._set(SORT_KEY, value)

    @property
    def theme(self) -> str | None:
        theme = self.values.get(THEME_KEY)
        return theme if isinstance(theme, str) else None

    @theme.setter
    def theme(self, value: str) -> None:
        self._set(THEME_KEY, value)

    def place(self, catalog: Path) -> Place:
        """The place remembered for `catalog`, or the start of everything."""
        places = self.values.get(PLACES_KEY)
        entry = places.get(_catalog_key(catalog)) if isinstance(places, dict) else None
        if not isinstance(entry, dict):
            return Place()
        query, film_id = entry.get("query"), entry.get("film_id")
        favourites_only = entry.get("favourites_only")
        return Place(
            query=query if isinstance(query, str) else "",
            film_id=film_id if isinstance(film_id, str) else None,
            favourites_only=favourites_only if isinstance(favourites_only, bool) else False,
        )

    def set_place(self, catalog: Path, place: Place) -> None:
        entry = {
            "query": place.query,
            "film_id": place.film_id,
            "favourites_only": place.favourites_only,
        }
        key = _catalog_key(catalog)
        self._places[key] = entry
        self.values[PLACES_KEY] = _with_place(self.values.get(PLACES_KEY), key, entry)

    @property
    def saved_searches(self) -> dict[str, str]:
        """Each saved search's query by its name, the oldest first."""
        return _searches(self.values.get(SAVED_KEY))

    def save_search(self, name: str, query: str) -> None:
        """Keep `query` under `name` (replacing a search of that name), the latest last."""
        self._saved[name] = query
        self.values[SAVED_KEY] = _with_search(self.values.get(SAVED_KEY), name, query)

    def delete_search(self, name: str) -> None:
        self._saved[name] = None
        self.values[SAVED_KEY] = _with_search(self.values.get(SAVED_KEY), name, None)

    def _set(self, key: str, value: Any) -> None:
        self.values[key] = value
        self._changed[key] = value

    # -- saving ----------------------------------------------------------------

    def save(self) -> bool:
        """Write this run's changes over the file as it is now; False if they could not be.

        A file that cannot be read is first kept beside itself
        (`settings.json.<date>.bak`): the user may have hand-edited it.
        """
        try:
            json.dumps(self._changed)  # a value JSON cannot hold: refuse, change nothing
            values, damaged = _read(self.path)
        except (TypeError, ValueError, NotARegularFile):
            return False
        values.update(self._changed)
        places = values.get(PLACES_KEY)
        for key, entry in self._places.items():
            places = _with_place(places, key, entry)
        if self._places:
            values[PLACES_KEY] = places
        if self._saved:  # over what another filmtui saved meanwhile
            saved: object = values.get(SAVED_KEY)
            for name, query in self._saved.items():
                saved = _with_search(saved, name, query)
            values[SAVED_KEY] = saved
        text = json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if damaged is not None:
                write_atomically(kept_backup_path(self.path), damaged)
            write_atomically(self.path, text + "\n")
        except (OSError, UnicodeEncodeError):
            return False
        self.values = values
        return True


def _with_place(places: object, key: str, entry: dict[str, Any]) -> dict[str, Any]:
    """`places` with `entry` for `key` as the latest, the oldest dropped beyond `MAX_PLACES`."""
    new = dict(places) if isinstance(places, dict) else {}
    new.pop(key, None)
    new[key] = entry
    while len(new) > MAX_PLACES:  # the oldest first: dicts keep insertion order
        new.pop(next(iter(new)))
    return new


def _searches(saved: object) -> dict[str, str]:
    """The saved searches of a file's value: names and queries that are text."""
    if not isinstance(saved, dict):
        return {}
    return {
        name: query
        for name, query in saved.items()
        if isinstance(name, str) and name.strip() and isinstance(query, str)
    }


def _with_search(saved: object, name: str, query: str | None) -> dict[str, str]:
    """`saved` with `query` under `name` as the latest (None: without `name`), the
    oldest dropped beyond `MAX_SAVED`."""
    new = _searches(saved)
    new.pop(name, None)
    if query is not None:
        new[name] = query
    while len(new) > MAX_SAVED:
        new.pop(next(iter(new)))
    return new


def _read(path: Path) -> tuple[dict[str, Any], bytes | None]:
    """The values of `path`, and its bytes if it exists but cannot be read as values.

    Raises `NotARegularFile` for a folder, FIFO or device, which is never
    written over either.
    """
    try:
        raw = read_bytes(path, READ_LIMIT)
    except NotARegularFile:
        raise
    except OSError:  # unreadable, or far too big: not ours to replace either
        raise NotARegularFile("cannot be read") from None
    if is_blank(raw):
        return {}, None
    assert raw is not None
    with contextlib.suppress(DamagedStoreError):
        return dict(parse(raw)), None
    return {}, raw
