"""Kill a process that writes favourites, hundreds of times, and count what was lost.

A child process opens a library whose favourites file is padded to a few MB
(so a write takes long enough to be interrupted) and marks favourites in a
loop, printing each one's id after `set_favourite` returns. The parent kills
it with SIGKILL at a random moment, then opens the library as filmtui does
and checks that it opens, and that every favourite whose write had returned
(in this round and every earlier one) is there; then it starts the next round.

    python -m benchmarks.crash_test                  # 300 kills on a 5 MB store
    python -m benchmarks.crash_test --kills 1000 --mb 1
    python -m benchmarks.crash_test --stock          # the same with TinyDB's JSONStorage

`--stock` makes the child write with TinyDB's own `JSONStorage` (in-place
writes) instead of filmtui's store, to show what the harness catches.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tui.store.atomic_json import encode, stale_temp_files
from tui.store.locations import bundled_catalog_bytes, personal_data_path
from tui.store.opening import StoreError, open_library
from tui.store.user_file import PERSONAL_TABLE

READY = "ready"
PAD_DOCUMENT_BYTES = 96


@dataclass
class Figures:
    """What a crash run found."""

    kills: int = 0
    writes_saved: int = 0
    writes_checked: int = 0
    losses: int = 0
    unreadable: int = 0
    temp_files_left: int = 0
    temp_files_after_open: int = 0
    seconds: float = 0.0
    store_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.losses == 0 and self.unreadable == 0 and self.temp_files_after_open == 0

    def summary(self) -> str:
        return (
            f"kills: {self.kills}, writes acknowledged: {self.writes_saved} "
            f"(each checked again after every later kill: {self.writes_checked} checks), "
            f"losses: {self.losses}, unreadable stores: {self.unreadable}, "
            f"temp files left by kills: {self.temp_files_left} "
            f"(left after the next open: {self.temp_files_after_open}), "
            f"store: {self.store_bytes / 1e6:.1f} MB, time: {self.seconds:.0f} s"
        )


def make_library(directory: Path, store_bytes: int) -> Path:
    """A catalog and a favourites file padded to about `store_bytes`."""
    catalog = directory / "films.json"
    catalog.write_bytes(bundled_catalog_bytes())
    count = max(1, store_bytes // PAD_DOCUMENT_BYTES)
    padding = {
        str(number): {"id": f"pad-{number:07d}", "favourite": False, "note": "n" * 40}
        for number in range(1, count + 1)
    }
    personal_data_path(catalog).write_bytes(encode({PERSONAL_TABLE: padding}))
    return catalog


def child(catalog: Path, prefix: str, stock: bool) -> None:
    """Mark favourites `<prefix>-0`, `<prefix>-1`, … until killed; print each once saved."""
    if stock:
        from tinydb import Query, TinyDB
        from tinydb.storages import JSONStorage

        db = TinyDB(personal_data_path(catalog), storage=JSONStorage)
        table = db.table(PERSONAL_TABLE, cache_size=0)

        def mark(film_id: str) -> None:
            table.upsert({"id": film_id, "favourite": True}, Query().id == film_id)

    else:
        library = open_library(catalog)

        def mark(film_id: str) -> None:
            library.set_favourite(film_id, True)

    print(READY, flush=True)
    number = 0
    while True:
        film_id = f"{prefix}-{number}"
        mark(film_id)
        print(film_id, flush=True)
        number += 1


def run(
    kills: int,
    store_bytes: int,
    seed: int = 0,
    stock: bool = False,
    max_delay: float | None = None,
    directory: Path | None = None,
    progress: bool = False,
) -> Figures:
    """Kill a writing child `kills` times; return what was checked and lost."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=directory) as temp:
        catalog = make_library(Path(temp), store_bytes)
        figures.store_bytes = personal_data_path(catalog).stat().st_size
        write_seconds = _time_one_write(catalog)
        # Kill anywhere in the first few writes of the round (a mark in a big
        # library goes to the small file of recent marks and takes a millisecond:
        # give it 50 ms at least, or nothing is ever acknowledged before the kill).
        delay_limit = max_delay if max_delay is not None else max(3 * write_seconds, 0.05)
        saved: set[str] = set()
        for round_number in range(kills):
            acked = _kill_one(catalog, f"r{round_number}", stock, rng.uniform(0, delay_limit))
            saved |= acked
            figures.writes_saved += len(acked)
            figures.kills += 1
            figures.temp_files_left += len(stale_temp_files(personal_data_path(catalog)))
            try:
                library = open_library(catalog)
            except StoreError as error:
                figures.unreadable += 1
                figures.problems.append(f"round {round_number}: {error}")
                saved.clear()  # nothing more can be checked against a lost file
                personal = personal_data_path(catalog)
                personal.write_bytes(encode({PERSONAL_TABLE: {}}))
                continue
            figures.temp_files_after_open += len(stale_temp_files(personal_data_path(catalog)))
            missing = saved - library.favourites
            figures.writes_checked += len(saved)
            if missing:
                figures.losses += len(missing)
                figures.problems.append(f"round {round_number}: lost {sorted(missing)[:5]}")
                saved -= missing
            if progress and (round_number + 1) % 25 == 0:
                print(f"  {round_number + 1} kills, {figures.losses} losses", file=sys.stderr)
    figures.seconds = time.perf_counter() - started
    return figures


def _time_one_write(catalog: Path) -> float:
    library = open_library(catalog)
    started = time.perf_counter()
    library.set_favourite("timing", True)
    return time.perf_counter() - started


def _kill_one(catalog: Path, prefix: str, stock: bool, delay: float) -> set[str]:
    """Start a writer, kill it `delay` s after it is ready; return what it saved."""
    command = [sys.executable, "-m", "benchmarks.crash_test", "--child", str(catalog), prefix]
    if stock:
        command.append("--stock")
    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(repo), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=repo, env=env)
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if first != READY:
        process.kill()
        process.wait()
        raise RuntimeError(f"the writer did not start (it said {first!r})")
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return {line.strip() for line in process.stdout if line.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the favourites file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stock", action="store_true", help="write with TinyDB's JSONStorage")
    parser.add_argument("--child", nargs=2, metavar=("CATALOG", "PREFIX"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), args.child[1], args.stock)
        return 0
    storage = "TinyDB JSONStorage (in place)" if args.stock else "filmtui store (atomic)"
    print(f"crash test: {args.kills} SIGKILLs, {args.mb} MB favourites file, {storage}")
    figures = run(args.kills, int(args.mb * 1e6), seed=args.seed, stock=args.stock, progress=True)
    print(figures.summary())
    for problem in figures.problems[:10]:
        print(f"  {problem}")
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
