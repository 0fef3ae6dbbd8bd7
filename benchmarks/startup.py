"""Process wall time from start to first frame, and peak RSS, in a real terminal.

Each run starts a fresh Python process on a pseudo-terminal (so Textual uses its
real Linux driver and writes its escape codes, as in a terminal emulator) and
times it from `Popen` until the process has exited. filmtui runs as
`python -m tui --db PATH` with `FILMTUI_EXIT_AFTER_FIRST_FRAME=1`, which makes
the app quit right after the first frame that shows the list filled; the bare
app (`benchmarks.bare`) quits after its first frame. Each run gets empty XDG
directories, so it starts fresh (no remembered query). Peak RSS is the child's
`ru_maxrss` from `os.wait4`.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tui.app import EXIT_AFTER_FIRST_FRAME

COLUMNS, ROWS = 120, 40


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int


def isolated_env() -> dict[str, str]:
    """XDG directories of a new, empty home, so no remembered query or theme leaks in."""
    home = Path(tempfile.mkdtemp(prefix="filmtui-bench-home-"))
    return {
        name: str(home / name.lower())
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")
    }


def _drain(fd: int) -> None:
    """Read (and drop) what the child writes to its terminal until it closes."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def run_in_terminal(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `argv` on a fresh pseudo-terminal; its wall time and peak RSS."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **isolated_env(), **(env or {})}
    reader = threading.Thread(target=_drain, args=(master,), daemon=True)
    reader.start()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=subprocess.DEVNULL,
        env=full_env,
        start_new_session=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    os.close(slave)
    reader.join(timeout=2)
    os.close(master)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode)


def filmtui(catalog: Path) -> Run:
    return run_in_terminal(
        [sys.executable, "-m", "tui", "--db", str(catalog)], {EXIT_AFTER_FIRST_FRAME: "1"}
    )


def bare() -> Run:
    return run_in_terminal([sys.executable, "-m", "benchmarks.bare"])
