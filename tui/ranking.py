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

import bisect
from collections.abc import Collection, Sequence
from enum import IntEnum, StrEnum
from itertools import compress, repeat
from operator import contains

from tui import masks
from tui.film import Film
from tui.folding import fold, words
from tui.fuzzy import Vocabulary
from tui.query import Term, YearRange

_ARTICLES = ("the ", "a ", "an ")
_LAST = chr(0x10FFFF)


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


def _plain(terms: Sequence[Term]) -> str:
    """The words of `terms`, as a plain title to compare with (`star voyage`)."""
    return " ".join(words(" ".join(t.text for t in terms)))


def in_order(positions: Collection[int], order: Sequence[int], rank: Sequence[int]) -> list[int]:
    """`positions` in the order of `order` (`rank[p]` is p's place in it).

    Sorting costs n log n; walking the whole order costs its length, so a
    large share of the catalog is picked out of the order instead.
    """
    if len(positions) * 8 < len(order):
        return sorted(positions, key=rank.__getitem__)
    wanted = positions if isinstance(positions, set | frozenset) else set(positions)
    return list(compress(order, map(wanted.__contains__, order)))  # the loop runs in C


def containing(strings: list[str], text: str, candidates: Sequence[int]) -> list[int]:
    """Those `candidates` whose string holds `text`, in order (the loop runs in C)."""
    if isinstance(candidates, range) and len(candidates) == len(strings):
        return list(compress(candidates, map(contains, strings, repeat(text))))
    chosen = map(strings.__getitem__, candidates)
    return list(compress(candidates, map(contains, chosen, repeat(text))))


