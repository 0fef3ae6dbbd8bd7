"""The orders a result list can be shown in. Knows nothing of Textual.

Relevance (only while a query is present) puts the films in tiers, best first:

    0  exact title        the query's words are the title's words
                          (`star voyage` → Star Voyage; a leading The/A/An
                          may be left out)
    1  title prefix       the title starts with the query's words
                          (`planet of` → Planet of Storms)
    2  whole title words  every word is a whole word of the title
                          (`venus` → The First Spaceship on Venus)
    3  part of the title  every word occurs in the title, some inside a
                          longer word (`spacesh`)
    4  fuzzy title        every word is in the title, at least one only
                          through a close spelling (`cassiopea`)
    5  elsewhere          some word matched only the year, description or
                          fact (`tereshkova`)

Only plain words, phrases and `title:` words count for the tiers; `desc:`,
`fact:`, `year:` and `is:` only filter. Within a tier films go by year
(unknown years last), then by title.

Title order ignores a leading article (`The Sky Beckons` sorts under S);
year order is by year, then title, with unknown years last. The other
orders put the films that have no value last, and films of one value in
title order: rating (the user's, highest first; unrated last), runtime
(shortest first, so `runtime` answers "what fits in an evening"; unknown
last) and last watched (the latest day the user saw it, most recent first;
films never seen on a known day last).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from enum import IntEnum, StrEnum
from itertools import compress, repeat
from operator import or_
from typing import Any, NamedTuple, overload

from tui.model.film import Film
from tui.search.folding import fold, words
from tui.search.masks import flipped, mask_of, pick
from tui.search.query import Term, YearRange
from tui.search.sorting import RUN as RUN  # (`tui.search.postings` imports it from here)

_ARTICLES = ("the ", "a ", "an ")
_LAST = chr(0x10FFFF)


class Sort(StrEnum):
    """How the list is ordered; the value is what the settings file holds."""

    RELEVANCE = "relevance"
    TITLE = "title"
    YEAR = "year"
    RATING = "rating"
    RUNTIME = "runtime"
    LAST_WATCHED = "last-watched"

    @property
    def label(self) -> str:
        """The sort as a list's title names it: `last watched`."""
        return self.value.replace("-", " ")

    @classmethod
    def read(cls, value: object, default: Sort | None = None) -> Sort:
        """The sort named by `value`, or `default` (relevance) for anything else."""
        try:
            return cls(str(value))
        except ValueError:
            return default or cls.RELEVANCE


class Tier(IntEnum):
    """The relevance tiers, best first (see the module docstring)."""

    EXACT_TITLE = 0
    TITLE_PREFIX = 1
    TITLE_WORDS = 2
    IN_TITLE = 3
    FUZZY_TITLE = 4
    ELSEWHERE = 5


def effective_sort(chosen: Sort, has_query: bool) -> Sort:
    """The sort in force: relevance means title order while there is no query."""
    if chosen is Sort.RELEVANCE and not has_query:
        return Sort.TITLE
    return chosen


def next_sort(chosen: Sort, has_query: bool) -> Sort:
    """What `s` switches to: each sort in turn, in `Sort`'s order, relevance only
    while there is a query."""
    current = effective_sort(chosen, has_query)
    cycle = [sort for sort in Sort if has_query or sort is not Sort.RELEVANCE]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


def by_values(
    found: Sequence[int],
    values: Mapping[int, Any],
    title_order: Sequence[int],
    *,
    highest_first: bool,
) -> list[int]:
    """`found` (in title order) in order of `values` (by position; the films
    without one last), films of one value in title order."""
    size = len(title_order)
    has = mask_of(values.keys(), size)
    ranked = list(compress(title_order, map(has.__getitem__, title_order)))
    ranked.sort(key=values.__getitem__, reverse=highest_first)  # stable, even reversed
    return in_order_of(found, ranked, size)


def in_order_of(found: Sequence[int], ranked: Sequence[int], size: int) -> list[int]:
    """The positions of `found` in the order of `ranked` (the films that have a
    value, in order), then those `ranked` lacks, as `found` has them."""
    matched = mask_of(found, size)
    first = list(compress(ranked, map(matched.__getitem__, ranked)))
    rest = compress(found, flipped(pick(mask_of(ranked, size), found)))
    return [*first, *rest]


