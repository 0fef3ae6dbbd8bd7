"""A catalog made searchable: its films in year order and all a search reads of them.
Knows nothing of Textual.

`tui.search.index` builds this once, when the first search needs it or in a
thread after the first frame; the first screen needs only title order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from itertools import repeat
from operator import attrgetter, contains, itemgetter
from typing import Any

from tui.model.film import Film
from tui.search.fields import Field, own_names, value_number
from tui.search.folding import fold
from tui.search.fuzzy import Vocabulary
from tui.search.kept_index import KeptSearchable, searchable_part, titles_parts
from tui.search.marked import Marked
from tui.search.masks import RUN, Part, gathered, int_array, inverse, items_at, mapped, put, taken
from tui.search.match_cache import MatchCache
from tui.search.orders import (
    Orders,
    Sort,
    by_values,
    in_order_of,
    padded_all,
    year_order,
)
from tui.search.preview import in_positions, put_in
from tui.search.query import NumberRange, Query, Term
from tui.search.search_texts import STEP as TEXT_STEP
from tui.search.search_texts import FilmTexts
from tui.search.sorting import sorted_in_runs
from tui.search.stepwise import Steps

RUNTIME = "runtime"  # the number column of the runtimes (the others are own fields)


class NumberColumn:
    """The films that have a number (a runtime, an own field's), sorted by it."""

    def __init__(self, numbers: Iterable[tuple[int | float, int]]) -> None:
        """`numbers`: (number, position) of each film that has one."""
        ordered = sorted_in_runs(list(numbers), key=itemgetter(0))  # stable
        self._numbers = [number for number, _ in ordered]
        self.positions = [position for _, position in ordered]
        """The films that have a number, in its order (films of one number as given)."""

    def within(self, numbers: NumberRange) -> set[int]:
        """The positions of the films whose number is in `numbers`."""
        low = bisect.bisect_left(self._numbers, numbers.low)
        high = bisect.bisect_right(self._numbers, numbers.high)
        return set(self.positions[low:high])


class Searchable:
    """A catalog made searchable: what a search reads besides title order, worked out once.

    The films are kept in year order (see `tui.search.stepwise`), and known by
    their position in it: the films, their folded titles and title words, the
    distinct title words (`Vocabulary`), the orders, the searchable text
    (built a step at a time, `FilmTexts`), what is known of which film
    holds which text (`MatchCache`), the folded names of the films' own
    fields (`own_names`) and, once a filter asks, the films in order of a
    number (`NumberColumn`).
    """

    def __init__(
        self,
        by_title: Sequence[Film],
        folded_by_title: Sequence[str],
        notes: Mapping[str, str],
        tags: Mapping[str, Sequence[str]],
        kept: KeptSearchable | None = None,
    ) -> None:
        """With `kept` (a kept index of these films), what it holds is read, not worked out."""
        order: Sequence[int] = year_order(by_title) if kept is None else kept.year_order
        self.year_order = int_array(order) if kept is None else kept.year_order
        """The films' places in title order, in year order."""
        size = len(order)
        self.films = in_positions(by_title, order)
        title_order = inverse(order) if kept is None else kept.title_order
        self.position_of: Mapping[str, int]
        kept_positions = None if kept is None else kept.position_of(self.films)
        if kept_positions is None:
            self.position_of = {}
            for start in range(0, size, RUN):
                stop = min(size, start + RUN)
                ids = map(attrgetter("id"), self.films[start:stop])
                self.position_of.update(zip(ids, range(start, stop), strict=True))
        else:
            self.position_of = kept_positions
        self.vocabulary = Vocabulary()
        kept_titles = None if kept is None else kept.titles()
        titles_in: Callable[[Part], list[str]]  # the folded titles in year order
        if kept_titles is None:
            titles = mapped(folded_by_title.__getitem__, order)
            titles_in = taken(titles)
            self.title_words = padded_all(titles)
            for position, padded in enumerate(self.title_words):
                self.vocabulary.add(position, padded.split())
            self.orders = Orders(self.films, self.title_words, title_order)
        else:
            orders, self.title_words, postings = kept_titles
            titles_in = gathered(folded_by_title, order)  # all of them once a search asks
            self.orders = Orders.restored(orders, self.title_words, title_order)
            self.vocabulary.add_postings(postings)  # what `add` would have made
        self.vocabulary.freeze()
        self.texts = FilmTexts(self.films, titles_in, self.position_of, notes, tags, kept)
        self.masks = MatchCache(len(self.films), self._test)
        if kept is None:
            self.own_names = own_names(film.own for film in self.films if film.own)
        else:
            self.own_names = kept.own_names
            texted = self.texts.user_texted()
            for letter, mask in kept.letters.items():
                self.masks.keep(None, letter, mask, texted)
        self._columns: dict[str, NumberColumn] = {}

    def adopt(self, by_title: Sequence[Film]) -> None:
        """Films in the place of those the index was made of (`SearchIndex.adopt`):
        the same films by id in title order, with all their fields."""
        films = mapped(by_title.__getitem__, self.year_order)
        put_in(self.films, films)  # for what holds them (the results given out)
        self.films = films
        self._columns.clear()  # numbers of the films before

    def find_letters(self, lock: AbstractContextManager[object]) -> Iterator[float]:
        """Find out now which films hold each uncommon letter (a few seconds at a
        million films, in steps under `lock`, which let searches in between); yields
        the share of the letters done after each.

        A text is looked for only in the films that hold its rarest letter
        (`tui.search.search_texts`), so a search for one that no film holds (`xy`) then
        reads a tenth of the films, not all of them.
        """
        size = len(self.films)
        letters = self.texts.uncommon_letters()
        for done, letter in enumerate(letters):
            for start in range(0, size, TEXT_STEP):
                with lock:
                    self.masks.flags(None, letter, range(start, min(size, start + TEXT_STEP)))
            yield (done + 1) / len(letters)

    def kept_part(self) -> dict[str, Any]:
        """The `searchable` part of a kept index of these films (once their texts and
        uncommon letters are all found, see `SearchIndex.build`)."""
        letters: dict[str, bytes] = {}
        texted = self.texts.user_texted()
        for letter in self.texts.uncommon_letters():
            mask = self.masks.known(None, letter)
            if mask is not None:  # and without the notes and tags
                found = bytearray(mask)
                put(found, texted, (letter in text for text in self.texts.kept_texts(texted)))
                letters[letter] = bytes(found)
        orders = self.orders.kept_part()
        markers, shares = self.texts.markers, self.texts.shares()
        postings = self.vocabulary.postings
        return searchable_part(
            self.year_order,
            self.orders.title_order,
            letters,
            self.own_names,
            markers,
            shares,
            orders,
            postings,
        )

    def kept_titles(self) -> Iterator[tuple[str, object]]:
        """The `title-lists.<start>` parts of a kept index of these films."""
        orders = self.orders.kept_part()
        return titles_parts(orders, self.title_words, self.vocabulary.postings, self.films)

    def _test(self, scope: Field | None, text: str, positions: Sequence[int]) -> bytes:
        """One byte per film at `positions`: 1 if its `scope` holds `text`.

        A title holds letters and digits only within one of its words: its padded
        title words (in this order, in memory) answer for them, with neither the
        titles (gathered in this order: 0.4 s at a million films) nor the texts.
        """
        if scope == "title" and text.isalnum():
            return bytes(map(contains, items_at(self.title_words, positions), repeat(text)))
        return self.texts.holding(scope, text, positions, self.masks.flags)

    def candidates(self, query: Query, marked: Marked) -> set[int] | range | None:
        """Positions of the films the filters keep; None when there are no filters.

        `marked` is what the user's marks say, for the filters that read them.
        """
        position_of = self.position_of
        found: set[int] | range | None = None
        if query.years:
            found = self.orders.in_years(query.years)
        for name, numbers in (*((RUNTIME, r) for r in query.runtimes), *query.own_numbers):
            found = _both(found, self._column(name).within(numbers))
        for _mark, wanted, ids in marked.marks:
            positions = {position_of[i] for i in ids if i in position_of}
            found = _both(found, positions) if wanted else self._without(found, positions)
        if marked.rated is not None:
            ranges = query.ratings
            rated = [(position_of[i], rating) for i, rating in marked.rated if i in position_of]
            if not all(0 in r for r in ranges):  # unrated films are out: look at rated ones only
                found = _both(found, {p for p, rating in rated if all(rating in r for r in ranges)})
            else:
                drop = {p for p, rating in rated if not all(rating in r for r in ranges)}
                found = self._without(found, drop)
        if marked.watches is not None:
            seen = {
                position_of[i]
                for i, days in marked.watches
                if i in position_of and all(any(day in r for day in days) for r in query.watches)
            }
            found = _both(found, seen)
        return found

    def sorted_steps(self, steps: Steps, sort: Sort, values: Mapping[str, Any]) -> Steps:
        """`steps` (which find the films in title order) with what they found sorted by
        runtime, or by `values` of the user's marks (the rating, the last day watched)
        highest first; the films without a value last, in title order."""
        found = yield from steps
        size = len(self.films)
        if sort is Sort.RUNTIME:
            return in_order_of(found, self._column(RUNTIME).positions, size)
        position_of = self.position_of
        by_position = {position_of[i]: value for i, value in values.items() if i in position_of}
        return by_values(found, by_position, self.orders.title_order, highest_first=True)

    def _without(self, found: set[int] | range | None, drop: set[int]) -> set[int] | range | None:
        """The films of `found` (None: every film) that are not in `drop`."""
        if not drop:
            return found
        everything = range(len(self.films)) if found is None else found
        return {p for p in everything if p not in drop}

    def _column(self, name: str) -> NumberColumn:
        """The films by runtime (`RUNTIME`) or by the number in their own field `name`."""
        column = self._columns.get(name)
        if column is None:
            numbers: Iterable[tuple[int | float, int]]
            if name == RUNTIME:  # in title order, for sorting by runtime
                films = self.films
                numbers = (
                    (films[p].runtime or 0, p) for p in self.orders.title_order if films[p].runtime
                )
            else:
                numbers = _own_numbers(self.films, name)
            column = self._columns[name] = NumberColumn(numbers)
        return column

    def close_words(self, term: Term) -> list[str]:
        """Title words spelled close to `term` (for plain and `title:` words)."""
        if term.phrase or term.field not in (None, "title"):
            return []
        return self.vocabulary.close_words(term.text)

    def films_with_any(self, title_words: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for word in title_words:
            found.update(self.vocabulary.films_with(word))
        return found


def _own_numbers(films: Sequence[Film], name: str) -> Iterable[tuple[int | float, int]]:
    """(number, position) of the films whose own field `name` (folded) holds a number."""
    for position, film in enumerate(films):
        for key, value in film.own.items() if film.own else ():
            number = value_number(value) if fold(key) == name else None
            if number is not None:
                yield number, position


def _both(found: set[int] | range | None, kept: set[int]) -> set[int]:
    """The films in both (None: every film)."""
    if found is None:
        return kept
    if isinstance(found, range):
        return {p for p in kept if p in found}
    return found & kept
