"""Marks and films never share a file, and a mark stays small however big the marks are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_catalog
from tests.library_helpers import film_in
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.store import library as library_module
from tui.store.locations import edits_path, personal_data_path, recent_marks_path
from tui.store.opening import open_library

MANY = 3_000  # films with marks: a marks file of some 500 KB


def tables(path: Path) -> dict[str, dict[str, object]]:
    return json.loads(path.read_bytes())


def imported(tmp_path: Path, count: int = MANY) -> Path:
    catalog = write_catalog(tmp_path / "films.json", [])
    films = [Film(f"film-{n}", f"Film {n}", 2000, "A description.", "") for n in range(count)]
    open_library(catalog).import_entries((film, UserMarks(rating=3)) for film in films)
    return catalog


def test_imported_films_go_to_the_edits_file_and_their_marks_to_the_marks_file(
    tmp_path: Path,
) -> None:
    catalog = imported(tmp_path, 10)
    assert set(tables(edits_path(catalog))) == {"films", "deleted"}
    assert len(tables(edits_path(catalog))["films"]) == 10
    assert set(tables(personal_data_path(catalog))) == {"personal"}
    assert open_library(catalog).personal("film-3").rating == 3


def test_a_mark_in_a_big_library_leaves_the_big_files_alone(tmp_path: Path) -> None:
    catalog = imported(tmp_path)
    marks, edits = personal_data_path(catalog), edits_path(catalog)
    before = marks.read_bytes(), edits.read_bytes()
    library = open_library(catalog)
    library.set_favourite("film-7", True)
    assert (marks.read_bytes(), edits.read_bytes()) == before
    assert tables(recent_marks_path(catalog))["personal"] == {
        "1": {"id": "film-7", "favourite": True}
    }
    reopened = open_library(catalog)
    assert reopened.personal("film-7") == UserMarks(favourite=True, rating=3)
    assert reopened.favourites == {"film-7"}


def test_the_recent_marks_are_folded_in_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "FOLD_RECENT_AT", 5)
    catalog = imported(tmp_path)
    library = open_library(catalog)
    for n in range(12):
        library.set_rating(f"film-{n}", 4.5 if n % 2 else 1)
    reopened = open_library(catalog)
    assert [reopened.personal(f"film-{n}").rating for n in range(12)] == [1, 4.5] * 6
    assert len(tables(recent_marks_path(catalog))["personal"]) < 5  # folded twice
    assert tables(personal_data_path(catalog))["personal"]["1"]["rating"] == 1


def test_another_filmtuis_recent_marks_are_seen_at_the_next_change(tmp_path: Path) -> None:
    catalog = imported(tmp_path)
    one, two = open_library(catalog), open_library(catalog)
    one.set_favourite("film-1", True)
    two.set_favourite("film-2", True)
    assert two.favourites == {"film-1", "film-2"}
    one.set_favourite("film-3", True)
    assert one.favourites == {"film-1", "film-2", "film-3"}


def test_an_older_layouts_films_move_to_the_edits_file_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    catalog = write_catalog(tmp_path / "films.json", [{"id": "a", "title": "A", "year": 1}])
    mine = {"id": "b", "title": "Mine", "year": 2000, "description": "", "fact": ""}
    personal_data_path(catalog).write_text(
        json.dumps(
            {
                "personal": {"1": {"id": "a", "favourite": True}},
                "films": {"1": mine},
                "deleted": {},
            }
        )
    )
    library = open_library(catalog)
    assert film_in(library, "b") is not None  # read where it was
    library.delete_film("a")  # the first change of films moves them
    assert tables(edits_path(catalog))["films"]["1"]["title"] == "Mine"
    library.set_favourite("b", True)  # the next mark drops them from the marks file
    assert set(tables(personal_data_path(catalog))) == {"personal"}
    reopened = open_library(catalog)
    assert [film.id for film in reopened.films] == ["b"]
    assert reopened.favourites == {"a", "b"}
