"""The main screen's collector views: groups, saved searches, surprise me, statistics.

A part of `MainScreen` (which it is mixed into), kept apart so that the main
screen stays the wiring of its panes. The groups are `tui.screens.groups`,
the naming of a search `tui.screens.save_search`. Each screen opened here is
imported when its key is pressed: the first frame does without them.
"""

from __future__ import annotations

import random
from abc import abstractmethod
from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.finder import find_in
from tui.safe_text import clean_line
from tui.screens.search_runs import Search
from tui.search.index import SearchIndex
from tui.store.library import Library
from tui.store.remembered import Remembered
from tui.widgets.film_detail import DetailView
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.screens.groups import Choice, GroupScreen


class CollectorViews(Screen[None]):
    """Groups, saved searches and a film at random, over what the list shows."""

    library: Library
    index: SearchIndex
    remembered: Remembered

    chance = random.Random()
    """Where "Surprise me" picks a film from (a test may give it a seed)."""
    _grouped: tuple[Choice, bool] | None = None
    """The grouping the group screen showed last, and whether by count (None: it
    has not been shown, and opens as `GroupScreen` does by default)."""

    @property
    @abstractmethod
    def search(self) -> Search: ...

    @property
    @abstractmethod
    def searching(self) -> bool: ...

    @abstractmethod
    def _detail_view(self) -> DetailView: ...

    @property
    def _films(self) -> FilmList:
        return self.query_one(FilmList)

    def action_statistics(self) -> None:
        """The figures of the films the list shows (`a` there: of every film)."""
        if self.searching:
            self.notify("Still searching: the statistics open once the list is complete.")
            return
        from tui.screens.statistics import StatisticsScreen

        self.app.push_screen(StatisticsScreen(self._films.films, self.library, self.search))

    def statistics_help(self) -> tuple[str, list[tuple[str, str]]]:
        from tui.screens.help import describe_bindings
        from tui.screens.statistics import StatisticsScreen

        return ("Statistics (S)", describe_bindings(self.app, StatisticsScreen))

    def groups_help(self) -> tuple[str, list[tuple[str, str]]]:
        """The group screen's section of the help."""
        from tui.screens.groups import GroupScreen
        from tui.screens.help import describe_bindings
        from tui.widgets.group_list import GroupList

        rows = [*describe_bindings(self.app, GroupScreen), *describe_bindings(self.app, GroupList)]
        return ("Browse by group (g in the list)", rows)

    # -- browse by group -------------------------------------------------------------

    def action_browse_groups(self) -> None:
        """The films shown, grouped; the group chosen is searched for."""
        from tui.screens.groups import GroupScreen, GroupSource

        if self.searching:
            self.notify("Still searching: groups are made of the whole result.", timeout=3)
            return
        source = GroupSource(
            films=self._films.films,
            query=self.search.text,
            marks=self.library.all_marks(),
            saved=self.remembered.saved_searches,
            count=self.count_found,
        )
        screen = GroupScreen(source, self.delete_saved_search, *(self._grouped or ()))
        self.app.push_screen(screen, partial(self._browsed, screen))

    def _browsed(self, screen: GroupScreen, query: str | None) -> None:
        self._grouped = (screen.choice, screen.by_count)
        if query is not None:
            self.search_for(query)

    def search_for(self, query: str) -> None:
        """Search for `query` (the search bar shows it) and move to the list."""
        self.query_one(SearchBar).value = query
        self._films.focus()

    def count_found(self, query: str) -> int:
        """How many films `query` finds in this view (safe in a thread)."""
        favourites_only = self.search.favourites_only
        found = find_in(self.library, self.index, query, favourites_only=favourites_only)
        return len(found.films)

    # -- saved searches --------------------------------------------------------------

    def action_save_search(self) -> None:
        """Name the query typed, to find it again in the palette and the groups."""
        from tui.screens.save_search import SaveSearchScreen

        query = self.search.text.strip()
        if not query:
            self.notify("Nothing to save: type a search first.", timeout=4)
            return
        saved = self.remembered.saved_searches
        name = next((name for name, kept in saved.items() if kept == query), query)
        self.app.push_screen(SaveSearchScreen(query, name), partial(self._save_search, query))

    def _save_search(self, query: str, name: str | None) -> None:
        if name is None:
            return
        self.remembered.save_search(name, query)
        if self.remembered.save():
            self.notify(f"Saved the search “{name}”.", markup=False, timeout=4)
        else:
            self.notify(
                f"Could not write {self.remembered.path}: “{name}” is kept until you quit.",
                severity="warning",
                markup=False,
            )

    def delete_saved_search(self, name: str) -> None:
        self.remembered.delete_search(name)
        self.remembered.save()

    # -- surprise me -----------------------------------------------------------------

    def action_surprise(self) -> None:
        """Highlight a film of the list picked at random, and show its details."""
        film_list = self._films
        if self.searching:
            self.notify("Still searching: try again once every film is found.", timeout=3)
            return
        if not film_list.films:
            self.notify("Nothing to pick from: the list is empty.", severity="warning")
            return
        film_list.cursor = self.chance.randrange(len(film_list.films))
        film_list.focus()
        film = film_list.highlighted_film
        if film is not None:
            text = f"{clean_line(film.title)} ({film.year_text})"
            self.notify(text, title="Surprise", markup=False)
        if self.has_class("-narrow") or self.has_class("-short"):
            from tui.screens.details import DetailScreen

            self.app.push_screen(DetailScreen(self._detail_view()))
