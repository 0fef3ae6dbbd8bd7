"""Screens worth looking at: shared by the snapshot tests and the screenshot script.

Each scenario is a terminal size and the keys a user presses from the start
screen. `tests/test_snapshots.py` compares them with stored snapshots and
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


START = Scenario("start", "The start screen: every film, the first one in detail.")
FILTERED_FAVOURITE = Scenario(
    "filtered-favourite",
    "Typing `venus` filters the list; the highlighted film is marked a favourite.",
    press=(*"venus", "down", "f"),
)
HELP = Scenario("help", "The help screen with every key.", press=("down", "question_mark"))

SCENARIOS = (START, FILTERED_FAVOURITE, HELP)


async def steady(pilot: Pilot[None]) -> None:
    """Make the screen deterministic: no blinking cursor."""
    pilot.app.query_one(SearchBar).cursor_blink = False
    await pilot.pause()
