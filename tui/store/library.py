"""The user's film library: the catalog and their favourites, on disk.

Plain Python over TinyDB files; it knows nothing of Textual. The catalog is a
TinyDB file with a table `films` (see README for the document layout). What
belongs to the user lives in a small TinyDB file beside the catalog
(`films.user.json`), in a table `personal` of one document per film
(`{"id": ..., "favourite": true}`, with room for more fields), so that marking
a favourite never rewrites a catalog of 100,000 films.

The user's file also holds the films the user added or edited (table
`films`, whole documents that take the place of the catalog's) and the ids of
films they deleted (table `deleted`). The catalog itself is never rewritten
by an edit: the library is the catalog with the user's layer on top, so a
later version of the bundled catalog never overwrites a film the user edited.

Every write is a read-modify-write under the library's lock: the file is read
afresh, changed and atomically replaced (see `tui.store.atomic_json`), so two filmtui
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

from tui.gc_paused import gc_paused
from tui.model.film import Film, film_from_document, slugify, unique_id
from tui.model.marks import MAX_RATING, UserMarks, marks_from_document, valid_rating
from tui.store.atomic_json import (
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
from tui.store.json_pieces import iter_table_pieces
from tui.store.locations import (
    backup_path,
    bundled_catalog_bytes,
    default_library_path,
    lock_path,
    personal_data_path,
)
from tui.store.lock import LockError, exclusive_lock
from tui.store.merged_films import MergedFilms

FILMS_TABLE = "films"
PERSONAL_TABLE = "personal"
DELETED_TABLE = "deleted"
USER_TABLES = [PERSONAL_TABLE, FILMS_TABLE, DELETED_TABLE]
START_LOCK_TIMEOUT = 2.0

__all__ = ["Library", "StoreError", "StoreWriteError", "open_library"]

NOTHING = UserMarks()


class StoreError(Exception):
    """A store that cannot be opened. The message is for the user, one line."""


@dataclass
class Library:
    """An open library: the catalog's films under the user's own layer."""

    path: Path
    base_films: list[Film]
    problem_count: int = 0
    _user: Tables = field(default_factory=dict)
    _backed_up: set[Path] = field(default_factory=set)
    films: list[Film] = field(init=False)
    _personal: dict[str, UserMarks] = field(init=False)
    _layer: MergedFilms = field(init=False)

    def __post_init__(self) -> None:
        self._layer = MergedFilms(self.base_films)
        self.films = self._layer.films
        self._apply_user_layer(self._user, force=True)

    @property
    def personal_path(self) -> Path:
        return personal_data_path(self.path)

    @property
    def lock_path(self) -> Path:
        return lock_path(self.path)

    # -- reading -------------------------------------------------------------

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(film_id for film_id, p in self._personal.items() if p.favourite)

    def is_favourite(self, film_id: str) -> bool:
        return self.personal(film_id).favourite

    def personal(self, film_id: str) -> UserMarks:
        """What the user recorded about a film (defaults when nothing)."""
        return self._personal.get(film_id, NOTHING)

    def all_marks(self) -> dict[str, UserMarks]:
        return dict(self._personal)

    def film(self, film_id: str) -> Film | None:
        return self._layer.by_id.get(film_id)

    def prepare_edits(self) -> None:
        """Work out now (call it in a thread) what the first edit would need."""
        self._layer.prepare()

    # -- personal fields -------------------------------------------------------

    def set_favourite(self, film_id: str, favourite: bool) -> None:
        """Record a favourite on disk; raise `StoreWriteError` if it cannot be.

        After a write, `favourites` is what the file holds: it includes those
        another filmtui process marked meanwhile.
        """
        self.update_personal(film_id, {"favourite": favourite})

    def toggle_favourite(self, film_id: str) -> bool:
        """Flip a favourite; return the new state."""
        new_state = not self.is_favourite(film_id)
        self.set_favourite(film_id, new_state)
        return new_state

    def set_rating(self, film_id: str, rating: int) -> None:
        if valid_rating(rating) is None:
            raise ValueError(f"a rating is a whole number from 0 to {MAX_RATING}")
        self.update_personal(film_id, {"rating": rating})

    def toggle_watched(self, film_id: str) -> bool:
        new_state = not self.personal(film_id).watched
        self.update_personal(film_id, {"watched": new_state})
        return new_state

    def update_personal(self, film_id: str, fields: Mapping[str, Any]) -> None:
        """Set `fields` on the user's document for `film_id` (created if missing).

        Other fields of the document, and other documents, are kept as they are.
        """

        def change(data: Tables) -> None:
            _upsert(data.setdefault(PERSONAL_TABLE, {}), film_id, fields)

        self._change_user_layer(change)

    # -- the user's own films ----------------------------------------------------

    def add_film(self, title: str, year: int | None, description: str = "", fact: str = "") -> Film:
        """Add a film of the user's; its id is a new slug of title and year."""
        film_id = unique_id(slugify(title, year), self._layer.by_id)
        film = Film(film_id, title, year, description, fact)
        self.save_film(film)
        return film

    def save_film(self, film: Film, personal: UserMarks | None = None) -> None:
        """Store the user's version of `film` (same id), and its personal fields."""

        def change(data: Tables) -> None:
            _upsert(data.setdefault(FILMS_TABLE, {}), film.id, film.to_document())
            _remove(data.setdefault(DELETED_TABLE, {}), film.id)
            if personal is not None:
                _upsert(data.setdefault(PERSONAL_TABLE, {}), film.id, personal.to_fields())

        self._change_user_layer(change)

    def delete_film(self, film_id: str) -> None:
        """Hide a film from the library (the catalog file is not touched)."""

        def change(data: Tables) -> None:
            _upsert(data.setdefault(DELETED_TABLE, {}), film_id, {})

        self._change_user_layer(change)

    def undelete_film(self, film_id: str) -> None:
        def change(data: Tables) -> None:
            _remove(data.setdefault(DELETED_TABLE, {}), film_id)

        self._change_user_layer(change)

    def import_entries(self, entries: Iterable[tuple[Film, UserMarks | None]]) -> None:
        """Store many films (and personal fields) in one write."""
        entries = list(entries)

        def change(data: Tables) -> None:
            for film, personal in entries:
                _upsert(data.setdefault(FILMS_TABLE, {}), film.id, film.to_document())
                _remove(data.setdefault(DELETED_TABLE, {}), film.id)
                if personal is not None:
                    _upsert(data.setdefault(PERSONAL_TABLE, {}), film.id, personal.to_fields())

        self._change_user_layer(change)

    # -- the layer -------------------------------------------------------------

    def _change_user_layer(self, change: Callable[[Tables], None]) -> None:
        data = self._write(self.personal_path, change, tables=USER_TABLES)
        self._apply_user_layer(data)

    def _apply_user_layer(self, data: Tables, force: bool = False) -> None:
        """Recompute the films and personal fields from the user's file.

        The films are merged again only when the user's films or deletions
        changed (here or in another filmtui): a favourite, a rating or a note
        costs nothing per film of the catalog (see `tui.store.merged_films`).
        """
        previous, self._user = self._user, data
        if not force and all(
            previous.get(table) == data.get(table) for table in (FILMS_TABLE, DELETED_TABLE)
        ):
            self._apply_personal(data)
            return
        own: dict[str, Film] = {}
        for document in data.get(FILMS_TABLE, {}).values():
            if isinstance(document, dict) and isinstance(document.get("id"), str):
                film = film_from_document(document).film
                own[film.id] = film
        deleted = {
            document["id"]
            for document in data.get(DELETED_TABLE, {}).values()
            if isinstance(document, dict) and isinstance(document.get("id"), str)
        }
        self._layer.apply(own, deleted)
        self.films = self._layer.films
        self._apply_personal(data)

    def _apply_personal(self, data: Tables) -> None:
        self._personal = {
            document["id"]: marks_from_document(document)
            for document in data.get(PERSONAL_TABLE, {}).values()
            if isinstance(document, dict) and isinstance(document.get("id"), str)
        }

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
    # An emptied file beside a backup is damage; a deleted one is the user's choice
    # (as when opening: see `_read_tables`).
    if raw is not None and is_blank(raw) and _has_backup(path):
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


