"""The virtual film list at a few thousand films: what is highlighted, scrolled and drawn.

The list renders only the rows on screen (`render_line`), so these tests read
what it draws row by row and check it against the films it holds.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.strip import Strip
from textual.widgets import Static

from tests.conftest import write_catalog
from tests.waiting import wait_until
from tui.app import FilmApp, make_app
from tui.model.film import Film
from tui.screens.loading import LoadingScreen
from tui.screens.main import MainScreen
from tui.screens.search_runs import Found, Search
from tui.search.index import SearchIndex, SearchResult
from tui.search.query import Query
from tui.store.library import Library
from tui.store.opening import open_library
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import STAR, FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)
COUNT = 3000


@pytest.fixture
def big_app(tmp_path: Path) -> FilmApp:
    """An app over COUNT films titled `Film 0000` … `Film 2999`, in that order."""
    documents = [
        {
            "id": f"film-{n:04}",
            "title": f"Film {n:04}",
            "year": 1900 + n % 126,
            "description": f"Number {n}, {'an early' if n < 100 else 'a later'} entry.",
            "fact": "",
        }
        for n in range(COUNT)
    ]
    return make_app(write_catalog(tmp_path / "big.json", documents))


def film_list(app: FilmApp) -> FilmList:
    return app.query_one(FilmList)


def rows(app: FilmApp) -> list[str]:
    """The text of every row the list draws now, top to bottom."""
    widget = film_list(app)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def highlighted_title(app: FilmApp) -> str:
    film = film_list(app).highlighted_film
    assert film is not None
    return film.title


def assert_cursor_on_screen(app: FilmApp) -> None:
    """The highlighted film is inside the window, and drawn in its row."""
    widget = film_list(app)
    top = round(widget.scroll_y)
    height = widget.scrollable_content_region.height
    assert top <= widget.cursor < top + height
    assert 0 <= widget.scroll_y <= widget.max_scroll_y
    assert highlighted_title(app) in rows(app)[widget.cursor - top]


async def settle(app: FilmApp, pilot: object) -> None:
    """Wait for any search worker, then for the screen to catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_first_screen_draws_the_first_films_in_order(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await settle(big_app, pilot)
        drawn = rows(big_app)
        assert len(big_app.query_one(FilmList).films) == COUNT
        assert len(drawn) > 10
        for number, row in enumerate(drawn):
            assert f"Film {number:04}" in row
        assert highlighted_title(big_app) == "Film 0000"


async def test_page_down_keeps_the_highlight_on_screen(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        widget = film_list(big_app)
        for presses in range(1, 6):
            await pilot.press("pagedown")
            assert widget.cursor == presses * (widget.scrollable_content_region.height - 1)
            assert_cursor_on_screen(big_app)
        assert widget.scroll_y > 0
        await pilot.press("pageup")
        assert_cursor_on_screen(big_app)


async def test_end_shows_the_last_film_in_the_last_row(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "end")
        widget = film_list(big_app)
        assert highlighted_title(big_app) == f"Film {COUNT - 1:04}"
        assert widget.scroll_y == widget.max_scroll_y
        assert widget.max_scroll_y == COUNT - widget.scrollable_content_region.height
        assert f"Film {COUNT - 1:04}" in rows(big_app)[-1]
        assert_cursor_on_screen(big_app)
        await pilot.press("home")
        assert widget.scroll_y == 0
        assert_cursor_on_screen(big_app)


def recorded_rows(widget: FilmList, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the films whose rows `widget` draws from now on (not from its cache)."""
    drawn: list[str] = []
    row = widget._row

    def recording(film: Film, width: int, cursor: bool) -> Strip:
        drawn.append(film.id)
        return row(film, width, cursor)

    monkeypatch.setattr(widget, "_row", recording)
    return drawn


async def test_favourite_marker_is_drawn_in_the_favourite_row_only(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "pagedown", "pagedown", "down", "f")
        await settle(big_app, pilot)
        widget = film_list(big_app)
        film = widget.highlighted_film
        assert film is not None and big_app.library.is_favourite(film.id)
        drawn = rows(big_app)
        row = widget.cursor - round(widget.scroll_y)
        assert drawn[row].rstrip().endswith(STAR)
        assert [n for n, text in enumerate(drawn) if STAR in text] == [row]
        await pilot.press("f")
        await settle(big_app, pilot)
        assert not any(STAR in text for text in rows(big_app))


async def test_a_favourite_draws_its_own_row_again_and_no_other(
    big_app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")
        await settle(big_app, pilot)
        widget = film_list(big_app)
        film = widget.highlighted_film
        assert film is not None
        drawn = recorded_rows(widget, monkeypatch)
        await pilot.press("f")
        await settle(big_app, pilot)
        assert drawn == [film.id]
        assert rows(big_app)[widget.cursor - round(widget.scroll_y)].rstrip().endswith(STAR)
        await pilot.press("u")  # undone: the same row alone, without its star
        await settle(big_app, pilot)
        assert drawn == [film.id, film.id]
        assert not any(STAR in text for text in rows(big_app))


async def test_clicking_a_row_after_scrolling_highlights_that_film(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "pagedown", "pagedown", "pagedown")
        widget = film_list(big_app)
        top = round(widget.scroll_y)
        assert top > 0
        await pilot.click(FilmList, offset=(5, 1 + 3))  # border row, then the fourth row
        assert widget.cursor == top + 3
        assert highlighted_title(big_app) == f"Film {top + 3:04}"
        assert round(widget.scroll_y) == top  # a click on a visible row does not scroll
        detail = big_app.query_one(FilmDetail)
        assert detail.view.film is not None and detail.view.film.title == f"Film {top + 3:04}"


async def test_mouse_wheel_scrolls_without_moving_the_highlight(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        widget = film_list(big_app)
        await pilot.press("down")
        before = widget.cursor
        for _ in range(5):
            widget.post_message(events.MouseScrollDown(widget, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert widget.scroll_y > 0
        assert widget.cursor == before
        top = round(widget.scroll_y)
        assert f"Film {top:04}" in rows(big_app)[0]


async def test_shrinking_results_keep_the_same_film_highlighted(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", *["pagedown"] * 40)
        widget = film_list(big_app)
        target = highlighted_title(big_app)
        number = target.split()[1]
        await pilot.press("slash", *number)
        await settle(big_app, pilot)
        assert len(widget.films) < COUNT
        assert highlighted_title(big_app) == target
        assert_cursor_on_screen(big_app)
        detail = big_app.query_one(FilmDetail)
        assert detail.view.film is not None and detail.view.film.title == target


async def test_results_shrinking_under_the_highlight_show_a_film_on_screen(
    big_app: FilmApp,
) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "end")
        await pilot.press("slash", *"early")  # Film 0000 … Film 0099: not the last one
        await settle(big_app, pilot)
        widget = film_list(big_app)
        assert [film.title for film in widget.films] == [f"Film {n:04}" for n in range(100)]
        assert widget.highlighted_film in widget.films
        assert widget.max_scroll_y == 100 - widget.scrollable_content_region.height
        assert_cursor_on_screen(big_app)
        detail = big_app.query_one(FilmDetail)
        assert detail.view.film == widget.highlighted_film


async def test_no_results_draw_the_message_and_nothing_else(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "end", "slash", *"xyzq")
        await settle(big_app, pilot)
        drawn = rows(big_app)
        assert "xyzq" in drawn[0]
        assert all(not text.strip() for text in drawn[1:])
        assert film_list(big_app).highlighted_film is None
        assert film_list(big_app).scroll_y == 0
        await pilot.press("escape")
        await settle(big_app, pilot)
        assert len(film_list(big_app).films) == COUNT
        assert_cursor_on_screen(big_app)


async def test_fast_typing_shows_the_results_of_the_last_query(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"film 12", "backspace", *"3")
        await settle(big_app, pilot)
        expected = big_app.main.index.find("film 13").films
        assert big_app.query_one(SearchBar).value == "film 13"
        assert big_app.query_one(FilmList).films == expected
        assert big_app.main.shown_query == "film 13"


class SlowSearch(SearchIndex):
    """A search index whose search for `slow` takes long, as on a huge catalog."""

    def __init__(self, films: list[Film], slow: str) -> None:
        super().__init__(films)
        self.slow = slow
        self.slow_started = threading.Event()

    def find_steps(self, query: str | Query, **options: Any) -> Iterator[SearchResult | None]:
        if query == self.slow:
            self.slow_started.set()
            threading.Event().wait(0.3)
        yield from super().find_steps(query, **options)


async def test_a_slow_older_search_never_replaces_a_newer_one(
    big_app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Search in a thread worker, as for a huge catalog.
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    async with big_app.run_test(size=SIZE) as pilot:
        big_app.main.index = SlowSearch(big_app.library.films, slow="film 1")
        widget = film_list(big_app)
        shown: list[list[Film]] = []
        show = widget.show_films

        def recording_show(films: Sequence[Film], *args: Any, **kwargs: Any) -> None:
            shown.append(list(films))
            show(films, *args, **kwargs)

        widget.show_films = recording_show  # type: ignore[method-assign]
        await pilot.press(*"film 1")
        assert big_app.main.index.slow_started.is_set()
        await pilot.press("2")  # while the search for "film 1" is still running
        await settle(big_app, pilot)
        await asyncio.sleep(0.4)  # long enough for the slow search to have finished
        await settle(big_app, pilot)
        assert big_app.query_one(SearchBar).value == "film 12"
        assert big_app.main.shown_query == "film 12"
        assert widget.films == big_app.main.index.find("film 12").films
        assert big_app.main.index.find("film 1").films not in shown
        assert shown[-1] == widget.films


async def test_typing_fast_with_threaded_search_keeps_every_keystroke(
    big_app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)
    async with big_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"film 12", "backspace", *"34")
        await settle(big_app, pilot)
        assert big_app.query_one(SearchBar).value == "film 134"
        assert big_app.main.shown_query == "film 134"
        titles = [film.title for film in big_app.query_one(FilmList).films]
        assert "Film 1340" in titles and "Film 1234" not in titles
        assert_cursor_on_screen(big_app)


async def test_the_rest_of_a_search_draws_only_the_rows_not_drawn_yet(
    big_app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first films shown, a search's whole result reuses the rows drawn; a search
    run again (after an edit) draws them anew."""
    async with big_app.run_test(size=SIZE) as pilot:
        await settle(big_app, pilot)
        widget = film_list(big_app)
        drawn = recorded_rows(widget, monkeypatch)
        lines = 0
        line = widget.render_line

        def counting(y: int) -> Strip:
            nonlocal lines
            lines += 1
            return line(y)

        monkeypatch.setattr(widget, "render_line", counting)
        result = big_app.main.index.find("film 00")
        first = replace(result, films=result.films[:30], complete=False)  # a screenful
        big_app.main._show_found(Found(Search("film 00"), first))
        await pilot.pause()
        assert len(drawn) == widget.scrollable_content_region.height
        big_app.main._show_found(Found(Search("film 00"), result))  # the rest of it
        await pilot.pause()
        assert len(result.films) > 30 and len(drawn) == widget.scrollable_content_region.height
        assert lines == widget.scrollable_content_region.height  # not even drawn from the rows
        again = big_app.main.index.find("film 00")  # parsed anew
        big_app.main._show_found(Found(Search("film 00"), again))
        await pilot.pause()
        assert len(drawn) == 2 * widget.scrollable_content_region.height


async def test_the_highlighted_row_is_redrawn_when_focus_moves(big_app: FilmApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        widget = film_list(big_app)
        await settle(big_app, pilot)
        unfocused = list(widget.render_line(0))
        await pilot.press("down")  # the list takes focus: the highlight gets the cursor colours
        await settle(big_app, pilot)
        focused = list(widget.render_line(0))
        assert focused != unfocused
        await pilot.press("slash")  # back to the search bar
        await settle(big_app, pilot)
        assert list(widget.render_line(0)) == unfocused


async def wait_until_loaded(app: FilmApp, pilot: object) -> None:
    await wait_until(lambda: not app.loading, "the load")
    await settle(app, pilot)


async def test_a_big_catalog_loads_behind_a_loading_screen(big_app: FilmApp) -> None:
    path = big_app.library.path
    release = threading.Event()

    def slow_open(progress: Callable[[float], None]) -> Library:
        release.wait(10)
        return open_library(path, progress=progress)

    app = FilmApp(Library(path=path, base_films=[]), loader=slow_open)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.loading
        assert isinstance(app.screen, LoadingScreen)
        assert "big.json" in str(app.screen.query_one("#loading-title", Static).render())
        await pilot.press("f", "x", "backspace", "ctrl+s")  # keys are the search to come
        assert app.library.favourites == frozenset()
        assert "Search: f" in str(app.screen.query_one("#loading-typed", Static).render())
        release.set()
        await wait_until_loaded(app, pilot)
        assert not isinstance(app.screen, LoadingScreen)
        assert app.main.shown_query == "f"
        assert isinstance(app.focused, SearchBar)
        await pilot.press(*"ilm 12")
        await settle(app, pilot)
        assert app.main.shown_query == "film 12"
        assert app.main.query_one(SearchBar).value == "film 12"
        await pilot.press("escape")  # clears the search
        await settle(app, pilot)
        assert len(film_list(app).films) == COUNT


async def test_make_app_loads_a_big_file_in_the_background(
    big_app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.LOAD_IN_BACKGROUND_BYTES", 1)
    app = make_app(big_app.library.path)
    assert app.loading
    async with app.run_test(size=SIZE) as pilot:
        await wait_until_loaded(app, pilot)
        assert len(film_list(app).films) == COUNT
        assert_cursor_on_screen(app)


async def test_a_big_catalog_that_cannot_be_read_exits_with_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.LOAD_IN_BACKGROUND_BYTES", 1)
    path = tmp_path / "broken.json"
    path.write_text('{"films": {"1": {"id": "x", "title": ', encoding="utf-8")
    app = make_app(path)  # does not raise: the file is read after the first frame
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: not app.is_running, "the app to exit")
        await pilot.pause()
    assert app.return_code == 2
