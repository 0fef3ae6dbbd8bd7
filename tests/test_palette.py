"""The command palette offers filmtui's actions and jumps to films."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.conftest import palette_lines, write_catalog
from tui.app import FilmApp, make_app
from tui.widgets.film_list import FilmList

SIZE = (100, 30)


async def run_command(app: FilmApp, pilot: object, query: str, hit: str = "") -> None:
    """Type `query` into the palette and run its first hit whose words start with `hit`."""
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)  # type: ignore[attr-defined]
    await app.screen.workers.wait_for_complete()
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    commands = app.screen.query_one(CommandList)
    prompts = [str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)]
    commands.highlighted = next(n for n, prompt in enumerate(prompts) if prompt.startswith(hit))
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_palette_toggles_favourites_only(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "favourites only")
        assert app.main.search.favourites_only is True


async def test_palette_toggles_the_highlighted_favourite(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        await run_command(app, pilot, "toggle favourite")
        assert app.library.is_favourite(film.id)


async def test_palette_jumps_to_a_film_even_when_filtered_out(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus")
        await run_command(app, pilot, "orbit", hit="Go to:")
        film_list = app.query_one(FilmList)
        assert film_list.highlighted_film is not None
        assert film_list.highlighted_film.title == "The Return from Orbit"
        assert app.focused is film_list


async def test_palette_shows_markup_titles_literally(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        write_catalog(
            tmp_path / "hostile.json",
            [
                {
                    "id": "x",
                    "title": "[/] Strange [b]title",
                    "year": 2000,
                    "description": "",
                    "fact": "",
                }
            ],
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        lines = await palette_lines(pilot, *"strange")
        assert any("Go to: [/] Strange [b]title" in line for line in lines), lines
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
        film = app.query_one(FilmList).highlighted_film
        assert film is not None and film.title == "[/] Strange [b]title"


async def test_palette_rates_the_highlighted_film(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        await run_command(app, pilot, "rate 4")
        assert app.library.personal(film.id).rating == 4


async def test_palette_rates_half_stars(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film = app.query_one(FilmList).highlighted_film
        assert film is not None
        await run_command(app, pilot, "rate 3.5")
        assert app.library.personal(film.id).rating == 3.5
        await run_command(app, pilot, "rate half a star higher")
        assert app.library.personal(film.id).rating == 4


async def test_palette_goes_to_a_film_when_asked_in_words(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "go to orbit", hit="Go to:")
        film = app.query_one(FilmList).highlighted_film
        assert film is not None and film.title == "The Return from Orbit"


async def test_palette_undoes_the_last_change(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f")
        await run_command(app, pilot, "undo")
        assert app.library.favourites == frozenset()


async def test_palette_sorts_by_year_and_remembers_it(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "sort by year")
        assert app.main.search.sort.value == "year"
        years = [film.year for film in app.query_one(FilmList).films]
        assert years == sorted(years)
        assert "by year" in str(app.query_one(FilmList).border_title)
    again = make_app(app.library.path)
    async with again.run_test(size=SIZE):
        assert again.main.search.sort.value == "year"


async def test_palette_sorts_by_title(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "sort by year")
        await run_command(app, pilot, "sort by title")
        titles = [film.title for film in app.query_one(FilmList).films]
        # Leading articles do not count: "The Dead…" sorts as "Dead…", before "Dream".
        assert titles[:2] == ["The Dead Mountaineer's Hotel", "A Dream Come True"]
        assert app.main.search.sort.value == "title"


async def test_palette_changes_the_theme(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await run_command(app, pilot, "theme")  # Textual's own theme picker
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
