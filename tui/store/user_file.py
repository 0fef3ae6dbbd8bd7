"""The user's own files beside the catalog, read and changed.

`films.user.json` holds the marks (table `personal`, one document per film);
`films.edits.json` the films the user added, imported or edited (table
`films`, whole documents that take the place of the catalog's) and the ids
of films they hid (table `deleted`). The frequent small writes (a favourite)
and the rare big ones (an import of 60,000 films) never share a file. When
the marks file grows big, a mark goes to `films.user.recent.json` instead,
a file of the latest marks that is folded into the big one every
`FOLD_RECENT_AT` marks, so a mark costs a millisecond however many films
were rated. (An older `films.user.json` holding `films` and `deleted` too
is still read; its films move to the edits file at the first change.)

Every change is made with TinyDB's `Table` API on a
fresh `TinyDB` opened under the library's lock, on a file read afresh: two
filmtui processes never undo each other's changes, and TinyDB's caches never
outlive the change. The lock is never waited on: a change that finds it held
fails at once with `StoreBusyError` (another filmtui is writing), so the UI
never freezes.

Before a session's first change, the file is copied to `*.bak`. A file that
has become empty or unreadable is never written over.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Table

from tui.store.atomic_json import (
    DamagedStoreError,
    StoreWriteError,
    check_writable,
    is_blank,
    read_bytes,
    reason,
    write_atomically,
)
from tui.store.locations import backup_path, kept_backup_path
from tui.store.lock import LockError, exclusive_lock
from tui.store.tinydb_file import file_of, open_tinydb

PERSONAL_TABLE = "personal"
FILMS_TABLE = "films"
DELETED_TABLE = "deleted"
USER_TABLES = (PERSONAL_TABLE, FILMS_TABLE, DELETED_TABLE)
MARKS_TABLES = (PERSONAL_TABLE,)
EDITS_TABLES = (FILMS_TABLE, DELETED_TABLE)
# A marks file this big takes longer than a keystroke to rewrite: marks go to
# the small file of recent marks, folded in after this many.
RECENT_MARKS_FROM_BYTES = 256 * 1024
FOLD_RECENT_AT = 500
WRITE_LOCK_WAIT = 0.05  # seconds: a change never waits longer for another filmtui

Document = dict[str, Any]


class StoreBusyError(StoreWriteError):
    """Another filmtui holds the library's lock: nothing was written."""


@dataclass(frozen=True, slots=True)
class UserTables:
    """The documents of the user's file, table by table, in the file's order."""

    personal: list[Document]
    films: list[Document]
    deleted: list[Document]

    @classmethod
    def empty(cls) -> UserTables:
        return cls([], [], [])

    @classmethod
    def of(cls, db: TinyDB) -> UserTables:
        """The documents `db` holds now (its storage's data, not copies of it)."""
        data = db.storage.read() or {}
        return cls(*(list(data.get(name, {}).values()) for name in USER_TABLES))

    @property
    def has_films(self) -> bool:
        return bool(self.films or self.deleted)


