"""The user's layer over the catalog, worked out from the last change: the same
films, in the same order, as merging it all again."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.film import Film
from tui.store.merged_films import MergedFilms

IDS = [f"film-{n}" for n in range(8)]
BASE = [Film(film_id, f"Title {film_id}", 1960) for film_id in IDS[:5]]

layers = st.tuples(
    st.dictionaries(
        st.sampled_from(IDS),
        st.builds(lambda i, t: Film(i, t, 1970), st.just("x"), st.sampled_from(["A", "B"])),
        max_size=5,
    ).map(lambda own: {film_id: Film(film_id, f.title, f.year) for film_id, f in own.items()}),
    st.frozensets(st.sampled_from(IDS), max_size=4),
)


def merged(base: list[Film], own: dict[str, Film], deleted: frozenset[str]) -> list[Film]:
    """The films, merged film by film (as the store did before `MergedFilms`)."""
    rest = dict(own)
    films = [rest.pop(film.id, film) for film in base if film.id not in deleted]
    films.extend(film for film in rest.values() if film.id not in deleted)
    return films


@settings(max_examples=500, deadline=None)
@given(st.lists(layers, min_size=1, max_size=6))
def test_each_change_gives_what_merging_it_all_gives(changes: list[tuple[dict, frozenset]]) -> None:
    layer = MergedFilms(BASE)
    assert layer.films == BASE
    for own, deleted in changes:
        layer.apply(own, deleted)
        expected = merged(BASE, own, deleted)
        assert layer.films == expected
        assert layer.by_id == {film.id: film for film in expected}
    assert [Film(film_id, f"Title {film_id}", 1960) for film_id in IDS[:5]] == BASE


def test_without_a_layer_the_films_are_the_catalogs_list_not_a_copy() -> None:
    base = list(BASE)
    layer = MergedFilms(base)
    assert layer.films is base
    layer.apply({"new": Film("new", "New", 2000)}, {"film-0"})
    assert layer.films is not base
    assert "film-0" not in layer.by_id and layer.by_id["new"].title == "New"
    assert base == BASE  # never changed in place
    layer.apply({}, set())
    assert layer.films is base
    assert "film-0" in layer.by_id and "new" not in layer.by_id and "other" not in layer.by_id
