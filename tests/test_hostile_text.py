"""Catalog text is data: markup, huge words, RTL, emoji and controls render literally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from tests.conftest import record_notices
from tests.hostile import CONTROL_MARKERS, CONTROLS, LONG_WORD, MARKUP, write_hostile_catalog
from tests.library_helpers import film_in
from tui.app import FilmApp, make_app
from tui.model.film import Film
from tui.safe_text import clean, clean_line
from tui.store.library import StoreWriteError
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (160, 50)
C1_OR_BIDI = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_app(tmp_path: Path) -> FilmApp:
    return make_app(write_hostile_catalog(tmp_path / "films.json"))


def screen_text(app: FilmApp) -> str:
    """What the terminal shows now, as text (toasts included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toast_text(app: FilmApp) -> str:
    """The text of the notifications on screen, without spaces (toasts wrap anywhere)."""
    strips = app.screen._compositor.render_strips()
    lines = []
    for toast in app.screen.query(Toast):
        region = toast.region
        lines += [strips[y].crop(region.x, region.right).text for y in region.line_range]
    return "".join("".join(lines).replace("▌", "").split())  # no border, no wrapping


def flat(text: str) -> str:
    """Screen text with its line breaks and padding removed, to find wrapped text."""
    return "".join(line.strip() for line in text.splitlines())


async def highlight(app: FilmApp, film: Film) -> None:
    film_list = app.query_one(FilmList)
    film_list.cursor = film_list.films.index(film)
    await app.workers.wait_for_complete()
    for _ in range(3):
        await app.animator.wait_for_idle()


def films_titled(app: FilmApp, titles: list[str]) -> list[Film]:
    by_title = {film.title: film for film in app.query_one(FilmList).films}
    return [by_title[title] for title in titles]


async def test_markup_titles_show_literally_in_the_list(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE):
        film_list = hostile_app.query_one(FilmList)
        rows = {film_list.render_line(y).text.strip() for y in range(len(film_list.films))}
        for title in MARKUP:
            assert any(row.startswith(title) for row in rows), title


async def test_markup_shows_literally_in_the_detail_pane(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        for film in films_titled(hostile_app, MARKUP):
            await highlight(hostile_app, film)
            await pilot.pause()
            shown = flat(screen_text(hostile_app))
            assert flat(film.description) in shown, film.title
            assert flat(film.fact) in shown, film.title
        assert hostile_app.is_running


async def test_clicking_an_action_in_a_title_does_not_run_it(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        (film,) = films_titled(hostile_app, ["[@click=app.quit]x[/]"])
        await highlight(hostile_app, film)
        for selector in ("#detail-title", "#detail-description", "#detail-fact"):
            await pilot.click(selector)
            await pilot.click(selector, offset=(1, 0))
        film_list = hostile_app.query_one(FilmList)
        await pilot.click(FilmList, offset=(2, film_list.films.index(film) + 1))
        await pilot.pause()
        assert hostile_app.is_running
        assert hostile_app.return_code is None


async def test_markup_typed_in_the_search_shows_literally(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"[/nothing[TODO]")
        assert hostile_app.query_one(SearchBar).value == "[/nothing[TODO]"
        assert hostile_app.query_one(FilmList).films == []
        assert "[/nothing[TODO]" in screen_text(hostile_app)


async def test_controls_are_stripped_from_list_and_detail(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        for film in films_titled(hostile_app, CONTROLS):
            await highlight(hostile_app, film)
            await pilot.pause()
            shown = screen_text(hostile_app)
            assert clean_line(film.title) in shown
            assert flat(clean(film.fact)) in flat(shown)
            unsafe = [ch for ch in shown if ch in "\x1b\x9b\u202e\u2066" or ord(ch) < 0x20]
            assert unsafe == [ch for ch in unsafe if ch == "\n"]
        shown = screen_text(hostile_app)
        for marker in CONTROL_MARKERS:
            assert marker in shown
        # The catalog keeps the text as it was written.
        assert [film.title for film in films_titled(hostile_app, CONTROLS)] == CONTROLS


async def test_long_words_rtl_emoji_and_zero_width_fill_rows_exactly(
    hostile_app: FilmApp,
) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        film_list = hostile_app.query_one(FilmList)
        width = film_list.scrollable_content_region.width
        for y in range(film_list.scrollable_content_region.height):
            assert film_list.render_line(y).cell_length == width
        (film,) = films_titled(hostile_app, [LONG_WORD])
        await highlight(hostile_app, film)
        await pilot.pause()
        assert LONG_WORD[:40] in screen_text(hostile_app)
        for other in film_list.films:
            await highlight(hostile_app, other)
        await pilot.pause()
        assert hostile_app.is_running


async def test_notifications_show_a_markup_path_and_message_literally(tmp_path: Path) -> None:
    folder = tmp_path / "[bold]x[/]"
    catalog = write_hostile_catalog(folder / "films.json")
    catalog.write_text(catalog.read_text().replace('"year": 1960', '"year": "[/"'))
    app = make_app(catalog)
    notices = record_notices(app)

    def refuse(film_id: str, favourite: bool) -> None:
        raise StoreWriteError(f"the disk is full ([/]{folder}[@click=app.quit])")

    app.library.set_favourite = refuse  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert f"in{catalog}had" in toast_text(app)  # the problem notice, with the path
        await pilot.press("down", "f")
        await pilot.pause()
        assert "[/]" in notices[-1]
        assert f"full([/]{folder}[@click=app.quit])" in toast_text(app)
        assert app.is_running


async def test_the_delete_dialog_shows_a_markup_title_literally(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        (film,) = films_titled(hostile_app, ["[@click=app.quit]x[/]"])
        await pilot.press("down")
        await highlight(hostile_app, film)
        await pilot.press("d")
        await pilot.pause()
        assert "Delete “[@click=app.quit]x[/]”" in screen_text(hostile_app)
        await pilot.press("escape")
        await pilot.pause()
        assert hostile_app.is_running
        assert film in hostile_app.query_one(FilmList).films


async def test_the_edit_form_shows_no_control_characters(hostile_app: FilmApp) -> None:
    async with hostile_app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        for film in films_titled(hostile_app, [*CONTROLS, "[/"]):
            await highlight(hostile_app, film)
            await pilot.press("e")
            await pilot.pause()
            shown = screen_text(hostile_app)
            assert "\x1b" not in shown
            assert C1_OR_BIDI.findall(shown) == []
            await pilot.press("escape")
            await pilot.pause()
        assert hostile_app.is_running


async def test_saving_the_form_unchanged_keeps_the_stored_control_characters(
    hostile_app: FilmApp,
) -> None:
    """The form shows cleaned text, but saving it untouched writes back what was stored."""
    async with hostile_app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        (film,) = films_titled(hostile_app, CONTROLS[:1])
        await highlight(hostile_app, film)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert film_in(hostile_app.library, film.id) == film