def signature(path: Path) -> tuple[int, int, int] | None:
    """What tells that a file changed since it was read: its time, size and inode."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def table(db: TinyDB, name: str) -> Table:
    """A table of `db` without a query cache: the file is the only truth."""
    return db.table(name, cache_size=0)


def by_id(film_id: str) -> Any:
    """The condition of the documents of one film."""
    return Query().id == film_id


def ids_in(film_ids: set[str]) -> Any:
    """The condition of the documents of any of `film_ids` (one set lookup each)."""
    return Query().id.test(lambda value: isinstance(value, str) and value in film_ids)


def upsert_many(target: Table, documents: Mapping[str, Mapping[str, Any]]) -> None:
    """TinyDB's `upsert` by film id for many documents, in a few table passes.

    (`upsert` one at a time reads the whole table per film: quadratic.)
    `documents` holds each film's fields by its id. They go into every
    document of that film, or into a new document `{"id": …, **fields}`
    when the film has none; fields that begin with the film's `id` (a
    whole document) are that new document already, and go in as they are.
    """
    if not documents:
        return
    wanted = set(documents)
    found = target.search(ids_in(wanted))
    if found:
        target.update(
            lambda document: document.update(documents[document["id"]]),
            doc_ids=[document.doc_id for document in found],
        )
    have = {document["id"] for document in found}
    target.insert_multiple(
        _with_id(film_id, fields) for film_id, fields in documents.items() if film_id not in have
    )


def _with_id(film_id: str, fields: Mapping[str, Any]) -> Mapping[str, Any]:
    """`{"id": film_id, **fields}`, which is `fields` itself when they begin with an id
    (theirs comes first and wins): not copied, as TinyDB copies what it inserts."""
    return fields if next(iter(fields), None) == "id" else {"id": film_id, **fields}


@contextlib.contextmanager
def locked(lock: Path, path: Path) -> Iterator[None]:
    """The library's lock, for one change; `StoreBusyError` at once if another holds it."""
    check_writable(path)  # before the lock, which needs the folder writable too
    try:
        with exclusive_lock(lock, timeout=WRITE_LOCK_WAIT):
            yield
    except LockError:
        raise StoreBusyError(
            f"another filmtui is writing to {path}; try again in a moment"
        ) from None


class UserFile:
    """One of the user's files of a library, and the lock that guards its changes."""

    def __init__(self, path: Path, lock: Path, tables: tuple[str, ...] = USER_TABLES) -> None:
        self.path = path
        self.lock = lock
        self.tables = tables
        self._backed_up = False

    def read(self) -> UserTables:
        """What the file holds; raises `DamagedStoreError` or `OSError` if unreadable."""
        db = open_tinydb(self.path, self.tables)
        return UserTables.of(db)

    def change(self, change: Callable[[TinyDB], None]) -> UserTables:
        """Apply `change` to the file read afresh, under the lock; what it then holds.

        Raises `StoreWriteError` (the file is as it was) if it cannot be done,
        `StoreBusyError` at once if another filmtui is writing.
        """
        with locked(self.lock, self.path):
            return self.change_locked(change)

    def change_locked(self, change: Callable[[TinyDB], None]) -> UserTables:
        """`change`, with the lock already held (several files in one change)."""
        path = self.path
        try:
            check_writable(path)
            db = open_tinydb(path, self.tables)
            storage = file_of(db)
            try:
                db.storage.read()
            except DamagedStoreError as error:
                raise StoreWriteError(
                    f"the file has become unreadable: it {error} ({path})"
                ) from None
            raw = storage.raw
            if raw is not None and is_blank(raw) and has_backup(path):
                raise StoreWriteError(f"the file has become empty but its backup is not ({path})")
            change(db)
            changed = UserTables.of(db)
            self._back_up(raw)
            db.close()  # the one write
            return changed
        except StoreWriteError:
            raise
        except OSError as error:
            raise StoreWriteError(f"{reason(error)} ({path})") from error

    def _back_up(self, raw: bytes | None) -> None:
        """Copy the file as it was to `*.bak`, at a session's first change.

        A missing file beside a backup that is not blank: that backup may be
        the only copy of the user's marks, so it is kept under a name of its
        own, never overwritten. A full disk is reported for the file being
        saved, not the backup.
        """
        if self._backed_up:
            return
        backup = backup_path(self.path)
        try:
            if is_blank(raw):
                if has_backup(self.path):
                    os.replace(backup, kept_backup_path(self.path))
            else:
                assert raw is not None
                write_atomically(backup, raw)
        except OSError as error:
            cause = error.__cause__ if isinstance(error.__cause__, OSError) else error
            raise StoreWriteError(f"{reason(cause)} ({self.path}; nothing was saved)") from error
        self._backed_up = True


def has_backup(path: Path) -> bool:
    """Whether `path` has a backup that is not blank."""
    with contextlib.suppress(OSError):
        return not is_blank(read_bytes(backup_path(path)))
    return False
