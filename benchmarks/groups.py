"""How long grouping the results takes: `python -m benchmarks.groups [N ...]`.

The films are `benchmarks.generate`'s (titles, years), given genres, directors
and countries drawn from its word lists (one to three genres; one director in
twenty of the catalog's size, so a million films have 50,000 directors), and
marks on one film in twenty (ratings, viewings, tags). Each grouping is timed
over every film in a thread, as the group screen's worker makes it, while this
thread wakes every millisecond as the UI's would: the longest it waited is the
longest the UI would stall. It prints figures; it never passes or fails.
"""

from __future__ import annotations

import gc
import random
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import replace

from benchmarks import generate
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.groups import Grouping, group_films

COUNTRIES = ("USSR", "France", "Italy", "Japan", "Poland", "Georgia", "Sweden", "Brazil")


def catalog(
    count: int, seed: int = generate.DEFAULT_SEED
) -> tuple[list[Film], dict[str, UserMarks]]:
    rng = random.Random(seed)
    people = [
        f"{rng.choice(generate.NAMES)} {rng.choice(generate.NOUNS)}{n}"
        for n in range(max(1, count // 20))
    ]
    films: list[Film] = []
    marks: dict[str, UserMarks] = {}
    for document in generate.documents(count, seed):
        film = Film(document["id"], document["title"], document["year"])
        film = replace(
            film,
            genres=tuple(rng.sample(generate.GENRES, rng.randint(1, 3))),
            directors=(rng.choice(people),),
            countries=(rng.choice(COUNTRIES),),
        )
        films.append(film)
        if rng.random() < 0.05:
            marks[film.id] = UserMarks(
                rating=rng.randint(0, 10) / 2,
                watches=(f"{rng.randint(2000, 2025)}-05-01",),
                tags=(rng.choice(generate.NOUNS).lower(),),
            )
    return films, marks


def _timed(
    films: list[Film], grouping: Grouping, marks: dict[str, UserMarks]
) -> tuple[float, float, float, int]:
    """Seconds to group `films` in a thread (and of its CPU time: a busy machine
    makes the first longer), the longest this thread waited meanwhile to wake up,
    and how many groups."""
    found: list[int] = []
    cpu: list[float] = []

    def group() -> None:
        found.append(len(group_films(films, grouping, marks)))
        cpu.append(time.thread_time())

    start = time.perf_counter()
    thread = threading.Thread(target=group)
    thread.start()
    stall, last = 0.0, time.perf_counter()
    while thread.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        stall, last = max(stall, now - last), now
    return time.perf_counter() - start, cpu[0], stall, found[0]


def main(argv: Sequence[str]) -> None:
    sizes = [int(arg) for arg in argv if arg.isdigit()] or [100_000, 1_000_000]
    only = [grouping for grouping in Grouping if grouping.name.lower() in argv]
    for count in sizes:
        films, marks = catalog(count)
        gc.freeze()  # as the app does once the catalog is read (`tui.app.make_app`)
        figures = []
        for grouping in only or Grouping:
            took, cpu, stall, groups = _timed(films, grouping, marks)
            figures.append(
                f"{grouping}: {took * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU), "
                f"longest stall {stall * 1000:.0f} ms ({groups} groups)"
            )
        print(f"{count:,} films: " + "; ".join(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
