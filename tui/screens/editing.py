"""The app's editing actions: add, edit, delete, undo, rate, watched.

A mixin of `FilmApp`, kept apart so that `app.py` stays about composing and
wiring. The work itself is the store's (`Library`); this module only asks
the user (form, confirmation), calls the store, says what went wrong, and
keeps the session's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.model.draft import FilmDraft
from tui.model.film import Film
from tui.safe_text import clean_line
from tui.screens.confirm import ConfirmScreen
from tui.store.library import StoreWriteError

if TYPE_CHECKING:
    from tui.app import FilmApp

NEEDS_FILM = {"edit_film", "delete_film", "toggle_watched", "rate"}


@dataclass(frozen=True)
class Undo:
    what: str
    run: Callable[[], None]


class EditActions:
    """Mixed into FilmApp."""

    undo_stack: list[Undo]

    def _app(self) -> FilmApp:
        return self  # type: ignore[return-value]

    def can_edit(self, action: str) -> bool | None:
        """For `check_action`: None (shown disabled) when an action cannot apply now."""
        app = self._app()
        if action in NEEDS_FILM:
            return True if app.highlighted_film() is not None else None
        if action == "undo":
            return True if self.undo_stack else None
        return True

    def _store(self, change: Callable[[], object], what: str) -> bool:
        """Run a store change; on failure, say why and report False."""
        try:
            change()
        except StoreWriteError as error:
            self._app().notify(
                f"Could not save {what}: {error}. Nothing was changed.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return False
        return True

    # -- add and edit ----------------------------------------------------------

    def action_add_film(self) -> None:
        from tui.screens.film_form import FilmForm  # its text area costs 10 ms to import

        self._app().push_screen(FilmForm("Add a film"), self._add_draft)

    def _add_draft(self, draft: FilmDraft | None) -> None:
        if draft is None:
            return
        app = self._app()
        library = app.library
        added: list[Film] = []

        def add() -> None:
            film = library.add_film(draft.title, draft.year, draft.description, draft.fact)
            added.append(film)
            if draft.notes:
                library.update_personal(film.id, {"notes": draft.notes})

        if self._store(add, "the new film"):
            app.films_changed(select=added[0].id)
            app.notify(f"Added “{clean_line(draft.title)}”.", markup=False)

    def action_edit_film(self) -> None:
        app = self._app()
        film = app.highlighted_film()
        if film is None:
            return
        personal = app.library.personal(film.id)
        from tui.screens.film_form import FilmForm  # as in `action_add_film`

        form = FilmForm(
            "Edit film",
            title=film.title,
            year=film.year,
            description=film.description,
            fact=film.fact,
            notes=personal.notes,
        )
        app.push_screen(form, lambda draft: self._save_edit(film, draft))

    def _save_edit(self, before: Film, draft: FilmDraft | None) -> None:
        if draft is None:
            return
        app = self._app()
        library = app.library
        personal = library.personal(before.id)
        after = Film(before.id, draft.title, draft.year, draft.description, draft.fact)
        if after == before and draft.notes == personal.notes:
            return
        if self._store(
            lambda: library.save_film(after, replace(personal, notes=draft.notes)), "the edit"
        ):
            self.undo_stack.append(
                Undo(
                    f"edit of “{clean_line(before.title)}”",
                    lambda: library.save_film(
                        before, replace(library.personal(before.id), notes=personal.notes)
                    ),
                )
            )
            app.films_changed(select=before.id)

    # -- delete and undo -------------------------------------------------------

    def action_delete_film(self) -> None:
        app = self._app()
        film = app.highlighted_film()
        if film is None:
            return
        question = f"Delete “{clean_line(film.title)}” ({film.year_text})?\nu undoes it."
        app.push_screen(
            ConfirmScreen(question, yes_label="Delete"),
            lambda yes: self._delete(film) if yes else None,
        )

    def _delete(self, film: Film) -> None:
        app = self._app()
        library = app.library
        if self._store(lambda: library.delete_film(film.id), "the deletion"):
            self.undo_stack.append(
                Undo(
                    f"deletion of “{clean_line(film.title)}”",
                    lambda: library.undelete_film(film.id),
                )
            )
            app.films_changed()
            app.notify(f"Deleted “{clean_line(film.title)}”. Press u to undo.", markup=False)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        app = self._app()
        undo = self.undo_stack[-1]
        if self._store(undo.run, f"the undo of the {undo.what}"):
            self.undo_stack.pop()
            app.films_changed()
            app.notify(f"Undid the {undo.what}.", markup=False)

    # -- personal fields ---------------------------------------------------------

    def action_rate(self, rating: int) -> None:
        app = self._app()
        film = app.highlighted_film()
        if film is not None and self._store(
            lambda: app.library.set_rating(film.id, rating), "the rating"
        ):
            app.personal_changed()

    def action_toggle_watched(self) -> None:
        app = self._app()
        film = app.highlighted_film()
        if film is not None and self._store(
            lambda: app.library.toggle_watched(film.id), "the watched mark"
        ):
            app.personal_changed()
