"""Undo and redo of every change kind, with the highlight on the film changed."""

from __future__ import annotations

import datetime
from pathlib import Path

from tests.conftest import record_notices
from tests.library_helpers import film_in
from tui.app import FilmApp
from tui.keymap import read_keymap
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList

SIZE = (100, 30)


def pane_text(app: FilmApp) -> list[str]:
    """The detail pane's lines of text, as each of its parts renders them."""
    parts = app.query_one(FilmDetail).query("Static, LabelledRows, Phrases")
    return [
        " ".join(line.split())
        for part in parts
        if part.display
        for line in str(part.render()).splitlines()
    ]


def highlighted_id(app: FilmApp) -> str | None:
    film = app.query_one(FilmList).highlighted_film
    return film.id if film else None


async def test_a_favourite_is_undone_and_redone_on_the_same_film(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("down", "down", "f")
        film_id = highlighted_id(app)
        assert film_id is not None and app.library.is_favourite(film_id)
        await pilot.press("home", "u")
        assert not app.library.is_favourite(film_id)
        assert highlighted_id(app) == film_id
        assert notices[-1].startswith("Undid marking")
        await pilot.press("home", "ctrl+r")
        assert app.library.is_favourite(film_id)
        assert highlighted_id(app) == film_id


async def test_a_rating_and_a_watched_mark_are_undone_in_turn(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "4", "w")
        film_id = highlighted_id(app)
        assert film_id is not None
        await pilot.press("u")
        assert app.library.personal(film_id).watched is False
        assert app.library.personal(film_id).rating == 4
        await pilot.press("u")
        assert app.library.personal(film_id).rating == 0
        await pilot.press("U", "U")
        assert app.library.personal(film_id).rating == 4
        assert app.library.personal(film_id).watched is True


async def test_plus_and_minus_move_the_rating_by_half_stars_and_undo_in_turn(
    app: FilmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "3", "+")
        film_id = highlighted_id(app)
        assert film_id is not None
        assert app.library.personal(film_id).rating == 3.5
        film_list = app.query_one(FilmList)
        assert film_list.render_line(film_list.cursor).text.rstrip().endswith("3½")
        await pilot.press("=", "-", "-")  # `=` is `+` without shift
        assert app.library.personal(film_id).rating == 3
        await pilot.press("u")
        assert app.library.personal(film_id).rating == 3.5
        await pilot.press("u", "u", "u")
        assert app.library.personal(film_id).rating == 3
        await pilot.press("u")
        assert app.library.personal(film_id).rating == 0
        await pilot.press("ctrl+r", "ctrl+r")
        assert app.library.personal(film_id).rating == 3.5


async def test_w_capital_logs_a_viewing_today_and_u_takes_it_back(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        app.main.today = lambda: datetime.date(2024, 5, 1)
        await pilot.press("down")
        film_id = highlighted_id(app)
        assert film_id is not None
        app.library.update_personal(film_id, {"watches": ["2021-05-01"]})  # not marked watched
        await pilot.press("W")
        marks = app.library.personal(film_id)
        assert (marks.watches, marks.watched) == (("2021-05-01", "2024-05-01"), True)
        assert notices[-1].startswith("Logged a viewing of")
        assert "2024-05-01, 2 viewings in all" in notices[-1]
        assert any("2 times: 2021-05-01, 2024-05-01" in line for line in pane_text(app))
        await pilot.press("W")
        assert app.library.personal(film_id).watches[-2:] == ("2024-05-01", "2024-05-01")
        await pilot.press("u", "u")
        marks = app.library.personal(film_id)
        assert (marks.watches, marks.watched) == (("2021-05-01",), False)
        await pilot.press("ctrl+r")
        marks = app.library.personal(film_id)
        assert (marks.watches, marks.watched) == (("2021-05-01", "2024-05-01"), True)


async def test_u_with_nothing_to_undo_says_so(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("down", "u", "ctrl+r")
        assert notices == ["Nothing to undo.", "Nothing to redo."]


async def test_a_delete_moves_to_the_neighbour_and_undo_brings_the_film_back(
    app: FilmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")
        film_list = app.query_one(FilmList)
        deleted = film_list.highlighted_film
        neighbour = film_list.films[film_list.cursor + 1]
        assert deleted is not None
        await pilot.press("d", "y")
        assert deleted.id not in film_list
        assert highlighted_id(app) == neighbour.id
        await pilot.press("home", "u")
        assert deleted.id in film_list
        assert highlighted_id(app) == deleted.id
        await pilot.press("ctrl+r")
        assert deleted.id not in film_list
        assert highlighted_id(app) == neighbour.id


async def test_an_edit_is_undone_and_redone(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        before = app.query_one(FilmList).highlighted_film
        assert before is not None
        await pilot.press("e", *"New title", "ctrl+s")
        assert getattr(film_in(app.library, before.id), "title", None) == "New title"
        await pilot.press("home", "u")
        assert film_in(app.library, before.id) == before
        assert highlighted_id(app) == before.id
        await pilot.press("ctrl+r")
        assert getattr(film_in(app.library, before.id), "title", None) == "New title"


async def test_an_add_is_undone_and_redone(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "a", *"Solaris", "tab", *"1972", "ctrl+s")
        assert highlighted_id(app) == "solaris-1972"
        await pilot.press("u")
        assert "solaris-1972" not in app.query_one(FilmList)
        await pilot.press("ctrl+r")
        assert highlighted_id(app) == "solaris-1972"


async def test_a_mark_keeps_the_reading_position_and_renders_the_pane_once(
    app: FilmApp,
) -> None:
    long_notes = "\n".join(f"line {n}" for n in range(80))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        film_id = highlighted_id(app)
        assert film_id is not None
        app.library.update_personal(film_id, {"notes": long_notes})
        await pilot.press("4")  # shows the notes
        detail = app.query_one(FilmDetail)
        detail.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        assert detail.scroll_y == 20
        shows: list[object] = []
        show = detail.show
        detail.show = lambda view: (shows.append(view), show(view))[1]  # type: ignore[method-assign]
        await pilot.press("f")
        await pilot.pause()
        assert detail.scroll_y == 20  # the reading position is kept
        assert len(shows) == 1  # one render for one `f`
        await pilot.press("down")
        await pilot.pause()
        assert detail.scroll_y == 0  # another film: from the top


def test_a_bad_keymap_entry_is_reported_in_one_line_and_the_rest_applies(
    tmp_path: Path,
) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('"list.favourite" = "space"\n"list.nope" = "x"\n"list.undo" = "ctrl+"\n')
    keymap, problems = read_keymap(path, ["list.favourite", "list.undo"])
    assert keymap == {"list.favourite": "space"}
    assert len(problems) == 2 and all("\n" not in problem for problem in problems)


async def test_the_keymap_file_remaps_a_key(app: FilmApp, isolated_dirs: Path) -> None:
    config = isolated_dirs / "xdg_config_home" / "filmtui"
    config.mkdir(parents=True)
    (config / "keymap.toml").write_text('"list.favourite" = "space"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space")
        film_id = highlighted_id(app)
        assert film_id is not None and app.library.is_favourite(film_id)


async def test_a_mark_that_the_query_filters_on_searches_again(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"-is:watched", "down")
        film_list = app.query_one(FilmList)
        assert len(film_list.films) == 10
        first = highlighted_id(app)
        await pilot.press("w")  # watched now: `-is:watched` no longer keeps it
        assert len(film_list.films) == 9
        assert first not in {film.id for film in film_list.films}
        await pilot.press("u")
        assert len(film_list.films) == 10
