"""Keys typed before the first frame, or while a big catalog loads, are the search.

The race is played out as it happens in a terminal: a key reaches the screen
before anything has the focus, and the search bar takes the focus before the
screen reads it (see `FilmApp.on_key`).
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.test_film_list_virtual import settle
from tui.app import make_app
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar


async def test_keys_that_came_before_the_search_bar_had_the_focus_are_typed_there(
    catalog_path: Path,
) -> None:
    app = make_app(catalog_path, fresh=True)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        screen = app.main
        bar = screen.query_one(SearchBar)
        screen.set_focus(None)
        for character in "venus":  # the app hands them to the screen: nothing has the focus
            screen._forward_event(events.Key(character, character))
        screen.set_focus(bar)  # as `MainScreen._start` does, before the screen reads them
        await settle(app, pilot)
        assert bar.value == "venus"
        assert app.main.shown_query == "venus"
        assert screen.query_one(FilmList).films[0].title == "The First Spaceship on Venus"


async def test_keys_for_the_list_are_still_the_lists(catalog_path: Path) -> None:
    app = make_app(catalog_path, fresh=True)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("down", "f", "?")  # to the list; a favourite; the help
        await settle(app, pilot)
        assert app.main.query_one(SearchBar).value == ""
        assert len(app.library.favourites) == 1
