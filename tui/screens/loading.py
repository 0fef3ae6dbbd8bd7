"""Loading a big catalog in a thread (`start_loading`), behind a screen that says
how far it has got when there is nothing to show meanwhile.

The thread reads and indexes the catalog and posts its progress, then what was
loaded or why it could not be. The loading screen shows that progress; what the
user types meanwhile is kept (and shown): it is the search once the films are
in. A library whose index was kept shows its films from the kept index
instead, and no loading screen (`tui.screens.reading`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event, Thread

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.finder import adopted, preview_index
from tui.safe_text import clean_line
from tui.search.index import SearchIndex
from tui.search.preview import PreviewFilms
from tui.store.library import Library
from tui.store.opening import StoreError

PROGRESS_EVERY = 0.25  # seconds between two updates of the progress bar
SEARCH_FIRST_WITHIN = 5.0  # seconds the reading waits for a search of the preview
TYPING_PAUSE = 0.3  # seconds without a new search after which the reading starts
STAND_ASIDE_WITHIN = 2.0  # seconds the reading waits for a search typed meanwhile, at most
READING = "Reading"  # the first stage of a load
_NOTHING_TYPED = "Type to search: it runs once the films are in."

Loader = Callable[[Callable[[float], None]], Library]
"""Reads the library; called with a callback that takes the fraction read so far."""


@dataclass(frozen=True, slots=True)
class Loaded:
    library: Library
    index: SearchIndex


@dataclass
class LoadProgress(Message):
    """How far the load has got (posted from its thread); `fraction` None: no telling."""

    stage: str
    fraction: float | None


@dataclass
class LoadDone(Message):
    """The load is over (posted from its thread); the app shows what was loaded."""

    outcome: Loaded | StoreError


class Typing:
    """The searches of what the user types while the catalog waits to be read.

    Reading a catalog takes the interpreter from the user interface for seconds
    (both run Python), so it waits until the search asked for last is shown and
    the user has had `TYPING_PAUSE` seconds since (to type on) without asking
    for another; once it reads, it stands aside between two pieces of the
    catalog for each search typed meanwhile (`stand_aside`).
    """

    def __init__(self) -> None:
        self._shown = Event()
        self._since = time.monotonic()  # of the last search asked for or shown

    def ask(self) -> None:
        """A search is asked for: the reading waits for it."""
        self._since = time.monotonic()
        self._shown.clear()

    def shown(self) -> None:
        """The search asked for last is shown, or will not run before the reading."""
        self._since = time.monotonic()
        self._shown.set()

    def stand_aside(self, within: float) -> bool:
        """Wait (at most `within` seconds) until the search asked for last is shown:
        the reading goes on between searches, not beside one. False if it was not
        shown by then (it will not be: the reading stops waiting for it)."""
        return self._shown.wait(within)

    def wait_for_a_pause(self, within: float) -> None:
        """Wait (at most `within` seconds) until the search asked for last is shown
        and neither a search nor its showing has come for `TYPING_PAUSE` seconds."""
        until = time.monotonic() + within
        while (left := until - time.monotonic()) > 0 and self._shown.wait(left):
            quiet = time.monotonic() - self._since
            if quiet >= TYPING_PAUSE:
                return
            time.sleep(min(TYPING_PAUSE - quiet, left))


@dataclass
class PreviewIndexed(Message):
    """The films of the preview can be searched (posted from the loading thread).

    The thread waits for `typing` to pause (at most `SEARCH_FIRST_WITHIN`) before it
    reads the catalog: what the user types is searched first, not beside the reading."""

    index: SearchIndex
    typing: Typing = field(default_factory=Typing)


Preview = tuple[Library, PreviewFilms]
"""The library standing in while the catalog is read (the user's marks), and the
films shown meanwhile (`tui.finder.kept_preview`)."""


def start_loading(
    catalog: Path, loader: Loader, post: Callable[[Message], object], preview: Preview | None = None
) -> None:
    """Read and index the catalog in a thread, posting its progress (`LoadProgress`),
    then what was loaded or why it could not be (`LoadDone`). With a `preview`, its
    films' index is read from the kept index first (`PreviewIndexed`), and the
    library's films are put in it once they are read."""
    # A daemon thread, not a worker: quitting must not wait for the load.
    arguments = (catalog, loader, post, preview)
    Thread(target=_load, args=arguments, daemon=True, name="filmtui-load").start()


def _load(
    catalog: Path, loader: Loader, post: Callable[[Message], object], preview: Preview | None
) -> None:
    shown = 0.0
    typing: Typing | None = None  # what is typed while the preview can be searched

    def reading(fraction: float) -> None:
        # A search typed meanwhile runs with the interpreter to itself (a piece
        # of the catalog is read in tens of milliseconds).
        nonlocal shown, typing
        if typing is not None and not typing.stand_aside(STAND_ASIDE_WITHIN):
            typing = None
        # Four updates a second at most: each is a frame the loading waits for.
        if time.monotonic() - shown >= PROGRESS_EVERY:
            shown = time.monotonic()
            post(LoadProgress(READING, fraction))

    outcome: Loaded | StoreError
    try:
        searched = None if preview is None else _preview_index(preview)
        if searched is not None:
            indexed = PreviewIndexed(searched)
            post(indexed)
            indexed.typing.wait_for_a_pause(SEARCH_FIRST_WITHIN)
            typing = indexed.typing
        library = loader(reading)
        post(LoadProgress(f"Sorting {len(library.films):,} films", None))
        outcome = Loaded(library, adopted(searched, library))
        if searched is not None:  # else the index's build does it (`build_in_background`)
            library.prepare_edits()
    except StoreError as error:
        outcome = error
    except (Exception, MemoryError) as error:  # a thread's error would leave the screen hanging
        message = f"{catalog}: could not be loaded ({type(error).__name__}: {error})"
        outcome = StoreError(message)
    post(LoadDone(outcome))  # for the app, which shows the library


def _preview_index(preview: Preview) -> SearchIndex | None:
    """The preview's index (`tui.finder.preview_index`); None if it cannot be had,
    whatever the reason: the films are then searched once they are read."""
    try:
        return preview_index(*preview)
    except Exception:  # only time is lost: never the load
        return None


class LoadingScreen(ModalScreen[None]):
    """What is being read, and how far, until the films are in."""

    def __init__(self, catalog: Path, loader: Loader) -> None:
        super().__init__(id="loading")
        self.catalog = catalog
        self.size_bytes = catalog.stat().st_size if catalog.exists() else 0
        self._loader = loader
        self.typed = ""
        """What the user typed while the films were loading: the search to run then."""
        self._stage = READING  # what the loading is doing, as shown

    def compose(self) -> ComposeResult:
        from textual.widgets import ProgressBar  # only this screen shows one

        with Vertical(classes="dialog"):
            yield Static(Content(f"Loading {clean_line(self.catalog.name)}…"), id="loading-title")
            yield Static(
                Content(f"{self.size_bytes / 1e6:,.0f} MB of films to read; ctrl+q quits."),
                id="loading-detail",
            )
            yield Static(Content(READING), id="loading-stage")
            yield ProgressBar(total=100, show_eta=False)
            yield Static(Content(_NOTHING_TYPED), id="loading-typed")

    def on_mount(self) -> None:
        start_loading(self.catalog, self._loader, self.post_message)

    def on_key(self, event: events.Key) -> None:
        """Keep what is typed (and backspace) for the search; other keys do nothing."""
        if event.key == "backspace":
            self.typed = self.typed[:-1]
        elif event.is_printable and event.character:
            self.typed += event.character
        else:
            return
        event.stop()
        shown = f"Search: {clean_line(self.typed)}" if self.typed else _NOTHING_TYPED
        self.query_one("#loading-typed", Static).update(Content(shown))

    def on_load_progress(self, message: LoadProgress) -> None:
        from textual.widgets import ProgressBar

        if message.stage != self._stage:  # else a new layout for the same words
            self._stage = message.stage
            self.query_one("#loading-stage", Static).update(Content(message.stage))
        # No fraction (the films being sorted): the bar stays full, not animated (15
        # frames a second, each taken from the thread that sorts).
        fraction = 1.0 if message.fraction is None else message.fraction
        self.query_one(ProgressBar).update(total=100, progress=round(100 * fraction))
