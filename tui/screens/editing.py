"""The changes the user makes to the library from the main screen, and their undoing.

Each flow reads top to bottom: ask (form, confirmation), call the store, record
the change in the run's `History`, show it. The work itself is the store's
(`Library`); a change that cannot be saved is said once, here, and changes nothing.
"""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual import work
from textual.screen import Screen

from tui.history import Change, History
from tui.model.film import Film
from tui.model.marks import MAX_RATING, RATING_STEP, Rating, valid_rating
from tui.safe_text import clean_line
from tui.store.library import Library, StoreWriteError

NEEDS_FILM = {
    "toggle_favourite",
    "edit_film",
    "delete_film",
    "toggle_watched",
    "rate",
    "rate_step",
    "log_viewing",
}


def _named(film: Film) -> str:
    return f"“{clean_line(film.title)}”"


class EditFlows(Screen[None]):
    """The main screen's changes: marks, add, edit, delete, undo and redo."""

    today: Callable[[], datetime.date] = datetime.date.today
    """Today's date, the day a viewing is logged on (a test may set its own)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.history = History()

    # -- what the main screen provides -----------------------------------------

    @abstractmethod
    def highlighted_film(self) -> Film | None: ...

    @abstractmethod
    def neighbour_film(self) -> Film | None:
        """The film to highlight when the highlighted one goes away."""

    @abstractmethod
    def films_changed(self, select: str | None = None) -> None: ...

    @abstractmethod
    def marks_changed(self, film_id: str | None = None) -> None:
        """Show the changed marks of the film with `film_id` (None: of any film)."""

    @abstractmethod
    def highlight(self, film_id: str) -> None:
        """Highlight the film with `film_id` if the list shows it."""

    # -- the rules -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None (shown disabled) when an action cannot apply now."""
        if action in NEEDS_FILM:
            return True if self.highlighted_film() is not None else None
        return True  # undo and redo too: with nothing to undo, `u` says so

    def _store(self, change: Callable[[], object], what: str) -> bool:
        """Run a store change; on failure, say why and report False."""
        try:
            change()
        except StoreWriteError as error:
            self.notify(
                f"Could not save {what}: {error}. Nothing was changed.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return False
        return True

    def _do(self, change: Change, done: str | None = None) -> None:
        """Make a new change and record it; say `done`, if given."""
        if self._store(change.redo, change.what):
            self.history.record(change)
            self._show(change, change.redo_select if change.films else None)
            if done is not None:
                self.notify(f"{done} u undoes it.", markup=False)

    def _mark(
        self, film: Film, what: str, undo: Callable[[], object], redo: Callable[[], object]
    ) -> None:
        """A change of the user's marks: the row and the details show it, quietly."""
        self._do(Change(what, undo, redo, undo_select=film.id, redo_select=film.id))

    def _show(self, change: Change, select: str | None) -> None:
        if change.films:
            self.films_changed(select=select)
        else:  # the marks of one film, the one it selects either way
            self.marks_changed(change.redo_select)
            if select is not None:
                self.highlight(select)

    # -- marks -----------------------------------------------------------------

    def action_toggle_favourite(self) -> None:
        film = self.highlighted_film()
        if film is None:
            return
        now = not self.library.is_favourite(film.id)
        mark = partial(self.library.set_favourite, film.id)
        what = f"{'marking' if now else 'unmarking'} {_named(film)} as a favourite"
        self._mark(film, what, partial(mark, not now), partial(mark, now))

    def action_rate(self, rating: Rating) -> None:
        """`0`–`5` and the palette: rate the film 0 (not rated) to 5, in half stars."""
        film = self.highlighted_film()
        if film is None or valid_rating(rating) is None:
            return
        self._rate(film, rating)

    def action_rate_step(self, halves: int) -> None:
        """`+` and `-`: rate the film `halves` half stars higher (or lower), from 0 to 5."""
        film = self.highlighted_film()
        if film is None:
            return
        was = self.library.personal(film.id).rating
        rating = valid_rating(min(max(was + halves * RATING_STEP, 0), MAX_RATING))
        if rating is None or rating == was:
            said = f"is already rated {was} of {MAX_RATING}" if was else "is not rated"
            self.notify(f"{_named(film)} {said}.", markup=False, timeout=3)
            return
        self._rate(film, rating)

    def _rate(self, film: Film, rating: Rating) -> None:
        was = self.library.personal(film.id).rating

        def rate(value: Rating) -> None:
            self.library.update_personal(film.id, {"rating": value})

        what = (
            f"rating {_named(film)} {rating}"
            if rating
            else f"clearing the rating of {_named(film)}"
        )
        self._mark(film, what, partial(rate, was), partial(rate, rating))

    def action_toggle_watched(self) -> None:
        film = self.highlighted_film()
        if film is None:
            return
        now = not self.library.personal(film.id).watched

        def watched(state: bool) -> None:
            self.library.update_personal(film.id, {"watched": state})

        what = f"marking {_named(film)} {'watched' if now else 'not watched'}"
        self._mark(film, what, partial(watched, not now), partial(watched, now))

    def action_log_viewing(self) -> None:
        """`W`: the film was seen today: one more viewing, on today's date, and watched."""
        film = self.highlighted_film()
        if film is None:
            return
        marks = self.library.personal(film.id)
        day = self.today().isoformat()
        days = sorted([*marks.watches, day])
        log = partial(self.library.update_personal, film.id)
        change = Change(
            f"logging a viewing of {_named(film)}",
            undo=partial(log, {"watched": marks.watched, "watches": list(marks.watches)}),
            redo=partial(log, {"watched": True, "watches": days}),
            undo_select=film.id,
            redo_select=film.id,
        )
        count = f", {len(days)} viewings in all" if len(days) > 1 else ""
        self._do(change, f"Logged a viewing of {_named(film)} today, {day}{count}.")

    # -- films -------------------------------------------------------------------

    @work(exclusive=True, group="edit")
    async def action_add_film(self) -> None:
        from tui.screens.film_form import FilmForm  # its text area costs 10 ms to import

        draft = await self.app.push_screen_wait(FilmForm("Add a film"))
        if draft is None:
            return
        library = self.library
        before = self.highlighted_film()
        added: list[Film] = []

        def add() -> None:
            film = library.add_film(draft.title, draft.year, draft.description, draft.fact)
            added.append(film)
            if draft.notes:
                library.update_personal(film.id, {"notes": draft.notes})

        if not self._store(add, "the new film"):
            return
        film = added[0]
        change = Change(
            f"adding {_named(film)}",
            undo=partial(library.delete_film, film.id),
            redo=partial(library.undelete_film, film.id),
            undo_select=before.id if before else None,
            redo_select=film.id,
            films=True,
        )
        self.history.record(change)
        self._show(change, film.id)
        self.notify(f"Added {_named(film)}. u undoes it.", markup=False)

    @work(exclusive=True, group="edit")
    async def action_edit_film(self) -> None:
        before = self.highlighted_film()
        if before is None:
            return
        notes_before = self.library.personal(before.id).notes
        from tui.screens.film_form import FilmForm  # as in `action_add_film`

        form = FilmForm(
            "Edit film",
            title=before.title,
            year=before.year,
            description=before.description,
            fact=before.fact,
            notes=notes_before,
        )
        draft = await self.app.push_screen_wait(form)
        if draft is None:
            return
        after = Film(before.id, draft.title, draft.year, draft.description, draft.fact)
        if after == before and draft.notes == notes_before:
            return

        def save(film: Film, notes: str) -> None:
            marks = self.library.personal(film.id)
            self.library.save_film(film, replace(marks, notes=notes))

        change = Change(
            f"the edit of {_named(before)}",
            undo=partial(save, before, notes_before),
            redo=partial(save, after, draft.notes),
            undo_select=before.id,
            redo_select=before.id,
            films=True,
        )
        self._do(change, f"Saved {_named(after)}.")

    @work(exclusive=True, group="edit")
    async def action_delete_film(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        film = self.highlighted_film()
        if film is None:
            return
        neighbour = self.neighbour_film()
        question = f"Delete {_named(film)} ({film.year_text})?\nu undoes it."
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Delete")):
            return
        change = Change(
            f"deleting {_named(film)}",
            undo=partial(self.library.undelete_film, film.id),
            redo=partial(self.library.delete_film, film.id),
            undo_select=film.id,
            redo_select=neighbour.id if neighbour else None,
            films=True,
        )
        self._do(change, f"Deleted {_named(film)}.")

    # -- undo and redo -----------------------------------------------------------

    def action_undo(self) -> None:
        change = self.history.next_undo()
        if change is None:
            self.notify("Nothing to undo.", timeout=3)
        elif self._store(change.undo, f"the undo of {change.what}"):
            self.history.undone()
            self._show(change, change.undo_select)
            self.notify(f"Undid {change.what}. ctrl+r redoes it.", markup=False)

    def action_redo(self) -> None:
        change = self.history.next_redo()
        if change is None:
            self.notify("Nothing to redo.", timeout=3)
        elif self._store(change.redo, f"the redo of {change.what}"):
            self.history.redone()
            self._show(change, change.redo_select)
            self.notify(f"Redid {change.what}.", markup=False)
