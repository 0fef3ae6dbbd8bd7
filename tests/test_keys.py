"""The key contract of the main screen, one test per line of it."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from tests.conftest import key_event, record_notices, write_catalog
from tests.library_helpers import film_in
from tui.app import FilmApp, make_app
from tui.screens.confirm import ConfirmScreen
from tui.screens.details import DetailScreen
from tui.screens.film_form import FilmForm
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.store.opening import open_library
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import SEARCH_HOW, FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)


def titles(app: FilmApp) -> list[str]:
    return [film.title for film in app.query_one(FilmList).films]


def highlighted(app: FilmApp) -> str | None:
    film = app.query_one(FilmList).highlighted_film
    return film.title if film else None


async def test_search_bar_has_focus_at_start(app: FilmApp) -> None:
    async with app.run_test(size=SIZE):
        assert isinstance(app.focused, SearchBar)
        assert len(titles(app)) == 10


async def test_typing_filters_the_list_on_every_keystroke(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        after_v = titles(app)
        await pilot.press(*"enus")
        assert titles(app) == ["The First Spaceship on Venus", "Planet of Storms"]
        assert len(after_v) > len(titles(app))


async def test_search_is_case_insensitive_and_covers_every_field(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"TERESHKOVA")  # description and fact only
        assert titles(app) == ["A Dream Come True"]
        await pilot.press("escape", *"1984")  # the year
        assert titles(app) == ["The Return from Orbit"]
        await pilot.press("escape", *"corman")  # the fact only
        assert titles(app) == ["Planet of Storms"]


async def test_every_word_must_match(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus expedition")
        assert len(titles(app)) == 2
        await pilot.press(*" signal")
        assert titles(app) == ["The First Spaceship on Venus"]


async def test_escape_in_search_bar_clears_it(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus", "escape")
        assert app.query_one(SearchBar).value == ""
        assert len(titles(app)) == 10


async def test_down_in_search_bar_moves_focus_to_list(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert isinstance(app.focused, FilmList)


async def test_enter_in_search_bar_moves_focus_to_list(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"storm", "enter")
        assert isinstance(app.focused, FilmList)
        assert highlighted(app) == "Planet of Storms"


async def test_arrow_keys_move_the_highlight_and_the_detail_follows(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        first = titles(app)[0]
        assert highlighted(app) == first
        await pilot.press("down", "down")
        assert highlighted(app) == titles(app)[2]
        await pilot.press("up")
        assert highlighted(app) == titles(app)[1]
        detail = app.query_one(FilmDetail)
        assert detail.view.film is not None and detail.view.film.title == titles(app)[1]


async def test_j_and_k_move_like_down_and_up(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "j", "j")
        assert highlighted(app) == titles(app)[2]
        await pilot.press("k")
        assert highlighted(app) == titles(app)[1]


async def test_home_and_end_jump_to_first_and_last(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "end")
        assert highlighted(app) == titles(app)[-1]
        await pilot.press("home")
        assert highlighted(app) == titles(app)[0]


async def test_page_down_and_page_up_move_by_a_screen(tmp_path: Path) -> None:
    documents = [
        {
            "id": f"film-{n:03}",
            "title": f"Film {n:03}",
            "year": 1950 + n % 50,
            "description": "",
            "fact": "",
        }
        for n in range(200)
    ]
    app = make_app(write_catalog(tmp_path / "many.json", documents))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "pagedown")
        film_list = app.query_one(FilmList)
        page = film_list.cursor
        assert page > 10
        await pilot.press("pagedown")
        assert film_list.cursor == 2 * page
        assert film_list.scroll_y > 0  # the highlight stays on screen
        await pilot.press("pageup")
        assert film_list.cursor == page
        await pilot.press("end")
        assert highlighted(app) == "Film 199"
        assert film_list.scroll_y == film_list.max_scroll_y


async def test_f_toggles_the_favourite_and_the_screen_shows_it(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f")
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        assert app.library.is_favourite(film.id)
        assert app.query_one(FilmDetail).view.marks.favourite is True
        assert "1 ★" in str(app.query_one(FilmList).border_subtitle)
        await pilot.press("f")
        assert not app.library.is_favourite(film.id)
        assert app.query_one(FilmDetail).view.marks.favourite is False


async def test_half_a_star_stops_at_five_and_at_unrated_and_says_so(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("down", "-")
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        assert app.library.personal(film.id).rating == 0
        assert notices == [f"“{film.title}” is not rated."]
        await pilot.press("+")
        assert app.library.personal(film.id).rating == 0.5
        await pilot.press("5", "+")
        assert app.library.personal(film.id).rating == 5
        assert notices[-1] == f"“{film.title}” is already rated 5 of 5."
        await pilot.press("u", "u")  # the two changes made, not the refusals
        assert app.library.personal(film.id).rating == 0


async def test_capital_f_shows_only_favourites_and_says_so(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "j", "j", "f", "F")
        film_list = app.query_one(FilmList)
        assert len(film_list.films) == 2
        assert "Favourites only" in str(film_list.border_title)
        assert film_list.has_class("-favourites-only")
        await pilot.press("F")
        assert len(film_list.films) == 10
        assert "Favourites only" not in str(film_list.border_title)


async def test_unmarking_in_favourites_only_view_removes_the_row(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "F", "f")
        assert titles(app) == []
        assert app.query_one(FilmDetail).view.film is None


async def test_slash_returns_to_the_search_bar(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"sky", "down", "slash")
        search = app.query_one(SearchBar)
        assert app.focused is search
        assert search.value == "sky"


async def test_a_letter_that_is_no_command_changes_nothing_and_says_how_to_search(
    app: FilmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("down")
        before = titles(app), highlighted(app)
        await pilot.press(*"xyz")
        assert isinstance(app.focused, FilmList)
        assert app.query_one(SearchBar).value == ""
        assert (titles(app), highlighted(app)) == before
        assert notices == [SEARCH_HOW]  # said once, not three times


async def test_typing_fellini_into_the_list_loses_nothing(app: FilmApp) -> None:
    """f marks (undoably), e opens the form, whose keys were typed in the list."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        for key in "fellini":  # one burst, as a fast typist sends it
            app.post_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        assert app.library.is_favourite(film.id)
        assert isinstance(app.screen, FilmForm)  # nothing is saved without ctrl+s
        await pilot.press("escape")
        if isinstance(app.screen, ConfirmScreen):  # the form was typed into
            await pilot.press("y")
        assert app.main.library.films == open_library(app.library.path).films
        assert film_in(app.library, film.id) == film
        await pilot.press("u")
        assert app.library.favourites == frozenset()


