"""The user's film library: the catalog and their favourites, on disk.

Plain Python over TinyDB files; it knows nothing of Textual. The catalog is a
TinyDB file with a table `films` (see README for the document layout). What
belongs to the user lives in a small TinyDB file beside the catalog
(`films.user.json`), in a table `personal` of one document per film
(`{"id": ..., "favourite": true}`, with room for more fields), so that marking
a favourite never rewrites a catalog of 100,000 films.

Every write is a read-modify-write under the library's lock: the file is read
afresh, changed and atomically replaced (see `tui.storage`), so two filmtui
processes on one library never undo each other's changes. Before a session's
first write to a file, the file is copied to `*.bak`. The catalog and the
user's file are never "repaired": a file that cannot be read stops filmtui
with a message and is left exactly as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.film import Film, film_from_document
from tui.locations import (
    backup_path,
    bundled_catalog_bytes,
    default_library_path,
    lock_path,
    personal_data_path,
)
from tui.lock import LockError, exclusive_lock
from tui.storage import (
    DamagedStoreError,
    StoreWriteError,
    Tables,
    check_writable,
    encode,
    is_blank,
    parse,
    read_bytes,
    remove_stale_temp_files,
    write_atomically,
)

FILMS_TABLE = "films"
PERSONAL_TABLE = "personal"
START_LOCK_TIMEOUT = 2.0

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
    _backed_up: set[Path] = field(default_factory=set)

    @property
    def personal_path(self) -> Path:
        return personal_data_path(self.path)

    @property
    def lock_path(self) -> Path:
        return lock_path(self.path)

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(self._favourites)

    def is_favourite(self, film_id: str) -> bool:
        return film_id in self._favourites

    def set_favourite(self, film_id: str, favourite: bool) -> None:
        """Record a favourite on disk; raise `StoreWriteError` if it cannot be.

        After a write, `favourites` is what the file holds: it includes those
        another filmtui process marked meanwhile.
        """
        self.update_personal(film_id, {"favourite": favourite})

    def toggle_favourite(self, film_id: str) -> bool:
        """Flip a favourite; return the new state."""
        new_state = film_id not in self._favourites
        self.set_favourite(film_id, new_state)
        return new_state

    def update_personal(self, film_id: str, fields: Mapping[str, Any]) -> None:
        """Set `fields` on the user's document for `film_id` (created if missing).

        Other fields of the document, and other documents, are kept as they are.
        """

        def change(data: Tables) -> None:
            table = data.setdefault(PERSONAL_TABLE, {})
            _upsert(table, film_id, fields)

        data = self._write(self.personal_path, change, tables=[PERSONAL_TABLE])
        self._favourites = _favourites_in(data.get(PERSONAL_TABLE, {}))

    def _write(self, path: Path, change: Callable[[Tables], None], tables: list[str]) -> Tables:
        """Read `path` afresh, `change` it and replace it, all under the lock."""
        check_writable(path)  # before the lock, which needs the folder writable too
        try:
            with exclusive_lock(self.lock_path):
                raw = read_bytes(path)
                data = _parse_for_write(path, raw, tables)
                change(data)
                if path not in self._backed_up:
                    if not is_blank(raw):
                        assert raw is not None
                        write_atomically(backup_path(path), raw)
                    self._backed_up.add(path)
                write_atomically(path, encode(data))
        except LockError as error:
            raise StoreWriteError(str(error)) from error
        except OSError as error:
            if isinstance(error, StoreWriteError):
                raise
            raise StoreWriteError(f"{error.strerror or error} ({path})") from error
        return data


def _parse_for_write(path: Path, raw: bytes | None, tables: list[str]) -> Tables:
    if is_blank(raw) and _has_backup(path):
        raise StoreWriteError(f"the file has become empty but its backup is not ({path})")
    try:
        return parse(raw or b"", tables)
    except DamagedStoreError as error:
        raise StoreWriteError(f"the file has become unreadable: it {error} ({path})") from None


def _upsert(table: dict[str, Any], film_id: str, fields: Mapping[str, Any]) -> None:
    """TinyDB's `upsert` on a raw table, keeping documents TinyDB could not read."""
    found = False
    for document in table.values():
        if isinstance(document, dict) and document.get("id") == film_id:
            document.update(fields)
            found = True
    if not found:
        numbers = [int(key) for key in table if key.isdecimal()]
        table[str(max(numbers, default=0) + 1)] = {"id": film_id, **fields}


