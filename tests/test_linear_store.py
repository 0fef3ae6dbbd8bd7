"""Import and opening do work linear in the films: counted, not timed.

A 58,788-film import once took 17 minutes (the planner rebuilt a set and a
list per record, the store scanned its table per film), and opening 20,000
films that share an id took half a minute. Timing tests are flaky on a
shared machine; instead these count the Python lines the store, the
planner and TinyDB execute for n films and for 2n: linear work doubles,
quadratic work quadruples.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import tinydb

import tui
from tests.conftest import write_catalog
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.model.unique_ids import UniqueIds
from tui.store.opening import open_library
from tui.transfer.columns import Record
from tui.transfer.merging import plan_import

WATCHED = (str(Path(tui.__file__).parent), str(Path(tinydb.__file__).parent))
SMALL = 400


def lines_run(work: Callable[[], object]) -> int:
    """How many lines of filmtui and TinyDB `work` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(WATCHED) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def assert_linear(work: Callable[[int], Callable[[], object]]) -> None:
    """The lines of `work(2n)` are at most 2.5 times those of `work(n)`."""
    small, big = lines_run(work(SMALL)), lines_run(work(2 * SMALL))
    assert big <= 2.5 * small, f"{SMALL}: {small} lines, {2 * SMALL}: {big} lines"


def test_planning_an_import_is_linear() -> None:
    def work(n: int) -> Callable[[], object]:
        fresh = [Record(f"line {i}", {"title": f"Film {i}", "year": 2000}) for i in range(n)]
        # The same films again, changed: each meets one planned earlier in the file.
        again = [
            Record(f"line {n + i}", {"title": f"Film {i}", "year": 2000, "fact": "new"})
            for i in range(n)
        ]
        for record in again:
            record.marks["favourite"] = True
        # And the library's films, met by title and year.
        films = [Film(f"old-{i}", f"Old {i}", 1990) for i in range(n)]
        known = [Record(f"line {2 * n + i}", {"title": f"Old {i}", "year": 1990}) for i in range(n)]
        return lambda: plan_import(films, {}, [*fresh, *again, *known])

    assert_linear(work)


def test_storing_an_import_is_linear(tmp_path: Path) -> None:
    def work(n: int) -> Callable[[], object]:
        catalog = write_catalog(tmp_path / f"{n}" / "films.json", [])
        library = open_library(catalog)
        films = [Film(f"film-{i}", f"Film {i}", 2000, "", "") for i in range(n)]
        library.import_entries((film, UserMarks(rating=3)) for film in films)
        changed = [Film(f.id, f.title, 2001, "", "") for f in films[::2]]
        added = [Film(f"more-{i}", f"More {i}", 2000, "", "") for i in range(n // 2)]
        return lambda: library.import_entries((f, UserMarks(True)) for f in [*changed, *added])

    assert_linear(work)


def test_opening_films_that_share_an_id_or_have_none_is_linear(tmp_path: Path) -> None:
    def work(n: int) -> Callable[[], object]:
        shared = [{"id": "same", "title": f"Film {i}", "year": 1999} for i in range(n)]
        without = [{"title": "Same", "year": 1999} for _ in range(n)]
        catalog = write_catalog(tmp_path / f"{n}" / "films.json", [*shared, *without])
        return lambda: open_library(catalog)

    assert_linear(work)


def test_unique_ids_are_those_of_unique_id_in_order() -> None:
    ids = UniqueIds(["a", "a-3"])
    assert [ids.claim(base) for base in ["a", "a", "b", "a", "a-2", "b"]] == [
        "a-2",
        "a-4",
        "b",
        "a-5",
        "a-2-2",
        "b-2",
    ]
