"""Opening a library: finding its files, seeding, syncing, reading the catalog.

`open_library` resolves the catalog's path (links and spellings: one library,
one user file, one lock), creates a missing catalog from the bundled one,
brings the user's copy of the bundled catalog up to date
(`tui.store.bundled_sync`), sweeps temp files
left by a filmtui that was killed, and reads the catalog (a piece at a time,
through `tui.store.tinydb_file.TinyDBFile`) and the user's file (through
TinyDB). A file that cannot be read stops filmtui with a one-line
`StoreError` and is left exactly as it was: nothing here repairs a file.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from tui.gc_paused import gc_paused
from tui.model.film import Film, film_from_document, plain_films, well_formed_film
from tui.model.shared_values import SharedValues
from tui.model.unique_ids import UniqueIds
from tui.store.atomic_json import (
    DamagedStoreError,
    NotARegularFile,
    check_regular_file,
    is_blank,
    reason,
    remove_stale_temp_files,
    write_atomically,
)
from tui.store.bundled_sync import sync_bundled
from tui.store.library import Library
from tui.store.locations import (
    backup_path,
    bundled_catalog_bytes,
    default_library_path,
    edits_path,
    library_path,
    lock_path,
    personal_data_path,
    recent_marks_path,
)
from tui.store.lock import LockError, exclusive_lock
from tui.store.tinydb_file import TinyDBFile
from tui.store.user_file import (
    EDITS_TABLES,
    FILMS_TABLE,
    MARKS_TABLES,
    UserFile,
    UserTables,
    has_backup,
)

START_LOCK_TIMEOUT = 2.0

__all__ = ["StoreError", "open_library"]


class StoreError(Exception):
    """A store that cannot be opened. The message is for the user, one line."""


def open_library(
    path: Path | None = None,
    *,
    progress: Callable[[float], None] | None = None,
    create: bool = True,
) -> Library:
    """Open the catalog at `path` (default: the user's library).

    A catalog that does not exist yet is created: the user's library from
    the bundled catalog, any other path empty. With `create` false nothing
    is written at all (no catalog, no lock file: a dry run), and a missing
    catalog opens as an empty library. Temp files left by a filmtui that was
    killed while writing are removed.
    Raises `StoreError` with a message for the user when it cannot be read.

    A big catalog is read a piece at a time (see `tui.store.json_pieces`), so that
    other threads run meanwhile; `progress`, if given, is called (in this
    thread) with the fraction read so far, rising from 0.0, and with 1.0 once,
    when the library is open.
    """
    given = default_library_path() if path is None else path.expanduser()
    if os.path.islink(given) and not given.exists():
        raise StoreError(
            f"{given}: is a link to {os.path.realpath(given)}, which does not exist "
            "(it was left as it is); fix the link or pass --db another file."
        )
    path = library_path(given)
    try:
        check_regular_file(path)  # no lock file, no seed beside a device or a FIFO
    except NotARegularFile as error:
        raise _unreadable(path, error) from None
    if create:
        _prepare(path)
    elif not path.exists():
        return Library(path, [])
    report = _Progress(progress)
    with gc_paused():
        films, problems = _read_films(path, report.read)
        user, recent, notices = _read_user_files(path)
        library = Library(path, films, problems, user, notices, recent)
    report.finish()
    return library


def stand_in(path: Path, *, marks: bool = True) -> Library:
    """The library at `path` while its catalog is read: no films, but the user's
    marks (a preview's list shows them from the first frame); no marks if they
    cannot be read now (`open_library` then says why), or without `marks`
    (nothing shows them: a loading screen)."""
    path = library_path(path.expanduser())
    if not marks:
        return Library(path, [])
    try:
        user, recent, _ = _read_user_files(path)
    except StoreError:
        return Library(path, [])
    return Library(path, [], user=user, recent=recent)


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


# -- preparing ---------------------------------------------------------------------


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
            if path == library_path(default_library_path()):
                sync_bundled(path)  # after a seed too: it notes what the bundled films were
            for data_file in _data_files(path):
                remove_stale_temp_files(data_file)
    except LockError as error:
        # A folder we cannot write (browsing still works) or a writer that
        # hangs: leave the temp files, but a missing catalog cannot be made.
        if not path.exists():
            raise _cannot_create(path, error) from error


def _data_files(catalog: Path) -> Iterable[Path]:
    own = (catalog, personal_data_path(catalog), edits_path(catalog), recent_marks_path(catalog))
    return (*own, *map(backup_path, own))


EMPTY_CATALOG = b'{"films": {}}\n'


def _seed(path: Path) -> None:
    """A new catalog: the bundled films for the user's library, none for another path."""
    default = path == library_path(default_library_path())
    try:
        write_atomically(path, bundled_catalog_bytes() if default else EMPTY_CATALOG)
    except OSError as error:
        raise _cannot_create(path, error) from error


def _cannot_create(path: Path, error: OSError) -> StoreError:
    advice = "free some space" if "full" in reason(error) else "check the folder's permissions"
    return StoreError(
        f"{path}: cannot create the library ({reason(error)}); {advice} or pass --db another file."
    )


# -- reading -----------------------------------------------------------------------


def _advice(path: Path) -> str:
    if has_backup(path):
        return f"copy its backup {backup_path(path)} over it, or pass --db another file"
    return "fix or replace it, or pass --db another file"


def _unreadable(path: Path, error: OSError, what: str = "") -> StoreError:
    """The `StoreError` of a file that cannot be read at all."""
    if isinstance(error, NotARegularFile):
        why = str(error)
    elif isinstance(error, PermissionError):
        why = "permission denied; check the file's permissions"
    else:
        why = f"cannot be read ({reason(error)})"
    return StoreError(f"{path}: {what}{why}; move it away or pass --db another file.")


def _damaged(path: Path, error: DamagedStoreError) -> StoreError:
    return StoreError(f"{path}: {error} (it was left as it is); {_advice(path)}.")


def _emptied(path: Path) -> StoreError:
    return StoreError(
        f"{path}: is empty, but its backup is not, so it was damaged "
        f"(it was left as it is); {_advice(path)}."
    )


def _read_user_files(
    catalog: Path,
) -> tuple[UserTables, list[dict[str, Any]], list[str]]:
    """What the user's files hold (marks and edits, and the recent marks), and what
    to tell the user about them."""
    lock = lock_path(catalog)
    marks, notices = _read_one(UserFile(personal_data_path(catalog), lock), "marks")
    edits_file = UserFile(edits_path(catalog), lock, EDITS_TABLES)
    recent_file = UserFile(recent_marks_path(catalog), lock, MARKS_TABLES)
    edits, more = _read_one(edits_file, "edits")
    later, most = _read_one(recent_file, "latest marks")
    if os.path.lexists(edits_file.path):  # else an older layout: the edits are in the marks file
        marks = UserTables(marks.personal, edits.films, edits.deleted)
    return marks, later.personal, [*notices, *more, *most]


def _read_one(user_file: UserFile, what: str) -> tuple[UserTables, list[str]]:
    """What one of the user's files holds, and what to tell the user about it."""
    path = user_file.path
    try:
        tables = user_file.read()
    except DamagedStoreError as error:
        raise _damaged(path, error) from None
    except OSError as error:
        raise _unreadable(path, error, f"the file of your {what} ") from None
    notices: list[str] = []
    exists = os.path.lexists(path)
    if has_backup(path):
        if exists and _is_blank_file(path):
            raise _emptied(path)
        if not exists:
            notices.append(
                f"{path} (your {what}) is missing, but its backup "
                f"{backup_path(path)} is not: to get them back, quit and copy the backup "
                "over it. The backup is kept whatever you do now."
            )
    return tables, notices


def _is_blank_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.stat().st_size == 0 or is_blank(path.read_bytes())
    return False


def _read_films(
    path: Path, progress: Callable[[float], None] = lambda done: None
) -> tuple[list[Film], int]:
    """The catalog's films and how many documents had problems, read a piece at a time.

    `progress` is called after each piece with the fraction of the file read.
    """
    films: list[Film] = []
    problems = 0
    ids = UniqueIds()
    shared = SharedValues()
    db = TinyDB(path, storage=TinyDBFile, tables=[FILMS_TABLE])
    storage = db.storage
    assert isinstance(storage, TinyDBFile)
    try:
        for documents, done, restart in storage.pieces(FILMS_TABLE):
            if restart:
                films, problems, ids = [], 0, UniqueIds()
            problems += add_films(documents.values(), films, ids, shared)
            progress(done)
    except DamagedStoreError as error:
        raise _damaged(path, error) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if not films and _is_blank_file(path) and has_backup(path):
        raise _emptied(path)
    return films, problems


def add_films(
    documents: Iterable[Any],
    films: list[Film],
    ids: UniqueIds,
    shared: SharedValues | None = None,
) -> int:
    """Append the films of `documents` to `films`, under ids not yet in `ids`
    (`shared`: see `film_from_document`).

    Returns how many documents had problems (a document that is not an
    object is left out).
    """
    documents = list(documents)
    plain = plain_films(documents, shared)
    if plain is not None:  # the common case, read a field at a time
        wanted = list(map(_ID, plain))
        claimed = ids.claim_all(wanted)
        if claimed is not wanted:
            plain = [
                film if film.id == film_id else _renamed(film, film_id)
                for film, film_id in zip(plain, claimed, strict=True)
            ]
        films.extend(plain)
        return 0
    problems = 0
    for document in documents:
        if not isinstance(document, dict):
            problems += 1
            continue
        film = well_formed_film(document, shared)
        if film is None:
            parsed = film_from_document(document, shared)
            film = parsed.film
            problems += bool(parsed.problems)
        film_id = ids.claim(film.id)
        if film_id != film.id:
            film = _renamed(film, film_id)
        films.append(film)
    return problems


_ID = attrgetter("id")


def _renamed(film: Film, film_id: str) -> Film:
    """`film` under another id, all its other fields kept."""
    return dataclasses.replace(film, id=film_id)
