"""Properties of search that hold for any query and any catalog (hypothesis)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.model.film import Film
from tui.model.marks import MAX_RATING, UserMarks
from tui.search.folding import fold, fold_with_origins
from tui.search.index import SearchIndex
from tui.search.orders import Sort
from tui.search.query import NumberRange, Term, parse_query
from tui.store.remembered import Remembered

WORDS = ["star", "venus", "Café", "Кассиопея", "planet", "1961", "[b]", "a[/b]", "ß", "ﬁ"]
# Names written in either script, and in more than one way (`tui.search.folding`).
WORDS += ["Солярис", "solyaris", "Рублёв", "rublyov", "rublev", "сталкер", "Stalker", "Подъём"]
SYNTAX = [
    *['"', "-", ":", "title:", "desc:", "fact:", "year:", "is:fav", "..", ">", "<=", " "],
    *["rating:", "is:watched", "3", "0", "director:", "cast:", "genre:", "country:", "tag:"],
    *["orig:", "imdb:", "runtime:", "watched:", "is:watchlist", "-is:", "budget:", "Shelf:"],
    *["90", "2024", "2024-05", "1e6", "language:", "note:"],
]
NAMES = ["Tarkovsky", "Lem", "Drama", "USSR", "star", "Venus-3", "ß", "tt0069293", "Тарковский"]
DAYS = ["2023-12-31", "2024-01-01", "2024-05-17", "2020-02-29"]
# A film's own fields: text, numbers (as numbers and as text), lists, odd values.
OWN_VALUES = [0, 90, 1000000, -2.5, "90", " 1000000 ", "B2 star", ["a", 3], True, None, {}]

texts = st.text(max_size=40)
queries = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(WORDS + SYNTAX), max_size=8).map("".join),
    st.lists(st.sampled_from(WORDS + SYNTAX), max_size=8).map(" ".join),
)
plain_words = st.one_of(
    st.sampled_from(WORDS), st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1)
)


# 0 (unrated) to 5 in half stars, whole ones as ints (as the store keeps them).
half_stars = st.integers(0, 2 * MAX_RATING).map(lambda n: n // 2 if n % 2 == 0 else n / 2)
personals = st.dictionaries(
    st.sampled_from([f"film-{n}" for n in range(10)] + ["not-in-the-catalog"]),
    st.builds(
        UserMarks,
        rating=half_stars,
        watched=st.booleans(),
        watchlist=st.booleans(),
        watches=st.lists(st.sampled_from(DAYS), max_size=2).map(lambda days: tuple(sorted(days))),
        tags=st.lists(st.sampled_from(["rewatch", "Star", "ß"]), max_size=2, unique=True).map(
            tuple
        ),
    ),
    max_size=10,
)
rating_filters = st.one_of(
    st.integers(0, 9).map(str),
    st.sampled_from(["0.5", "3.5", ">=3.5", "<4.5", "2.5..4", "3.7", "5.5", "4.0"]),
    st.tuples(st.sampled_from(["<", "<=", ">", ">=", "="]), st.integers(0, 6)).map(
        lambda pair: f"{pair[0]}{pair[1]}"
    ),
    st.tuples(st.integers(0, 6), st.integers(0, 6)).map(lambda pair: f"{pair[0]}..{pair[1]}"),
)


@st.composite
def catalogs(draw: st.DrawFn) -> list[Film]:
    count = draw(st.integers(0, 8))
    films = []
    for number in range(count):
        title = draw(st.one_of(texts, st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)))
        year = draw(st.one_of(st.none(), st.integers(1890, 2030)))
        film = Film(f"film-{number}", title, year, draw(texts), draw(texts))
        films.append(replace(film, **draw(more_fields())) if draw(st.booleans()) else film)
    return films


def more_fields() -> st.SearchStrategy[dict[str, Any]]:
    """Some of the fields a film may have besides the main five."""
    names = st.lists(st.sampled_from(NAMES), max_size=2).map(tuple)
    own = st.dictionaries(
        st.sampled_from(["budget", "Budget", "shelf"]), st.sampled_from(OWN_VALUES)
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "original_title": st.sampled_from(NAMES),
            "imdb_id": st.sampled_from(["tt0069293", "tt1"]),
            "directors": names,
            "cast": names,
            "genres": names,
            "countries": names,
            "languages": names,
            "runtime": st.sampled_from([1, 89, 90, 120, 167]),
            "own": own.map(MappingProxyType),
        },
    )


@settings(max_examples=300, deadline=None)
@given(catalogs(), queries, st.sampled_from(list(Sort)))
def test_any_query_never_raises_and_finds_only_catalog_films(
    films: list[Film], query: str, sort: Sort
) -> None:
    index = SearchIndex(films)
    result = index.find(query, favourites={"film-0"}, sort=sort)
    ids = [film.id for film in result.films]
    assert len(ids) == len(set(ids))
    assert set(ids) <= {film.id for film in films}
    assert isinstance(result.hint, str)
    for film in result.films:
        for field, text in (("title", film.title), ("desc", film.description), ("fact", film.fact)):
            for start, end in result.highlighter.spans(text, field):
                assert 0 <= start < end <= len(text)
    index.suggest(query)


@settings(max_examples=300, deadline=None)
@given(catalogs(), queries, plain_words)
@example(  # a query naming a field of the films' own, with nothing after it
    [Film("film-0", "", None), Film("film-1", "Venus-3", None, own=MappingProxyType({"shelf": 0}))],
    "SHELF:",
    "venus",
)
def test_adding_a_plain_word_never_grows_the_results(
    films: list[Film], query: str, word: str
) -> None:
    index = SearchIndex(films)
    parsed = parse_query(query, index.own_names)  # as `find` reads the text (`shelf:`)
    before = {film.id for film in index.find(parsed).films}
    longer = replace(parsed, terms=parsed.terms + tuple(Term(w) for w in fold(word).split()))
    assert {film.id for film in index.find(longer).films} <= before
    if query.count('"') % 2 == 0:  # else the word would join the unclosed phrase
        assert {film.id for film in index.find(f"{query} {word}").films} <= before


@settings(max_examples=200, deadline=None)
@given(catalogs(), st.sampled_from(["", " ", "   ", "\t"]), st.sampled_from(list(Sort)))
def test_the_empty_query_returns_everything(films: list[Film], query: str, sort: Sort) -> None:
    result = SearchIndex(films).find(query, sort=sort)
    assert sorted(f.id for f in result.films) == sorted(f.id for f in films)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_folding_by_character_agrees_with_folding_the_whole(text: str) -> None:
    folded, origins = fold_with_origins(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)
    assert origins == sorted(origins)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_settings_file_reads_as_a_dict(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(content)
        assert isinstance(Remembered.load(path).values, dict)


@settings(max_examples=200, deadline=None)
@given(catalogs(), st.lists(queries, min_size=1, max_size=6), st.sampled_from(list(Sort)))
def test_cached_narrowing_gives_what_a_fresh_index_gives(
    films: list[Film], steps: list[str], sort: Sort
) -> None:
    shared = SearchIndex(films)
    for step in steps:
        for typed in (step[:cut] for cut in range(len(step) + 1)):  # as if typed
            expected = SearchIndex(films).find(typed, favourites={"film-1"}, sort=sort).films
            assert shared.find(typed, favourites={"film-1"}, sort=sort).films == expected


@settings(max_examples=200, deadline=None)
@given(
    catalogs(),
    st.lists(st.tuples(queries, personals), min_size=1, max_size=5),
    st.sampled_from(list(Sort)),
)
def test_cached_narrowing_with_changing_personal_fields_gives_what_a_fresh_index_gives(
    films: list[Film], steps: list[tuple[str, dict[str, UserMarks]]], sort: Sort
) -> None:
    shared = SearchIndex(films)
    for step, personal in steps:
        for query in (f"is:watched {step}", f"rating:>=3 {step}", f"rating:<3 {step}"):
            for typed in (query[:cut] for cut in range(len(query) + 1)):  # as if typed
                expected = SearchIndex(films).find(typed, personal=personal, sort=sort).films
                assert shared.find(typed, personal=personal, sort=sort).films == expected


@settings(max_examples=300, deadline=None)
@given(catalogs(), queries, personals, st.lists(rating_filters, max_size=2), st.booleans())
def test_watched_and_rating_filters_keep_exactly_the_films_they_describe(
    films: list[Film],
    query: str,
    personal: dict[str, UserMarks],
    ratings: list[str],
    watched_only: bool,
) -> None:
    index = SearchIndex(films)
    parsed = parse_query(query)
    filters = " ".join(
        [*(f"rating:{r}" for r in ratings), *(["is:watched"] if watched_only else [])]
    )
    filtered = parse_query(filters)
    narrowed = replace(parsed, ratings=filtered.ratings, marks=filtered.marks)
    ranges: list[NumberRange] = list(filtered.ratings)

    def kept(film_id: str) -> bool:
        mine = personal.get(film_id, UserMarks())
        if watched_only and not mine.watched:
            return False
        return all(r.low <= mine.rating <= r.high for r in ranges)  # bounds, not `in`

    before = [f.id for f in index.find(replace(parsed, marks=(), ratings=())).films]
    after = [f.id for f in index.find(narrowed, personal=personal).films]
    assert set(after) == {film_id for film_id in before if kept(film_id)}
