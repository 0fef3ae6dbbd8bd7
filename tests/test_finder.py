"""Searching a real library: its notes, favourites, watched marks and ratings (tui.finder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.finder import find_in, library_index
from tui.search.orders import Sort
from tui.store.library import Library
from tui.store.opening import open_library

ALL = 10


@pytest.fixture
def library(catalog_path: Path) -> Library:
    """The bundled catalog with a few personal fields set through the library's API."""
    library = open_library(catalog_path)
    library.set_rating("planet-of-storms-1961", 4)
    library.set_rating("star-voyage-1962", 5)
    library.set_rating("moscow-cassiopeia-1973", 2)
    library.toggle_watched("planet-of-storms-1961")
    library.toggle_watched("the-sky-beckons-1959")
    library.set_favourite("star-voyage-1962", True)
    library.update_personal("the-sky-beckons-1959", {"notes": "Seen with Grandpa in 1988."})
    return library


def titles(library: Library, query: str, *, favourites_only: bool = False) -> set[str]:
    result = find_in(library, library_index(library), query, favourites_only=favourites_only)
    return {film.title for film in result.films}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating:4", {"Planet of Storms"}),
        ("rating:>=4", {"Planet of Storms", "Star Voyage"}),
        ("rating:3..5", {"Planet of Storms", "Star Voyage"}),
        ("rating:<3 rating:>0", {"Moscow-Cassiopeia"}),
        ("is:watched", {"Planet of Storms", "The Sky Beckons"}),
        ("is:watched rating:0", {"The Sky Beckons"}),
        ("is:fav rating:5", {"Star Voyage"}),
        ("grandpa", {"The Sky Beckons"}),
        ("note:grandpa is:watched", {"The Sky Beckons"}),
        ("grandpa rating:>0", set()),
    ],
)
def test_the_users_fields_are_searched(library: Library, query: str, expected: set[str]) -> None:
    assert titles(library, query) == expected


def test_unrated_films_have_rating_0(library: Library) -> None:
    unrated = titles(library, "rating:0")
    assert len(unrated) == ALL - 3
    assert unrated == titles(library, "rating:<1")
    assert {"Planet of Storms", "Star Voyage", "Moscow-Cassiopeia"}.isdisjoint(unrated)


def test_favourites_only_narrows_like_is_fav(library: Library) -> None:
    assert titles(library, "rating:>=4", favourites_only=True) == {"Star Voyage"}
    assert titles(library, "", favourites_only=True) == titles(library, "is:fav")


def test_changes_through_the_library_are_found_by_the_same_index(library: Library) -> None:
    index = library_index(library)
    assert [f.title for f in find_in(library, index, "rating:4").films] == ["Planet of Storms"]
    library.set_rating("planet-of-storms-1961", 0)
    library.set_rating("a-dream-come-true-1963", 4)
    assert [f.title for f in find_in(library, index, "rating:4").films] == ["A Dream Come True"]
    library.toggle_watched("planet-of-storms-1961")  # unwatched again
    watched = find_in(library, index, "is:watched", sort=Sort.TITLE).films
    assert [f.title for f in watched] == ["The Sky Beckons"]


def test_a_reopened_library_searches_what_was_saved(library: Library) -> None:
    again = open_library(library.path)
    assert titles(again, "rating:>=4") == {"Planet of Storms", "Star Voyage"}
    assert titles(again, "is:watched grandpa") == {"The Sky Beckons"}


def test_the_finder_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "import tui.finder\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
