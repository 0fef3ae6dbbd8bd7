"""Search in steps: the first films early, the same films in the end, the last query wins.

Chunks are made tiny here (a film or three), so that small catalogs go
through every path a million films take: many chunks, the first screen found
early in year order, title tiers, films checked against the rest of their text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from types import MappingProxyType
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.search_oracle import expected_ids
from tests.test_search_properties import catalogs, more_fields, personals, queries
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search import stepwise as search_steps
from tui.search.index import SearchIndex, SearchResult
from tui.search.match_cache import MatchCache
from tui.search.orders import Sort
from tui.search.query import Field


@contextmanager
def tiny_chunks(title_words: bool = False) -> Iterator[None]:
    """Chunks of a film or three; `title_words`: title tiers from the title words."""
    with (
        mock.patch.object(search_steps, "CHUNKS", (1, 2, 3)),
        mock.patch.object(search_steps, "EARLY_BUDGET", 4),
        mock.patch.object(search_steps, "WORDS_SHARE", 1 if title_words else 10**9),
    ):
        yield


def ids(result: SearchResult) -> list[str]:
    return [film.id for film in result.films]


def steps_of(
    index: SearchIndex, query: str, first: int | None, **kwargs: object
) -> list[SearchResult]:
    return [item for item in index.find_steps(query, first=first, **kwargs) if item is not None]  # type: ignore[arg-type]


WORDS = ["star", "venus", "planet", "storm", "the star", "a venus", "stars", "planet of storms"]


@st.composite
def bigger_catalogs(draw: st.DrawFn) -> list[Film]:
    count = draw(st.integers(0, 40))
    films = []
    for number in range(count):
        title = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
        year = draw(st.one_of(st.none(), st.integers(1950, 1960)))
        description = draw(st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join))
        film = Film(f"film-{number}", title, year, description, "")
        films.append(replace(film, **draw(more_fields())) if draw(st.booleans()) else film)
    return films


step_queries = st.one_of(
    queries,
    st.lists(
        st.sampled_from(
            [
                "s",
                "st",
                "star",
                "venus",
                "planet",
                "-storm",
                "title:st",
                "desc:venus",
                "year:1955..1958",
                "is:fav",
                "is:watched",
                "rating:>=3",
                "plnet",
                "stroms",
                "director:lem",
                "genre:dr",
                "-cast:star",
                "tag:rew",
                "runtime:<100",
                "watched:2024",
                "watched:..2023",
                "is:watchlist",
                "-is:watched",
                "budget:>100",
                "budget:star",
                "shelf:2",
            ]
        ),
        max_size=3,
    ).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(bigger_catalogs(), catalogs()),
    step_queries,
    st.sampled_from(list(Sort)),
    st.sampled_from([None, 1, 2, 5]),
    personals,
    st.booleans(),
    st.one_of(st.none(), st.just("all"), st.integers(0, 40)),
)
def test_steps_give_the_first_films_early_and_what_film_by_film_search_finds(
    films: list[Film],
    query: str,
    sort: Sort,
    first: int | None,
    personal: dict[str, UserMarks],
    title_words: bool,
    built: int | str | None,
) -> None:
    """`built`: the index is half built (titles, and the text of that many films),
    as when the user types while a big catalog is being indexed; or all built,
    uncommon letters found out beforehand ("all")."""
    favourites = {"film-1", "film-3", "film-4"}
    notes = {film_id: "grandpa's star" for film_id in list(personal)[:2]}
    personal = {i: replace(p, notes=notes.get(i, "")) for i, p in personal.items()}
    tags = {i: p.tags for i, p in personal.items() if p.tags}
    expected = expected_ids(films, query, favourites=favourites, personal=personal, sort=sort)
    with tiny_chunks(title_words):
        index = SearchIndex(films, notes=notes, tags=tags)
        if built == "all":
            index.build()
        elif isinstance(built, int):
            with index._lock:
                searchable = index._built_searchable()
            searchable.texts.build_until(built)
        results = steps_of(index, query, first, favourites=favourites, personal=personal, sort=sort)
    *partial, last = results
    assert last.complete and ids(last) == expected
    assert len(partial) <= 1
    for early in partial:
        assert not early.complete
        assert first is not None and ids(early) == expected[:first]


@pytest.mark.parametrize(
    "sort", [Sort.RELEVANCE, Sort.TITLE, Sort.YEAR]
)  # the orders found in order
def test_a_dense_query_shows_its_first_films_before_the_search_is_done(sort: Sort) -> None:
    films = [
        Film(f"film-{n}", f"Film {n} {'star' if n % 2 else 'moon'}", 1950 + n % 50)
        for n in range(3000)
    ]
    index = SearchIndex(films)
    items = list(index.find_steps("star", sort=sort, first=40))
    partial = [i for i, item in enumerate(items) if item is not None and not item.complete]
    assert partial, "no first films before the end"
    assert partial[0] < len(items) - 1
    if sort is not Sort.RELEVANCE:  # relevance first looks at every title
        assert partial[0] < len(items) // 2, "the first films came late"
    first, last = items[partial[0]], items[-1]
    assert first is not None and last is not None
    assert list(first.films) == list(last.films)[:40]
    assert ids(last) == expected_ids(films, "star", sort=sort)


def test_stopping_a_search_leaves_the_index_answering_right() -> None:
    """A search dropped half-way (the user typed on) leaves only true knowledge behind."""
    films = [
        Film(f"film-{n}", f"Film {n} {'venus' if n % 3 else 'mars'}", 1950 + n % 60)
        for n in range(5000)
    ]
    index = SearchIndex(films)
    for query in ["v", "ve", "ven", "venu"]:
        steps = index.find_steps(query, sort=Sort.YEAR, first=10)
        next(steps)
        next(steps)
        steps.close()
    assert ids(index.find("venus", sort=Sort.YEAR)) == expected_ids(films, "venus", sort=Sort.YEAR)
    assert ids(index.find("venu")) == expected_ids(films, "venu")


@pytest.mark.parametrize("query", ["mars", "xyzzy", "the"])
def test_the_films_in_no_title_tier_are_searched_a_run_at_a_time(query: str) -> None:
    """After the title tiers, a relevance search without filters asks what the films
    hold about runs of them (ranges, which the masks read and write as slices), not
    about lists of every film left (a call into Python for each position)."""
    films = [Film(f"f{n}", f"Title {n}", 1900 + n % 100, f"about {n} mars") for n in range(6000)]
    films[40] = Film("f40", "Mars", 1940, "red")
    index = SearchIndex(films)
    index.find("warm up")
    asked: list[Sequence[int]] = []
    flags = MatchCache.flags

    def recorded(
        cache: MatchCache, field: Field | None, text: str, positions: Sequence[int]
    ) -> bytes:
        if field is None and len(positions) > 100:
            asked.append(positions)
        return flags(cache, field, text, positions)

    with mock.patch.object(MatchCache, "flags", recorded):
        found = index.find(query)
    assert asked and all(isinstance(positions, range) for positions in asked)
    assert {film.id for film in found.films} == set(expected_ids(films, query))


def test_the_own_field_names_are_read_while_a_search_holds_the_lock() -> None:
    """The UI reads the names of the films' own fields at each key typed while a big
    catalog is read: a search's steps, which take the index's lock one after the
    other, must not keep it waiting."""
    films = [
        Film(f"f{n}", f"Title {n}", 1950, own=MappingProxyType({"shelf": n})) for n in range(50)
    ]
    index = SearchIndex(films)
    index.build()
    answered: list[frozenset[str]] = []
    with index._lock:  # as a search's step holds it
        reader = threading.Thread(target=lambda: answered.append(index.own_names))
        reader.start()
        reader.join(2)
    assert answered == [frozenset({"shelf"})]
