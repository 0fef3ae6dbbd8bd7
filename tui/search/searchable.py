"""A catalog made searchable: its films in year order and all a search reads of them.
Knows nothing of Textual.

`tui.search.index` builds this once, when the first search needs it or in a
thread after the first frame; the first screen needs only title order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from tui.model.film import Film
from tui.search.folding import words
from tui.search.fuzzy import Vocabulary
from tui.search.match_cache import MatchCache
from tui.search.orders import Orders, year_order
from tui.search.query import Field, Query, Term
from tui.search.search_texts import FilmTexts

# The favourite ids, the watched ids, and (id, rating) of the rated films; None when unused.
Marked = tuple[frozenset[str] | None, frozenset[str] | None, frozenset[tuple[str, float]] | None]


class Searchable:
    """A catalog made searchable: what a search reads besides title order, worked out once.

    The films are kept in year order (see `tui.search.stepwise`), and known by
    their position in it: the films, their folded titles and title words, the
    distinct title words (`Vocabulary`), the orders, the searchable text
    (built a step at a time, `FilmTexts`) and what is known of which film
    holds which text (`MatchCache`).
    """

    def __init__(
        self, by_title: Sequence[Film], folded_by_title: Sequence[str], notes: Mapping[str, str]
    ) -> None:
        order = year_order(by_title)
        self.films = [by_title[position] for position in order]
        titles = [folded_by_title[position] for position in order]
        title_order = [0] * len(order)
        for position, place in enumerate(order):
            title_order[place] = position
        self.position_of = {film.id: position for position, film in enumerate(self.films)}
        self.title_words: list[str] = []
        self.vocabulary = Vocabulary()
        for position, title in enumerate(titles):
            title_words = words(title)
            self.title_words.append(f" {' '.join(title_words)} ")
            self.vocabulary.add(position, title_words)
        self.vocabulary.freeze()
        self.orders = Orders(self.films, self.title_words, title_order)
        self.texts = FilmTexts(self.films, titles, notes)
        self.masks = MatchCache(len(self.films), self._test)

    def _test(self, scope: Field | None, text: str, positions: list[int]) -> bytes:
        """One byte per film at `positions`: 1 if its `scope` holds `text`."""
        return self.texts.holding(scope, text, positions, self.masks.flags)

    def candidates(self, query: Query, marked: Marked) -> set[int] | range | None:
        """Positions of the films the filters keep; None when there are no filters.

        `marked` is what the user's fields filter by, each None when unused:
        the favourite ids to keep, the watched ids, the (id, rating) of every
        rated film.
        """
        keep, watched, rated = marked
        position_of = self.position_of
        found: set[int] | range | None = None
        if query.years:
            found = self.orders.in_years(query.years)
        for ids in (keep, watched):
            if ids is not None:
                found = _both(found, {position_of[i] for i in ids if i in position_of})
        if rated is not None:
            ranges = query.ratings
            if not all(0 in r for r in ranges):  # unrated films are out: look at rated ones only
                kept = {
                    position_of[i]
                    for i, rating in rated
                    if i in position_of and all(rating in r for r in ranges)
                }
                found = _both(found, kept)
            else:
                drop = {
                    position_of[i]
                    for i, rating in rated
                    if i in position_of and not all(rating in r for r in ranges)
                }
                if drop:
                    everything = range(len(self.films)) if found is None else found
                    found = {p for p in everything if p not in drop}
        return found

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


def _both(found: set[int] | range | None, kept: set[int]) -> set[int]:
    """The films in both (None: every film)."""
    if found is None:
        return kept
    if isinstance(found, range):
        return {p for p in kept if p in found}
    return found & kept
