"""Run the whole filmtui benchmark and print one table.

    python -m benchmarks [--sizes 10,10000,100000,1000000] [--repeat 3] [--seed 5]
                         [--fzf-sizes 10,100000,1000000 | --no-fzf] [--quick]

For each catalog size (generated once into /tmp/filmtui-bench, see
`benchmarks.generate`) it measures:

- start: process wall time of `python -m tui --db PATH` on a pseudo-terminal
  until the first frame with the list filled (median of `--repeat` runs; one
  run at a million films), and the same for a bare Textual app, printed as a
  ratio (`benchmarks.startup`);
- in-app first frame, keystroke to repainted list (median, p95, max over a
  scripted typing session), the longest UI stall, favourite toggle to durable
  write and repaint, and the store's write alone (`benchmarks.session`, a
  child process per size);
- peak RSS of the start run and of the session run (`ru_maxrss` via `os.wait4`);
- then, for `--fzf-sizes`, filmtui beside fzf in the same tmux, typing the same
  query, cold (nothing kept) and warm (opened before), with filmtui's times over
  fzf's (`benchmarks.beside_fzf`; tmux and fzf are installed with the system's
  package manager when missing, and fzf's columns left out if it cannot be had).

`--quick` measures 10 and 100,000 films only, each start once.

It prints figures; it never passes or fails. CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import beside_fzf, generate, startup
from benchmarks.session import TYPING_SESSION
from tui.store.locations import backup_path, personal_data_path

DEFAULT_SIZES = (10, 10_000, 100_000, 1_000_000)
FZF_SIZES = (10, 100_000, 1_000_000)
QUICK_SIZES = (10, 100_000)
BIG = 1_000_000


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from error
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sizes


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _session(catalog: Path) -> tuple[dict[str, Any], float]:
    """Run `benchmarks.session` in a child; its figures and its peak RSS (MB)."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.session", str(catalog)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env={**os.environ, **startup.isolated_env()},
        )
        assert process.stdout is not None
        out = process.stdout.read()
        # Reap the child ourselves: os.wait4 gives its own rusage.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise RuntimeError(f"session on {catalog} failed:\n{message}")
    return json.loads(out.decode().splitlines()[0]), usage.ru_maxrss / 1024


def _forget_favourites(catalog: Path) -> None:
    for path in (personal_data_path(catalog), backup_path(personal_data_path(catalog))):
        path.unlink(missing_ok=True)


def measure(size: int, repeat: int, seed: int) -> dict[str, float]:
    before = time.perf_counter()
    catalog = generate.cached(size, seed)
    print(
        f"  {size:,} films: {catalog} ({catalog.stat().st_size / 1e6:.1f} MB, "
        f"ready in {time.perf_counter() - before:.1f} s)",
        file=sys.stderr,
    )
    _forget_favourites(catalog)
    runs = [startup.filmtui(catalog) for _ in range(1 if size >= BIG else repeat)]
    failed = [run for run in runs if run.returncode != 0]
    if failed:
        raise RuntimeError(f"filmtui exited with {failed[0].returncode} on {catalog}")
    figures, session_rss = _session(catalog)
    _forget_favourites(catalog)
    keys = [key["s"] for key in figures["keys"]]
    complete = [key["s"] for key in figures["keys_complete"]]
    return {
        "films": size,
        "megabytes": catalog.stat().st_size / 1e6,
        "start": statistics.median(run.seconds for run in runs),
        "first_frame": figures["first_frame"],
        "index_ready": figures["index_ready"],
        "early_key": figures["early_key"],
        "key_median": statistics.median(keys),
        "key_p95": _p95(keys),
        "key_max": max(keys),
        "complete_median": statistics.median(complete),
        "complete_p95": _p95(complete),
        "stall": max(figures["stall_typing"], figures["stall_start"]),
        "stall_typing": figures["stall_typing"],
        "stall_start": figures["stall_start"],
        "favourite": statistics.median(figures["favourite"]),
        "favourite_store": statistics.median(figures["favourite_store"]),
        "scroll": max(figures["scroll"]),
        "rss_start": max(run.peak_rss_mb for run in runs),
        "rss_session": session_rss,
    }


COLUMNS = [
    # (heading, key, format, scale)
    ("films", "films", "{:,.0f}", 1),
    ("MB", "megabytes", "{:.1f}", 1),
    ("start s", "start", "{:.2f}", 1),
    ("×bare", "ratio", "{:.2f}", 1),
    ("in-app s", "first_frame", "{:.2f}", 1),
    ("index s", "index_ready", "{:.2f}", 1),
    ("1st key s", "early_key", "{:.2f}", 1),
    ("key med ms", "key_median", "{:.1f}", 1000),
    ("key p95 ms", "key_p95", "{:.1f}", 1000),
    ("key max ms", "key_max", "{:.1f}", 1000),
    ("all med ms", "complete_median", "{:.0f}", 1000),
    ("all p95 ms", "complete_p95", "{:.0f}", 1000),
    ("stall ms", "stall_typing", "{:.0f}", 1000),
    ("start stall ms", "stall_start", "{:.0f}", 1000),
    ("fav ms", "favourite", "{:.1f}", 1000),
    ("fav write ms", "favourite_store", "{:.2f}", 1000),
    ("scroll max ms", "scroll", "{:.1f}", 1000),
    ("RSS start MB", "rss_start", "{:.0f}", 1),
    ("RSS session MB", "rss_session", "{:.0f}", 1),
]


