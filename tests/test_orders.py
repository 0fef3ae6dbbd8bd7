"""The orders of a big catalog, built in steps, are exactly those of a plain sort."""

from __future__ import annotations

from operator import itemgetter
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.search_oracle import year_sort_key
from tui.model.film import Film
from tui.search import sorting, title_order
from tui.search.folding import fold, words
from tui.search.orders import (
    Orders,
    padded_words,
    strip_article,
    title_sort_key,
    year_order,
)
from tui.search.sorting import sorted_in_runs
from tui.search.title_order import in_title_order

TITLES = ["a", "b", "The a", "a\x00b", "a\x00", "Ä", "A b c", "the", "An ab", "ab-c", "b a"]
films_lists = st.lists(
    st.builds(
        Film,
        id=st.sampled_from(["x", "y", "z", "w"]),
        title=st.one_of(st.sampled_from(TITLES), st.text(max_size=5)),
        year=st.one_of(st.none(), st.integers(-3, 3), st.integers(-(10**13), 10**13)),
    ),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=60))
def test_sorting_in_runs_is_sorting(numbers: list[int]) -> None:
    with mock.patch.object(sorting, "RUN", 4):
        assert sorted_in_runs(numbers, key=abs) == sorted(numbers, key=abs)


@st.composite
def runs_to_merge(draw: st.DrawFn) -> tuple[int, int, list[tuple[int, int]]]:
    """A tiny `RUN` and `PIECE`, and items (key, place) whose count is near a multiple
    of `RUN`, their keys drawn from few values (many ties) or from many, sorted or not."""
    run = draw(st.integers(1, 7))
    piece = draw(st.integers(1, 3 * run))
    count = max(0, run * draw(st.integers(0, 12)) + draw(st.integers(-2, 2)))
    values = draw(st.sampled_from([1, 2, 3, 10, 1000]))
    keys = draw(st.lists(st.integers(0, values - 1), min_size=count, max_size=count))
    if draw(st.booleans()):
        keys.sort(reverse=draw(st.booleans()))  # long stretches of one run before the others
    return run, piece, [(key, place) for place, key in enumerate(keys)]


@settings(max_examples=1500, deadline=None)
@given(runs_to_merge())
def test_the_merge_of_runs_is_the_stable_sort(
    drawn: tuple[int, int, list[tuple[int, int]]],
) -> None:
    run, piece, items = drawn
    with mock.patch.multiple(sorting, RUN=run, PIECE=piece):
        ordered = sorted_in_runs(items, key=itemgetter(0))
    assert ordered == sorted(items, key=itemgetter(0))  # the places say ties kept their order


@settings(max_examples=1000, deadline=None)
@given(films_lists)
def test_title_order_is_the_title_sort(films: list[Film]) -> None:
    with mock.patch.object(title_order, "RUN", 3), mock.patch.object(sorting, "RUN", 3):
        ordered, folded = in_title_order(films)
    assert ordered == sorted(films, key=title_sort_key)
    assert folded == [fold(film.title) for film in ordered]
    by_year = [ordered[p] for p in year_order(ordered)]
    assert by_year == sorted(ordered, key=year_sort_key)


@settings(max_examples=500, deadline=None)
@given(films_lists, st.sampled_from(["a", "a b", "b", "ab", "the", "the a", "an", "x", "ä", "b a"]))
def test_titles_that_are_or_start_with_words(films: list[Film], text: str) -> None:
    padded = [padded_words(fold(film.title)) for film in films]
    orders = Orders(films, padded, list(range(len(films))))
    plain = [" ".join(words(fold(film.title))) for film in films]
    variants = [(p, strip_article(p)) for p in plain]
    exact = [i for i, pair in enumerate(variants) if text in pair]
    starting = [i for i, pair in enumerate(variants) if any(v.startswith(text) for v in pair)]
    assert orders.titles_from(text, prefix=False) == exact
    assert orders.titles_from(text, prefix=True) == starting
