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
year order is by year, then title.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import IntEnum, StrEnum
from itertools import compress

from tui.film import Film
from tui.folding import fold

_ARTICLES = ("the ", "a ", "an ")


class Sort(StrEnum):
    """How the list is ordered; the value is what the settings file holds."""

    RELEVANCE = "relevance"
    TITLE = "title"
    YEAR = "year"

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
    """What `s` switches to: relevance → title → year → relevance (no query: title ⇄ year)."""
    current = effective_sort(chosen, has_query)
    cycle = [Sort.RELEVANCE, Sort.TITLE, Sort.YEAR] if has_query else [Sort.TITLE, Sort.YEAR]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


def strip_article(title: str) -> str:
    """A folded title without a leading `the`, `a` or `an`."""
    for article in _ARTICLES:
        if title.startswith(article):
            return title[len(article) :]
    return title


def title_sort_key(film: Film) -> tuple[str, int, str]:
    """Library order: by title without a leading article, then year."""
    return (strip_article(fold(film.title).strip()), film.year or 0, film.id)


def year_sort_key(film: Film) -> tuple[bool, int]:
    """Year order; unknown years last. Stable sorting keeps title order inside a year."""
    return (film.year is None, film.year or 0)


def in_order(positions: Collection[int], order: Sequence[int], rank: Sequence[int]) -> list[int]:
    """`positions` in the order of `order` (`rank[p]` is p's place in it).

    Sorting costs n log n; walking the whole order costs its length, so a
    large share of the catalog is picked out of the order instead.
    """
    if len(positions) * 8 < len(order):
        return sorted(positions, key=rank.__getitem__)
    wanted = positions if isinstance(positions, set | frozenset) else set(positions)
    return list(compress(order, map(wanted.__contains__, order)))  # the loop runs in C
