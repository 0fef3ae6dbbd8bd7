"""The app comes back where the user left it, unless started with --fresh."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)


async def leave_somewhere(catalog_path: Path) -> str:
    """Search, mark, filter, pick a theme and quit; return the highlighted film's title."""
    app = make_app(catalog_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "j", "f", "F", "j")
        await pilot.press("slash", *"the")
        app.theme = "nord"
        await pilot.press("down", "j")
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        await pilot.press("ctrl+q")
    return film.title


async def test_query_film_view_and_theme_come_back(catalog_path: Path) -> None:
    left_at = await leave_somewhere(catalog_path)
    app = make_app(catalog_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        film_list = app.query_one(FilmList)
        assert app.query_one(SearchBar).value == "the"
        assert app.main.search.favourites_only is True
        assert app.theme == "nord"
        assert film_list.highlighted_film is not None
        assert film_list.highlighted_film.title == left_at
        assert film_list.cursor > 0


async def test_fresh_starts_without_the_remembered_state(catalog_path: Path) -> None:
    await leave_somewhere(catalog_path)
    app = make_app(catalog_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(SearchBar).value == ""
        assert app.main.search.favourites_only is False
        assert app.theme == "textual-dark"
        assert len(app.query_one(FilmList).films) == 10


async def test_a_remembered_film_that_is_gone_is_ignored(
    catalog_path: Path, tmp_path: Path
) -> None:
    await leave_somewhere(catalog_path)
    catalog_path.write_text('{"films": {"1": {"id": "x", "title": "Other", "year": 2000}}}')
    app = make_app(catalog_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "escape")
        assert app.is_running
