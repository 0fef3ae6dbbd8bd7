"""The user's film library: the catalog's films under the user's own layer.

Plain Python over TinyDB files; it knows nothing of Textual. The catalog is a
TinyDB file with a table `films` (see README for the document layout), never
rewritten by an edit. What belongs to the user lives in a small TinyDB file
beside it (`films.user.json`, see `tui.store.user_file`): their marks, their
versions of films and the films they hid, so that marking a favourite never
rewrites a catalog of 100,000 films, and a later version of the bundled
catalog never overwrites a film the user edited.

Every change goes through TinyDB's `Table` API on the user's file read afresh
under the lock; afterwards the library is what the file holds, including what
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
from tui.store.locations import backup_path, lock_path, personal_data_path
from tui.store.merged_films import MergedFilms
from tui.store.user_file import (
    DELETED_TABLE,
    FILMS_TABLE,
    PERSONAL_TABLE,
    StoreBusyError,
    UserFile,
    UserTables,
    by_id,
    ids_in,
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
    ) -> None:
        self.path = path
        self.problem_count = problem_count
        """How many catalog documents had missing or wrong fields."""
        self.notices = list(notices)
        self.user_file = UserFile(personal_data_path(path), lock_path(path))
        self._layer = MergedFilms(base_films)
        self._user = UserTables.empty()
        self._personal: dict[str, UserMarks] = {}
        self._read_marks: dict[str, tuple[Mapping[str, Any], UserMarks]] = {}
        self._apply(user or UserTables.empty(), force=True)

    @property
    def films(self) -> list[Film]:
        """The library's films, in order."""
        return self._layer.films

    @property
    def personal_path(self) -> Path:
        return self.user_file.path

    def owns(self, path: Path) -> bool:
        """Whether `path` is one of this library's own files (catalog, user file, …)."""
        mine = (self.path, self.personal_path)
        own = {*mine, *map(backup_path, mine), self.user_file.lock}
        return path.expanduser().resolve() in {p.resolve() for p in own}

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

        def change(db: TinyDB) -> None:
            table(db, PERSONAL_TABLE).upsert({"id": film_id, **fields}, by_id(film_id))

        self._change(change)

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

        self._change(change)

    def undelete_film(self, film_id: str) -> None:
        def change(db: TinyDB) -> None:
            table(db, DELETED_TABLE).remove(by_id(film_id))

        self._change(change)

    def import_entries(self, entries: Iterable[tuple[Film, UserMarks | None]]) -> None:
        """Store many films (and personal fields) in one write, in a few table passes.

        A later entry of the same film wins.
        """
        films: dict[str, dict[str, Any]] = {}
        marks: dict[str, dict[str, Any]] = {}
        for film, personal in entries:
            films[film.id] = film.to_document()
            if personal is not None:
                marks[film.id] = personal.to_fields()

        def change(db: TinyDB) -> None:
            upsert_many(table(db, FILMS_TABLE), films)
            table(db, DELETED_TABLE).remove(ids_in(set(films)))
            upsert_many(table(db, PERSONAL_TABLE), marks)

        self._change(change)

    # -- the layer -------------------------------------------------------------

    def _change(self, change: Callable[[TinyDB], None]) -> None:
        with gc_paused():  # a user file of 60,000 imported films is as many objects
            self._apply(self.user_file.change(change))

    def _apply(self, user: UserTables, force: bool = False) -> None:
        """Recompute the films and personal fields from the user's file.

        The films are merged again only when the user's films or deletions
        changed (here or in another filmtui): a favourite, a rating or a note
        costs nothing per film of the catalog (see `tui.store.merged_films`).
        """
        previous, self._user = self._user, user
        if force or previous.films != user.films or previous.deleted != user.deleted:
            own: dict[str, Film] = {}
            for document in user.films:
                if isinstance(document.get("id"), str):
                    film = film_from_document(document).film
                    own[film.id] = film
            deleted = {d["id"] for d in user.deleted if isinstance(d.get("id"), str)}
            self._layer.apply(own, deleted)
        # Each change reads the file afresh: the marks of documents that did not
        # change are kept, not read again (60,000 marks after an import).
        known, self._read_marks = self._read_marks, {}
        for document in user.personal:
            film_id = document.get("id")
            if isinstance(film_id, str):
                before = known.get(film_id)
                if before is not None and before[0] == document:
                    self._read_marks[film_id] = before
                else:
                    self._read_marks[film_id] = (document, marks_from_document(document))
        self._personal = {film_id: marks for film_id, (_, marks) in self._read_marks.items()}