def table(rows: list[dict[str, float]]) -> str:
    cells = [[heading for heading, *_ in COLUMNS]]
    for row in rows:
        cells.append([fmt.format(row[key] * scale) for _, key, fmt, scale in COLUMNS])
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True))
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


LEGEND = """\
start s: wall time of `python -m tui --db PATH` on a pseudo-terminal, process start to the
  first frame with the list filled (median of runs); ×bare: that over a bare Textual app's.
in-app s: make_app() to that first frame, headless (no interpreter start or imports).
index s: make_app() until the search index is built (in a thread after the first frame);
  1st key s: `s` typed at the first frame, until the list shows its first films (a search
  waits for the titles to be indexed and searches the text indexed so far).
key: keystroke to repainted list over {keys} scripted keys ({session}): the list shows
  the first screen of the results (a search shows its first films before it has looked at
  every film); all: the same keys, each until the search is complete (the count is final).
stall ms: longest the event loop was blocked while typing; start stall ms: while starting
  (until the index is built).
fav ms: `f` to durable write and repaint; fav write ms: Library.toggle_favourite alone.
scroll max ms: the slowest of PageDown ×10, End, Home in the list, key to repainted list.
RSS: peak resident memory (ru_maxrss) of the start run and of the session run."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="Measure filmtui; print a table."
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated catalog sizes (default: 10,10000,100000,1000000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="start runs per size (1 at a million)"
    )
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--fzf-sizes",
        type=_sizes,
        default=list(FZF_SIZES),
        help="sizes measured beside fzf (default: 10,100000,1000000)",
    )
    parser.add_argument("--no-fzf", action="store_true", help="do not measure beside fzf")
    parser.add_argument(
        "--quick", action="store_true", help="10 and 100,000 films only, each start once"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [size for size in args.sizes if size in QUICK_SIZES] or list(QUICK_SIZES)
        args.fzf_sizes = [size for size in args.fzf_sizes if size in QUICK_SIZES]
        args.repeat = 1

    print("measuring a bare Textual app…", file=sys.stderr)
    bare_runs = [startup.bare() for _ in range(max(args.repeat, 3))]
    bare = statistics.median(run.seconds for run in bare_runs)
    rows = []
    for size in args.sizes:
        print(f"measuring {size:,} films…", file=sys.stderr)
        row = measure(size, args.repeat, args.seed)
        row["ratio"] = row["start"] / bare
        rows.append(row)

    print()
    print(
        f"bare Textual app: {bare:.3f} s to first frame, peak RSS "
        f"{max(run.peak_rss_mb for run in bare_runs):.0f} MB  "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)"
    )
    print(table(rows))
    print()
    print(LEGEND.format(keys=len(TYPING_SESSION), session=_describe(TYPING_SESSION)))
    beside = {} if args.no_fzf else _beside_fzf(args.fzf_sizes, args.seed)
    if args.json:
        fzf_rows = {size: {k: vars(t) for k, t in runs.items()} for size, runs in beside.items()}
        args.json.write_text(
            json.dumps({"bare": bare, "rows": rows, "beside_fzf": fzf_rows}, indent=1)
        )
    return 0


def _beside_fzf(sizes: Sequence[int], seed: int) -> dict[int, dict[str, beside_fzf.Timing]]:
    """Measure and print filmtui beside fzf (`benchmarks.beside_fzf`) at `sizes`."""
    if not sizes or not beside_fzf.ensure_installed("tmux"):
        return {}
    fzf = beside_fzf.ensure_installed("fzf")
    print()
    print("filmtui beside fzf (tmux, 120×40, the query typed at the first frame):")
    results = {}
    for size in sizes:  # each as soon as it is measured: a million films take minutes
        print(f"measuring {size:,} films beside fzf…", file=sys.stderr)
        results[size] = beside_fzf.measure(size, None, fzf=fzf, seed=seed)
        print(beside_fzf.table({size: results[size]}), flush=True)
    print()
    print(FZF_LEGEND)
    return results


FZF_LEGEND = """\
cold: a new XDG home (nothing kept); warm: the same home, the catalog opened once before.
fzf gets a line per film (title, year, description, fact) and runs with --exact; it keeps
nothing, so it runs once. ×fzf: filmtui's time over fzf's (lower is better, 1.0× is even)."""


def _describe(keys: Sequence[str]) -> str:
    """`star⌫⌫⌫⌫ xyzq⎋ star of venus⎋ year:1984⎋` for the legend."""
    marks = {"backspace": "⌫", "escape": "⎋ "}
    return "".join(marks.get(key, key) for key in keys).strip()


if __name__ == "__main__":
    sys.exit(main())
