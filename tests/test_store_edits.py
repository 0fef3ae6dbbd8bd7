"""The user's own layer: added, edited and deleted films, ratings, watched, notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.library_helpers import bundle, film_in
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.store.locations import bundled_catalog_bytes, default_library_path
from tui.store.opening import open_library


def test_an_added_film_survives_a_reopen_and_gets_a_slug_id(catalog_path: Path) -> None:
    film = open_library(catalog_path).add_film("Solaris", 1972, "A station.", "Tarkovsky.")
    assert film.id == "solaris-1972"
    reopened = open_library(catalog_path)
    assert film_in(reopened, "solaris-1972") == film
    assert len(reopened.films) == 11


def test_adding_the_same_title_twice_gives_distinct_ids(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    first = library.add_film("Solaris", 1972)
    second = library.add_film("Solaris", 1972)
    assert first.id != second.id


def test_an_edit_keeps_the_id_and_leaves_the_catalog_file_alone(catalog_path: Path) -> None:
    before = catalog_path.read_bytes()
    library = open_library(catalog_path)
    film = film_in(library, "star-voyage-1962")
    assert film is not None
    edited = Film(film.id, "Star Voyage (restored)", 1962, "New words.", film.fact)
    library.save_film(edited)
    assert catalog_path.read_bytes() == before
    reopened = open_library(catalog_path)
    assert film_in(reopened, "star-voyage-1962") == edited
    assert len(reopened.films) == 10


def test_delete_and_undelete_persist(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    library.delete_film("star-voyage-1962")
    assert film_in(open_library(catalog_path), "star-voyage-1962") is None
    assert len(open_library(catalog_path).films) == 9
    library.undelete_film("star-voyage-1962")
    assert film_in(open_library(catalog_path), "star-voyage-1962") is not None


def test_rating_watched_and_notes_persist_beside_the_favourite(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    library.set_favourite("star-voyage-1962", True)
    library.set_rating("star-voyage-1962", 4)
    assert library.toggle_watched("star-voyage-1962") is True
    library.update_personal("star-voyage-1962", {"notes": "Seen at the Rio"})
    assert open_library(catalog_path).personal("star-voyage-1962") == UserMarks(
        favourite=True, rating=4, watched=True, notes="Seen at the Rio"
    )


@pytest.mark.parametrize("rating", [-1, 6, True])
def test_a_rating_out_of_range_is_refused(catalog_path: Path, rating: int) -> None:
    with pytest.raises(ValueError, match="0 to 5"):
        open_library(catalog_path).set_rating("star-voyage-1962", rating)


OLD_TEXT = ("the-sky-beckons-1959", "planet-of-storms-1961", "moscow-cassiopeia-1973")


def test_a_newer_bundled_catalog_adds_films_but_never_overwrites_an_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    newer = json.loads(bundled_catalog_bytes())
    older = json.loads(bundled_catalog_bytes())
    films = older["films"]
    del films[next(k for k, d in films.items() if d["id"] == "star-voyage-1962")]
    for document in films.values():
        if document["id"] in (
            "the-sky-beckons-1959",
            "planet-of-storms-1961",
            "moscow-cassiopeia-1973",
        ):
            document["description"] = "Old text."
    bundle(monkeypatch, older)
    library = open_library()  # seeds the default library from the older bundled catalog
    path = default_library_path()
    edited = Film("planet-of-storms-1961", "Planet of Storms (my cut)", 1961, "Mine.", "")
    library.save_film(edited)  # edited in the app
    data = json.loads(path.read_text())
    for document in data["films"].values():
        if document["id"] == "moscow-cassiopeia-1973":
            document["description"] = "My own words."  # edited by hand in the file
    path.write_text(json.dumps(data))
    bundle(monkeypatch, newer)
    reopened = open_library()
    assert film_in(reopened, "star-voyage-1962") is not None  # new bundled film appears
    sky = film_in(reopened, "the-sky-beckons-1959")
    assert sky is not None and sky.description != "Old text."  # unedited: updated
    assert film_in(reopened, "planet-of-storms-1961") == edited  # edited: the user's version
    mine = film_in(reopened, "moscow-cassiopeia-1973")
    assert mine is not None and mine.description == "My own words."  # the hand edit stays
