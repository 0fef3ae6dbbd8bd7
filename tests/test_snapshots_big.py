"""What a big catalog looks like while it loads (with and without a kept index),
while it is indexed and while a search runs: compared with reviewed SVG snapshots.

Each state is held still for the picture: the loading thread, the indexing or
the search waits on an event that the test sets when it is done. A seeded
synthetic catalog (`benchmarks.generate`) of 3,000 films stands in for a
million; the app is told to treat it as big.

Update with `pytest tests/test_snapshots_big.py --snapshot-update`, render the
new SVGs to PNG (`rsvg-convert`) and look at them before committing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from benchmarks import generate
from tests.waiting import wait_until
from tui import finder
from tui.app import FilmApp, make_app
from tui.screens import search_runs
from tui.screens.main import MainScreen
from tui.search import stepwise as search_steps
from tui.search.index import SearchIndex, SearchResult
from tui.store.library import Library
from tui.store.opening import open_library, stand_in
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)
COUNT = 3000


@pytest.fixture
def big_catalog(tmp_path: Path) -> Path:
    return generate.write(COUNT, tmp_path / "big" / "films.json")


@pytest.fixture
def held() -> Iterator[threading.Event]:
    """An event that holds a thread of the app until the test is over."""
    release = threading.Event()
    yield release
    release.set()


async def _steady(pilot: Pilot[None]) -> None:
    """No blinking cursor, and time for the held state to show."""
    for bar in pilot.app.screen.query(SearchBar):
        bar.cursor_blink = False
    await pilot.pause(0.3)


def test_loading(big_catalog: Path, held: threading.Event, snap_compare: Any) -> None:
    """The loading screen of a big catalog, 42% read."""

    def loader(progress: Callable[[float], None]) -> Library:
        progress(0.42)
        held.wait(30)
        return open_library(big_catalog, progress=progress)

    app = FilmApp(Library(path=big_catalog, base_films=[]), loader=loader)
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady)


def test_indexing(
    big_catalog: Path,
    held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    snap_compare: Any,
) -> None:
    """The list of a big catalog whose index is being built: its edge says so."""
    build = SearchIndex.build

    def held_build(index: SearchIndex) -> None:
        held.wait(30)
        build(index)

    monkeypatch.setattr(SearchIndex, "build", held_build)
    app = make_app(big_catalog)
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady)


def test_first_films_of_a_search(
    big_catalog: Path,
    held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    snap_compare: Any,
) -> None:
    """A search that has found its first films and goes on: `300+ of … searching…`."""
    monkeypatch.setattr(search_steps, "CHUNKS", (100,))
    monkeypatch.setattr(search_steps, "EARLY_BUDGET", 1000)
    find_steps = SearchIndex.find_steps

    def held_after_first_films(
        index: SearchIndex, *args: Any, **kwargs: Any
    ) -> Iterator[SearchResult | None]:
        for item in find_steps(index, *args, **kwargs):
            yield item
            if item is not None and not item.complete:
                # Not for ever: the app waits for this worker when it exits.
                held.wait(3)

    monkeypatch.setattr(SearchIndex, "find_steps", held_after_first_films)
    app = make_app(big_catalog)
    app.main.index.build()  # else the first search, on the UI thread, would be held
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    assert search_runs.FIRST_FILMS == 300

    async def type_s(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the main screen's first search, and the focus
        await pilot.press("s")
        await wait_until(lambda: app.main.shown_query == "s", "the first films of s", pilot=pilot)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=type_s)


def test_preview(
    big_catalog: Path,
    held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    snap_compare: Any,
) -> None:
    """A kept library's films, shown before its catalog is read (a quarter read), and
    searched in its kept index meanwhile: the details wait for the films."""
    monkeypatch.setattr(finder, "KEEP_FROM", 1000)
    library = open_library(big_catalog)
    index = finder.library_index(library)
    index.build()
    assert finder.keep_index(library, index)

    def loader(progress: Callable[[float], None]) -> Library:
        progress(0.25)
        held.wait(30)
        return open_library(big_catalog, progress=progress)

    preview = finder.kept_preview(big_catalog)
    app = FilmApp(stand_in(big_catalog), loader=loader, preview=preview)

    async def type_golden(pilot: Pilot[None]) -> None:
        await wait_until(lambda: app.main.reading == 0.25, "the progress", pilot=pilot)
        await pilot.press(*"golden")
        await wait_until(lambda: app.main.shown_query == "golden", "the search", pilot=pilot)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=type_golden)
