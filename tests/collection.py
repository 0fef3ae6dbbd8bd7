"""A small collection with every figure the statistics show, for the UI, CLI and snapshots.

One film is hostile: its title, a director and a genre hold an escape sequence
and markup, which must show as text (the escape left out), never act.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.full_film import library_of
from tui.widgets.search_bar import SearchBar

HOSTILE_TITLE = "\x1b]0;pwned\x07[bold]Loud[/bold] Title"
HOSTILE_DIRECTOR = "Dir\x1b[2J[bold]ector"
HOSTILE_GENRE = "Noir\x1b]52;c;eA==\x07[red]"


def _film(
    film_id: str,
    title: str,
    year: int | None,
    directors: list[str],
    genres: list[str],
    runtime: int | None,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": film_id,
        "title": title,
        "year": year,
        "description": "",
        "fact": "",
        "directors": directors,
        "genres": genres,
    }
    if runtime is not None:
        document["runtime"] = runtime
    return document


TARKOVSKY = "Andrei Tarkovsky"
FILMS = [
    _film("solaris-1972", "Solaris", 1972, [TARKOVSKY], ["Drama", "Sci-Fi"], 167),
    _film("mirror-1975", "Mirror", 1975, [TARKOVSKY], ["Drama"], 107),
    _film("stalker-1979", "Stalker", 1979, [TARKOVSKY], ["Drama", "Sci-Fi"], 162),
    _film("andrei-rublev-1966", "Andrei Rublev", 1966, [TARKOVSKY], ["Drama", "History"], 205),
    _film("ivans-childhood-1962", "Ivan's Childhood", 1962, [TARKOVSKY], ["Drama", "War"], 95),
    _film("kin-dza-dza-1986", "Kin-dza-dza!", 1986, ["Georgiy Daneliya"], ["Comedy", "Sci-Fi"],
          135),
    _film("mimino-1977", "Mimino", 1977, ["Georgiy Daneliya"], ["Comedy"], 97),
    _film("cranes-1957", "The Cranes Are Flying", 1957, ["Mikhail Kalatozov"], ["Drama", "War"],
          97),
    _film("i-am-cuba-1964", "I Am Cuba", 1964, ["Mikhail Kalatozov"], ["Drama"], 141),
    _film("come-and-see-1985", "Come and See", 1985, ["Elem Klimov"], ["Drama", "War"], 142),
    _film("aelita-1924", "Aelita", 1924, ["Yakov Protazanov"], ["Sci-Fi"], None),
    _film("planet-of-storms-1962", "Planet of Storms", 1962, ["Pavel Klushantsev"], ["Sci-Fi"], 78),
    _film("hostile-1999", HOSTILE_TITLE, 1999, [HOSTILE_DIRECTOR], [HOSTILE_GENRE], 90),
    _film("undated", "Untitled Reel", None, [], [], None),
]  # fmt: skip
MARKS: dict[str, dict[str, Any]] = {
    "solaris-1972": {"rating": 5, "favourite": True, "watched": True,
                     "watches": ["2023-11-19", "2024-02-03"]},
    "mirror-1975": {"rating": 4.5, "watched": True, "watches": ["2024-01-14"]},
    "stalker-1979": {"rating": 5, "watched": True, "watches": ["2024-02-10", "2024-06-01"]},
    "andrei-rublev-1966": {"rating": 4, "watched": True},
    "kin-dza-dza-1986": {"rating": 4, "watched": True, "watches": ["2024-03-01"]},
    "mimino-1977": {"rating": 3.5, "watched": True, "watches": ["2024-03-08"]},
    "cranes-1957": {"rating": 4.5, "watchlist": True},
    "come-and-see-1985": {"watchlist": True},
    "aelita-1924": {"rating": 2.5, "watched": True, "watches": ["2023-07-07"]},
    "hostile-1999": {"rating": 1, "watched": True, "watches": ["2024-04-01"]},
}  # fmt: skip


def collection(tmp_path: Path) -> Path:
    """The collection's catalog in `tmp_path`, with the marks written through the store."""
    return library_of(tmp_path, FILMS, MARKS)


async def open_statistics(
    pilot: Pilot[None], theme: str = "textual-dark", keys: tuple[str, ...] = ()
) -> None:
    """From the start screen: the theme, `keys` typed in the search bar, then S in the list,
    once the figures are drawn (no blinking cursor: the same picture every run)."""
    app = pilot.app
    app.theme = theme
    app.query_one(SearchBar).cursor_blink = False
    await pilot.pause()
    await pilot.press(*keys, "down", "S")
    await app.screen.workers.wait_for_complete()
    app.clear_notifications()  # "Catalog problems": the film of no year, with its tmp path
    await pilot.pause(0.2)
