"""The progress of `filmtui import`: a bar on a terminal (a real pty), nothing on a pipe."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import on_a_terminal, run_filmtui
from tui.store.opening import open_library
from tui.transfer.merging import plan_import
from tui.transfer.progress import EVERY
from tui.transfer.sources import read_source

IMDB = Path(__file__).parent / "exports" / "imdb" / "ratings.csv"
SUMMARY = b"filmtui: IMDb export: 3 records read"
ESC = b"\x1b"


def import_on_a_terminal(home: Path, *args: str) -> tuple[int, bytes]:
    """`filmtui import ARGS` with standard error on a real terminal: its status and bytes."""
    return on_a_terminal("import", *args, home=home, stdout=False, columns=100)


def test_a_terminal_shows_each_stage_then_only_the_report(tmp_path: Path) -> None:
    library = tmp_path / "new" / "films.json"
    status, output = import_on_a_terminal(tmp_path, str(IMDB), "--db", str(library))
    assert status == 0, output
    for stage in (b"reading ratings.csv", b"planning 3 records", b"writing 3 films"):
        assert b"filmtui: " + stage in output, output
    bar, _, report = output.rpartition(SUMMARY)
    assert bar.count(b"100%") >= 3  # each stage's line drawn full
    assert bar.endswith(b"\x1b[2K")  # the bar's lines erased before the report
    assert b"\x1b[?25h" in bar  # and the cursor shown again
    assert ESC not in report  # nothing of the bar after it
    assert b"3 added, 0 updated" in report
    assert len(open_library(library).films) == 3


def test_a_file_that_cannot_be_read_clears_the_bar_for_its_one_line(tmp_path: Path) -> None:
    library = tmp_path / "new" / "films.json"
    status, output = import_on_a_terminal(
        tmp_path, str(tmp_path / "missing.csv"), "--db", str(library)
    )
    assert status == 2
    bar, _, message = output.rpartition(b"filmtui: ")
    assert b"reading missing.csv" in bar and bar.endswith(b"\x1b[2K")
    assert message.startswith(str(tmp_path / "missing.csv").encode())
    assert message.rstrip().endswith(b"nothing was imported.")
    assert ESC not in message


def test_a_pipe_gets_the_report_alone(tmp_path: Path) -> None:
    library = tmp_path / "new" / "films.json"
    result = run_filmtui("import", str(IMDB), "--db", str(library), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "reading" not in result.stderr and "planning" not in result.stderr
    assert result.stderr.splitlines()[:2] == [
        "filmtui: IMDb export: 3 records read",
        "filmtui: 3 added, 0 updated, 0 unchanged, 0 skipped",
    ]


def big_csv(path: Path, films: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["title", "year", "notes"])
        for number in range(films):
            # every tenth note runs over two lines: lines are not rows
            writer.writerow(
                [f"Film {number}", 1900 + number % 100, "a\nb" if not number % 10 else ""]
            )
    return path


def test_reading_and_planning_tell_how_far_they_have_come(tmp_path: Path) -> None:
    films = 3 * EVERY + 5
    path = big_csv(tmp_path / "films.csv", films)
    lines = path.read_text(encoding="utf-8").count("\n")
    read: list[tuple[int, int | None]] = []
    records = read_source(path, progress=lambda done, total: read.append((done, total))).records
    assert len(records) == films
    assert len(read) >= 3 and read[-1] == (lines, lines)
    assert all(total == lines for _, total in read)
    assert [done for done, _ in read] == sorted({done for done, _ in read})  # onwards only
    planned: list[tuple[int, int | None]] = []
    plan = plan_import([], {}, records, lambda done, total: planned.append((done, total)))
    assert len(plan.added) == films
    assert planned == [(n * EVERY, films) for n in (1, 2, 3)] + [(films, films)]