def _remove(table: dict[str, Any], film_id: str) -> None:
    for key in [
        k for k, doc in table.items() if isinstance(doc, dict) and doc.get("id") == film_id
    ]:
        del table[key]


def open_library(
    path: Path | None = None, *, progress: Callable[[float], None] | None = None
) -> Library:
    """Open the catalog at `path` (default: the user's library).

    A catalog that does not exist yet is created from the bundled one. Temp
    files left by a filmtui that was killed while writing are removed.
    Raises `StoreError` with a message for the user when it cannot be read.

    A big catalog is read a piece at a time (see `tui.store.json_pieces`), so that
    other threads run meanwhile; `progress`, if given, is called (in this
    thread) with the fraction read so far, rising from 0.0, and with 1.0 once,
    when the library is open.
    """
    path = default_library_path() if path is None else path
    path = path.expanduser()
    _prepare(path)
    report = _Progress(progress)
    with gc_paused():
        films, problems = _read_films(path, report.read)
        user = _read_tables(personal_data_path(path), USER_TABLES)
        library = Library(path=path, base_films=films, problem_count=problems, _user=user)
    report.finish()
    return library


class _Progress:
    """Pass rising fractions on to a `progress` callback; 1.0 only at the end."""

    def __init__(self, progress: Callable[[float], None] | None) -> None:
        self._progress = progress
        self._last = 0.0

    def read(self, done: float) -> None:
        """`done` of the catalog is read (its 1.0 waits for `finish`)."""
        if self._progress is not None and self._last < done < 1.0:
            self._last = done
            self._progress(done)

    def finish(self) -> None:
        """Everything is read and the library is open."""
        if self._progress is not None:
            self._last = 1.0
            self._progress(1.0)


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
            elif path == default_library_path():
                _sync_bundled(path)
            for data_file in _data_files(path):
                remove_stale_temp_files(data_file)
    except LockError as error:
        # A folder we cannot write (browsing still works) or a writer that
        # hangs: leave the temp files, but a missing catalog cannot be made.
        if not path.exists():
            raise _cannot_create(path, error) from error


