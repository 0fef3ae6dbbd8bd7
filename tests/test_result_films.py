"""ResultFilms: films picked out of a list by position, found again by id."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.model.film import Film
from tui.search.result_films import ResultFilms

FILMS = [Film(f"film-{n}", f"Film {n}", 1950 + n) for n in range(10)]
POSITION = {film.id: n for n, film in enumerate(FILMS)}


def locate(film: Film) -> int | None:
    return POSITION.get(film.id)


def cannot_tell(film: Film) -> int | None:
    raise LookupError(film.id)


@pytest.mark.parametrize("where", [locate, cannot_tell, None])
@pytest.mark.parametrize("positions", [[7, 2, 5], range(3, 8), [], range(0)])
def test_a_film_is_found_where_it_is_and_only_there(where: object, positions: object) -> None:
    films = ResultFilms(FILMS, positions, where)  # type: ignore[arg-type]
    assert list(films) == [FILMS[p] for p in positions]  # type: ignore[attr-defined]
    assert films == [FILMS[p] for p in positions]  # type: ignore[attr-defined]
    for index, film in enumerate(films):
        assert films[index] is film
        assert films.index(film) == index
        assert films.index(replace(film, title="Edited")) == index  # known by its id
        assert films.index(film, index, index + 1) == index
        with pytest.raises(ValueError):
            films.index(film, index + 1)
        with pytest.raises(ValueError):
            films.index(film, 0, index)
    shown = {film.id for film in films}
    for film in FILMS:
        if film.id not in shown:
            with pytest.raises(ValueError):
                films.index(film)
    with pytest.raises(ValueError):
        films.index(Film("no-such-film", "Film 3", 1953))
    with pytest.raises(ValueError):
        films.index("film-1")
    assert films[1:3] == list(films)[1:3]


def test_every_film_in_title_order_is_found_by_its_title_before_the_index_is_built() -> None:
    """Esc while a big catalog is indexed: the highlighted film is found again at
    once (by its title, in the sorted list), not by comparing every id."""
    from tui.search.index import SearchIndex

    films = [Film(f"film-{n}", f"Film {n % 7}", 1950 + n % 3) for n in range(50)]
    index = SearchIndex(films)
    everything = index.find("").films
    assert not index.built
    assert isinstance(everything, ResultFilms)
    for place, film in enumerate(everything):
        assert everything.index(film) == place
    with pytest.raises(ValueError):
        everything.index(Film("film-99", "Film 3", 1951))
    assert not index.built  # found without building anything
