"""FilmApp: composes the screen, holds the app's state, wires the messages.

The app does no storage or search work itself: it asks the `Library` (store)
and the `SearchIndex` (search) and shows what they answer.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.commands import FilmCommands
from tui.finder import find_in, find_steps_in, library_index
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean_line
from tui.screens.editing import EditActions
from tui.screens.help import HelpScreen, describe_bindings
from tui.screens.loading import LoadingScreen
from tui.search.index import SearchIndex, SearchResult, lists_everything
from tui.search.orders import Sort, next_sort
from tui.store.library import Library, StoreWriteError
from tui.store.locations import default_library_path
from tui.store.opening import StoreError, open_library
from tui.store.remembered import Place, Remembered
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

# Set to 1 to quit once the first frame with the list filled is drawn (benchmarks).
EXIT_AFTER_FIRST_FRAME = "FILMTUI_EXIT_AFTER_FIRST_FRAME"
# Catalog files this big (about 55,000 films) load in a thread behind a loading screen.
LOAD_IN_BACKGROUND_BYTES = 20_000_000
# A search in a thread shows this many films as soon as they are known, before
# it has looked at every film: more than a screen, and a few PageDowns.
FIRST_FILMS = 300
SHOW_FIRST_FILMS_WITHIN = 0.5  # seconds a search waits for its first films to be drawn
EXIT_BAD_INPUT = 2
SWITCH_INTERVAL = 0.001  # seconds; see `FilmApp.on_mount`
SEARCH_IN_THREAD_WHILE_INDEXING_FROM = 5_000  # films; see `FilmApp.search_in_thread_from`
PROGRESS_EVERY = 0.1  # seconds between two updates of the loading screen


@dataclass(frozen=True, slots=True)
class _Found:
    """What a search found for one state of the query, view and sort."""

    query: str
    favourites_only: bool
    sort: Sort
    result: SearchResult
    suggestion: Film | None


class _Loaded(Message):
    """The background load finished: the library and its index, or why it failed."""

    def __init__(
        self, library: Library | None, index: SearchIndex | None, error: StoreError | None
    ) -> None:
        super().__init__()
        self.library = library
        self.index = index
        self.error = error


class _LoadProgress(Message):
    """How far the background load has got (posted from its thread)."""

    def __init__(self, stage: str, fraction: float | None) -> None:
        super().__init__()
        self.stage = stage
        self.fraction = fraction


class _Reindexed(Message):
    """The films changed and a thread worker indexed them again."""

    def __init__(self, index: SearchIndex, select: str | None) -> None:
        super().__init__()
        self.index = index
        self.select = select


class _SearchDone(Message):
    """A background search found its first films, or all (posted from its thread).

    `shown` is set once the screen shows them (or they were not wanted).
    """

    def __init__(self, found: _Found) -> None:
        super().__init__()
        self.found = found
        self.shown = threading.Event()


class FilmApp(EditActions, App[None]):
    """Browse a film catalog: search, list, details, favourites."""

    CSS_PATH = "app.tcss"
    TITLE = "filmtui"
    COMMANDS = App.COMMANDS | {FilmCommands}
    # Below 80 columns the detail pane moves under the list; below 20 rows the
    # search bar loses its border (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help-f1"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    query: reactive[str] = reactive("", init=False)
    favourites_only: reactive[bool] = reactive(False, init=False)
    sort: reactive[Sort] = reactive(Sort.RELEVANCE, init=False)

    search_in_thread_from = 20_000
    """From this many films, typing searches in a thread worker: the UI never waits.
    (From `SEARCH_IN_THREAD_WHILE_INDEXING_FROM` while the index is being built,
    which a search may have to finish.)"""

    def __init__(
        self,
        library: Library,
        *,
        fresh: bool = False,
        loader: Callable[[Callable[[float], None]], Library] | None = None,
    ) -> None:
        """`loader`, when given, reads the real library in a thread after the first
        frame, behind a loading screen; `library` stands in (empty) until then."""
        super().__init__()
        self.library = library
        self.index = library_index(library)
        self._loader = loader
        self.remembered = Remembered.load()
        self.set_reactive(FilmApp.sort, Sort.read(self.remembered.sort))
        self._result: SearchResult | None = None
        self._suggestion: Film | None = None
        self._fresh = fresh
        self._shown_film_id: str | None = None
        self.undo_stack = []
        self.shown_query: str | None = None
        """The query whose results the list shows (maybe its first films only);
        None until it shows any."""
        self.searching = False
        """True while a search runs in a thread (the list may show its first films)."""
        self._indexing: Timer | None = None
        self._reindexing = False  # the films changed and are being indexed again

    def compose(self) -> ComposeResult:
        yield SearchBar()
        with Horizontal(id="panes"):
            yield FilmList(id="films")
            yield FilmDetail(id="detail")
        yield Footer()

    @property
    def loading(self) -> bool:
        """True while a big catalog is still loading in the background."""
        return self._loader is not None

    def on_mount(self) -> None:
        # Loading, indexing and searching threads share the interpreter with this
        # one: hand it over every millisecond (not every 5), so that a key or a
        # frame waits for them a millisecond at most (and their calls into C).
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.query_one(FilmDetail).border_title = "Details"
        if self._loader is not None:
            size = self.library.path.stat().st_size if self.library.path.exists() else 0
            self.push_screen(LoadingScreen(self.library.path, size))
            # A daemon thread, not a worker: quitting must not wait for the load.
            threading.Thread(target=self._load, args=(self._loader,), daemon=True).start()
            return
        self._start()

    def _load(self, loader: Callable[[Callable[[float], None]], Library]) -> None:
        """Read and index the catalog (in a thread); post the progress and the outcome.

        `loader` is called with a callback that takes the fraction read so far.
        """
        shown = 0.0

        def reading(fraction: float) -> None:
            # Ten updates a second at most: each is a frame the loading waits for.
            nonlocal shown
            if time.monotonic() - shown >= PROGRESS_EVERY:
                shown = time.monotonic()
                self.post_message(_LoadProgress("Reading", fraction))

        try:
            library = loader(reading)
            self.post_message(_LoadProgress(f"Sorting {len(library.films):,} films", None))
            index = library_index(library)
        except StoreError as error:
            self.post_message(_Loaded(None, None, error))
            return
        except (Exception, MemoryError) as error:  # a thread's error would leave the screen hanging
            message = f"{self.library.path}: could not be loaded ({type(error).__name__}: {error})"
            self.post_message(_Loaded(None, None, StoreError(message)))
            return
        self.post_message(_Loaded(library, index, None))

    @on(_LoadProgress)
    def _load_progress(self, message: _LoadProgress) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.show_progress(message.stage, message.fraction)

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.library is None or message.index is None:
            error = clean_line(str(message.error))
            self.exit(return_code=EXIT_BAD_INPUT, message=Text(f"filmtui: {error}"))
            return
        self.library = message.library
        self.index = message.index
        self._loader = None
        gc.freeze()  # the catalog lives as long as the app: keep it out of every GC pass
        self.pop_screen()
        self._start()

    def _start(self) -> None:
        """Show the library: remembered place, results, focus, warnings."""
        if not self._fresh:
            self._restore_session()
        self._search()
        # After the first frame: the thread would slow the drawing of it down.
        self.call_after_refresh(self._prepare_index)
        self.query_one(SearchBar).focus()
        for notice in self.library.notices:
            self.notify(notice, title="Your marks", severity="warning", markup=False, timeout=20)
        if self.library.problem_count:
            count = self.library.problem_count
            self.notify(
                f"{count} record{'s' if count != 1 else ''} in {self.library.path} had "
                "missing or wrong fields; they are shown as well as they can be read.",
                title="Catalog problems",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def _prepare_index(self) -> None:
        """Build the searchable text in a thread, while the user looks at the list.

        A search that starts before it is done waits for it (in the search
        worker for big catalogs, so the UI does not).
        """
        index = self.index
        if index.build_progress is None:
            return
        library = self.library

        def prepare() -> None:
            index.build()  # which keeps what it builds out of every GC pass
            library.prepare_edits()

        threading.Thread(target=prepare, daemon=True, name="filmtui-index").start()
        if len(index) >= self.search_in_thread_from:  # long enough to be worth saying
            self._indexing = self.set_interval(0.25, self._show_indexing)

    def _show_indexing(self) -> None:
        """Keep the list's edge up to date while the index is being built."""
        self._update_status(len(self.query_one(FilmList).films))
        if self.index.build_progress is None and self._indexing is not None:
            self._indexing.stop()
            self._indexing = None

    def on_unmount(self) -> None:
        self._save_session()

    # -- remembered state ----------------------------------------------------

    def _restore_session(self) -> None:
        """Come back where the user left: theme, query, view and film."""
        theme = self.remembered.theme
        if theme in self.available_themes:
            self.theme = theme
        place = self.remembered.place(self.library.path)
        self.set_reactive(FilmApp.favourites_only, place.favourites_only)
        self.set_reactive(FilmApp.query, place.query)
        with self.query_one(SearchBar).prevent(Input.Changed):
            self.query_one(SearchBar).value = place.query
        if place.film_id is not None:
            self.call_after_refresh(self.query_one(FilmList).highlight_film, place.film_id)

    def _save_session(self) -> None:
        if self.loading:
            return  # nothing was shown: keep what was remembered
        place = Place(self.query, self._shown_film_id, self.favourites_only)
        self.remembered.set_place(self.library.path, place)
        self.remembered.theme = self.theme
        self.remembered.save()

    # -- state -> screen -----------------------------------------------------

    def watch_query(self) -> None:
        self._search()

    def watch_favourites_only(self) -> None:
        self._search()

    def watch_sort(self) -> None:
        self._search()

    def _search(self) -> None:
        """Search for the current query, view and sort, and show what is found: at
        once in a small catalog, from a thread worker in a big one (the UI never
        waits; a newer search drops an older one)."""
        size = len(self.index)
        small = size < self.search_in_thread_from and (
            self.index.built or size < SEARCH_IN_THREAD_WHILE_INDEXING_FROM
        )
        if small or lists_everything(self.query, self.sort, self.favourites_only):
            self.workers.cancel_group(self, "search")  # what it would find is not wanted now
            self._show_results()
            return
        found = partial(_Found, self.query, self.favourites_only, self.sort)
        steps = find_steps_in(
            self.library,
            self.index,
            self.query,
            favourites_only=self.favourites_only,
            sort=self.sort,
            first=FIRST_FILMS,
        )
        self.searching = True
        self._update_status(len(self.query_one(FilmList).films))
        self._search_in_thread(steps, found)

    def _show_results(self) -> None:
        """Search for the current query, view and sort now, and show what is found."""
        result = find_in(
            self.library,
            self.index,
            self.query,
            favourites_only=self.favourites_only,
            sort=self.sort,
        )
        suggestion = None if result.films else self.index.suggest(result.query)
        self._apply_results(_Found(self.query, self.favourites_only, self.sort, result, suggestion))

    @work(exclusive=True, thread=True, group="search")
    def _search_in_thread(
        self,
        steps: Iterator[SearchResult | None],
        found: Callable[[SearchResult, Film | None], _Found],
    ) -> None:
        """Search off the UI thread, a step at a time; a newer keystroke cancels this
        one between steps. The first films are shown as soon as they are known."""
        worker = get_current_worker()
        for result in steps:
            if worker.is_cancelled:
                return
            if result is None:
                continue
            done = _SearchDone(found(result, None))
            self.post_message(done)
            if not result.complete:
                # Let the screen draw the first films before going on: this thread
                # would slow the drawing down (both need the interpreter).
                done.shown.wait(SHOW_FIRST_FILMS_WITHIN)
            elif not result.films:  # nothing found: say so at once, then offer a title
                suggestion = self.index.suggest(result.query, lambda: worker.is_cancelled)
                if suggestion is not None and not worker.is_cancelled:
                    self.post_message(_SearchDone(found(result, suggestion)))

    @on(_SearchDone)
    def _search_done_in_thread(self, message: _SearchDone) -> None:
        found = message.found
        if (found.query, found.favourites_only, found.sort) == (
            self.query,
            self.favourites_only,
            self.sort,
        ):
            self._apply_results(found)  # else a newer search is on its way: the last one wins
            self.call_after_refresh(message.shown.set)
        else:
            message.shown.set()

    def _apply_results(self, found: _Found) -> None:
        favourites = self.library.favourites
        result = found.result
        self.searching = not result.complete
        self._result = result
        films = result.films
        self._suggestion = found.suggestion
        highlighter = result.highlighter
        film_list = self.query_one(FilmList)
        film_list.show(
            films,
            favourites,
            empty_text=self._empty_text(),
            marks=(lambda text: highlighter.spans(text, "title")) if highlighter else None,
        )
        self.query_one(FilmDetail).marks = highlighter.spans if highlighter else None
        self.query_one(SearchBar).hint = result.hint
        self._update_status(len(films))
        self._show_detail(film_list.highlighted_film)
        if self.shown_query is None and os.environ.get(EXIT_AFTER_FIRST_FRAME):
            self.call_after_refresh(self.exit)
        self.shown_query = found.query

    def _empty_text(self) -> str:
        query = clean_line(self.query.strip())
        where = "favourites" if self.favourites_only else "films"
        if query:
            near = self._suggestion
            if near is None:
                return f"No {where} match “{query}”."
            return f"No {where} match “{query}”.\nDid you mean “{clean_line(near.title)}”?"
        if self.favourites_only:
            return "No favourites yet: press f on a film to mark it."
        return "The catalog is empty."

    def _update_status(self, shown: int) -> None:
        film_list = self.query_one(FilmList)
        total = len(self.index)
        favourites = len(self.library.favourites)
        view = "★ Favourites only" if self.favourites_only else "Films"
        sort = self._result.sort if self._result is not None else self.sort
        film_list.border_title = Content(f"{view} · by {sort}")
        partial = self._result is not None and not self._result.complete
        count = f"{shown:,}+" if partial else f"{shown:,}"
        # What is still going on, if anything, instead of the favourites count
        # (the edge is narrow): indexing, which a search waits for, first.
        indexing = None if self._indexing is None else self.index.build_progress
        if self._reindexing:
            going_on = "indexing the change…"
        elif indexing is not None:
            going_on = f"indexing {indexing:.0%}"
        elif self.searching:
            going_on = "searching…"
        else:
            going_on = f"{favourites:,} ★"
        film_list.border_subtitle = f"{count} of {total:,} · {going_on}"
        film_list.set_class(self.favourites_only, "-favourites-only")
        self.sub_title = f"{count} of {total:,} films · {favourites:,} favourites"

    def _show_detail(self, film: Film | None) -> None:
        self._shown_film_id = film.id if film is not None else None
        detail = self.query_one(FilmDetail)
        detail.empty_text = self._empty_text()
        detail.film = film
        personal = self.library.personal(film.id) if film is not None else UserMarks()
        detail.personal = personal
        detail.favourite = personal.favourite

    # -- messages from the widgets -------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query = event.value

    @on(FilmList.Highlighted)
    def _highlighted(self, event: FilmList.Highlighted) -> None:
        if not event.control.is_attached:
            return  # the app quit before the message came (a key pressed at the first frame)
        self._show_detail(event.film)

    @on(FilmList.FavouriteToggleRequested)
    def _favourite_toggle_requested(self, event: FilmList.FavouriteToggleRequested) -> None:
        self.toggle_favourite(event.film)

    def toggle_favourite(self, film: Film) -> None:
        """Flip a film's favourite on disk, then on screen; say so if it cannot be saved."""
        try:
            now = self.library.toggle_favourite(film.id)
        except StoreWriteError as error:
            self.notify(
                f"Could not save the favourite: {error}. Nothing was changed.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        if self.favourites_only and not now:
            self._search()
        else:
            self.personal_changed()

    def personal_changed(self) -> None:
        """Show changed favourites, ratings or watched marks (the films are the same).

        A query that filters on them (`is:fav`, `is:watched`, `rating:`) is
        searched again, so the list never shows a film the query no longer keeps.
        """
        parsed = self._result.query if self._result is not None else None
        if parsed is not None and (parsed.favourites_only or parsed.watched_only or parsed.ratings):
            self._search()
            return
        film_list = self.query_one(FilmList)
        film_list.set_favourites(self.library.favourites)
        self._update_status(len(film_list.films))
        self._show_detail(film_list.highlighted_film)

    def films_changed(self, select: str | None = None) -> None:
        """The library's films changed (added, edited, deleted): search them afresh.

        A big catalog is indexed again in a thread worker (seconds at a million
        films); the old index answers meanwhile, and the list's edge says so.
        """
        if len(self.library.films) < self.search_in_thread_from:
            self._use_index(library_index(self.library), select)
            return
        self._reindexing = True
        self._update_status(len(self.query_one(FilmList).films))
        self._reindex(self.library, select)

    @work(exclusive=True, thread=True, group="reindex")
    def _reindex(self, library: Library, select: str | None) -> None:
        index = library_index(library)
        if not get_current_worker().is_cancelled:  # else a newer edit is being indexed
            self.post_message(_Reindexed(index, select))

    @on(_Reindexed)
    def _reindexed(self, message: _Reindexed) -> None:
        self._reindexing = False
        self._use_index(message.index, message.select)

    def _use_index(self, index: SearchIndex, select: str | None) -> None:
        self.index = index
        self._search()
        self._prepare_index()
        if select is not None:
            self.jump_to_film(select)

    def highlighted_film(self) -> Film | None:
        return self.query_one(FilmList).highlighted_film

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.loading:
            return action == "quit"
        return self.can_edit(action)

    @on(FilmList.FavouritesOnlyToggleRequested)
    def _favourites_only_toggle_requested(self) -> None:
        self.action_toggle_favourites_only()

    @on(FilmList.SortCycleRequested)
    def _sort_cycle_requested(self) -> None:
        has_query = self._result is not None and not self._result.query.is_empty
        self.choose_sort(next_sort(self.sort, has_query))

    def choose_sort(self, sort: Sort) -> None:
        """Order the list by `sort` from now on (remembered across restarts)."""
        self.sort = sort
        self.remembered.sort = sort.value
        self.remembered.save()

    # -- actions (keys and the command palette) --------------------------------

    def action_toggle_favourite(self) -> None:
        film = self.query_one(FilmList).highlighted_film
        if film is not None:
            self.toggle_favourite(film)

    def action_toggle_favourites_only(self) -> None:
        self.favourites_only = not self.favourites_only

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_clear_search(self) -> None:
        self.query_one(SearchBar).value = ""

    def jump_to_film(self, film_id: str) -> None:
        """Highlight a film, widening the view first if it is filtered out."""
        film_list = self.query_one(FilmList)
        if not film_list.shows(film_id):
            self.favourites_only = False
            self.query_one(SearchBar).value = ""
            self.query = ""
            self._show_results()
        film_list.highlight_film(film_id)
        film_list.focus()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Search bar", [("type", "Filter the list"), *describe_bindings(self, SearchBar)]),
            (
                "Film list",
                [*describe_bindings(self, FilmList), ("other keys", "Type into the search")],
            ),
            (
                "Anywhere",
                [
                    ("tab / shift+tab", "Move between search, list and details"),
                    *describe_bindings(self, FilmApp),
                    ("^p", "Command palette"),
                ],
            ),
        ]
        self.push_screen(HelpScreen(sections))


def make_app(db_path: Path | None = None, *, fresh: bool = False) -> FilmApp:
    """The app over the catalog at `db_path` (default: the user's library).

    `fresh` starts at the top, without the remembered query, film, view and theme.

    A catalog file of `LOAD_IN_BACKGROUND_BYTES` or more is read after the
    first frame, behind a loading screen; the app then exits with status 2 and
    the message if it cannot be opened. Otherwise this raises
    `tui.store.library.StoreError` when the catalog cannot be opened.
    """
    path = (default_library_path() if db_path is None else db_path).expanduser()
    try:
        big = path.is_file() and path.stat().st_size >= LOAD_IN_BACKGROUND_BYTES
    except OSError:
        big = False
    if big:
        stand_in = Library(path=path, base_films=[])
        return FilmApp(
            stand_in, fresh=fresh, loader=lambda progress: open_library(path, progress=progress)
        )
    app = FilmApp(open_library(db_path), fresh=fresh)
    gc.freeze()  # the catalog lives as long as the app: keep it out of every GC pass
    return app
