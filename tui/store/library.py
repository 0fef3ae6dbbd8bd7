"""The user's film library: the catalog's films under the user's own layer.

Plain Python over TinyDB files; it knows nothing of Textual. The catalog is a
TinyDB file with a table `films` (see README for the document layout), never
rewritten by an edit. What belongs to the user lives in TinyDB files beside
it (see `tui.store.user_file`): their marks in `films.user.json` (and, once
that is big, the latest ones in `films.user.recent.json`), their versions of
films, the films they added or imported and the ones they hid in
`films.edits.json`. So marking a favourite never rewrites a catalog of
100,000 films nor 60,000 imported ones, and a later version of the bundled
catalog never overwrites a film the user edited.

Every change goes through TinyDB's `Table` API on the files read afresh under
the lock; afterwards the library is what the files hold, including what
another filmtui wrote meanwhile. Opening a library is `tui.store.opening`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from tui.gc_paused import gc_paused
from tui.model.film import Film, film_from_document, slugify, unique_id
from tui.model.marks import MAX_RATING, UserMarks, marks_from_document, valid_rating
from tui.store.atomic_json import StoreWriteError
from tui.store.locations import (
    backup_path,
    edits_path,
    lock_path,
    personal_data_path,
    recent_marks_path,
)
from tui.store.merged_films import MergedFilms
from tui.store.user_file import (
    DELETED_TABLE,
    EDITS_TABLES,
    FILMS_TABLE,
    FOLD_RECENT_AT,
    MARKS_TABLES,
    PERSONAL_TABLE,
    RECENT_MARKS_FROM_BYTES,
    StoreBusyError,
    UserFile,
    UserTables,
    by_id,
    ids_in,
    locked,
    signature,
    table,
    upsert_many,
)

__all__ = ["Library", "StoreBusyError", "StoreWriteError"]

NOTHING = UserMarks()


class Library:
    """An open library: the catalog's films under the user's own layer.

    `user` is what the user's file held when the catalog was read (nothing
    for a stand-in); `notices` are things the user should be told on
    opening (a lost file whose backup is still there, …).
    """

    def __init__(
        self,
        path: Path,
        base_films: list[Film],
        problem_count: int = 0,
        user: UserTables | None = None,
        notices: Iterable[str] = (),
        recent: list[dict[str, Any]] | None = None,
    ) -> None:
        self.path = path
        self.problem_count = problem_count
        """How many catalog documents had missing or wrong fields."""
        self.notices = list(notices)
        lock = lock_path(path)
        self.user_file = UserFile(personal_data_path(path), lock)
        self.recent_file = UserFile(recent_marks_path(path), lock, MARKS_TABLES)
        self.edits_file = UserFile(edits_path(path), lock, EDITS_TABLES)
        self._layer = MergedFilms(base_films)
        self._user = UserTables.empty()
        self._recent: list[dict[str, Any]] = []
        self._signatures = self._files_signature()
        self._marks: dict[str, UserMarks] = {}  # of the marks file
        self._recent_marks: dict[str, UserMarks] = {}  # the latest: they win
        self._read_marks: dict[str, tuple[Mapping[str, Any], UserMarks]] = {}
        self._read_films: dict[str, tuple[Mapping[str, Any], Film]] = {}
        self._apply(user or UserTables.empty(), recent or [], force=True)

    @property
    def films(self) -> list[Film]:
        """The library's films, in order."""
        return self._layer.films

    @property
    def personal_path(self) -> Path:
        return self.user_file.path

    def owns(self, path: Path) -> bool:
        """Whether `path` is one of this library's own files (catalog, user file, …)."""
        mine = (self.path, self.personal_path, self.recent_file.path, self.edits_file.path)
        own = {*mine, *map(backup_path, mine), self.user_file.lock}
        return path.expanduser().resolve() in {p.resolve() for p in own}

    # -- reading -------------------------------------------------------------

    @property
    def favourites(self) -> frozenset[str]:
        base = (i for i, p in self._marks.items() if p.favourite and i not in self._recent_marks)
        return frozenset([*base, *(i for i, p in self._recent_marks.items() if p.favourite)])

    def is_favourite(self, film_id: str) -> bool:
        return self.personal(film_id).favourite

    def personal(self, film_id: str) -> UserMarks:
        """What the user recorded about a film (defaults when nothing)."""
        recent = self._recent_marks.get(film_id)
        return recent if recent is not None else self._marks.get(film_id, NOTHING)

    def all_marks(self) -> dict[str, UserMarks]:
        return {**self._marks, **self._recent_marks}

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
        document = {"id": film_id, **fields}

        def change(db: TinyDB) -> None:
            table(db, PERSONAL_TABLE).upsert(document, by_id(film_id))

        with gc_paused(), locked(self.user_file.lock, self.user_file.path):
            big = (signature(self.user_file.path) or (0, 0, 0))[1] >= RECENT_MARKS_FROM_BYTES
            if not big and not self._recent_on_disk():
                self._refresh(user=self.user_file.change_locked(self._with_legacy(change)))
                return
            recent = self.recent_file.change_locked(change).personal
            if len(recent) < FOLD_RECENT_AT:
                self._refresh(recent=recent)
                return
            self._fold_recent(recent)

    def _recent_on_disk(self) -> bool:
        """Whether the file of recent marks holds any (another filmtui's, maybe)."""
        if signature(self.recent_file.path) is None:
            return False
        return bool(self.recent_file.read().personal)

    def _fold_recent(self, recent: list[dict[str, Any]]) -> None:
        """Fold the recent marks into the marks file (under the lock), then empty them."""
        folded: dict[str, dict[str, Any]] = {}
        for document in recent:
            if isinstance(document.get("id"), str):
                fields = {k: v for k, v in document.items() if k != "id"}
                folded.setdefault(document["id"], {}).update(fields)

        def fold(db: TinyDB) -> None:
            upsert_many(table(db, PERSONAL_TABLE), folded)

        user = self.user_file.change_locked(self._with_legacy(fold))
        self.recent_file.change_locked(lambda db: table(db, PERSONAL_TABLE).truncate())
        self._refresh(user=user, recent=[])

    def _with_legacy(self, change: Callable[[TinyDB], None]) -> Callable[[TinyDB], None]:
        """`change` of the marks file, which also drops an older layout's films once
        they are safe in the edits file."""

        def changed(db: TinyDB) -> None:
            change(db)
            if signature(self.edits_file.path) is not None:
                for name in (FILMS_TABLE, DELETED_TABLE):
                    if name in db.tables():
                        db.drop_table(name)

        return changed

    # -- the user's own films ----------------------------------------------------

    def add_film(self, title: str, year: int | None, description: str = "", fact: str = "") -> Film:
        """Add a film of the user's; its id is a new slug of title and year."""
        film_id = unique_id(slugify(title, year), self._layer.by_id)
        film = Film(film_id, title, year, description, fact)
        self.save_film(film)
        return film

    def save_film(self, film: Film, personal: UserMarks | None = None) -> None:
        """Store the user's version of `film` (same id), and its personal fields."""
        self.import_entries([(film, personal)])

    def delete_film(self, film_id: str) -> None:
        """Hide a film from the library (the catalog file is not touched)."""

        def change(db: TinyDB) -> None:
            table(db, DELETED_TABLE).upsert({"id": film_id}, by_id(film_id))

        self._change_films(change)

    def undelete_film(self, film_id: str) -> None:
        def change(db: TinyDB) -> None:
            table(db, DELETED_TABLE).remove(by_id(film_id))

        self._change_films(change)

    def import_entries(self, entries: Iterable[tuple[Film, UserMarks | None]]) -> None:
        """Store many films (and their marks) in one change, in a few table passes.

        A later entry of the same film wins.
        """
        films: dict[str, dict[str, Any]] = {}
        marks: dict[str, dict[str, Any]] = {}  # whole documents, as `films`: their id first
        with gc_paused():
            for film, personal in entries:
                films[film.id] = document = film.to_document()  # its id first, as stored
                self._read_films[film.id] = (document, film)  # not read again
                if personal is not None:
                    marks[film.id] = fields = {"id": film.id, **personal.to_fields()}
                    self._read_marks[film.id] = (fields, personal)

        def change(db: TinyDB) -> None:
            upsert_many(table(db, FILMS_TABLE), films)
            table(db, DELETED_TABLE).remove(ids_in(set(films)))

        self._change_films(change, marks)

    # -- the layer -------------------------------------------------------------

    def _change_films(
        self, change: Callable[[TinyDB], None], marks: Mapping[str, Mapping[str, Any]] = {}
    ) -> None:
        """Change the edits file (and set `marks`), under the lock, as one change.

        The films of an older layout, still in the marks file, move to the
        edits file first; the recent marks are folded in when marks are set.
        """
        with gc_paused():
            with locked(self.user_file.lock, self.user_file.path):
                edits, user = self._write_films(change, marks)
                written = self._files_signature()
            # The lock is let go before the films are merged again (a third of a
            # second for 60,000 films): it is held only while writing.
            self._refresh(
                edits=edits, user=user, recent=[] if user is not None else None, now=written
            )

    def _write_films(
        self, change: Callable[[TinyDB], None], marks: Mapping[str, Mapping[str, Any]]
    ) -> tuple[UserTables, UserTables | None]:
        """`_change_films`, with the lock held: what the edits and marks files then hold."""
        legacy = self._user if not self._edits_on_disk() and self._user.has_films else None

        def edit(db: TinyDB) -> None:
            if legacy is not None:
                upsert_many(table(db, FILMS_TABLE), by_film_id(legacy.films))
                upsert_many(table(db, DELETED_TABLE), by_film_id(legacy.deleted))
            change(db)

        edits = self.edits_file.change_locked(edit)
        user = None
        if marks or legacy is not None:
            recent = by_film_id(self._recent)
            if recent:  # folded in: a film's recent marks, then these
                marks = {**recent, **{i: {**recent.get(i, {}), **f} for i, f in marks.items()}}

            def mark(db: TinyDB) -> None:
                upsert_many(table(db, PERSONAL_TABLE), marks)

            user = self.user_file.change_locked(self._with_legacy(mark))
            if self._recent:
                self.recent_file.change_locked(lambda db: table(db, PERSONAL_TABLE).truncate())
        return edits, user

    def _edits_on_disk(self) -> bool:
        return signature(self.edits_file.path) is not None

    def _files_signature(self) -> tuple[object, ...]:
        files = (self.user_file, self.recent_file, self.edits_file)
        return tuple(signature(file.path) for file in files)

    def _refresh(
        self,
        *,
        user: UserTables | None = None,
        recent: list[dict[str, Any]] | None = None,
        edits: UserTables | None = None,
        now: tuple[object, ...] | None = None,
    ) -> None:
        """The library after a change: what was written, and what another filmtui
        wrote meanwhile (a file whose signature moved is read again). `now`: the
        files' signatures right after the change, taken under its lock."""
        before = self._signatures
        now = now or self._files_signature()
        if user is None and now[0] != before[0]:
            user = self.user_file.read()
        if recent is None and now[1] != before[1]:
            recent = self.recent_file.read().personal
        if edits is None and now[2] != before[2]:
            edits = self.edits_file.read()
        combined = user or self._user
        if edits is not None:
            combined = UserTables(combined.personal, edits.films, edits.deleted)
        elif user is not None and self._edits_on_disk():
            combined = UserTables(user.personal, self._user.films, self._user.deleted)
        self._signatures = now
        self._apply(combined, self._recent if recent is None else recent)

    def _apply(self, user: UserTables, recent: list[dict[str, Any]], force: bool = False) -> None:
        """Recompute the films and personal fields from the user's files.

        The films are merged again only when the user's films or deletions
        changed (here or in another filmtui): a favourite, a rating or a note
        costs nothing per film of the catalog (see `tui.store.merged_films`).
        """
        previous, self._user = self._user, user
        same = previous.films is user.films and previous.deleted is user.deleted
        if force or (not same and (previous.films, previous.deleted) != (user.films, user.deleted)):
            own: dict[str, Film] = {}
            known, self._read_films = self._read_films, {}
            for document in user.films:
                film_id = document.get("id")
                if isinstance(film_id, str):
                    before = known.get(film_id)
                    if before is None or before[0] != document:
                        before = (document, film_from_document(document).film)
                    self._read_films[film_id] = before
                    own[film_id] = before[1]
            deleted = {d["id"] for d in user.deleted if isinstance(d.get("id"), str)}
            self._layer.apply(own, deleted)
        if force or previous.personal is not user.personal:
            # The marks of documents that did not change are kept, not read
            # again (60,000 marks after an import).
            read, self._read_marks = self._read_marks, {}
            for document in user.personal:
                film_id = document.get("id")
                if isinstance(film_id, str):
                    marks = read.get(film_id)
                    if marks is not None and marks[0] == document:
                        self._read_marks[film_id] = marks
                    else:
                        self._read_marks[film_id] = (document, marks_from_document(document))
            self._marks = {film_id: marks for film_id, (_, marks) in self._read_marks.items()}
        self._recent = recent
        self._recent_marks = {}
        for film_id, fields in by_film_id(recent).items():  # the latest marks win
            base = self._read_marks.get(film_id, ({}, NOTHING))[0]
            self._recent_marks[film_id] = marks_from_document({**base, **fields})


def by_film_id(documents: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The fields of `documents` by film id (later documents' fields win)."""
    fields: dict[str, dict[str, Any]] = {}
    for document in documents:
        film_id = document.get("id")
        if isinstance(film_id, str):
            fields.setdefault(film_id, {}).update({k: v for k, v in document.items() if k != "id"})
    return fields
