"""Screens worth looking at: shared by the snapshot tests and the screenshot script.

Each scenario is a terminal size, a theme and the keys a user presses from the
start screen. `tests/test_snapshots.py` compares them with stored snapshots and
`python -m scripts.screenshots` saves them to `screenshots/`, so the pictures
in the README are the states the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.pilot import Pilot

from tui.widgets.search_bar import SearchBar


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    press: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 30)
    theme: str = "textual-dark"


SCENARIOS = (
    Scenario("start", "The start screen: every film, the first one in detail."),
    Scenario(
        "filtered-favourite",
        "Typing `venus` filters the list; the highlighted film is marked a favourite.",
        press=(*"venus", "down", "f"),
    ),
    Scenario("help", "The help screen with every key.", press=("down", "question_mark")),
    Scenario(
        "start-light",
        "The start screen in a light theme, with a favourite.",
        press=("down", "j", "f"),
        theme="textual-light",
    ),
    Scenario(
        "narrow",
        "60×20: the detail pane moves below the list.",
        press=("down", "f"),
        size=(60, 20),
    ),
    Scenario("tiny", "40×12: still usable.", press=(*"star",), size=(40, 12)),
    Scenario(
        "tiny-details",
        "40×12: Enter on the list opens the details full-screen.",
        press=("down", "enter"),
        size=(40, 12),
    ),
    Scenario(
        "medium-marks",
        "80×24: a half-star rating, watched and favourite fit in the list and the details.",
        press=("down", "f", "4", "plus", "w"),
        size=(80, 24),
    ),
    Scenario("palette", "The command palette with a query.", press=("ctrl+p", *"fav")),
    Scenario("no-match", "A search that matches nothing says so.", press=(*"xyzq",)),
    Scenario(
        "groups", "g in the list: the films by decade, with their counts.", press=("down", "g")
    ),
)


async def drive(pilot: Pilot[None], scenario: Scenario) -> None:
    """Bring the app to the scenario's state, deterministically (no blinking cursor)."""
    app = pilot.app
    app.theme = scenario.theme
    app.query_one(SearchBar).cursor_blink = False
    await pilot.pause()
    await pilot.press(*scenario.press)
    await app.workers.wait_for_complete()
    await app.screen.workers.wait_for_complete()
    await pilot.pause(0.2)
    for search_input in app.screen.query("Input"):
        search_input.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()