def strip_article(title: str) -> str:
    """A folded title without a leading `the`, `a` or `an`."""
    if not title.startswith(_ARTICLES):  # most titles: one call
        return title
    for article in _ARTICLES:
        if title.startswith(article):
            return title[len(article) :]
    return title


def title_sort_key(film: Film) -> tuple[str, int, str]:
    """Library order: by title without a leading article, then year."""
    return (strip_article(fold(film.title).strip()), film.year or 0, film.id)


def plain_words(terms: Sequence[Term]) -> str:
    """The words of `terms`, as a plain title to compare with (`star voyage`)."""
    return " ".join(words(" ".join(t.text for t in terms)))


def padded_words(text: str) -> str:
    """` star of venus `: the words of folded text, to find whole words with `in`."""
    return f" {' '.join(words(text))} "


_GAPS = re.compile(r"[^\w\0]+")  # what is between two words (`words`), but a NUL


def padded_all(texts: Sequence[str]) -> list[str]:
    """`[padded_words(text) for text in texts]`, a run of texts (`RUN`) in a few calls
    into C: joined by NULs (one by one if one holds a NUL), every gap between words
    made a space, and the spaces beside a NUL or at the ends dropped."""
    padded: list[str] = []
    for start in range(0, len(texts), RUN):
        some = texts[start : start + RUN]
        joined = "\0".join(some)
        if joined.count("\0") != len(some) - 1:
            padded += map(padded_words, some)
            continue
        spaced = _GAPS.sub(" ", joined).replace(" \0", "\0").replace("\0 ", "\0").strip(" ")
        padded += (" " + spaced.replace("\0", " \0 ") + " ").split("\0")
    return padded


_FIVE = Tier.ELSEWHERE.value


def tiers(exact: bytes, prefix: bytes, whole: bytes, in_title: bytes, fuzzy: bytes) -> bytes:
    """Each film's tier (one byte, 0 to 5) from what is true of its title.

    The arguments hold one byte per film, 1 when: its plain title is the
    query's words (`exact`), starts with them (`prefix`), has every term as a
    whole word (`whole`), has every term in it (`in_title`), has every term in
    it or spelled close (`fuzzy`). A film's tier is the first that is true
    (5 when none is): counting the tiers it is within (each includes the ones
    before it) and taking that from 5. The sums run on Python ints, one byte
    per film, which never carry (at most 5).
    """
    size = len(exact)
    within = int.from_bytes(exact, "little")
    total = within
    for flags in (prefix, whole, in_title, fuzzy):
        within |= int.from_bytes(flags, "little")
        total += within
    five = int.from_bytes(bytes([_FIVE]) * size, "little")
    return (five - total).to_bytes(size, "little")


def year_order(films_by_title: Sequence[Film]) -> list[int]:
    """Positions in `films_by_title` in year order: by year, unknown years last,
    title order within a year. Buckets, not a sort: no long call into C."""
    by_year: dict[int, list[int]] = {}
    unknown: list[int] = []
    for position, film in enumerate(films_by_title):
        if film.year is None:
            unknown.append(position)
        else:
            by_year.setdefault(film.year, []).append(position)
    order: list[int] = []
    for year in sorted(by_year):
        order.extend(by_year[year])
    order.extend(unknown)
    return order


class KeptOrders(NamedTuple):
    """What `Orders` keeps of a catalog (`Orders.kept_part`, for a kept index)."""

    articled: Mapping[int, str]
    """The titles that start with an article, without it (`strip_article`), by position."""
    exact: Mapping[str, Sequence[int]]
    """The positions of the films by plain and stripped title."""
    by_first: Mapping[str, Sequence[int]]
    """The positions of the films by the first word of either."""
    known_years: Sequence[int]
    """The films' years, in year order, the unknown ones left out."""


class PlainTitles(Sequence[str]):
    """The titles' words joined by spaces (`per aspera ad astra`), in year order:
    sliced out of their padded title words (`padded_words`) when read."""

    def __init__(self, title_words: Sequence[str]) -> None:
        self._padded = title_words

    def __len__(self) -> int:
        return len(self._padded)

    @overload
    def __getitem__(self, at: int) -> str: ...
    @overload
    def __getitem__(self, at: slice) -> list[str]: ...
    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            return [padded[1:-1] for padded in self._padded[at]]
        return self._padded[at][1:-1]


