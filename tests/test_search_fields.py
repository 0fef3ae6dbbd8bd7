"""Searching the fields beyond the main five: the film's directors, cast, genres,
runtime, IMDb id and own fields, the user's tags, watch days and watchlist.

Examples first (one behaviour each), then the index against the film-by-film
oracle on catalogs where every film has some of those fields.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.search_oracle import expected_ids
from tests.test_search_properties import more_fields, personals
from tests.test_search_steps import tiny_chunks
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.fields import own_field
from tui.search.index import SearchIndex
from tui.search.marked import shows_marks
from tui.search.orders import Sort
from tui.search.query import parse_query

SOLARIS = Film(
    "solaris",
    "Solaris",
    1972,
    "A psychologist is sent to a station orbiting a distant planet.",
    "",
    original_title="Солярис",
    imdb_id="tt0069293",
    directors=("Andrei Tarkovsky",),
    cast=("Natalya Bondarchuk", "Donatas Banionis"),
    genres=("Drama", "Science Fiction"),
    countries=("USSR",),
    languages=("Russian",),
    runtime=167,
    own=MappingProxyType({"Budget": 1_000_000, "Shelf": "B2", "Medium": ["Blu-ray", "DVD"]}),
)
STALKER = Film(
    "stalker",
    "Stalker",
    1979,
    "A guide leads two men into the Zone.",
    "",
    directors=("Andrei Tarkovsky",),
    genres=("Drama",),
    runtime=162,
    own=MappingProxyType({"budget": "500000"}),
)
VENUS = Film("venus", "First Spaceship on Venus", 1960, "", "", runtime=79)
FILMS = [SOLARIS, STALKER, VENUS]
MARKS = {
    "solaris": UserMarks(watched=True, watches=("2023-11-02", "2024-05-03"), tags=("rewatch",)),
    "stalker": UserMarks(watched=True, watches=("2019-01-20",), tags=("Slow Cinema",)),
    "venus": UserMarks(watchlist=True),
}


def found(query: str, films: list[Film] = FILMS) -> list[str]:
    tags = {film_id: mine.tags for film_id, mine in MARKS.items() if mine.tags}
    index = SearchIndex(films, tags=tags)
    return [film.id for film in index.find(query, personal=MARKS, sort=Sort.YEAR).films]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("tarkovsky", ["solaris", "stalker"]),
        ("director:tarkovsky", ["solaris", "stalker"]),
        ("director:solaris", []),
        ("-director:tarkovsky", ["venus"]),
        ("cast:banionis", ["solaris"]),
        ("actor:bondarchuk", ["solaris"]),
        ('cast:"natalya bondarchuk"', ["solaris"]),
        ('cast:"bondarchuk donatas"', []),  # a phrase never runs from one name into the next
        ("genre:drama", ["solaris", "stalker"]),
        ('genre:"science fiction"', ["solaris"]),
        ("country:ussr", ["solaris"]),
        ("language:russian", ["solaris"]),
        ("orig:солярис", ["solaris"]),
        ("original:Солярис", ["solaris"]),
        ("imdb:tt0069293", ["solaris"]),
        ("tt0069293", ["solaris"]),
        ("tag:rewatch", ["solaris"]),
        ('tag:"slow cinema"', ["stalker"]),
        ("rewatch", ["solaris"]),
        ("blu-ray", ["solaris"]),
        ("medium:dvd", ["solaris"]),
        ("shelf:b2", ["solaris"]),
        ("SHELF:b2", ["solaris"]),
        ("shelf:drama", []),
    ],
)
def test_words_find_the_fields_they_are_scoped_to(query: str, ids: list[str]) -> None:
    assert found(query) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("runtime:<90", ["venus"]),
        ("runtime:162", ["stalker"]),
        ("runtime:160..170", ["solaris", "stalker"]),
        ("runtime:>=165", ["solaris"]),
        ("watched:2024", ["solaris"]),
        ("watched:2024-05", ["solaris"]),
        ("watched:2024-05-03", ["solaris"]),
        ("watched:2024-06", []),
        ("watched:2019..2023", ["solaris", "stalker"]),
        ("watched:<2020", ["stalker"]),
        ("watched:>2023-11-02", ["solaris"]),
        ("watched:2019 watched:2024", []),
        ("is:watchlist", ["venus"]),
        ("-is:watchlist", ["solaris", "stalker"]),
        ("-is:watched", ["venus"]),
        ("budget:>600000", ["solaris"]),
        ("budget:<=500000", ["stalker"]),
        ("budget:1000000", ["solaris"]),  # a lone number is text: found in 1000000
        ("budget:1..1000000", ["solaris", "stalker"]),
    ],
)
def test_filters_keep_the_films_they_describe(query: str, ids: list[str]) -> None:
    assert found(query) == ids


def test_a_film_with_no_field_but_one_of_its_own_is_found_by_it() -> None:
    shelved = Film("shelved", "Shelved", 1990, "", "", own=MappingProxyType({"Shelf": "C3"}))
    assert found("shelf:c3", [*FILMS, shelved]) == ["shelved"]
    assert found("c3", [*FILMS, shelved]) == ["shelved"]


def test_an_unknown_field_is_searched_as_text_with_a_hint_naming_the_closest() -> None:
    index = SearchIndex(FILMS)
    result = index.find("budgte:5")
    assert result.films == []
    assert "budgte:" in result.hint and "budget:" in result.hint
    assert index.find("director:tarkovsky").hint == ""


def test_a_text_that_looks_like_a_field_still_finds_the_film() -> None:
    trek = Film("trek", "Star Trek: The Motion Picture", 1979, "", "")
    index = SearchIndex([trek])
    result = index.find("trek:")
    assert [film.id for film in result.films] == ["trek"]
    assert result.hint == ""


def test_a_negated_range_of_an_own_field_gives_a_hint() -> None:
    result = SearchIndex(FILMS).find("-budget:>5")
    assert "-budget:" in result.hint


def test_the_matches_of_a_scoped_word_are_highlighted_in_that_field_only() -> None:
    highlighter = SearchIndex(FILMS).find("director:tark drama").highlighter
    assert highlighter.spans("Andrei Tarkovsky", "directors") == [(7, 11)]
    assert highlighter.spans("Tarkovsky", "cast") == []
    assert highlighter.spans("Drama, Science Fiction", "genres") == [(0, 5)]
    assert highlighter.spans("Drama", "title") == [(0, 5)]  # plain words: every field


def test_own_fields_are_highlighted_by_their_name_in_any_case() -> None:
    highlighter = SearchIndex(FILMS).find("Shelf:b2").highlighter
    assert highlighter.spans("B2", own_field("shelf")) == [(0, 2)]
    assert highlighter.spans("B2", own_field("Medium")) == []


def test_films_with_only_the_main_fields_search_as_before() -> None:
    plain = Film("plain", "Plain", 2000, "no director here", "")
    assert found("director:director", [plain]) == []
    assert found("director", [plain]) == ["plain"]


def test_a_separator_in_a_field_cannot_fake_another_field() -> None:
    """A group separator in hostile text must not start a field of its own."""
    hostile = Film("h", "H", 2000, "", "", genres=("x\x1d\x1e tarkovsky",))
    assert found("director:tarkovsky", [hostile]) == []
    assert found("genre:tarkovsky", [hostile]) == ["h"]


# -- the index against the oracle ------------------------------------------------

NAME_PARTS = ["tarkovsky", "lem", "dr", "ussr", "star", "venus-3", "ss", "tt0069293"]
OWN_PARTS = ["b2", "star", "90", "1000000", "true", "a", "3", "-2.5"]
# What each prefix is tried with: what the generated films may hold there.
SCOPED = {
    "director:": NAME_PARTS,
    "-cast:": NAME_PARTS,
    "genre:": NAME_PARTS,
    "-country:": NAME_PARTS,
    "language:": NAME_PARTS,
    "orig:": NAME_PARTS,
    "imdb:": ["tt", "tt1", "0069293"],
    "tag:": ["rew", "star", "ss"],
    "-tag:": ["rewatch"],
    "budget:": OWN_PARTS,
    "-shelf:": OWN_PARTS,
    "shelf:": OWN_PARTS,
    "": NAME_PARTS + OWN_PARTS + ["rewatch"],
}
scoped = st.sampled_from(list(SCOPED)).flatmap(
    lambda prefix: st.sampled_from(SCOPED[prefix]).map(prefix.__add__)
)
part = st.one_of(
    scoped,
    scoped,
    scoped,
    st.sampled_from(["<90", "90", ">=90", "89..120", "..100", "1", "0"]).map("runtime:{}".format),
    st.sampled_from(["2024", "2024-05", "2023..2024", "<2024", ">2023-12-31", "2020-02-29"]).map(
        "watched:{}".format
    ),
    st.sampled_from(["is:watchlist", "-is:watchlist", "-is:watched", "-is:fav", "is:fav"]),
    st.sampled_from([">100", "<=90", "0..90", ">-3", "=90", "<-2.5"]).map("budget:{}".format),
)
field_queries = st.lists(part, min_size=1, max_size=3).map(" ".join)


@st.composite
def catalogs_with_fields(draw: st.DrawFn) -> list[Film]:
    count = draw(st.integers(1, 12))
    films = []
    for number in range(count):
        title = draw(st.sampled_from(["Star", "Venus", "Solaris", "Drama Lem"]))
        year = draw(st.one_of(st.none(), st.integers(1950, 1960)))
        film = Film(f"film-{number}", title, year, draw(st.sampled_from(["", "lem", "a b2"])), "")
        films.append(replace(film, **draw(more_fields())))
    return films


@settings(max_examples=400, deadline=None)
@given(
    catalogs_with_fields(),
    field_queries,
    st.sampled_from(list(Sort)),
    personals,
    st.one_of(st.none(), st.just("all"), st.integers(0, 12)),
)
def test_the_index_finds_what_film_by_film_search_finds_in_every_field(
    films: list[Film],
    query: str,
    sort: Sort,
    personal: dict[str, UserMarks],
    built: int | str | None,
) -> None:
    favourites = {"film-1", "film-3"}
    tags = {film_id: mine.tags for film_id, mine in personal.items() if mine.tags}
    expected = expected_ids(films, query, favourites=favourites, personal=personal, sort=sort)
    with tiny_chunks():
        index = SearchIndex(films, tags=tags)
        if built == "all":
            index.build()
        elif isinstance(built, int):
            with index._lock:
                searchable = index._built_searchable()
            searchable.texts.build_until(built)
        result = index.find(query, favourites=favourites, personal=personal, sort=sort)
    assert [film.id for film in result.films] == expected


@settings(max_examples=150, deadline=None)
@given(catalogs_with_fields(), st.lists(field_queries, min_size=1, max_size=4), personals)
def test_typing_field_queries_letter_by_letter_gives_what_a_fresh_index_gives(
    films: list[Film], steps: list[str], personal: dict[str, UserMarks]
) -> None:
    shared = SearchIndex(films)
    for step in steps:
        for typed in (step[:cut] for cut in range(len(step) + 1)):
            expected = SearchIndex(films).find(typed, personal=personal).films
            assert shared.find(typed, personal=personal).films == expected


# -- sorting by the new fields -----------------------------------------------------

SORTABLE = [
    Film("a", "Alpha", 1990, "", "", runtime=120),
    Film("b", "Beta", 1980, "", "", runtime=90),
    Film("c", "Gamma", 1970, "", ""),
    Film("d", "Delta", 1960, "", "", runtime=90),
]
SORT_MARKS = {
    "a": UserMarks(rating=3.5, watches=("2021-01-01",)),
    "b": UserMarks(rating=5, watches=("2019-03-03", "2024-02-02")),
    "d": UserMarks(rating=3.5),
}


@pytest.mark.parametrize(
    ("sort", "ids"),
    [
        (Sort.RATING, ["b", "a", "d", "c"]),  # highest first; a tie in title order; unrated last
        (Sort.RUNTIME, ["b", "d", "a", "c"]),  # shortest first; unknown last
        (Sort.LAST_WATCHED, ["b", "a", "d", "c"]),  # latest day first; never seen last
    ],
)
@pytest.mark.parametrize("query", ["", "a"])
def test_sorts_by_rating_runtime_and_last_watched(query: str, sort: Sort, ids: list[str]) -> None:
    result = SearchIndex(SORTABLE).find(query, personal=SORT_MARKS, sort=sort)
    assert result.sort is sort
    assert [film.id for film in result.films] == ids  # every title holds an `a`


def test_a_new_rating_reorders_the_same_query() -> None:
    index = SearchIndex(SORTABLE)
    assert index.find("", personal=SORT_MARKS, sort=Sort.RATING).films[0].id == "b"
    rerated = {**SORT_MARKS, "c": UserMarks(rating=5)}
    assert [f.id for f in index.find("", personal=rerated, sort=Sort.RATING).films][:2] == [
        "b",
        "c",
    ]


def test_every_sort_has_a_label_to_show() -> None:
    assert Sort.LAST_WATCHED.label == "last watched"
    assert Sort.read("last-watched") is Sort.LAST_WATCHED


@pytest.mark.parametrize(
    ("query", "sort", "again"),
    [
        ("venus", Sort.TITLE, False),
        ("venus", Sort.RUNTIME, False),
        ("venus", Sort.RATING, True),
        ("", Sort.LAST_WATCHED, True),
        ("is:watchlist", Sort.TITLE, True),
        ("-is:fav", Sort.YEAR, True),
        ("watched:2024", Sort.RELEVANCE, True),
        ("rating:>3", Sort.TITLE, True),
    ],
)
def test_a_search_that_shows_marks_is_searched_again_after_a_mark(
    query: str, sort: Sort, again: bool
) -> None:
    assert shows_marks(parse_query(query), sort) is again
