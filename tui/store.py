"""The user's film library: the catalog and their favourites, on disk.

Plain Python over TinyDB; it knows nothing of Textual. The catalog is a TinyDB
file with a table `films` (see README for the document layout). Favourites
live in a small TinyDB file beside the catalog (`films.user.json`), so that
marking one never rewrites a catalog of 100,000 films.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from tui.film import Film, film_from_document
from tui.locations import bundled_catalog_bytes, default_library_path, personal_data_path
from tui.storage import AtomicJSONStorage, StoreWriteError, write_atomically

FILMS_TABLE = "films"
PERSONAL_TABLE = "personal"

__all__ = ["Library", "StoreError", "StoreWriteError", "open_library"]


class StoreError(Exception):
    """A store that cannot be opened. The message is for the user, one line."""


@dataclass
class Library:
    """An open library: the films of a catalog and the user's favourites."""

    path: Path
    films: list[Film]
    problem_count: int = 0
    _favourites: set[str] = field(default_factory=set)

    @property
    def personal_path(self) -> Path:
        return personal_data_path(self.path)

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(self._favourites)

    def is_favourite(self, film_id: str) -> bool:
        return film_id in self._favourites

    def set_favourite(self, film_id: str, favourite: bool) -> None:
        """Record a favourite on disk; raise `StoreWriteError` if it cannot be."""
        with TinyDB(self.personal_path, storage=AtomicJSONStorage) as db:
            table = db.table(PERSONAL_TABLE)
            table.upsert({"id": film_id, "favourite": favourite}, Query().id == film_id)
        if favourite:
            self._favourites.add(film_id)
        else:
            self._favourites.discard(film_id)

    def toggle_favourite(self, film_id: str) -> bool:
        """Flip a favourite; return the new state."""
        new_state = film_id not in self._favourites
        self.set_favourite(film_id, new_state)
        return new_state


def open_library(path: Path | None = None) -> Library:
    """Open the catalog at `path` (default: the user's library).

    A catalog that does not exist yet is created from the bundled one.
    Raises `StoreError` with a message for the user when it cannot be read.
    """
    path = default_library_path() if path is None else path
    path = path.expanduser()
    if not path.exists():
        _seed(path)
    films, problems = _read_films(path)
    favourites = _read_favourites(personal_data_path(path))
    return Library(path=path, films=films, problem_count=problems, _favourites=favourites)


def _seed(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, bundled_catalog_bytes().decode("utf-8"))
    except OSError as error:
        raise StoreError(
            f"{path}: cannot create the library ({error}); "
            "check the directory's permissions or pass --db another file."
        ) from error


def _read_json(path: Path) -> dict[str, Any] | None:
    what_to_do = "restore it from a backup, or pass --db another file."
    try:
        return AtomicJSONStorage(path).read()
    except IsADirectoryError as error:
        raise StoreError(
            f"{path}: is a directory, not a catalog file; pass --db a file."
        ) from error
    except PermissionError as error:
        raise StoreError(f"{path}: permission denied; check the file's permissions.") from error
    except UnicodeDecodeError as error:
        raise StoreError(f"{path}: is not UTF-8 text (byte {error.start}); {what_to_do}") from error
    except json.JSONDecodeError as error:
        raise StoreError(
            f"{path}: is not valid JSON (line {error.lineno}, column {error.colno}); {what_to_do}"
        ) from error
    except OSError as error:
        raise StoreError(f"{path}: cannot be read ({error.strerror}).") from error


def _table(data: dict[str, Any] | None, name: str, path: Path) -> dict[str, Any]:
    """One table of a TinyDB file, checked to have TinyDB's layout."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StoreError(
            f"{path}: is JSON but not a TinyDB catalog (expected an object of tables); "
            "restore it from a backup, or pass --db another file."
        )
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise StoreError(
            f"{path}: table {name!r} is not a TinyDB table (expected an object of documents); "
            "restore it from a backup, or pass --db another file."
        )
    return table


def _read_films(path: Path) -> tuple[list[Film], int]:
    table = _table(_read_json(path), FILMS_TABLE, path)
    films: list[Film] = []
    problems = 0
    seen: set[str] = set()
    for document in table.values():
        if not isinstance(document, dict):
            problems += 1
            continue
        parsed = film_from_document(document)
        film = parsed.film
        if film.id in seen:
            film = _with_unique_id(film, seen)
        seen.add(film.id)
        films.append(film)
        problems += bool(parsed.problems)
    return films, problems


def _with_unique_id(film: Film, taken: Iterable[str]) -> Film:
    taken = set(taken)
    n = 2
    while f"{film.id}-{n}" in taken:
        n += 1
    return Film(f"{film.id}-{n}", film.title, film.year, film.description, film.fact)


def _read_favourites(path: Path) -> set[str]:
    table = _table(_read_json(path), PERSONAL_TABLE, path)
    return {
        document["id"]
        for document in table.values()
        if isinstance(document, dict)
        and isinstance(document.get("id"), str)
        and document.get("favourite") is True
    }
