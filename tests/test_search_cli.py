"""`filmtui list` with the new searches and sorts, as a real subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_filmtui
from tui.store.opening import open_library


def test_list_sorts_by_rating_and_filters_by_the_user_marks(
    catalog_path: Path, tmp_path: Path
) -> None:
    library = open_library(catalog_path)
    library.set_rating("planet-of-storms-1961", 4)
    library.set_rating("star-voyage-1962", 5)
    library.update_personal("star-voyage-1962", {"watches": ["2024-05-03"], "watchlist": True})
    db = str(catalog_path)
    by_rating = run_filmtui("--db", db, "list", "--sort", "rating", home=tmp_path)
    assert by_rating.returncode == 0
    ids = [line.split("\t")[0] for line in by_rating.stdout.splitlines()]
    assert ids[:2] == ["star-voyage-1962", "planet-of-storms-1961"]
    seen = run_filmtui("--db", db, "list", "-q", "watched:2024 is:watchlist", home=tmp_path)
    assert [line.split("\t")[0] for line in seen.stdout.splitlines()] == ["star-voyage-1962"]
    for sort in ("runtime", "last-watched"):
        assert run_filmtui("--db", db, "list", "--sort", sort, home=tmp_path).returncode == 0