def _favourites_in(table: Mapping[str, Any]) -> set[str]:
    return {
        document["id"]
        for document in table.values()
        if isinstance(document, dict)
        and isinstance(document.get("id"), str)
        and document.get("favourite") is True
    }


def open_library(path: Path | None = None) -> Library:
    """Open the catalog at `path` (default: the user's library).

    A catalog that does not exist yet is created from the bundled one. Temp
    files left by a filmtui that was killed while writing are removed.
    Raises `StoreError` with a message for the user when it cannot be read.
    """
    path = default_library_path() if path is None else path
    path = path.expanduser()
    _prepare(path)
    films, problems = _read_films(path)
    favourites = _favourites_in(_read_table(personal_data_path(path), PERSONAL_TABLE))
    return Library(path=path, films=films, problem_count=problems, _favourites=favourites)


def _prepare(path: Path) -> None:
    """Seed a missing catalog and sweep stale temp files, under the lock."""
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_create(path, error) from error
    try:
        with exclusive_lock(lock_path(path), timeout=START_LOCK_TIMEOUT):
            if not path.exists():
                _seed(path)
            for data_file in _data_files(path):
                remove_stale_temp_files(data_file)
    except LockError as error:
        # A folder we cannot write (browsing still works) or a writer that
        # hangs: leave the temp files, but a missing catalog cannot be made.
        if not path.exists():
            raise _cannot_create(path, error) from error


def _data_files(catalog: Path) -> Iterable[Path]:
    personal = personal_data_path(catalog)
    return (catalog, personal, backup_path(catalog), backup_path(personal))


def _seed(path: Path) -> None:
    try:
        write_atomically(path, bundled_catalog_bytes())
    except OSError as error:
        raise _cannot_create(path, error) from error


def _cannot_create(path: Path, error: OSError) -> StoreError:
    return StoreError(
        f"{path}: cannot create the library ({error.strerror or error}); "
        "check the folder's permissions or pass --db another file."
    )


def _has_backup(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return not is_blank(read_bytes(backup_path(path)))
    return False


def _advice(path: Path) -> str:
    backup = backup_path(path)
    if _has_backup(path):
        return f"copy its backup {backup} over it, or pass --db another file"
    return "fix or replace it, or pass --db another file"


def _read_table(path: Path, table: str) -> dict[str, Any]:
    """One table of a TinyDB file; `StoreError` if the file cannot be read as one."""
    try:
        raw = read_bytes(path)
    except IsADirectoryError as error:
        raise StoreError(f"{path}: is a folder, not a TinyDB file; pass --db a file.") from error
    except PermissionError as error:
        raise StoreError(
            f"{path}: permission denied; check the file's permissions or pass --db another file."
        ) from error
    except OSError as error:
        raise StoreError(
            f"{path}: cannot be read ({error.strerror or error}); pass --db another file."
        ) from error
    if is_blank(raw):
        if raw is not None and _has_backup(path):
            raise StoreError(
                f"{path}: is empty, but its backup is not, so it was damaged "
                f"(it was left as it is); {_advice(path)}."
            )
        return {}
    assert raw is not None
    try:
        data = parse(raw, [table])
    except DamagedStoreError as error:
        raise StoreError(f"{path}: {error} (it was left as it is); {_advice(path)}.") from None
    return data.get(table, {})


def _read_films(path: Path) -> tuple[list[Film], int]:
    table = _read_table(path, FILMS_TABLE)
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
