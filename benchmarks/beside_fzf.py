"""filmtui beside fzf, in one run, in the same tmux, on the same films.

    python -m benchmarks.beside_fzf [--sizes 10,100000,1000000] [--query TEXT]

fzf gets each film as one line of its title, year, description and fact and
runs with `--exact`. Both are started in a tmux window of 120×40; the query
(7 characters) is typed the moment the list appears, as a user would, and the
screen is read with `capture-pane` every few milliseconds:

- launch → first frame: until the list shows films;
- launch → narrowed: until the list shows the query's films, and their final count;
- last key → narrowed: from the last key typed to that;
- one more key, warm: one more character typed once narrowed, to its count.

filmtui runs twice per size: cold (a new XDG home: nothing kept from before; the
session stays open until the index is kept, as a user's would)
and warm (the same home again, the catalog opened once before). fzf keeps
nothing, so it runs once. The table gives filmtui's times over fzf's, cold and
warm. fzf is installed with the system's package manager when it is missing
(`ensure_fzf`), and its columns are left out when it cannot be had.
`python -m benchmarks` runs this after its own table. It prints figures; it
never passes or fails. The bytecode of filmtui is written first
(`benchmarks.startup.compile_packages`), as an installed filmtui has it, even
where PYTHONDONTWRITEBYTECODE would have each start compile it from source.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate
from benchmarks.startup import compile_packages
from tui.finder import KEEP_FROM

WIDTH, HEIGHT = 120, 40
POLL = 0.004  # seconds between two reads of the screen
TIMEOUT = 180.0  # seconds a stage may take before it is given up (its figure: —)
SESSION = "filmtui-beside-fzf"
# filmtui's list edge: "1,234 of 100,000 · …" ("300+ of …" while a search runs).
FILMTUI_COUNT = re.compile(r"(\d[\d,]*)(\+?) of (\d[\d,]*)")
# fzf's info line: "  1234/100000".
FZF_COUNT = re.compile(r"^\s*(\d+)/(\d+)", re.M)


@dataclass
class Timing:
    first_frame: float = float("nan")
    narrowed: float = float("nan")
    last_key: float = float("nan")
    one_more_key: float = float("nan")


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=30
    ).stdout


def _screen() -> str:
    return _tmux("capture-pane", "-p", "-t", SESSION)


def _wait(test: Callable[[str], bool], since: float) -> float:
    """Seconds from `since` until the screen passes `test`."""
    while True:
        if test(_screen()):
            return time.perf_counter() - since
        if time.perf_counter() - since > TIMEOUT:
            raise TimeoutError(f"the screen never got there:\n{_screen()}")
        time.sleep(POLL)


def _filmtui_count(screen: str) -> tuple[int, bool, int] | None:
    match = FILMTUI_COUNT.search(screen)
    if match is None:
        return None
    shown, partial, total = match.groups()
    busy = partial == "+" or "searching" in screen or "indexing" in screen
    return int(shown.replace(",", "")), busy, int(total.replace(",", ""))


def _fzf_count(screen: str) -> tuple[int, bool, int] | None:
    match = FZF_COUNT.search(screen)
    if match is None:
        return None
    return int(match.group(1)), False, int(match.group(2))


def _session(
    command: str,
    query: str,
    size: int,
    count: Callable[[str], tuple[int, bool, int] | None],
    typed: Callable[[str, str], bool],
    settled: Callable[[], bool] = lambda: True,
) -> Timing:
    """Start `command` in tmux, type `query` at the first frame, time each stage;
    quit once `settled` (at most `TIMEOUT` seconds after the last figure)."""
    timing = Timing()
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True, check=False)
    started = time.perf_counter()
    _tmux("new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT), command)

    def listed(screen: str) -> bool:
        found = count(screen)
        return found is not None and found[2] == size and found[0] > 0

    try:
        timing.first_frame = _wait(listed, started)
        for character in query:
            _tmux("send-keys", "-t", SESSION, "-l", character)
        last_key = time.perf_counter()

        def narrowed(screen: str, text: str = query) -> bool:
            found = count(screen)
            return found is not None and typed(screen, text) and not found[1] and found[0] < size

        timing.last_key = _wait(narrowed, last_key)
        timing.narrowed = time.perf_counter() - started
        _tmux("send-keys", "-t", SESSION, "-l", "e")
        key = time.perf_counter()
        timing.one_more_key = _wait(lambda screen: narrowed(screen, query + "e"), key)
    except TimeoutError as error:  # the figures not reached stay unknown (—)
        print(f"{command}: {error}", file=sys.stderr)
    with contextlib.suppress(TimeoutError):
        _wait(lambda screen: settled(), time.perf_counter())
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True, check=False)
    return timing


def fzf_lines(catalog: Path) -> Path:
    """The catalog as fzf reads it: a line per film of its title, year, description, fact."""
    lines = catalog.with_suffix(".fzf.txt")
    if not lines.exists():
        films = json.loads(catalog.read_text(encoding="utf-8"))["films"].values()
        with lines.open("w", encoding="utf-8") as out:
            for film in films:
                text = f"{film['title']} ({film['year']}) {film['description']} {film['fact']}"
                out.write(" ".join(text.split()) + "\n")
    return lines


def _home(folder: Path) -> str:
    return " ".join(
        f"{name}={folder / name.lower()}"
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    )


def query_for(catalog: Path) -> str:
    """Seven letters that some films hold: the start of a long title word of the catalog."""
    films = list(json.loads(catalog.read_text(encoding="utf-8"))["films"].values())
    middle = len(films) // 2
    for film in films[middle:] + films[:middle]:
        title: str = film["title"]
        for word in title.lower().split():
            if len(word) >= 7 and word.isascii() and word.isalpha():
                return word[:7]
    return "venus"


# How each package manager installs a program, tried in this order.
INSTALLERS = (
    ("apt-get", ["apt-get", "install", "-y", "-q"]),
    ("dnf", ["dnf", "install", "-y", "-q"]),
    ("pacman", ["pacman", "-S", "--noconfirm"]),
    ("apk", ["apk", "add"]),
    ("brew", ["brew", "install"]),
)


def ensure_installed(program: str) -> bool:
    """True when `program` is on the PATH, installing it first with the system's
    package manager if it is not (as root, or through `sudo -n`: never a prompt)."""
    if shutil.which(program):
        return True
    for manager, command in INSTALLERS:
        if not shutil.which(manager):
            continue
        elevate = [] if manager == "brew" or _is_root() else ["sudo", "-n"]
        if elevate and not shutil.which("sudo"):
            continue
        print(f"installing {program} with {manager}…", file=sys.stderr)
        done = subprocess.run(
            [*elevate, *command, program], capture_output=True, check=False, timeout=600
        )
        if done.returncode == 0 and shutil.which(program):
            return True
    print(f"{program} could not be installed: its figures are left out", file=sys.stderr)
    return False


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def measure(
    size: int, query: str | None, *, fzf: bool = True, seed: int = generate.DEFAULT_SEED
) -> dict[str, Timing]:
    """filmtui cold and warm (and fzf, unless `fzf` is False) on `size` films."""
    catalog = generate.cached(size, seed)
    query = query or query_for(catalog)
    print(f"{size:,} films: typing {query!r}", file=sys.stderr)
    timings: dict[str, Timing] = {}
    compile_packages()

    def typed(screen: str, text: str) -> bool:
        return text in screen

    with tempfile.TemporaryDirectory(prefix="filmtui-fzf-home-") as home:
        library = Path(home) / "films.json"
        shutil.copy(catalog, library)
        command = f"env {_home(Path(home))} {sys.executable} -m tui --fresh --db {library}"
        kept = Path(home) / "xdg_cache_home" / "filmtui" / "index"

        def index_kept() -> bool:  # as by a user who kept filmtui open that long
            return size < KEEP_FROM or any(kept.glob("*.index"))

        for run in ("cold", "warm"):
            timings[f"filmtui {run}"] = _session(
                command, query, size, _filmtui_count, typed, index_kept
            )
    if fzf:
        lines = fzf_lines(catalog)
        command = f"fzf --exact --no-sort < {lines}"
        timings["fzf"] = _session(command, query, size, _fzf_count, typed)
    return timings


def _ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "—"
    return f"{seconds * 1000:,.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(results: dict[int, dict[str, Timing]]) -> str:
    """The figures of each size, and filmtui's cold and warm times over fzf's."""
    rows = [
        ("launch → first frame", "first_frame"),
        ("launch → list narrowed", "narrowed"),
        ("last key → list narrowed", "last_key"),
        ("one more key", "one_more_key"),
    ]
    out = []
    for size, timings in results.items():
        names = list(timings)
        ratios = [f"{run} ×fzf" for run in ("cold", "warm")] if "fzf" in timings else []
        out.append(f"\n{size:,} films")
        out.append(f"{'':26}" + "".join(f"{name:>14}" for name in [*names, *ratios]))
        for label, attribute in rows:
            cells = [_ms(getattr(timings[name], attribute)) for name in names]
            if ratios:
                fzf = getattr(timings["fzf"], attribute)
                for run in ("cold", "warm"):
                    ratio = getattr(timings[f"filmtui {run}"], attribute) / fzf
                    cells.append("—" if math.isnan(ratio) else f"{ratio:.1f}×")
            out.append(f"{label:26}" + "".join(f"{cell:>14}" for cell in cells))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.beside_fzf")
    parser.add_argument("--sizes", default="10,100000,1000000")
    parser.add_argument("--query", help="what is typed (default: 7 letters of a title)")
    args = parser.parse_args(argv)
    if not ensure_installed("tmux"):
        return 2
    fzf = ensure_installed("fzf")
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    for size in sizes:  # each as soon as it is measured: a million films take minutes
        print(table({size: measure(size, args.query, fzf=fzf)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
