"""One benchmark session inside the app, run in a child process per catalog size.

    python -m benchmarks.session PATH

prints one JSON object of figures (seconds) on stdout. The parent
(`python -m benchmarks`) reads it and measures the child's peak RSS with
`os.wait4`.

How each figure is taken (the app runs headless under Textual's Pilot,
`run_test(headless=True, size=(120, 40))`; headless Textual still lays out the
screen and calls every widget's `render_line` for what changed, it only skips
writing escape codes to a terminal):

- `load`: `make_app(PATH)`, i.e. reading the catalog and building the index
  when the app loads it before starting (zero when it loads in a worker).
- `first_frame`: from just before `make_app` to the first refresh of the screen
  that shows the list filled with films (imports excluded: those are in the
  process wall time the parent measures).
- `early_key`: `s` pressed right after the first frame, until the list shows
  its first screen (the index is still being built then).
- `index_ready`: from the same start until the search index is built (in a
  thread, after the first frame); the typing session starts then.
- `keys`: one figure per keystroke of a scripted typing session, until the
  list shows the first screen of the query's results (a search in a big
  catalog shows its first films before it has looked at every film);
  `keys_complete`: the same session typed again, each key until the search
  is complete (the list's count is final). Pilot's own
  `press`/`pause` sleep at least 20 ms several times per key (they wait for
  the CPU to go idle), which would swamp what we measure, so keys are sent as
  Pilot sends them (a `Key` event to the driver) and the clock runs from just
  before sending until (1) the search bar holds the new query, (2) the list
  shows that query's results (`MainScreen.shown_query`, set when the results
  are applied, whether the search ran on the UI thread or in a worker), and
  (3) the screen's pending refresh has run (we run Textual's refresh timer
  callback at once, as `Pilot.pause` does), which renders the changed lines
  through `render_line`. A real terminal adds up to one frame (1/60 s) of
  waiting for that timer, and the time to write escape codes; neither is in.
- `favourite`: once the catalog is read (opened before, a big one is read
  while the keys are typed, and its marks wait for it), press `f` on the
  highlighted film until the favourite changed and the screen refreshed, as
  for keys;
  the app writes the favourite durably (fsync) before it repaints. Also
  `favourite_store`: `Library.toggle_favourite` alone, without the UI.
- `scroll`: in the list, PageDown ten times, then End, then Home: each key
  until the highlight moved and the screen refreshed, as for keys.
- `stall`: the longest time the event loop was blocked (a task that sleeps 5 ms
  in a loop records how late it wakes), over the typing session and over the
  start.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import _character_to_key

from tui.app import FilmApp, make_app
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (120, 40)
TIMEOUT = float(os.environ.get("FILMTUI_BENCH_TIMEOUT", "300"))
POLL = 0.0005

# What is typed, one key at a time: characters, or "backspace"/"escape".
TYPING_SESSION: list[str] = [
    *"star",
    *["backspace"] * 4,
    *"xyzq",
    "escape",
    *"star of venus",
    "escape",
    *"year:1984",
    "escape",
]


class StallMonitor:
    """Records how late a 5 ms sleep wakes: the longest the event loop was blocked."""

    TICK = 0.005

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.TICK)
            self.worst = max(self.worst, time.perf_counter() - before - self.TICK)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.worst


def _send_key(app: FilmApp, key: str) -> None:
    """Send a key as `Pilot.press` does, without its idle waits."""
    character: str | None = key if len(key) == 1 else None
    name = _character_to_key(key) if character is not None else key
    if character is None and name == "escape":
        character = "\x1b"
    elif character is None and name == "backspace":
        character = "\x7f"
    event = events.Key(name, character)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def _until(condition: Callable[[], bool], what: Callable[[], str]) -> None:
    deadline = time.perf_counter() + TIMEOUT
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"waited {TIMEOUT:.0f} s for {what()}")
        await asyncio.sleep(POLL)


def _refresh_now(app: FilmApp) -> None:
    """Run the screen's pending refresh now, as `Pilot.pause` does."""
    app.screen._on_timer_update()


def _shown_query(app: FilmApp) -> str | None:
    return app.main.shown_query


def _next_query(query: str, key: str) -> str:
    if key == "backspace":
        return query[:-1]
    if key == "escape":
        return ""
    return query + key