class Orders:
    """What ordering needs to know of a catalog, worked out once.

    The index keeps its films in year order (see `year_order`), so positions
    ascending are year order; `title_order` lists the positions in title order.
    Titles that are, or start with, some words (tiers 0 and 1) are found
    through mappings of whole titles and of first words to films: dicts when
    built (no sort of a million titles), `tui.search.postings.FlatPostings`
    when read from a kept index.
    """

    def __init__(
        self, films: Sequence[Film], title_words: Sequence[str], title_order: list[int]
    ) -> None:
        """`films` in year order, `title_words` their titles' `padded_words`,
        `title_order` their positions in title order."""
        articled: dict[int, str] = {}
        exact: dict[str, list[int]] = {}
        by_first: dict[str, list[int]] = {}
        for position, padded in enumerate(title_words):
            plain = padded[1:-1]
            exact.setdefault(plain, []).append(position)
            by_first.setdefault(plain.partition(" ")[0], []).append(position)
            stripped = strip_article(plain)
            if stripped is not plain:
                articled[position] = stripped
                exact.setdefault(stripped, []).append(position)
                by_first.setdefault(stripped.partition(" ")[0], []).append(position)
        self._exact: Mapping[str, Sequence[int]] = exact
        known_years = [film.year for film in films if film.year is not None]
        self._set(title_words, articled, by_first, title_order, known_years)

    def _set(
        self,
        title_words: Sequence[str],
        articled: Mapping[int, str],
        by_first: Mapping[str, Sequence[int]],
        title_order: list[int],
        known_years: Sequence[int],
    ) -> None:
        self._title_words = title_words
        self.plain_titles = PlainTitles(title_words)
        self._articled = articled
        self._by_first = by_first
        self._firsts = sorted(by_first)  # the distinct first words: a few thousand
        self.title_order = title_order
        self._known_years = known_years

    def kept_part(self) -> KeptOrders:
        """What `restored` needs (for a kept index)."""
        return KeptOrders(self._articled, self._exact, self._by_first, self._known_years)

    @classmethod
    def restored(
        cls, part: KeptOrders, title_words: Sequence[str], title_order: list[int]
    ) -> Orders:
        """The orders of the films from their `kept_part` and padded title words;
        ValueError if it is not one of `len(title_order)` films."""
        size = len(title_order)
        if not len(title_words) == size >= len(part.known_years):
            raise ValueError("not the orders of these films")
        orders = cls.__new__(cls)
        orders._exact = part.exact
        orders._set(title_words, part.articled, part.by_first, title_order, part.known_years)
        return orders

    def in_years(self, years: tuple[YearRange, ...]) -> range:
        """Positions of the films whose year is in every range (they are consecutive)."""
        low, high = 0, len(self._known_years)
        for year_range in years:
            low = max(low, bisect.bisect_left(self._known_years, year_range.low))
            high = min(high, bisect.bisect_right(self._known_years, year_range.high))
        return range(low, max(low, high))

    def titles_from(self, text: str, *, prefix: bool) -> list[int]:
        """Films whose plain title (with or without its article) is, or starts with,
        `text`: positions ascending (so in year order)."""
        if not text:
            return []
        if not prefix:
            return sorted(set(self._exact.get(text, ())))
        first, space, _ = text.partition(" ")
        if not space:  # one word, which may go on: every first word that starts with it
            low = bisect.bisect_left(self._firsts, first)
            high = bisect.bisect_left(self._firsts, first + _LAST)
            return sorted({p for word in self._firsts[low:high] for p in self._by_first[word]})
        # The first word is whole: look at the titles that start with it.
        candidates = self._by_first.get(first, [])
        starts = map(
            or_,  # a padded title starts with a space, then the plain title
            map(str.startswith, map(self._title_words.__getitem__, candidates), repeat(f" {text}")),
            map(str.startswith, map(self._articled.get, candidates, repeat("")), repeat(text)),
        )
        return sorted(set(compress(candidates, starts)))
