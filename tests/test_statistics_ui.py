"""The statistics screen, driven by keys: S and the palette open it, `a` switches, Esc closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.collection import collection
from tests.test_palette import run_command
from tests.waiting import wait_until
from tui.app import FilmApp, make_app
from tui.screens.main import MainScreen
from tui.screens.statistics import StatisticsScreen
from tui.widgets.bar_chart import BarChart
from tui.widgets.search_bar import SearchBar

SIZE = (120, 40)


@pytest.fixture
def app(tmp_path: Path) -> FilmApp:
    return make_app(collection(tmp_path))


async def counted(pilot: Pilot[None]) -> StatisticsScreen:
    """The statistics screen, once its figures are shown."""
    screen = pilot.app.screen
    assert isinstance(screen, StatisticsScreen)
    await wait_until(lambda: screen.figures is not None, "the figures", pilot=pilot)
    return screen


def shown_text(screen: StatisticsScreen) -> str:
    """What the screen's charts and lines say, as plain text."""
    parts = [str(widget.render()) for widget in screen.query(BarChart)]
    parts += [str(widget.content) for widget in screen.query("Static")]
    return "\n".join(parts)


async def test_s_in_the_list_opens_the_figures_of_the_search(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"director:tarkovsky")
        await pilot.pause()
        await pilot.press("down", "S")  # to the list, where letters are commands
        screen = await counted(pilot)
        assert screen.figures is not None
        assert screen.figures.films == 5
        assert screen.figures.directors == (("Andrei Tarkovsky", 5),)
        scope = str(screen.query_one("#scope").content)  # type: ignore[attr-defined]
        assert scope.startswith("Of the search “director:tarkovsky” — 5 films")


async def test_s_in_the_search_bar_is_typed(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(SearchBar).value == "S"


async def test_the_palette_opens_statistics(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "statistics")
        screen = await counted(pilot)
        assert screen.figures is not None
        assert screen.figures.films == 14


async def test_a_switches_between_the_search_and_the_whole_library(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"comedy", "down", "S")
        screen = await counted(pilot)
        assert screen.figures is not None
        assert screen.figures.films == 2
        await pilot.press("a")
        await wait_until(
            lambda: screen.figures is not None and screen.figures.films == 14,
            "the figures of the whole library",
            pilot=pilot,
        )
        scope = str(screen.query_one("#scope").content)  # type: ignore[attr-defined]
        assert scope.startswith("The whole library — 14 films")
        assert scope.endswith("a: the search “comedy”")
        await pilot.press("a")
        await wait_until(
            lambda: screen.figures is not None and screen.figures.films == 2,
            "the figures of the search again",
            pilot=pilot,
        )


async def test_escape_closes_and_the_list_is_as_it_was(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"comedy", "down", "S")
        await counted(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.search.text == "comedy"
        assert len(app.screen.film_list.films) == 2


async def test_charts_show_names_as_text_with_counts(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "S")
        screen = await counted(pilot)
        text = shown_text(screen)
        assert "\x1b" not in text
        assert "Dir[2J[bold]ector" in text  # markup shown as text, the escape left out
        assert "Noir]52;c;eA==[red]" in text
        assert "21 h 32 min over 10 viewings of 8 films" in text
        ratings = screen.query_one("#chart-3", BarChart)
        lines = str(ratings.render()).splitlines()
        assert ratings.border_title == "Ratings"
        assert lines[-1].split() == ["not", "rated", "5"]
        assert lines[-2].startswith("★★★★★ 5") and lines[-2].endswith(" 2")
        assert "█" in lines[-2]


async def test_the_help_lists_the_statistics_keys(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "question_mark")
        await pilot.pause()
        help_text = str(app.screen.query_one("Static").content)  # type: ignore[attr-defined]
        assert "Statistics (S)" in help_text
        assert "Library / search" in help_text