class Orders:
    """What ordering needs to know of a catalog, worked out once.

    Films are known by their position in library (title) order, so sorting
    positions ascending is title order.
    """

    def __init__(self, films: Sequence[Film], titles: list[str], vocabulary: Vocabulary) -> None:
        """`films` in title order, `titles` their folded titles, `vocabulary` their words."""
        self._titles = titles
        self._vocabulary = vocabulary
        self._title_words = [f" {' '.join(words(title))} " for title in titles]
        plain_titles: list[tuple[str, int]] = []
        for position, title in enumerate(titles):
            plain = " ".join(words(title))
            plain_titles.append((plain, position))
            stripped = strip_article(plain)
            if stripped != plain:
                plain_titles.append((stripped, position))
        plain_titles.sort()
        self._plain_keys = [key for key, _ in plain_titles]
        self._plain_positions = [position for _, position in plain_titles]
        self._year_order = sorted(range(len(films)), key=lambda p: year_sort_key(films[p]))
        self._year_rank = [0] * len(films)
        for rank, position in enumerate(self._year_order):
            self._year_rank[position] = rank
        self._known_years = [year for p in self._year_order if (year := films[p].year) is not None]

    def in_years(self, years: tuple[YearRange, ...]) -> list[int]:
        """Positions (ascending) of the films whose year is in every range."""
        found: set[int] | None = None
        for year_range in years:
            low = bisect.bisect_left(self._known_years, year_range.low)
            high = bisect.bisect_right(self._known_years, year_range.high)
            inside = set(self._year_order[low:high])
            found = inside if found is None else found & inside
        return sorted(found or ())

    def by_year(self, positions: Collection[int]) -> list[int]:
        """`positions` by year (unknown last), then title."""
        if len(positions) * 8 >= len(self._year_order):
            return masks.in_order(self._mask(positions), self._year_order)
        return in_order(positions, self._year_order, self._year_rank)

    def by_relevance(
        self, terms: Sequence[Term], positions: Sequence[int], loose: dict[Term, set[int]]
    ) -> list[int]:
        """`positions` (ascending) in the tiers of the module docstring.

        `terms` are the query's terms; `loose[term]` the films whose title has
        a word spelled close to it.
        """
        ranked = [t for t in terms if t.field in (None, "title")]
        if not ranked:
            return self.by_year(positions)
        if len(positions) * 8 >= len(self._titles):
            return self._by_relevance_in_masks(ranked, positions, loose)
        remaining = set(positions)
        in_title: set[int] = remaining
        fuzzy: set[int] = remaining
        fuzzy_in_order: Sequence[int] = positions  # ascending positions read memory in order
        for term in ranked:
            here_in_order = containing(self._titles, term.text, fuzzy_in_order)
            here = set(here_in_order)
            close = loose.get(term)
            if close:
                fuzzy = here | (fuzzy & close)
                fuzzy_in_order = sorted(fuzzy)
            else:
                fuzzy, fuzzy_in_order = here, here_in_order
            in_title = in_title & here
        tiers = {
            Tier.EXACT_TITLE: self._titles_from(_plain(ranked), prefix=False),
            Tier.TITLE_PREFIX: self._titles_from(_plain(ranked), prefix=True),
            Tier.TITLE_WORDS: self._whole_words(ranked, in_title),
            Tier.IN_TITLE: in_title,
            Tier.FUZZY_TITLE: fuzzy,
        }
        ordered: list[int] = []
        for tier in Tier:
            if tier is Tier.ELSEWHERE:
                chosen = remaining
            else:
                chosen = remaining & tiers[tier]
                remaining -= chosen
            if chosen:
                ordered.extend(self.by_year(chosen))
        return ordered

    def _by_relevance_in_masks(
        self, ranked: list[Term], positions: Sequence[int], loose: dict[Term, set[int]]
    ) -> list[int]:
        """`by_relevance` for a large share of the catalog: the same tiers, as masks.

        Each film's tier is worked out for all films at once: `within[t]`
        holds the films of tier t or better, so a film's tier is 6 less the
        number of those it is in (6: not found).
        """
        size = len(self._titles)
        found = masks.as_int(self._mask(positions))
        in_title = fuzzy = found
        for term in ranked:
            here = masks.as_int(masks.containing(self._titles, term.text))
            close = loose.get(term)
            in_title &= here
            fuzzy &= (here | masks.as_int(masks.mask_of(close, size))) if close else here
        whole = in_title
        for term in ranked:
            if not term.phrase and term.text.isalnum():
                words_mask = masks.mask_of(self._vocabulary.films_with(term.text), size)
            else:
                needle = f" {' '.join(words(term.text))} "
                words_mask = masks.containing(self._title_words, needle)
            whole &= masks.as_int(words_mask)
        exact = masks.as_int(masks.mask_of(self._titles_from(_plain(ranked), prefix=False), size))
        prefix = masks.as_int(masks.mask_of(self._titles_from(_plain(ranked), prefix=True), size))
        within = [exact & found]
        for tier_films in (prefix & found, whole, in_title, fuzzy, found):
            within.append(within[-1] | tier_films)
        tiers = masks.as_int(bytes([len(Tier)]) * size) - sum(within)
        return masks.ranked(masks.as_mask(tiers, size), self._year_order, len(Tier))

    def _mask(self, positions: Collection[int]) -> masks.Mask:
        size = len(self._titles)
        if isinstance(positions, range) and len(positions) == size:
            return masks.everything(size)
        return masks.mask_of(positions, size)

    def _whole_words(self, terms: list[Term], in_title: set[int]) -> set[int]:
        """Those of `in_title` where every term is a whole word (or words) of the title."""
        whole = in_title
        for term in terms:
            if not term.phrase and term.text.isalnum():
                whole = whole & set(self._vocabulary.films_with(term.text))
            else:
                needle = f" {' '.join(words(term.text))} "
                whole = {p for p in whole if needle in self._title_words[p]}
        return whole

    def _titles_from(self, text: str, *, prefix: bool) -> set[int]:
        """Films whose plain title (with or without its article) is, or starts with, `text`."""
        if not text:
            return set()
        keys = self._plain_keys
        low = bisect.bisect_left(keys, text)
        high = bisect.bisect_left(keys, text + _LAST if prefix else text + "\0")
        return set(self._plain_positions[low:high])