async def test_typing_solaris_into_the_list_loses_nothing(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        films = list(app.library.films)
        notices = record_notices(app)
        for key in "solaris":
            app.post_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FilmForm)  # `a`: adding asks for the film first
        await pilot.press("escape")
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
        assert list(app.library.films) == films
        assert app.library.favourites == frozenset()
        assert any(notice.startswith("Sorted by") for notice in notices)  # `s` says so


async def test_question_mark_in_the_search_bar_opens_help(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"ven", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.query_one(SearchBar).value == "ven"


async def test_enter_opens_the_details_full_screen_on_a_small_terminal(app: FilmApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, DetailScreen)
        film = app.screen.query_one(FilmDetail).view.film
        assert film is not None and film == app.main.film_list.highlighted_film
        assert film.description[:20] in app.screen.query_one("#detail-description").render().plain
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, FilmList)


async def test_question_mark_opens_help_and_escape_closes_it(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert isinstance(app.focused, FilmList)


async def test_help_lists_every_key(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(row) for section in app.screen.sections for row in section[1])
        for label in (
            "Favourite",
            "Favourites only",
            "Search",
            "Clear",
            "Quit",
            "Help",
            "Up",
            "Down",
            "Page up",
            "Page down",
            "First",
            "Last",
            "tab",
            "Rate half a star higher",
            "Rate half a star lower",
            "Log a viewing today",
        ):
            assert label in text


async def test_ctrl_q_quits(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_tab_and_shift_tab_move_between_search_list_and_detail(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, FilmList)
        await pilot.press("tab")
        assert isinstance(app.focused, FilmDetail)
        await pilot.press("shift+tab", "shift+tab")
        assert isinstance(app.focused, SearchBar)


async def test_clicking_a_row_highlights_it(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(FilmList, offset=(5, 4))  # border row + 3 → fourth film
        assert isinstance(app.focused, FilmList)
        assert highlighted(app) == titles(app)[3]
        assert app.query_one(FilmDetail).view.film == app.query_one(FilmList).films[3]


async def test_no_match_says_so_instead_of_a_stale_film(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"xyzq")
        assert titles(app) == []
        detail = app.query_one(FilmDetail)
        assert detail.view.film is None
        assert "xyzq" in detail.view.empty_text
        assert "0 of 10" in str(app.query_one(FilmList).border_subtitle)


async def test_f_does_nothing_when_nothing_is_highlighted(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"xyzq", "down", "f")
        assert app.library.favourites == frozenset()


async def test_help_is_made_from_every_binding_of_the_app_list_and_search_bar(
    app: FilmApp,
) -> None:
    """A binding added to the code shows in the help: nothing is kept by hand."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        descriptions = {description for _, rows in app.screen.sections for _, description in rows}
        for owner in (FilmApp, FilmList, SearchBar):
            for binding in owner.BINDINGS:
                assert isinstance(binding, Binding)
                assert binding.description in descriptions, (owner.__name__, binding)
        keys = dict(row for _, rows in app.screen.sections for row in rows)
        assert keys["0–5"] == "Rate (0 clears the rating)"
        assert keys["↑ / k"] == "Up"


async def test_keys_typed_in_one_burst_after_down_go_to_the_list(app: FilmApp) -> None:
    """`↓` then `f` arriving together (a fast typist, a paste, tmux): `f` marks a
    favourite in the list instead of landing in the search bar."""
    async with app.run_test(size=SIZE) as pilot:
        first = app.query_one(FilmList).highlighted_film
        assert first is not None
        for key in ("down", "f", "j", "f"):
            app.post_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(SearchBar).value == ""
        assert isinstance(app.focused, FilmList)
        second = app.query_one(FilmList).highlighted_film
        assert second is not None and second != first
        assert app.library.favourites == {first.id, second.id}


async def test_textual_s_own_focus_action_works(app: FilmApp) -> None:
    """The app's state must not hide `App.query()`, which the `focus` action uses."""
    async with app.run_test(size=SIZE) as pilot:
        await app.run_action("focus('films')")
        await pilot.pause()
        assert isinstance(app.focused, FilmList)
