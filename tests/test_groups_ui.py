"""Browse by group, saved searches and surprise me, driven with Pilot."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from textual.widgets import Static

from tests.conftest import key_event, palette_lines, record_notices
from tests.full_film import FULL, library_of
from tests.group_collection import MARKUP_GENRE, collection
from tests.waiting import wait_until
from tui.app import FilmApp, make_app
from tui.screens.details import DetailScreen
from tui.screens.groups import SAVED, GroupScreen
from tui.screens.main import MainScreen
from tui.screens.save_search import SaveSearchScreen
from tui.search.groups import Grouping
from tui.widgets.film_list import FilmList
from tui.widgets.group_list import GroupList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)


def ids(app: FilmApp) -> set[str]:
    return {film.id for film in app.query_one(FilmList).films}


async def open_groups(app: FilmApp, pilot: object, *keys: str) -> GroupList:
    """From the search bar: to the list, `g`, then `keys`; the groups once made."""
    await pilot.press("down", "g", *keys)  # type: ignore[attr-defined]
    assert isinstance(app.screen, GroupScreen)
    groups = app.screen.query_one(GroupList)
    await wait_until(lambda: groups.groups, "the groups", pilot=pilot)  # type: ignore[arg-type]
    return groups


async def test_g_groups_the_list_and_enter_searches_the_group(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        groups = await open_groups(app, pilot, "right", "right")  # decade, year, genre
        screen = app.screen
        assert isinstance(screen, GroupScreen) and screen.choice is Grouping.GENRE
        assert [(g.name, g.count) for g in groups.groups][:2] == [("Drama", 4), (MARKUP_GENRE, 2)]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.query_one(SearchBar).value == f'genre:"{MARKUP_GENRE}"'
        assert ids(app) == {"solaris", "nameless"}
        assert isinstance(app.focused, FilmList)


async def test_groups_are_of_the_current_results(tmp_path: Path) -> None:
    """Grouped after `is:watchlist`, the chosen group narrows that query."""
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"-is:watchlist")
        groups = await open_groups(app, pilot)  # by decade
        assert [(g.name, g.count) for g in groups.groups] == [
            ("1970s", 2),
            ("1950s", 1),
            ("1960s", 1),
            ("1980s", 1),
        ]
        await pilot.press("s")  # by name
        assert [g.name for g in groups.groups] == ["1950s", "1960s", "1970s", "1980s"]
        await pilot.press("end", "up", "enter")
        await pilot.pause()
        assert app.query_one(SearchBar).value == "-is:watchlist year:1970..1979"
        assert ids(app) == {"stalker", "solaris"}


async def test_a_genre_named_as_markup_shows_literally(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(app, pilot, "right", "right")
        await pilot.pause()
        assert MARKUP_GENRE in app.export_screenshot()


async def test_esc_closes_the_groups_and_changes_nothing(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        before = ids(app)
        await open_groups(app, pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert ids(app) == before and app.query_one(SearchBar).value == ""


async def test_surprise_me_highlights_a_film_of_the_view(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"is:watchlist -is:watched")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.chance = random.Random(4)
        await pilot.press("down", "r")
        await pilot.pause()
        film_list = app.query_one(FilmList)
        assert film_list.highlighted_film is not None
        assert film_list.highlighted_film.id == "mirror"  # the only one in view
        picked = set()
        await pilot.press("slash", "escape", "down")  # the search emptied: every film
        for _ in range(30):
            await pilot.press("r")
            film = film_list.highlighted_film
            assert film is not None
            picked.add(film.id)
        assert picked <= ids(app) and len(picked) > 1


async def test_surprise_me_in_an_empty_view_says_so(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press(*"xyzzy", "down", "r")
        await pilot.pause()
        assert "Nothing to pick from: the list is empty." in notices


async def test_surprise_me_opens_the_details_where_the_pane_is_too_small(
    tmp_path: Path,
) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("down", "r")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_a_saved_search_survives_a_restart(tmp_path: Path) -> None:
    """Saved with `b` in one run; recalled from the palette and deleted in the next."""
    catalog = collection(tmp_path)
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"is:watchlist", "down", "b")
        assert isinstance(app.screen, SaveSearchScreen)
        name = app.screen.query_one("#name")
        assert name.value == "is:watchlist"  # type: ignore[attr-defined]
        name.value = "To watch"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette_lines(pilot, *"saved search")
        at = next(n for n, line in enumerate(lines) if "Saved search: To watch" in line)
        assert "is:watchlist · 1 film" in lines[at + 1], lines
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+a", "ctrl+k", "down")  # an empty search, in the list
        await pilot.press("g", "left")  # to the saved searches
        screen = app.screen
        assert isinstance(screen, GroupScreen) and screen.choice == SAVED
        groups = screen.query_one(GroupList)
        await wait_until(lambda: groups.groups, "the saved searches", pilot=pilot)
        assert [(g.name, g.count) for g in groups.groups] == [("To watch", 1)]
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(SearchBar).value == "is:watchlist"
        assert ids(app) == {"mirror"}
        await pilot.press("g", "x")  # the group screen opens where it was left
        await pilot.press("escape")
    assert make_app(catalog).remembered.saved_searches == {}


async def test_enter_twice_at_once_saves_the_search_once(tmp_path: Path) -> None:
    """A burst of keys (a paste, a fast typist): the second Enter reaches the
    dialog after the first dismissed it, and must not close the main screen."""
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"is:watchlist", "down", "b")
        assert isinstance(app.screen, SaveSearchScreen)
        app.post_message(key_event("enter"))
        app.post_message(key_event("enter"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running and app.return_code is None
    assert list(make_app(collection(tmp_path)).remembered.saved_searches) == ["is:watchlist"]


async def test_b_with_nothing_typed_says_there_is_nothing_to_save(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("down", "b")
        assert isinstance(app.screen, MainScreen)
        assert "Nothing to save: type a search first." in notices


async def test_the_help_lists_the_group_screen_keys(tmp_path: Path) -> None:
    app = make_app(collection(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "question_mark")
        help_text = str(app.screen.query_one(Static).render())
        for line in ("Browse by group", "Save search", "Surprise me", "Delete saved search"):
            assert line in help_text, line


async def test_surprise_me_names_a_markup_title_as_written(tmp_path: Path) -> None:
    app = make_app(library_of(tmp_path, [FULL], {}))
    async with app.run_test(size=SIZE) as pilot:
        told: list[tuple[str, dict[str, Any]]] = []
        app.notify = lambda message, **how: told.append((message, how))  # type: ignore[method-assign]
        await pilot.press("down", "r")
        await pilot.pause()
        assert [(message, how.get("markup")) for message, how in told] == [
            ("[REC] 2 (2009)", False)  # the title as written, never read as markup
        ]
