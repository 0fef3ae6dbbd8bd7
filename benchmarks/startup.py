"""Process wall time from start to first frame, and peak RSS, in a real terminal.

Each run starts a fresh Python process on a pseudo-terminal (so Textual uses its
real Linux driver and writes its escape codes there, standard error included,
as in a terminal emulator) and times it from `Popen` until the process has
exited. filmtui runs as `python -m tui --db PATH` with
`FILMTUI_EXIT_AFTER_FIRST_FRAME=1`, which makes the app quit right after the
first frame that shows the list filled; the bare app (`benchmarks.bare`) quits
after its first frame. The time until that frame is on the terminal is taken
too (`Run.first_frame`): until the text read back from the terminal shows the
list's count (`N of N`), or the bare app's `Hello`. It leaves out the quitting,
which a big catalog's reading (a thread started after the first frame) slows
down. Each run gets empty XDG
directories, so it starts fresh (no remembered query) and cold (no kept
index); a warm run gets a cache directory in which the catalog's index was
kept before (`filmtui_warm`). Peak RSS is the child's `ru_maxrss` from
`os.wait4`.

Before each run the bytecode of the `tui` and `benchmarks` packages is
written (`compile_packages`), as `pip install` writes it: where
PYTHONDONTWRITEBYTECODE is set (as in some development shells) a run from the
source tree would otherwise compile every module from source at each start
(about 0.12 s), which no installed filmtui does. Python still reads the .pyc
files that exist when that variable is set.

    python -m benchmarks.startup [--sizes 10,100000] [--repeat 3]

prints the median of cold, warm and bare runs per size: to the exit, to the
first frame seen, and the peak RSS.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import math
import os
import pty
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import benchmarks
import tui
from tui.app import EXIT_AFTER_FIRST_FRAME

COLUMNS, ROWS = 120, 40
LIST_FILLED = re.compile(r"\d[\d,]* of \d[\d,]*")
"""The list's edge as the first frame shows it: "10 of 10 · 0 ★"."""
BARE_SHOWN = re.compile("Hello")
# What a terminal shows of escape codes: none (CSI, OSC and DCS sequences, lone ESCs).
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]P][^\x07\x1b]*(?:\x07|\x1b\\)|.)", re.S)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    first_frame: float = math.nan
    """Seconds until the terminal showed what was looked for (NaN: it never did)."""


def compile_packages() -> None:
    """Write the bytecode of `tui` and `benchmarks` where it is missing or stale."""
    for package in (tui, benchmarks):
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)


def isolated_env() -> dict[str, str]:
    """XDG directories of a new, empty home, so no remembered query or theme leaks in."""
    home = Path(tempfile.mkdtemp(prefix="filmtui-bench-home-"))
    return {
        name: str(home / name.lower())
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    }


def _drain(fd: int, shows: re.Pattern[str] | None, seen: list[float]) -> None:
    """Read what the child writes to its terminal until it closes; once the text
    on it matches `shows`, append the time to `seen`."""
    written = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        if shows is not None and not seen:
            written += chunk  # the whole of it: an escape code may span two reads
            text = _ESCAPES.sub(b"", written).decode("utf-8", "replace")
            if shows.search(text):
                seen.append(time.perf_counter())


def run_in_terminal(
    argv: list[str], env: dict[str, str] | None = None, shows: re.Pattern[str] | None = None
) -> Run:
    """Run `argv` on a fresh pseudo-terminal; its wall time and peak RSS, and the
    time until the terminal showed text that matches `shows`."""
    compile_packages()  # untimed; a few stat calls once it is written
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **isolated_env(), **(env or {})}
    seen: list[float] = []
    reader = threading.Thread(target=_drain, args=(master, shows, seen), daemon=True)
    reader.start()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,  # where Textual writes the screen
        env=full_env,
        start_new_session=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    os.close(slave)
    reader.join(timeout=2)
    os.close(master)
    first_frame = seen[0] - start if seen else math.nan
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, first_frame)


def filmtui(catalog: Path, cache: Path | None = None) -> Run:
    """A run to the first frame; with `cache`, that is its XDG_CACHE_HOME (a kept index)."""
    env = {EXIT_AFTER_FIRST_FRAME: "1", **({"XDG_CACHE_HOME": str(cache)} if cache else {})}
    return run_in_terminal([sys.executable, "-m", "tui", "--db", str(catalog)], env, LIST_FILLED)


_KEEP = (
    "import sys; from pathlib import Path; from tui.store.opening import open_library;"
    "from tui.finder import keep_index, library_index;"
    "library = open_library(Path(sys.argv[1])); index = library_index(library); index.build();"
    "keep_index(library, index)"
)


def kept_cache(catalog: Path) -> Path:
    """A new cache directory holding the kept index of `catalog`, as a first run leaves it."""
    cache = Path(tempfile.mkdtemp(prefix="filmtui-bench-cache-"))
    env = {**os.environ, **isolated_env(), "XDG_CACHE_HOME": str(cache)}
    subprocess.run([sys.executable, "-c", _KEEP, str(catalog)], env=env, check=True)
    return cache


def filmtui_warm(catalog: Path, repeat: int) -> list[Run]:
    """`repeat` runs to the first frame with the catalog's index kept from before."""
    cache = kept_cache(catalog)
    try:
        return [filmtui(catalog, cache) for _ in range(repeat)]
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def bare() -> Run:
    return run_in_terminal([sys.executable, "-m", "benchmarks.bare"], shows=BARE_SHOWN)


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks import generate

    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--sizes", default="10,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'':10} {'to the exit':^29} {'to the first frame':^29}")
    runs_of = ("cold", "warm", "bare")
    print(f"{'films':>10}" + 2 * "".join(f"{n:>10}" for n in runs_of) + "   cold MB  warm MB")
    for size in (int(part) for part in args.sizes.split(",")):
        catalog = generate.cached(size)
        cold = [filmtui(catalog) for _ in range(args.repeat)]
        warm = filmtui_warm(catalog, args.repeat)
        bares = [bare() for _ in range(args.repeat)]
        every = (cold, warm, bares)
        seconds = [statistics.median(r.seconds for r in runs) for runs in every]
        frames = [statistics.median(r.first_frame for r in runs) for runs in every]
        memory = [statistics.median(r.peak_rss_mb for r in runs) for runs in (cold, warm)]
        print(
            f"{size:>10,}"
            + "".join(f"{s:>9.2f}s" for s in [*seconds, *frames])
            + "".join(f"{m:>9.0f}" for m in memory)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
