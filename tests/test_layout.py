"""Any terminal size: side by side when wide, stacked when narrow, never a crash."""

from __future__ import annotations

import pytest

from tui.app import FilmApp
from tui.screens.main import MainScreen
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList


async def test_wide_terminal_shows_list_and_detail_side_by_side(app: FilmApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        film_list, detail = app.query_one(FilmList), app.query_one(FilmDetail)
        assert film_list.region.y == detail.region.y
        assert film_list.region.right <= detail.region.x


async def test_narrow_terminal_puts_the_detail_below_the_list(app: FilmApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        film_list, detail = app.query_one(FilmList), app.query_one(FilmDetail)
        assert detail.region.y >= film_list.region.bottom
        assert film_list.region.width == detail.region.width


async def test_tiny_terminal_still_works(app: FilmApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*"venus", "down", "f")
        film_list = app.query_one(FilmList)
        assert len(film_list.films) == 2
        assert film_list.highlighted_film is not None
        assert app.library.is_favourite(film_list.highlighted_film.id)
        assert not film_list.region.overlaps(app.query_one(FilmDetail).region)


async def test_resizing_down_to_nothing_and_back_never_raises(app: FilmApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        for size in [(20, 6), (2, 2), (1, 1), (60, 20), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("down", "j")
        assert app.is_running
        assert app.query_one(FilmList).cursor == 1


async def test_the_first_frame_is_laid_out_for_the_terminal_size(
    app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The breakpoint classes are there once the main screen is mounted, before its
    first Resize (which may come after the first frame: the panes then jumped)."""
    seen: list[set[str]] = []
    mount = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        mount(screen)
        seen.append(set(screen.classes))

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    async with app.run_test(size=(100, 15)):
        pass
    assert seen == [{"-medium", "-short"}]
