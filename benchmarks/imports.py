"""How long an import takes, and what a mark costs after one.

    python -m benchmarks.imports [SIZE ...]        (default: 10000 60000 1000000)

For each size it writes an IMDb-shaped ratings export of that many films
(the current layout, with genres, runtime and directors), runs
`filmtui import FILE --db NEW` as a user would (a new, empty library), and
prints the wall time, the child's CPU time (user + system: what the import
costs when other programs share the CPUs, which the wall time is not) and
its peak RSS. Then, in the library of 60,000 imported films (or the largest
below it), it times `f` on the store: one favourite toggled to a durable
write, twenty times. The load average is printed first: on a busy machine
the wall times mean little.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.generate import CACHE_DIR, DEFAULT_SEED, documents
from benchmarks.startup import isolated_env

IMDB_HEADER = (
    "Const",
    "Your Rating",
    "Date Rated",
    "Title",
    "Original Title",
    "URL",
    "Title Type",
    "IMDb Rating",
    "Runtime (mins)",
    "Year",
    "Genres",
    "Num Votes",
    "Release Date",
    "Directors",
)
GENRES = ("Drama", "Comedy", "Sci-Fi", "Thriller", "Romance", "Horror", "Documentary", "War")
DIRECTORS = ("Andrei Tarkovsky", "Larisa Shepitko", "Pavel Klushantsev", "Agnès Varda", "Ozu")
FAVOURITE_SAMPLES = 20
DEFAULT_SIZES = ("10000", "60000", "1000000")


def imdb_export(size: int, seed: int = DEFAULT_SEED) -> Path:
    """An IMDb ratings export of `size` films (made once, then reused)."""
    path = CACHE_DIR / f"imdb-ratings-{size}-seed{seed}.csv"
    if path.exists():
        return path
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    pick = random.Random(seed)
    partial = path.with_suffix(".part")
    with partial.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(IMDB_HEADER)
        for number, film in enumerate(documents(size, seed), 1):
            const = f"tt{number:07d}"
            writer.writerow(
                (
                    const,
                    pick.randint(1, 10),
                    f"20{pick.randint(10, 24)}-0{pick.randint(1, 9)}-1{pick.randint(0, 9)}",
                    film["title"],
                    film["title"],
                    f"https://www.imdb.com/title/{const}/",
                    "Movie",
                    f"{pick.uniform(1, 10):.1f}",
                    pick.randint(60, 200),
                    film["year"],
                    ", ".join(pick.sample(GENRES, pick.randint(1, 3))),
                    pick.randint(5, 2_000_000),
                    f"{film['year']}-01-01",
                    pick.choice(DIRECTORS),
                )
            )
    partial.replace(path)
    return path


def run_import(export: Path, library: Path) -> tuple[float, float, float, int]:
    """Wall and CPU seconds, peak RSS (MB) and exit status of `filmtui import EXPORT --db NEW`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "import", str(export), "--db", str(library)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **isolated_env()},
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


FAVOURITE_TIMER = """
import statistics, sys, time
from tui.store.opening import open_library
library = open_library(__import__("pathlib").Path(sys.argv[1]))
film = library.films[len(library.films) // 2]
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    library.toggle_favourite(film.id)
    times.append((time.perf_counter() - started) * 1000)
print(f"{statistics.median(times):.2f} {max(times):.2f}")
"""


def favourite_ms(library: Path) -> tuple[float, float]:
    """Median and max ms of one favourite toggled to a durable write."""
    out = subprocess.run(
        [sys.executable, "-c", FAVOURITE_TIMER, str(library), str(FAVOURITE_SAMPLES)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **isolated_env()},
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("sizes", nargs="*", metavar="SIZE", help="films per import")
    parser.add_argument("--sizes", dest="listed", help="the sizes as one list: 10000,60000")
    args = parser.parse_args(argv)
    given = [*args.sizes, *(args.listed.split(",") if args.listed else [])]
    sizes = [int(size.replace("_", "").replace(",", "")) for size in given or DEFAULT_SIZES]
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs")
    print(f"{'films':>9}  {'import s':>8}  {'CPU s':>6}  {'films/s':>9}  {'RSS MB':>7}  exit")
    marked: Path | None = None
    with tempfile.TemporaryDirectory(prefix="filmtui-import-") as folder:
        for size in sizes:
            export = imdb_export(size)
            library = Path(folder) / f"library-{size}.json"
            seconds, cpu, rss, status = run_import(export, library)
            print(
                f"{size:>9,}  {seconds:>8.2f}  {cpu:>6.2f}  {size / seconds:>9,.0f}  "
                f"{rss:>7.0f}  {status}",
                flush=True,
            )
            if size <= 60_000:
                marked = library
        if marked is not None:
            median, worst = favourite_ms(marked)
            print(
                f"\nf -> durable write in the library of {marked.stem.split('-')[1]} imported "
                f"films: median {median:.2f} ms, max {worst:.2f} ms ({FAVOURITE_SAMPLES} toggles)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
