"""What a terminal shows is what the app holds, after every key (Pilot and pyte).

The app draws only what changed: the list's edges alone for a new count, no line
of the list when the rest of a search leaves its films in place, a marked film's
row alone, the detail pane's parts and not the pane. A change drawn nowhere would
leave the terminal showing an old count, row or detail. So the updates Textual
writes to the terminal are played into a terminal emulator (pyte), and after each
key its screen is compared with the app's screen drawn whole, from nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyte
import pytest
from textual._compositor import CompositorUpdate
from textual.app import App

from tests.conftest import write_catalog
from tests.waiting import wait_until
from tui.app import FilmApp, make_app
from tui.screens.main import MainScreen
from tui.widgets.film_list import FilmList

SIZE = (100, 30)
KEYS = [
    *"film 1",  # searches whose first films come before the rest
    "backspace",
    *"23",
    "escape",
    "down",  # to the list
    "f",  # a favourite: its row and the counts
    "down",
    "down",  # films with a fact and without
    "3",  # a rating
    "u",  # undone
    "end",
    "f",
    "slash",
    *"number 7",  # matched in the descriptions
    "escape",
]


def catalog(tmp_path: Path) -> Path:
    """3,000 films; every other one has a fact (its part shows and hides)."""
    documents = [
        {
            "id": f"film-{n:04}",
            "title": f"Film {n:04}",
            "year": 1900 + n % 126,
            "description": f"Number {n}, {'an early' if n < 100 else 'a later'} entry.",
            "fact": f"Fact number {n}." if n % 2 else "",
        }
        for n in range(3000)
    ]
    return write_catalog(tmp_path / "films.json", documents)


def held(app: FilmApp) -> list[str]:
    """The app's screen drawn whole, with nothing drawn before kept."""
    for widget in [app.screen, *app.screen.walk_children(with_self=False)]:
        widget._styles_cache.clear()
    app.query_one(FilmList)._rows.clear()
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


async def test_the_terminal_shows_what_the_app_holds_after_each_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainScreen, "search_in_thread_from", 0)  # first films, then the rest
    terminal = pyte.Screen(*SIZE)
    stream = pyte.Stream(terminal)
    display = App._display

    def played(app: App[object], screen: object, update: object) -> None:
        if isinstance(update, CompositorUpdate) and not app._batch_count:
            stream.feed(update.render_segments(app.console))
        display(app, screen, update)

    monkeypatch.setattr(App, "_display", played)
    app = make_app(catalog(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        for key in KEYS:
            await pilot.press(key)
            await wait_until(lambda: not app.main.searching, "the search")
            await pilot.pause()
            shown = [line.rstrip() for line in terminal.display]
            assert shown == held(app), f"after {key!r}"
        assert app.library.is_favourite(app.query_one(FilmList).films[-1].id)
