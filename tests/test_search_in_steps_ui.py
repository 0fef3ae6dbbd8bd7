"""The app over a big catalog: first films before the search is done, the last
query wins, and the list's edge says what is still going on.

A few thousand films with tiny search steps stand in for a million: the app
takes the same paths (search in a thread worker, first films shown early).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from textual.widgets import ProgressBar

from tests.test_film_list_virtual import (  # noqa: F401 - big_app is a fixture
    COUNT,
    big_app,
    film_list,
    settle,
)
from tests.waiting import wait_until
from tui.app import FilmApp
from tui.screens import index_builds, search_runs
from tui.screens.loading import LoadingScreen
from tui.screens.main import MainScreen
from tui.search import stepwise as search_steps
from tui.search.index import SearchIndex
from tui.search.orders import Sort
from tui.store.library import Library
from tui.store.opening import open_library
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)


@pytest.fixture
def stepping(big_app: FilmApp, monkeypatch: pytest.MonkeyPatch) -> FilmApp:  # noqa: F811
    """The big app searching in a thread, in steps of 50 films, first 5 films early."""
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    monkeypatch.setattr(search_steps, "CHUNKS", (50,))
    monkeypatch.setattr(search_steps, "EARLY_BUDGET", 200)
    monkeypatch.setattr(search_runs, "FIRST_FILMS", 5)
    return big_app


def record_shown(app: FilmApp) -> list[tuple[list[str], str, str]]:
    """What the screen shows after each list of films the list is given: the list's
    titles, its bottom edge and the details' text for no film, read once the
    screen has refreshed (the screen's own code has set them by then)."""
    widget = film_list(app)
    shown: list[tuple[list[str], str, str]] = []
    show_films = widget.show_films

    def recording(*args: Any, **kwargs: Any) -> None:
        show_films(*args, **kwargs)
        titles = [f.title for f in widget.films]

        empty = str(kwargs.get("empty_text", ""))

        def record() -> None:
            shown.append((titles, str(widget.border_subtitle), empty))

        app.call_after_refresh(record)

    widget.show_films = recording  # type: ignore[method-assign]
    return shown


@pytest.mark.parametrize("sort", ["relevance", "title", "year"])
async def test_the_first_films_show_before_the_search_is_done(stepping: FilmApp, sort: str) -> None:
    async with stepping.run_test(size=SIZE) as pilot:
        stepping.main.choose_sort(Sort(sort))
        await settle(stepping, pilot)
        shown = record_shown(stepping)
        await pilot.press(*"film")
        await settle(stepping, pilot)
        first = [entry for entry in shown if entry[1].startswith("5+ of 3,000")]
        assert first, [entry[1] for entry in shown]
        titles, edge, _ = first[-1]
        assert "searching" in edge
        final, final_edge, _ = shown[-1]
        assert final_edge.startswith("3,000 of 3,000") and "searching" not in final_edge
        assert titles == final[:5]
        assert list(film_list(stepping).films) == list(
            stepping.main.index.find("film", sort=Sort(sort)).films
        )


async def test_typing_on_drops_the_older_search(stepping: FilmApp) -> None:
    async with stepping.run_test(size=SIZE) as pilot:
        shown = record_shown(stepping)
        await pilot.press(*"film 1", "backspace", "2")
        await settle(stepping, pilot)
        assert stepping.query_one(SearchBar).value == "film 2"
        assert stepping.main.shown_query == "film 2"
        assert shown[-1][0] == [f.title for f in stepping.main.index.find("film 2").films]
        assert "searching" not in shown[-1][1]


async def test_no_match_says_so_at_once_then_offers_the_nearest_title(stepping: FilmApp) -> None:
    async with stepping.run_test(size=SIZE) as pilot:
        shown = record_shown(stepping)
        await pilot.press(*"flim 0012")
        await settle(stepping, pilot)
        empty = [text for titles, _, text in shown if not titles and "flim 0012" in text]
        assert empty[0].startswith("No films match “flim 0012”.")
        assert "Did you mean" not in empty[0]
        assert empty[-1].endswith("Did you mean “Film 0012”?")


async def test_the_list_edge_says_indexing_until_the_index_is_built(
    big_app: FilmApp,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    release = threading.Event()
    build = SearchIndex.build

    def held_build(index: SearchIndex) -> None:
        release.wait(10)
        build(index)

    monkeypatch.setattr(SearchIndex, "build", held_build)
    async with big_app.run_test(size=SIZE) as pilot:
        for _ in range(40):  # the edge is brought up to date every 0.25 s
            if "indexing" in str(film_list(big_app).border_subtitle):
                break
            await pilot.pause(0.05)
        assert "indexing 0%" in str(film_list(big_app).border_subtitle)
        await pilot.press(*"film 12")  # typed while the index is built: it waits, the UI does not
        assert big_app.query_one(SearchBar).value == "film 12"
        release.set()
        await wait_until(
            lambda: (
                big_app.main.index.built
                and "indexing" not in str(film_list(big_app).border_subtitle)
            ),
            "the index to be built and said so",
        )
        await settle(big_app, pilot)
        assert "indexing" not in str(film_list(big_app).border_subtitle)
        assert big_app.main.shown_query == "film 12"
        assert list(film_list(big_app).films) == list(big_app.main.index.find("film 12").films)


async def test_the_loading_screen_shows_how_far_the_reading_has_got(
    big_app: FilmApp,  # noqa: F811
) -> None:
    path = big_app.library.path
    halfway = threading.Event()
    release = threading.Event()

    def loader(progress: Any) -> Library:
        progress(0.5)
        halfway.set()
        release.wait(10)
        return open_library(path, progress=progress)

    app = FilmApp(Library(path=path, base_films=[]), loader=loader)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.get_running_loop().run_in_executor(None, halfway.wait, 5)
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        assert screen.query_one(ProgressBar).progress == 50
        release.set()
        await wait_until(lambda: not app.loading, "the load")
        await settle(app, pilot)
        assert not isinstance(app.screen, LoadingScreen)
        assert len(film_list(app).films) == len(big_app.library.films)


async def test_an_edit_in_a_big_catalog_is_indexed_in_a_thread(
    big_app: FilmApp,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Adding a film: the old index answers while the new one is built; then the
    new film is in the list, highlighted."""
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    release = threading.Event()
    indexed = index_builds.library_index

    def held_index(library: Library) -> SearchIndex:
        if len(library.films) > COUNT:  # the index of the changed films
            release.wait(10)
        return indexed(library)

    monkeypatch.setattr(index_builds, "library_index", held_index)
    async with big_app.run_test(size=SIZE) as pilot:
        await settle(big_app, pilot)
        await pilot.press("down", "a", *"Solaris", "tab", *"1972", "ctrl+s")
        await pilot.pause(0.1)
        assert "indexing the change" in str(film_list(big_app).border_subtitle)
        assert len(film_list(big_app).films) == COUNT  # the old index still answers
        await pilot.press("down")  # the UI is not waiting
        release.set()
        await wait_until(
            lambda: "indexing the change" not in str(film_list(big_app).border_subtitle),
            "the change to be indexed",
        )
        await settle(big_app, pilot)
        assert len(film_list(big_app).films) == COUNT + 1
        highlighted = film_list(big_app).highlighted_film
        assert highlighted is not None and highlighted.id == "solaris-1972"


async def test_a_load_that_fails_unexpectedly_ends_the_app_with_a_message(
    big_app: FilmApp,  # noqa: F811
) -> None:
    def loader(progress: Any) -> Library:
        raise RuntimeError("something no one foresaw")

    app = FilmApp(Library(path=big_app.library.path, base_films=[]), loader=loader)
    async with app.run_test(size=SIZE):
        await wait_until(lambda: not app.is_running, "the app to exit")
    assert app.return_code == 2
