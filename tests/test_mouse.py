"""Mouse: click highlights, double-click or a click on the ★ toggles the favourite."""

from __future__ import annotations

from textual import events

from tui.app import FilmApp
from tui.widgets.film_list import FilmList

SIZE = (100, 30)


async def test_double_click_toggles_the_favourite(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.double_click(FilmList, offset=(5, 2))
        film = app.query_one(FilmList).highlighted_film
        assert film is not None and film == app.query_one(FilmList).films[1]
        assert app.library.is_favourite(film.id)


async def test_click_on_the_star_column_toggles_the_favourite(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film_list = app.query_one(FilmList)
        await pilot.pause()  # the layout for the terminal's width
        star_x = film_list.region.width - 6  # right border, space, ✓, two for the rating: ★
        await pilot.click(FilmList, offset=(star_x, 3))
        film = film_list.highlighted_film
        assert film is not None and film == film_list.films[2]
        assert app.library.is_favourite(film.id)
        await pilot.pause(0.6)  # not a double click
        await pilot.click(FilmList, offset=(5, 3))
        assert app.library.is_favourite(film.id)  # a click on the title only highlights


async def test_wheel_scrolls_the_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import write_catalog
    from tui.app import make_app

    documents = [
        {"id": f"f{n}", "title": f"Film {n:03}", "year": 2000, "description": "", "fact": ""}
        for n in range(100)
    ]
    app = make_app(write_catalog(tmp_path / "many.json", documents))
    async with app.run_test(size=SIZE) as pilot:
        # Pilot has no wheel helper; its own event poster sends a real wheel event.
        await pilot._post_mouse_events([events.MouseScrollDown], FilmList, offset=(5, 5))
        await pilot.pause()
        assert app.query_one(FilmList).scroll_y > 0
