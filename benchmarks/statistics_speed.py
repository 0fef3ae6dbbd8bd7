"""How long the statistics take: `collection_statistics` over N films.

    python -m benchmarks.statistics_speed [--sizes 100000,1000000] [--marked 0.05]

The films are those of `benchmarks.generate` (the same seed), each given one
to three genres of 20, one director of N/4, and a runtime, so that the
genres and directors are counted as a real collection's; a share of them
(`--marked`) carry the user's marks: a rating, watched, one to three days.
It times the whole library and a search's worth (a tenth of the films, as a
result would hand them over), median of 3, on this thread: the app runs the
same call in a thread worker, the UI never waits for it.

It prints figures; it never passes or fails. CI does not run it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace

from benchmarks import generate
from tui.model.film import Film, film_from_document
from tui.model.marks import UserMarks
from tui.model.statistics import collection_statistics

GENRES = tuple(f"Genre {n}" for n in range(20))


def films_and_marks(count: int, marked: float) -> tuple[list[Film], dict[str, UserMarks]]:
    rng = random.Random(generate.DEFAULT_SEED)
    directors = [f"Director {n}" for n in range(max(1, count // 4))]
    films = [
        replace(
            film_from_document(document).film,
            genres=tuple(rng.sample(GENRES, rng.randint(1, 3))),
            directors=(rng.choice(directors),),
            runtime=rng.randint(70, 200),
        )
        for document in generate.documents(count)
    ]
    marks = {}
    for film in rng.sample(films, int(count * marked)):
        days = sorted(
            f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            for _ in range(rng.randint(0, 3))
        )
        marks[film.id] = UserMarks(
            rating=rng.randint(1, 10) / 2 if rng.random() < 0.8 else 0,
            watched=True,
            watches=tuple(days),
            favourite=rng.random() < 0.1,
        )
    return films, marks


def _median_seconds(films: Sequence[Film], marks: dict[str, UserMarks], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        collection_statistics(films, marks)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.statistics_speed")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--marked", type=float, default=0.05, help="share of films marked")
    args = parser.parse_args(argv)
    print(f"{'films':>10} {'marked':>8} {'library':>9} {'a tenth':>9}")
    for size in (int(part.replace("_", "")) for part in args.sizes.split(",")):
        films, marks = films_and_marks(size, args.marked)
        whole = _median_seconds(films, marks)
        part = _median_seconds(films[::10], marks)
        print(f"{size:>10,} {len(marks):>8,} {whole * 1000:>7.0f}ms {part * 1000:>7.0f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
