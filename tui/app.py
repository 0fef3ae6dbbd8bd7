"""FilmApp: the theme, the palette, loading the library, and `make_app`.

Everything else happens on the main screen (`tui.screens.main`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette, Provider

from tui.cli.status import EXIT_BAD_INPUT
from tui.finder import kept_preview, library_index
from tui.gc_paused import resume_collector
from tui.keymap import keymap_path, read_keymap
from tui.safe_text import clean_line
from tui.screens.loading import LoadDone, Loaded, Loader, LoadingScreen, start_loading
from tui.screens.main import MainScreen
from tui.search.preview import PreviewFilms
from tui.store.library import Library
from tui.store.locations import default_library_path
from tui.store.opening import open_library, stand_in
from tui.store.remembered import Remembered
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.dom import DOMNode

# Set to 1 to quit once the first frame with the list filled is drawn (benchmarks).
EXIT_AFTER_FIRST_FRAME = "FILMTUI_EXIT_AFTER_FIRST_FRAME"
# Catalog files this big (about 55,000 films) load in a thread behind a loading screen.
LOAD_IN_BACKGROUND_BYTES = 20_000_000


def binding_ids() -> Iterator[str]:
    """The id of every binding a keymap may change.

    It imports the screens opened by a key, which the first frame does without:
    `read_keymap` asks for them only when there is a keymap.
    """
    from tui.screens.confirm import ConfirmScreen
    from tui.screens.details import DetailScreen
    from tui.screens.film_form import FilmForm
    from tui.screens.groups import GroupScreen
    from tui.screens.help import HelpScreen
    from tui.screens.save_search import SaveSearchScreen
    from tui.widgets.group_list import GroupList

    owners: list[type[DOMNode]] = [
        FilmApp,
        MainScreen,
        FilmList,
        SearchBar,
        FilmForm,
        ConfirmScreen,
        HelpScreen,
        DetailScreen,
        GroupScreen,
        GroupList,
        SaveSearchScreen,
    ]
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                yield binding.id


def film_commands() -> type[Provider]:
    """The palette's filmtui commands, imported when the palette first opens."""
    from tui.commands import FilmCommands

    return FilmCommands


class FilmApp(App[None]):
    """Browse a film catalog: search, list, details, favourites."""

    CSS_PATH = "app.tcss"
    TITLE = "filmtui"
    COMMANDS = App.COMMANDS | {film_commands}
    # Below 80 columns the detail pane moves under the list, below 120 the panes
    # share the width; below 20 rows the search bar loses its border (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    # Not in the footer, which is short at 60 columns: the help and the palette say it.
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", priority=True)]

    def __init__(
        self,
        library: Library,
        *,
        fresh: bool = False,
        loader: Loader | None = None,
        preview: PreviewFilms | None = None,
    ) -> None:
        """Show `library`. With a `loader`, the real library is read (and indexed)
        in a thread, `library` standing in (empty) until then: the list shows
        the `preview` films meanwhile (`tui.finder.kept_preview`), or without
        them a loading screen says how far the reading has got. `fresh` starts
        at the top, without the remembered query, film, view and theme."""
        super().__init__()
        self.library = library
        self._loader = loader
        self._preview = preview
        self._index = None if loader is not None else library_index(library)
        self._fresh = fresh
        self.remembered = Remembered.load()
        """The sort, theme and places of the last runs: read once, saved at the end."""
        self._main: MainScreen | None = None

    @property
    def loading(self) -> bool:
        """True while a big catalog is still loading in the background."""
        return self._index is None

    @property
    def main(self) -> MainScreen:
        """The main screen."""
        return self.get_default_screen()

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collector)  # filmtui starts with it paused
        keymap, problems = read_keymap(keymap_path(), binding_ids())
        self.set_keymap(keymap)
        for problem in problems:
            self.notify(problem, title="keymap.toml", severity="warning", markup=False)
        if not self._fresh:
            theme = self.remembered.theme
            if theme in self.available_themes:
                self.theme = theme
        if self._loader is not None and self._preview is not None:
            preview = (self.library, self._preview)
            # After the first frame: the thread would slow the drawing of it down.
            loading = (self.library.path, self._loader, self.main.post_message, preview)
            self.call_after_refresh(start_loading, *loading)
        elif self._loader is not None:
            self.push_screen(LoadingScreen(self.library.path, self._loader))

    def get_default_screen(self) -> MainScreen:
        """The main screen, at once (empty under the loading screen, while loading)."""
        if self._main is None:
            index = self._index or library_index(self.library)
            self._main = MainScreen(
                self.library,
                index,
                self.remembered,
                fresh=self._fresh,
                loaded=not self.loading,
                preview=self._preview,
            )
        return self._main

    def on_load_done(self, message: LoadDone) -> None:
        """The loading screen's thread is done: show the library, or end with why not."""
        outcome = message.outcome
        if not isinstance(outcome, Loaded):
            error = clean_line(str(outcome))
            self.exit(return_code=EXIT_BAD_INPUT, message=Text(f"filmtui: {error}"))
            return
        gc.freeze()  # the catalog lives as long as the app: keep it out of every GC pass
        self.library = outcome.library
        self._index = outcome.index
        self._loader = self._preview = None
        loading = self.screen
        typed = ""
        if isinstance(loading, LoadingScreen):
            typed = loading.typed
            self.pop_screen()
        self.main.show_library(outcome.library, outcome.index)
        if typed:  # the user typed a search before the films were in: run it
            bar = self.main.query_one(SearchBar)
            bar.value = typed
            bar.cursor_position = len(typed)

    def on_key(self, event: events.Key) -> None:
        """A key typed before the first frame, meant for the search bar.

        The screen is given the keys that come before anything has the focus;
        they reach the app unhandled once the screen has read them, by when the
        search bar may have the focus. A key the bar takes as text comes here
        only then (it keeps every other one): it is typed into the bar, as the
        user meant, rather than lost.
        """
        bar, character = self.focused, event.character
        if isinstance(bar, SearchBar) and character and bar.check_consume_key(event.key, character):
            bar.insert_text_at_cursor(character)
            event.stop()

    def on_main_screen_first_results(self) -> None:
        if os.environ.get(EXIT_AFTER_FIRST_FRAME):
            self.call_after_refresh(self.exit)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            from tui.commands import FilmPalette

            self.push_screen(FilmPalette(id="--command-palette"))


def make_app(db_path: Path | None = None, *, fresh: bool = False) -> FilmApp:
    """The app over the catalog at `db_path` (default: the user's library).

    A catalog file of `LOAD_IN_BACKGROUND_BYTES` or more is read after the
    first frame: its films are shown from its kept index meanwhile, if it has
    one of these very files, else a loading screen. The app then exits with
    status 2 and the message if it cannot be opened. Otherwise this raises
    `tui.store.opening.StoreError` when the catalog cannot be opened.
    """
    path = (default_library_path() if db_path is None else db_path).expanduser()
    try:
        big = path.is_file() and path.stat().st_size >= LOAD_IN_BACKGROUND_BYTES
    except OSError:
        big = False
    if big:
        preview = kept_preview(path)
        return FilmApp(
            stand_in(path, marks=preview is not None),
            fresh=fresh,
            loader=lambda progress: open_library(path, progress=progress),
            preview=preview,
        )
    app = FilmApp(open_library(db_path), fresh=fresh)
    gc.freeze()  # the catalog lives as long as the app: keep it out of every GC pass
    return app
