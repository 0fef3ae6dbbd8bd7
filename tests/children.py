"""Programs the durability tests run as real processes.

python -m tests.children mark CATALOG PREFIX COUNT
    waits for a line on stdin, marks PREFIX-0 … PREFIX-(COUNT-1) as
    favourites one by one, and prints how many favourites it sees.
python -m tests.children favourite CATALOG
    runs the app headless, marks the first film a favourite with `f`, and
    prints as JSON what the user would see: notifications, the star in the
    list, the detail pane, and whether the app is still running.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any


def mark(catalog: Path, prefix: str, count: int) -> None:
    from tui.store.opening import open_library
    from tui.store.user_file import StoreBusyError

    library = open_library(catalog)
    sys.stdin.readline()  # start together with the other writer
    for number in range(count):
        while True:  # as a user would: the other filmtui is writing, try again
            try:
                library.set_favourite(f"{prefix}-{number}", True)
                break
            except StoreBusyError:
                time.sleep(0.001)
    print(len(library.favourites), flush=True)


async def favourite(catalog: Path) -> dict[str, Any]:
    from tui.app import make_app
    from tui.widgets.film_detail import FilmDetail
    from tui.widgets.film_list import FilmList

    app = make_app(catalog)
    notices: list[dict[str, str]] = []
    notify = app.notify

    def recording_notify(message: str, **kwargs: Any) -> None:
        notices.append({"message": message, "title": str(kwargs.get("title", ""))})
        notify(message, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "f")
        await pilot.pause()
        film_list = app.query_one(FilmList)
        film = film_list.highlighted_film
        assert film is not None
        result = {
            "film": film.id,
            "notices": notices,
            "star_in_list": "★" in film_list.render_line(0).text,
            "detail_says_favourite": app.query_one(FilmDetail).view.marks.favourite,
            "library_favourites": sorted(app.library.favourites),
            "running": app.is_running,
        }
        await pilot.press("down", "up")  # still answers keys
        result["running"] = result["running"] and app.is_running
    return result


def main(argv: list[str]) -> None:
    command, catalog, *rest = argv
    if command == "mark":
        mark(Path(catalog), rest[0], int(rest[1]))
    elif command == "favourite":
        print(json.dumps(asyncio.run(favourite(Path(catalog)))), flush=True)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