async def _press_and_wait(app: FilmApp, key: str, expected: str, complete: bool = False) -> float:
    """Press `key`; seconds until the list shows the results of `expected` (their
    first screen, or with `complete` all of them) and the screen is refreshed."""
    search = app.query_one(SearchBar)
    start = time.perf_counter()
    _send_key(app, key)
    await _until(
        lambda: (
            search.value == expected
            and _shown_query(app) == expected
            and not (complete and app.main.searching)
        ),
        lambda: (
            f"{expected!r} after {key!r}: search bar {search.value!r}, "
            f"list shows {_shown_query(app)!r}"
        ),
    )
    _refresh_now(app)
    return time.perf_counter() - start


async def _type(app: FilmApp, complete: bool) -> list[dict[str, Any]]:
    """The typing session, key by key (see `_press_and_wait`)."""
    keys: list[dict[str, Any]] = []
    query = ""
    for key in TYPING_SESSION:
        query = _next_query(query, key)
        seconds = await _press_and_wait(app, key, query, complete)
        keys.append({"key": key, "query": query, "s": seconds})
        await asyncio.sleep(0.02)  # a fast typist: 50 keys a second at most
    return keys


async def run(path: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    monitor = StallMonitor()
    start = time.perf_counter()
    app = make_app(path)
    figures["load"] = time.perf_counter() - start
    async with app.run_test(headless=True, size=SIZE) as pilot:
        monitor.start()
        film_list = app.query_one(FilmList)
        await _until(lambda: film_list.virtual_size.height > 0, lambda: "the list to fill")
        _refresh_now(app)
        figures["first_frame"] = time.perf_counter() - start
        figures["stall_start"] = monitor.stop()
        monitor.start()
        figures["films"] = film_list.virtual_size.height
        # A user who types at once, while the index is still being built: the
        # first screen of `s` comes when the titles are indexed and the first
        # films' text is (`early_key`).
        figures["early_key"] = await _press_and_wait(app, "s", "s")
        await _press_and_wait(app, "escape", "")
        # The searchable text is built in a thread after the first frame; a key
        # typed before it is ready waits for it (without freezing the screen).
        await _until(lambda: app.main.index.build_progress is None, lambda: "the index to be built")
        figures["index_ready"] = time.perf_counter() - start
        figures["stall_start"] = max(figures["stall_start"], monitor.stop())
        await pilot.pause()

        monitor.start()
        figures["keys"] = await _type(app, complete=False)
        figures["stall_typing"] = monitor.stop()
        monitor.start()
        figures["keys_complete"] = await _type(app, complete=True)
        figures["stall_typing"] = max(figures["stall_typing"], monitor.stop())

        # Opened before (a kept index), a big catalog is still being read while the
        # keys are typed; its marks wait for its films (`f` says so and does nothing).
        await _until(lambda: not app.loading, lambda: "the catalog to be read")
        await pilot.press("down")  # to the list, first film highlighted
        film = film_list.highlighted_film
        assert film is not None
        favourite: list[float] = []
        for _ in range(6):
            was = app.library.is_favourite(film.id)
            before = time.perf_counter()
            _send_key(app, "f")
            await _until(
                lambda was=was: app.library.is_favourite(film.id) != was,
                lambda: "the favourite to change",
            )
            _refresh_now(app)
            favourite.append(time.perf_counter() - before)
            await pilot.pause()
        figures["favourite"] = favourite

        scroll: list[float] = []
        last = len(film_list.films) - 1
        for key in ["pagedown"] * 10 + ["end", "home"]:
            was = film_list.cursor
            if was == (0 if key == "home" else last):
                continue  # a short list: already there, nothing would move
            before = time.perf_counter()
            _send_key(app, key)
            await _until(
                lambda was=was: film_list.cursor != was,
                lambda key=key: f"{key} to move the highlight",
            )
            _refresh_now(app)
            scroll.append(time.perf_counter() - before)
            await pilot.pause()
        figures["scroll"] = scroll or [0.0]

        store: list[float] = []
        for _ in range(6):
            before = time.perf_counter()
            app.library.toggle_favourite(film.id)
            store.append(time.perf_counter() - before)
        figures["favourite_store"] = store
    return figures


def summary(figures: dict[str, Any]) -> str:
    """A human line for running this module by hand."""
    keys = [k["s"] for k in figures["keys"]]
    return (
        f"{figures['films']} films · first frame {figures['first_frame']:.2f} s · "
        f"keys median {statistics.median(keys) * 1000:.1f} ms, max {max(keys) * 1000:.1f} ms · "
        f"favourite {statistics.median(figures['favourite']) * 1000:.1f} ms"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m benchmarks.session PATH", file=sys.stderr)
        return 2
    figures = asyncio.run(run(Path(argv[0])))
    print(json.dumps(figures))
    print(summary(figures), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
