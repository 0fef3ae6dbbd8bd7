"""How long the store takes where it used to be quadratic.

    python -m benchmarks.store_speed [--imports 10000,60000] [--tiny 1000000]
                                     [--odd-ids 20000] [--open PATH]

- import: `filmtui import` of a CSV of N generated films into an empty
  library (a real subprocess, wall time), then `f` on one film of the
  imported library: the time to a durable write (the user file then holds
  N films and N marks);
- tiny: `filmtui import` of a JSON list of N records of a title only;
- odd ids: opening a catalog of N films that share one id, and of N films
  without ids and one title (both used to be quadratic);
- open: `open_library` of PATH, median of 5 fresh processes.

It prints figures; it never passes or fails. CI does not run it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import generate
from tui.store.atomic_json import encode


def _numbers(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(*args: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time of `python -m tui ARGS`: the machine may be shared."""
    started, cpu = time.perf_counter(), _cpu_of_children()
    subprocess.run([sys.executable, "-m", "tui", *args], check=True, env=env, capture_output=True)
    return time.perf_counter() - started, _cpu_of_children() - cpu


def _empty_library(folder: Path) -> Path:
    catalog = folder / "films.json"
    catalog.write_bytes(encode({"films": {}}))
    return catalog


def _csv_of(count: int, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["title", "year", "description", "fact", "favourite", "rating"])
        for number, doc in enumerate(generate.documents(count)):
            writer.writerow(
                [doc["title"], doc["year"], doc["description"], doc["fact"], number % 7 == 0, 3]
            )
    return path


def _favourite_write(catalog: Path) -> float:
    code = (
        "import time, sys; from pathlib import Path; "
        "from tui.store.opening import open_library; "
        "library = open_library(Path(sys.argv[1])); film = library.films[len(library.films) // 2]; "
        "t = time.perf_counter(); library.toggle_favourite(film.id); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(catalog)], check=True, capture_output=True, text=True
    )
    return float(out.stdout)


def _open_time(catalog: Path) -> float:
    code = (
        "import time, sys; from pathlib import Path; "
        "from tui.store.opening import open_library; "
        "t = time.perf_counter(); open_library(Path(sys.argv[1])); print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(catalog)], check=True, capture_output=True, text=True
    )
    return float(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_speed")
    parser.add_argument("--imports", type=_numbers, default=[10_000, 60_000])
    parser.add_argument("--tiny", type=int, default=1_000_000)
    parser.add_argument("--odd-ids", type=int, default=20_000)
    parser.add_argument("--open", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env = {**os.environ, "XDG_DATA_HOME": temp, "XDG_STATE_HOME": temp}
        for count in args.imports:
            work = folder / f"import-{count}"
            work.mkdir()
            catalog = _empty_library(work)
            source = _csv_of(count, work / "films.csv")
            took, cpu = _run("--db", str(catalog), "import", str(source), env=env)
            write = _favourite_write(catalog)
            print(
                f"import {count:>9,} films (CSV): {took:6.2f} s ({cpu:.2f} s CPU); "
                f"then f -> durable: {write * 1000:.0f} ms"
            )
        if args.tiny:
            work = folder / "tiny"
            work.mkdir()
            catalog = _empty_library(work)
            source = work / "tiny.json"
            source.write_text(json.dumps([{"title": f"T{n}"} for n in range(args.tiny)]))
            took, cpu = _run("--db", str(catalog), "import", str(source), env=env)
            print(f"import {args.tiny:>9,} tiny records (JSON): {took:6.2f} s ({cpu:.2f} s CPU)")
        if args.odd_ids:
            for label, document in (
                ("one shared id", lambda n: {"id": "same", "title": f"Film {n}", "year": 1999}),
                ("no ids, one title", lambda n: {"title": "Same", "year": 1999}),
            ):
                catalog = folder / f"odd-{len(label)}.json"
                table = {str(n): document(n) for n in range(1, args.odd_ids + 1)}
                catalog.write_bytes(encode({"films": table}))
                took = _open_time(catalog)
                print(f"open {args.odd_ids:,} films, {label}: {took:6.2f} s")
        if args.open is not None:
            times = [_open_time(args.open) for _ in range(5)]
            print(f"open {args.open}: median {statistics.median(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
