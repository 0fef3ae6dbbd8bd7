"""Adding, editing, deleting and undoing in the app; rating and watched keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.library_helpers import film_in
from tui.app import FilmApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.film_form import FilmForm
from tui.store.opening import open_library
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList

SIZE = (100, 34)


def highlighted(app: FilmApp) -> str:
    film = app.query_one(FilmList).highlighted_film
    assert film is not None
    return film.id


async def test_a_adds_a_film_that_is_highlighted_and_kept(app: FilmApp, catalog_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "a")
        assert isinstance(app.screen, FilmForm)
        await pilot.press(*"Solaris", "tab", *"1972", "ctrl+s")
        assert not isinstance(app.screen, FilmForm)
        assert highlighted(app) == "solaris-1972"
        assert len(app.query_one(FilmList).films) == 11
    assert film_in(open_library(catalog_path), "solaris-1972") is not None


async def test_the_form_refuses_a_film_without_a_title(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "a", "tab", *"1972", "ctrl+s")
        assert isinstance(app.screen, FilmForm)
        await pilot.press("escape")
        assert len(app.query_one(FilmList).films) == 10


async def test_e_edits_the_highlighted_film_and_keeps_its_id(
    app: FilmApp, catalog_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"storms", "enter", "e")
        assert isinstance(app.screen, FilmForm)
        title = app.screen.query_one("#title", Input)
        assert title.value == "Planet of Storms"
        title.value = "Planet of Storms [restored]"
        await pilot.press("ctrl+s")
        assert highlighted(app) == "planet-of-storms-1961"
        detail = app.query_one(FilmDetail)
        assert (
            detail.view.film is not None and detail.view.film.title == "Planet of Storms [restored]"
        )
    reopened = film_in(open_library(catalog_path), "planet-of-storms-1961")
    assert reopened is not None and reopened.title == "Planet of Storms [restored]"


async def test_escape_in_the_form_changes_nothing(app: FilmApp, catalog_path: Path) -> None:
    before = open_library(catalog_path).films
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", *" changed", "escape")
        assert not isinstance(app.screen, FilmForm)
    assert open_library(catalog_path).films == before


async def test_d_deletes_after_confirmation_and_u_undoes_it(
    app: FilmApp, catalog_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        film_id = highlighted(app)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert film_id not in {f.id for f in app.query_one(FilmList).films}
        assert film_in(open_library(catalog_path), film_id) is None
        await pilot.press("u")
        assert film_id in {f.id for f in app.query_one(FilmList).films}
    assert film_in(open_library(catalog_path), film_id) is not None


async def test_declining_the_confirmation_keeps_the_film(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "d", "n")
        assert len(app.query_one(FilmList).films) == 10


async def test_u_undoes_the_last_edit(app: FilmApp, catalog_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        film_id = highlighted(app)
        original = film_in(open_library(catalog_path), film_id)
        await pilot.press("e")
        app.screen.query_one("#title", Input).value = "Something else"
        await pilot.press("ctrl+s", "u")
        assert app.query_one(FilmDetail).view.film == original
    assert film_in(open_library(catalog_path), film_id) == original


async def test_digit_keys_rate_and_w_marks_watched(app: FilmApp, catalog_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "4", "w")
        film_id = highlighted(app)
        detail = app.query_one(FilmDetail)
        assert detail.view.marks.rating == 4
        assert detail.view.marks.watched is True
        await pilot.press("0")
        assert detail.view.marks.rating == 0
        await pilot.press("3")
    personal = open_library(catalog_path).personal(film_id)
    assert (personal.rating, personal.watched) == (3, True)


async def test_notes_from_the_form_show_in_the_detail(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")
        app.screen.query_one("#notes").load_text("Seen at the [Rio] cinema")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert app.query_one(FilmDetail).view.marks.notes == "Seen at the [Rio] cinema"
