"""The main screen: search bar, film list and details, and the wiring between them.

The widgets post what happened (`Input.Changed`, `FilmList.Highlighted`); this
screen decides what it means and sets what the widgets show. The searching is
`tui.screens.search_runs`, the words on the list's edges `tui.screens.status`,
the changes to the library `tui.screens.editing`, the index's life
`tui.screens.index_builds`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Input

from tui.model.film import Film
from tui.screens.collector_views import CollectorViews
from tui.screens.editing import EditFlows
from tui.screens.index_builds import IndexLife
from tui.screens.reading import WhileReading
from tui.screens.search_runs import (
    Found,
    Search,
    SearchDone,
    find_in_steps,
    find_now,
    in_thread,
    steps_of,
)
from tui.screens.sizes import breakpoint_classes
from tui.screens.status import ListState, empty_text, opening_notices
from tui.search.index import SearchIndex
from tui.search.marked import shows_marks
from tui.search.orders import Sort, next_sort
from tui.store.library import Library
from tui.store.posters import poster_paths
from tui.store.remembered import Place, Remembered
from tui.widgets.film_detail import DetailView, FilmDetail
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar


class MainScreen(IndexLife, WhileReading, EditFlows, CollectorViews):
    """Search, browse and change the library."""

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", priority=True),
        Binding("f1", "help", "Help", show=False, id="app.help-f1"),
    ]

    search: var[Search] = var(Search, init=False)  # no repaint: the panes show it
    """What the list shows: the query typed, the view and the order."""

    search_in_thread_from = 20_000
    """From this many films, typing searches in a thread worker: the UI never waits."""

    class FirstResults(Message):
        """The list shows films (or says there are none) for the first time."""

    _search_bar = getters.query_one(SearchBar)
    film_list = getters.query_one(FilmList)
    _detail = getters.query_one(FilmDetail)

    def __init__(
        self,
        library: Library,
        index: SearchIndex,
        remembered: Remembered,
        *,
        fresh: bool = False,
        loaded: bool = True,
        preview: Sequence[Film] | None = None,
    ) -> None:
        """`fresh` starts at the top, without the remembered query, film and view.
        Not `loaded`: `library` stands in, empty, until `show_library` is called;
        meanwhile the list shows the `preview` films, if any (`tui.screens.reading`)."""
        super().__init__(library)
        self.index = index
        self._fresh, self._loaded, self._preview = fresh, loaded, preview
        self.reading = None if loaded or preview is None else 0.0
        self.remembered = remembered
        self.set_reactive(MainScreen.search, Search(sort=Sort.read(remembered.sort)))
        self._found: Found | None = None
        self._view = DetailView()
        """What the detail pane shows (kept here too: the pane is gone at unmount)."""

    def compose(self) -> ComposeResult:
        # Before the first Resize, and before the children are mounted: set on
        # mount, the classes would restyle every widget of the screen again.
        self.update_classes(breakpoint_classes(self.app))
        yield SearchBar()
        with Horizontal(id="panes"):
            yield FilmList(id="films")
            yield FilmDetail(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._detail.border_title = "Details"
        if self._loaded:
            self._start()
        elif self._preview is not None:
            self._show_preview(self._preview)

    def show_library(self, library: Library, index: SearchIndex) -> None:
        """The library loaded in the background: show it (its preview: where the user is)."""
        self.library = library
        self.index = index
        self._loaded, self._preview = True, None
        previewed, self.reading, self.preview_searches = self.reading is not None, None, False
        self._typing = None  # the reading is over: no more waits for the typing
        self.refresh_bindings()
        self._start(restore=not previewed)

    def _show_preview(self, films: Sequence[Film]) -> None:
        """The kept films until the library is in, where the user left."""
        if not self._fresh:
            self._restore_place()
        self.film_list.show_films(films, self.library.all_marks())
        self._show_state()
        self._show_detail()
        self._search_bar.focus()
        self.post_message(self.FirstResults())

    def _start(self, restore: bool = True) -> None:
        """Show the library: remembered place, results, focus, warnings."""
        if restore and not self._fresh:
            self._restore_place()
        self._run_search()
        # After the first frame: the thread would slow the drawing of it down.
        self.call_after_refresh(self._build_index)
        self._search_bar.focus()
        for title, notice, timeout in opening_notices(self.library):
            self.notify(notice, title=title, severity="warning", markup=False, timeout=timeout)

    def on_unmount(self) -> None:
        if not self._loaded and self.reading is None:
            return  # nothing was shown: keep what was remembered
        film = self._view.film  # while reading too: a film of the preview
        place = Place(self.search.text, film.id if film else None, self.search.favourites_only)
        self.remembered.set_place(self.library.path, place)
        self.remembered.theme = self.app.theme
        self.remembered.save()

    @property
    def shown_query(self) -> str | None:
        """The query whose results the list shows (maybe its first films only)."""
        return self._found.search.text if self._found is not None else None

    @property
    def searching(self) -> bool:
        """True while a search runs in a thread (the list may show its first films)."""
        return self._found is not None and not self._found.result.complete

    # -- the remembered place --------------------------------------------------

    def _restore_place(self) -> None:
        """Come back where the user left: query, view and film."""
        place = self.remembered.place(self.library.path)
        self.set_reactive(
            MainScreen.search,
            replace(self.search, text=place.query, favourites_only=place.favourites_only),
        )
        with self._search_bar.prevent(Input.Changed):
            self._search_bar.value = place.query
        if place.film_id is not None:
            self.call_after_refresh(self.film_list.highlight_film, place.film_id)

    # -- searching -------------------------------------------------------------

    def watch_search(self) -> None:
        self._run_search()

    def _run_search(self) -> None:
        """Search for what `search` says and show what is found: at once in a small
        catalog, from a thread worker in a big one (the UI never waits; a newer
        search drops an older one)."""
        search = self.search
        self.asked_while_reading(search)
        if not self._loaded and not self.searches_while_reading(search):  # once read
            self._show_state()
            self._show_detail()
            return
        if not in_thread(self.index, search, self.search_in_thread_from):
            self.workers.cancel_group(self, "search")  # what it would find is not wanted now
            self._show_found(find_now(self.library, self.index, search))
            return
        steps = steps_of(self.library, self.index, search)
        self._show_state(searching=True)
        index = self.index
        self._in_worker(lambda: find_in_steps(steps, search, index, self.post_message), "search")

    def _in_worker(self, work: Callable[[], object], group: str) -> None:
        """Run `work` in a thread worker of `group`, in the place of the group's last."""
        self.run_worker(work, thread=True, exclusive=True, group=group)

    def on_search_done(self, message: SearchDone) -> None:
        if message.found.search == self.search:
            self._show_found(message.found)  # else a newer search is on its way: it wins
            self.call_after_refresh(message.shown.set)
        else:
            message.shown.set()

    def _show_found(self, found: Found) -> None:
        before = self._found
        first = before is None
        # More of the same search run (its first films are shown): the same query
        # object, parsed once a run (a search run again, after an edit, parses anew).
        more_of = before is not None and before.result.query is found.result.query
        self._found = found
        result = found.result
        highlighter = result.highlighter
        self.film_list.show_films(
            result.films,
            self.library.all_marks(),
            empty_text=self._empty_text(),
            spans=(lambda text: highlighter.spans(text, "title")) if highlighter else None,
            rows_as_before=more_of,  # the rest of a search whose first films are shown
        )
        self._search_bar.hint = result.hint
        self._show_state()
        self._show_detail()
        self.found_while_reading(found)
        if first:
            self.post_message(self.FirstResults())

    def _empty_text(self) -> str:
        suggestion = self._found.suggestion if self._found is not None else None
        return empty_text(self.search.text, self.search.favourites_only, suggestion)

    # -- what the widgets show -----------------------------------------------

    def _show_state(self, searching: bool = False) -> None:
        """The list's edges: the view and order, the counts, what is going on."""
        result = self._found.result if self._found is not None else None
        state = ListState(
            favourites_only=self.search.favourites_only,
            sort=result.sort if result is not None else self.search.sort,
            shown=len(self.film_list.films),
            total=len(self.film_list.films if self._previewing else self.index),
            favourites=len(self.library.favourites),
            complete=result is None or result.complete,
            reindexing=self._reindexing,
            indexing=None if self._indexing is None else self.index.build_progress,
            searching=searching or self.searching,
            reading=self.reading,
        )
        self.film_list.show_edges(Content(state.title), state.subtitle)
        self.film_list.set_class(self.search.favourites_only, "-favourites-only")

    def _detail_view(self) -> DetailView:
        film = self.film_list.highlighted_film
        highlighter = self._found.result.highlighter if self._found is not None else None
        spans = highlighter.spans if highlighter else None
        if film is None:
            return DetailView(
                empty_text=self._empty_text() if self.reading is None else self.reading_note()
            )
        marks = self.library.personal(film.id)
        if self.reading is not None:  # a film of the preview: its title, year and marks
            return DetailView(film=film, marks=marks, spans=spans, pending=self.reading_note())
        poster = poster_paths(self.library.path, film)
        return DetailView(film=film, marks=marks, spans=spans, poster=poster)

    def _show_detail(self) -> None:
        self._view = self._detail.view = self._detail_view()

    def marks_changed(self, film_id: str | None = None) -> None:
        """Show changed marks (the films are the same): those of the film with
        `film_id`, or of any film (None). A query or sort that reads them (`is:fav`,
        `-is:watched`, `rating:`, `watched:`; by rating, last watched) is searched
        again: the list never shows a film the query no longer keeps."""
        parsed = self._found.result.query if self._found is not None else None
        filters = parsed is not None and shows_marks(parsed, self.search.sort)
        if filters or self.search.favourites_only:
            self._run_search()
            return
        films = None if film_id is None else {film_id}
        self.film_list.set_marks(self.library.all_marks(), films)
        self._show_state()
        self._show_detail()

    # -- messages from the widgets ---------------------------------------------

    @on(Input.Changed, "#search")
    def on_search_bar_changed(self, event: Input.Changed) -> None:
        self.search = replace(self.search, text=event.value)

    def on_film_list_highlighted(self, event: FilmList.Highlighted) -> None:
        if event.control.is_attached:  # else the app quit before the message came
            self._show_detail()

    # -- what the editing flows need -------------------------------------------

    def highlighted_film(self) -> Film | None:
        return self.film_list.highlighted_film if self.reading is None else None

    def neighbour_film(self) -> Film | None:
        return self.film_list.neighbour_of_highlighted()

    def highlight(self, film_id: str) -> None:
        self.film_list.highlight_film(film_id)

    def jump_to_film(self, film_id: str) -> None:
        """Highlight a film, widening the view first if it is filtered out."""
        if film_id not in self.film_list:
            with self._search_bar.prevent(Input.Changed):
                self._search_bar.value = ""
            self.set_reactive(
                MainScreen.search, replace(self.search, text="", favourites_only=False)
            )
            self.workers.cancel_group(self, "search")
            self._show_found(find_now(self.library, self.index, self.search))
        self.film_list.highlight_film(film_id)
        self.film_list.focus()

    # -- actions (keys and the command palette) --------------------------------

    def action_toggle_favourites_only(self) -> None:
        self.search = replace(self.search, favourites_only=not self.search.favourites_only)

    def action_cycle_sort(self) -> None:
        has_query = self._found is not None and not self._found.result.query.is_empty
        self.choose_sort(next_sort(self.search.sort, has_query))

    def choose_sort(self, sort: Sort) -> None:
        """Order the list by `sort` from now on (remembered across restarts)."""
        self.search = replace(self.search, sort=sort)
        self.remembered.sort = sort.value
        self.notify(f"Sorted by {sort}.", timeout=3)

    def action_focus_search(self) -> None:
        self._search_bar.focus()

    def action_clear_search(self) -> None:
        self._search_bar.value = ""

    def action_open_details(self) -> None:
        """Enter on the list: the details full-screen where the pane is too small to read."""
        if self.has_class("-narrow") or self.has_class("-short"):
            from tui.screens.details import DetailScreen  # (screens on a key: at the key)

            self.app.push_screen(DetailScreen(self._view))
        else:
            self._detail.focus()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, main_help

        more = [self.statistics_help(), self.groups_help()]
        self.app.push_screen(HelpScreen(main_help(self.app, type(self), more)))
