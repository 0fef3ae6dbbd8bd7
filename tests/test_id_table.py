"""The films' positions by id as a kept index holds them (`tui.search.id_table`)."""

from __future__ import annotations

from array import array

from tui.model.film import Film
from tui.search.id_table import IdPositions, add_films, empty_table, table_size

FILMS = [Film(f"film-{n}", f"Film {n}", 1900 + n) for n in range(300)]


def _positions(films: list[Film]) -> IdPositions:
    table = empty_table(len(films))
    for start in range(0, len(films), 7):  # a few films at a time, as a kept index adds them
        add_films(table, films[start : start + 7], start)
    return IdPositions(array("i", table.tobytes()), films)


def test_every_film_is_found_where_it_is() -> None:
    positions = _positions(FILMS)
    assert {film.id: positions[film.id] for film in FILMS} == {
        film.id: n for n, film in enumerate(FILMS)
    }
    assert all(film.id in positions for film in FILMS)
    assert len(positions) == len(FILMS)
    assert list(positions) == [film.id for film in FILMS]


def test_an_id_of_no_film_is_not_found() -> None:
    positions = _positions(FILMS)
    for missing in ("film-300", "film-", "", "Film-1", "film-1 ", 7):
        assert missing not in positions
        assert positions.get(missing) is None  # type: ignore[call-overload]


def test_the_table_has_room_to_spare() -> None:
    assert table_size(0) >= 1
    for films in (1, 2, 3, 1000, 1024, 1025):
        size = table_size(films)
        assert size >= 2 * films and size & (size - 1) == 0


def test_a_wrong_table_finds_no_other_film() -> None:
    """A table of other films, or full of positions, never finds a film that is not
    the one asked for, and never loops forever."""
    others = [Film(f"other-{n}", "Other", None) for n in range(300)]
    table = empty_table(len(others))
    add_films(table, others, 0)
    wrong = IdPositions(table, FILMS)
    full = IdPositions(array("i", [5]) * table_size(len(FILMS)), FILMS)
    for film in FILMS:
        assert wrong.get(film.id) in (None, FILMS.index(film))
        assert full.get(film.id) in (None, 5)
        assert full.get(film.id) != 5 or film.id == "film-5"
