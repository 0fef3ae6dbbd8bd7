"""Grouping the results (tui.search.groups): each group's query finds exactly its films."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.group_collection import MARKUP_GENRE, collection
from tui.finder import find_in, library_index
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.groups import Group, Grouping, group_films, in_order, narrowed
from tui.search.index import SearchIndex
from tui.store.library import Library
from tui.store.opening import open_library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return open_library(collection(tmp_path))


def ids(library: Library, query: str) -> set[str]:
    return {film.id for film in find_in(library, library_index(library), query).films}


def groups(library: Library, grouping: Grouping, query: str = "") -> dict[str, Group]:
    index = library_index(library)
    films = find_in(library, index, query).films
    return {group.name: group for group in group_films(films, grouping, library.all_marks())}


def counts(library: Library, grouping: Grouping, query: str = "") -> dict[str, int]:
    return {name: group.count for name, group in groups(library, grouping, query).items()}


def test_decades_and_years(library: Library) -> None:
    assert counts(library, Grouping.DECADE) == {"1950s": 1, "1960s": 1, "1970s": 3, "1980s": 1}
    assert counts(library, Grouping.YEAR) == {
        "1957": 1,
        "1962": 1,
        "1972": 1,
        "1975": 1,
        "1979": 1,
        "1985": 1,
    }
    assert groups(library, Grouping.DECADE)["1970s"].term == "year:1970..1979"


def test_genres_fold_case_and_hold_what_the_search_finds(library: Library) -> None:
    """`drama` and `Drama` are one group, spelled as most are; Melodrama holds "drama" too."""
    assert counts(library, Grouping.GENRE) == {
        "Drama": 4,  # stalker, solaris, cranes, and mirror (Melodrama)
        "Melodrama": 1,
        "Science Fiction": 2,
        MARKUP_GENRE: 2,
        "War": 1,
    }
    assert groups(library, Grouping.GENRE)["Drama"].term == 'genre:"Drama"'


def test_marks_group_by_rating_watched_year_and_tag(library: Library) -> None:
    assert counts(library, Grouping.RATING) == {"★★★★★ 5": 1, "★★★★½ 4.5": 2, "Not rated": 3}
    assert counts(library, Grouping.WATCHED) == {"2023": 1, "2024": 2}
    # `say "hi"` makes no group: no query finds exactly it (a phrase holds no quote).
    assert counts(library, Grouping.TAG) == {"zone": 2}


def test_directors_and_countries_of_the_current_results(library: Library) -> None:
    assert counts(library, Grouping.DIRECTOR, "is:watchlist") == {"Andrei Tarkovsky": 1}
    assert counts(library, Grouping.COUNTRY, "year:1960..1979") == {"USSR": 3, "France": 1}


@pytest.mark.parametrize("grouping", list(Grouping), ids=str)
@pytest.mark.parametrize("query", ["", "-is:watchlist", "sol", '"unclosed'])
def test_each_groups_query_finds_exactly_its_films(
    library: Library, grouping: Grouping, query: str
) -> None:
    """The query a group shows, typed, finds as many films as the group holds, all
    of them among the results it was made of."""
    base = ids(library, query)
    for group in groups(library, grouping, query).values():
        found = ids(library, narrowed(query, group.term))
        assert len(found) == group.count, (group, found)
        assert found <= base


def test_every_film_with_a_value_is_in_a_group(library: Library) -> None:
    """The films of the genre groups together are every film with a genre."""
    found: set[str] = set()
    for group in groups(library, Grouping.GENRE).values():
        found |= ids(library, group.term)
    assert found == {film.id for film in library.films if film.genres}


def test_in_order_by_count_then_name_or_by_name(library: Library) -> None:
    genres = groups(library, Grouping.GENRE).values()
    by_count = [group.name for group in in_order(genres, by_count=True)]
    assert by_count[:3] == ["Drama", MARKUP_GENRE, "Science Fiction"]  # ties by name
    decades = groups(library, Grouping.DECADE).values()
    assert [group.name for group in in_order(decades, by_count=False)] == [
        "1950s",
        "1960s",
        "1970s",
        "1980s",
    ]


def test_narrowed_closes_an_unclosed_quote() -> None:
    assert narrowed('"star wa', "year:1977") == '"star wa" year:1977'
    assert narrowed("  ", 'genre:"War"') == 'genre:"War"'


_NAMES = st.text(alphabet='aAáß s"¨-Дд', min_size=0, max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_NAMES, max_size=3), st.lists(_NAMES, max_size=2)),
        min_size=1,
        max_size=8,
    )
)
def test_any_groups_query_finds_exactly_its_films(films: list[tuple[list[str], list[str]]]) -> None:
    """Names that fold alike (`ß`, `ss`), hold quotes, spaces or marks that fold to
    a space (`¨`): each genre and tag group's query finds as many films as it holds."""
    catalog = [
        Film(f"f{n}", f"Film {n}", 2000, genres=tuple(genres))
        for n, (genres, _) in enumerate(films)
    ]
    marks = {f"f{n}": UserMarks(tags=tuple(tags)) for n, (_, tags) in enumerate(films) if tags}
    index = SearchIndex(catalog, tags={film_id: mine.tags for film_id, mine in marks.items()})
    for grouping in (Grouping.GENRE, Grouping.TAG):
        for group in group_films(catalog, grouping, marks):
            found = index.find(group.term, personal=marks).films
            assert len(found) == group.count, (group, [film.id for film in found])