def _sync_bundled(path: Path) -> None:
    """Bring the user's copy of the bundled catalog up to the installed version.

    New bundled films are added and changed ones updated; films the user
    edited live in the user's layer, which wins, so they are never overwritten.
    A library that cannot be read or written is left alone (opening it reports).
    """
    try:
        raw = read_bytes(path)
        data = parse(raw or b"", [FILMS_TABLE])
        bundled = parse(bundled_catalog_bytes(), [FILMS_TABLE]).get(FILMS_TABLE, {})
    except (DamagedStoreError, OSError):
        return
    table = data.setdefault(FILMS_TABLE, {})
    changed = False
    for document in bundled.values():
        if not isinstance(document, dict) or document.get("id") is None:
            continue
        current = [
            d for d in table.values() if isinstance(d, dict) and d.get("id") == document["id"]
        ]
        if current != [document]:
            _remove(table, document["id"])
            _upsert(table, document["id"], document)
            changed = True
    if changed and raw is not None:
        with contextlib.suppress(OSError):  # no backup, no rewrite
            write_atomically(backup_path(path), raw)
            write_atomically(path, encode(data))


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


def _read_tables(path: Path, tables: list[str]) -> Tables:
    """Tables of a TinyDB file; `StoreError` if the file cannot be read as one."""
    raw = _read_raw(path)
    if raw is None:
        return {}
    try:
        return parse(raw, tables)
    except DamagedStoreError as error:
        raise _damaged(path, error) from None


def _read_raw(path: Path) -> bytes | None:
    """The bytes of a TinyDB file, None for no data (missing or blank).

    `StoreError` if it cannot be read, or if it is blank but its backup is not.
    """
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
        return None
    assert raw is not None
    return raw


def _damaged(path: Path, error: DamagedStoreError) -> StoreError:
    return StoreError(f"{path}: {error} (it was left as it is); {_advice(path)}.")


def _read_films(
    path: Path, progress: Callable[[float], None] = lambda done: None
) -> tuple[list[Film], int]:
    """The catalog's films and how many documents had problems, read a piece at a time.

    `progress` is called after each piece with the fraction of the file read.
    """
    raw = _read_raw(path)
    films: list[Film] = []
    problems = 0
    seen: set[str] = set()
    if raw is None:
        return films, problems
    try:
        for documents, done, restart in iter_table_pieces(raw, FILMS_TABLE):
            if restart:
                films, problems, seen = [], 0, set()
            problems += _add_films(documents.values(), films, seen)
            progress(done)
    except DamagedStoreError as error:
        raise _damaged(path, error) from None
    return films, problems


def _add_films(documents: Iterable[Any], films: list[Film], seen: set[str]) -> int:
    """Append the films of `documents` to `films`, under ids not yet `seen`.

    Returns how many documents had problems (a document that is not an
    object is left out).
    """
    problems = 0
    for document in documents:
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
    return problems


def _with_unique_id(film: Film, taken: Iterable[str]) -> Film:
    """`film` under an id no other film has (`base-2`, `base-3`, …)."""
    new_id = unique_id(film.id, set(taken))
    return Film(new_id, film.title, film.year, film.description, film.fact)
