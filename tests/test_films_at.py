"""FilmsAt: films picked out of a list by position, found again by id."""

from __future__ import annotations

import pytest

from tui.film import Film
from tui.films_at import FilmsAt

FILMS = [Film(f"film-{n}", f"Film {n}", 1950 + n) for n in range(10)]
POSITION = {film.id: n for n, film in enumerate(FILMS)}


def locate(film_id: str) -> int | None:
    return POSITION.get(film_id)


def cannot_tell(film_id: str) -> int | None:
    raise LookupError(film_id)


@pytest.mark.parametrize("where", [locate, cannot_tell, None])
@pytest.mark.parametrize("positions", [[7, 2, 5], range(3, 8), [], range(0)])
def test_a_film_is_found_where_it_is_and_only_there(where: object, positions: object) -> None:
    films = FilmsAt(FILMS, positions, where)  # type: ignore[arg-type]
    assert list(films) == [FILMS[p] for p in positions]  # type: ignore[attr-defined]
    assert films == [FILMS[p] for p in positions]  # type: ignore[attr-defined]
    for index, film in enumerate(films):
        assert films[index] is film
        assert films.index_of(film.id) == index
    shown = {film.id for film in films}
    for film in FILMS:
        if film.id not in shown:
            assert films.index_of(film.id) is None
    assert films.index_of("no-such-film") is None
    assert films[1:3] == list(films)[1:3]
