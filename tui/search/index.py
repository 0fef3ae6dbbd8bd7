"""Finding films: matching a parsed query against the catalog. Knows nothing of Textual.

The query syntax is in `tui.search.query`, the orders in `tui.search.orders`, typo
tolerance in `tui.search.fuzzy`. A film matches when every term matches (in any
order) and no excluded term does:

- a word or phrase matches when its folded text occurs in the folded title,
  year, description or fact (in the one field it is scoped to, if any); a
  partial word therefore matches (`cassio` finds Moscow-Cassiopeia);
- a word of five letters or more also matches a title word spelled close to
  it (`cassiopea`, `aspra`, `mountaineers`), ranked below exact title hits;
- excluded terms, phrases and `desc:`/`fact:` words match exactly only;
- the user's own fields filter: `is:fav` (the `favourites` given to `find`),
  `is:watched` and `rating:` (read from the `personal` fields given to
  `find`; a film without them is unwatched and has rating 0, unrated).

Speed: every film's text is folded once, when the index is built, so a
keystroke costs substring tests only, and only on the films still in play:
the year, favourite, watched and rating filters are applied first, and each
term is tested only on the films the terms before it matched. What a test
found is remembered per term (`tui.search.match_cache`), so a longer term (the user
typed one more letter) is tested only on the films that held the shorter one.
Typo tolerance compares a word with the distinct title words, not with every
film.

A search runs in steps (`find_steps`): the films are visited in the order
they will be shown, a chunk at a time, so that a caller in a thread can stop
a search the user no longer wants between chunks, and can show the first
screenful of a search over a million films long before the last film has
been looked at. `find` runs all the steps.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from tui.gc_paused import gc_paused
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.folding import fold, words
from tui.search.fuzzy import Vocabulary
from tui.search.highlight import Highlighter
from tui.search.match_cache import MatchCache
from tui.search.orders import (
    Orders,
    Sort,
    effective_sort,
    in_title_order,
    title_sort_key,
    year_order,
)
from tui.search.query import Field, Query, Term, parse_query
from tui.search.result_films import ResultFilms
from tui.search.search_texts import STEP as TEXT_STEP
from tui.search.search_texts import FilmTexts
from tui.search.stepwise import Plan, StepwiseSearch, mask_of

__all__ = [
    "SearchIndex",
    "SearchResult",
    "Sort",
    "fold",
    "lists_everything",
    "parse_query",
    "title_sort_key",
]

_SUGGEST_CUTOFF = 60.0  # rapidfuzz ratio, 0 to 100: how close a title must be to be offered
_SUGGEST_STEP = 50_000  # titles compared in one call
_LISTS_PER_FILM = 12  # entries the index keeps for each film, in its lists and dicts

Marked = tuple[frozenset[str] | None, frozenset[str] | None, frozenset[tuple[str, int]] | None]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found, in order, and how to show why.

    While `complete` is False, `films` holds only the first films of the
    result (as many as the caller asked for, or more) and the rest is still
    being searched for; they are the first films the complete result will hold.
    """

    films: Sequence[Film]
    query: Query
    sort: Sort
    highlighter: Highlighter = field(default_factory=Highlighter)
    complete: bool = True

    @property
    def hint(self) -> str:
        """What could not be read in the query ('' when all of it was)."""
        return self.query.hint


class SearchIndex:
    """The films of a catalog, pre-folded for searching, in library order."""

    def __init__(self, films: Sequence[Film], notes: Mapping[str, str] | None = None) -> None:
        """Index `films`; `notes` are the user's notes by film id, searched like the rest.

        Only the title order is worked out here: that is all the first screen
        needs. The rest is built by `prepare()` (call it in a thread) or by
        the first search that needs it.
        """
        self._by_title, self._folded_by_title = in_title_order(films)
        self._notes = dict(notes or {})
        self._titled = False
        self._letters_found = 0.0  # the share of uncommon letters found out (`prepare`)
        self._last: tuple[Hashable, SearchResult] | None = None
        self._lock = threading.Lock()  # one search step at a time

    def prepare(self) -> None:
        """Build the searchable text now (seconds per million films).

        Safe to call from a thread. The titles come first (a search waits for
        them), then the rest of the text, a step at a time in year order: a
        search that starts meanwhile goes ahead over the films whose text is
        built, and builds what it needs itself if it gets there first.
        """
        # Lists of every film, which live as long as the index: out of the
        # collector's reach once built (see `tui.gc_paused`).
        with gc_paused(keeps=_LISTS_PER_FILM * len(self._by_title)):
            with self._lock:
                self._prepare_titles()
            self._texts.build_until(len(self._by_title))
        self._find_letters()

    def _find_letters(self) -> None:
        """Find out now which films hold each uncommon letter (a few seconds at a
        million films, in steps that let searches in between).

        A text is looked for only in the films that hold its rarest letter
        (`tui.search.search_texts`), so a search for one that no film holds (`xy`) then
        reads a tenth of the films, not all of them.
        """
        size = len(self._by_title)
        letters = self._texts.uncommon_letters()
        for done, letter in enumerate(letters):
            for start in range(0, size, TEXT_STEP):
                with self._lock:
                    self._masks.flags(None, letter, range(start, min(size, start + TEXT_STEP)))
            self._letters_found = (done + 1) / len(letters)
        self._letters_found = 1.0

    @property
    def prepared(self) -> bool:
        """True once searching needs no more building (`prepare` may still be
        finding out which films hold which letter, which only saves time)."""
        return self._titled and len(self._texts) == len(self._by_title)

    @property
    def indexing(self) -> float | None:
        """How much of `prepare`'s work is done (0.0 to 1.0), None once it all is."""
        if self._letters_found == 1.0:
            return None
        # About a fifth of the time for the titles, two thirds for the text.
        texts = len(self._texts) / max(1, len(self._by_title)) if self._titled else 0.0
        return 0.2 * self._titled + 0.65 * texts + 0.15 * self._letters_found

    def _prepare_titles(self) -> None:
        """Everything but the searchable text: orders, titles, title words."""
        if self._titled:
            return
        # The films are kept in year order (see `tui.search.stepwise`).
        order = year_order(self._by_title)
        self._films = [self._by_title[position] for position in order]
        self._titles = [self._folded_by_title[position] for position in order]
        title_order = [0] * len(order)
        for position, by_title in enumerate(order):
            title_order[by_title] = position
        self._title_rank = order  # a film's place in title order, by its position
        self._position_of = {film.id: position for position, film in enumerate(self._films)}
        self._title_words: list[str] = []
        self._vocabulary = Vocabulary()
        for position, title in enumerate(self._titles):
            title_words = words(title)
            self._title_words.append(f" {' '.join(title_words)} ")
            self._vocabulary.add(position, title_words)
        self._vocabulary.freeze()
        self._orders = Orders(self._films, self._title_words, title_order)
        # The searchable text of each film, in year order; built a step at a time.
        self._texts = FilmTexts(self._films, self._titles, self._notes)
        self._masks = MatchCache(len(self._films), self._test)
        self._titled = True

    def __len__(self) -> int:
        return len(self._by_title)

    def _at(self, film: Film) -> int | None:
        """The position of `film` (year order)."""
        if not self._titled:
            raise LookupError(film.id)
        return self._position_of.get(film.id)

    def _by_title_at(self, film: Film) -> int | None:
        """The place of `film` in title order: found by its title (no index needed)."""
        place = bisect.bisect_left(self._by_title, title_sort_key(film), key=title_sort_key)
        found = place < len(self._by_title) and self._by_title[place].id == film.id
        return place if found else None

    def set_notes(self, film_id: str, notes: str) -> None:
        """The user changed a film's notes: search the new ones from now on."""
        with self._lock:
            self._notes[film_id] = notes  # a text not built yet is built with them
            if not self._titled:
                return
            position = self._position_of.get(film_id)
            if position is None:
                return
            self._texts.rebuild(position)
            self._masks.forget(position, (None, "notes"))
            self._last = None

    # -- the public questions ------------------------------------------------

    def search(self, query: str, only: Collection[str] | None = None) -> list[Film]:
        """The films matching `query`, best first; `only` keeps just these ids."""
        return list(self.find(query, favourites=only, favourites_only=only is not None).films)

    def find(
        self,
        query: str | Query,
        *,
        favourites: Collection[str] | None = None,
        favourites_only: bool = False,
        personal: Mapping[str, UserMarks] | None = None,
        sort: Sort = Sort.RELEVANCE,
    ) -> SearchResult:
        """Search; `favourites` are the ids `is:fav` (or `favourites_only`) keeps.

        `personal` holds the user's fields by film id, for `is:watched` and
        `rating:`; a film missing from it is unwatched and unrated (rating 0).
        It is read only when the query asks for one of them.

        Safe to call from several threads (a search worker): calls take turns.
        """
        steps = self.find_steps(
            query,
            favourites=favourites,
            favourites_only=favourites_only,
            personal=personal,
            sort=sort,
        )
        result = None
        for result in steps:  # noqa: B007 - the last one is complete
            pass
        assert result is not None and result.complete
        return result

    def find_steps(
        self,
        query: str | Query,
        *,
        favourites: Collection[str] | None = None,
        favourites_only: bool = False,
        personal: Mapping[str, UserMarks] | None = None,
        sort: Sort = Sort.RELEVANCE,
        first: int | None = None,
    ) -> Iterator[SearchResult | None]:
        """`find`, a step at a time: None after each step, a result when there is one.

        The last item is the complete result. With `first`, a result that is
        not complete comes as soon as the first `first` films are known (if
        the search is not complete by then), so that they can be shown.
        Each step takes the index's lock for milliseconds; stop iterating to
        drop the search.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty and not favourites_only and effective_sort(sort, False) is Sort.TITLE:
            # Every film in title order: the index's own order, no searchable
            # text needed, nor the lock (which `prepare` holds while it builds).
            everything = ResultFilms(self._by_title, range(len(self._by_title)), self._by_title_at)
            yield SearchResult(everything, parsed, Sort.TITLE)
            return
        with self._lock:
            steps = self._steps(parsed, favourites, favourites_only, personal or {}, sort, first)
        while True:
            with self._lock:
                item = next(steps, self)
            if item is self:
                return
            yield item  # type: ignore[misc]

    def suggest(self, query: str | Query, stop: Callable[[], bool] = lambda: False) -> Film | None:
        """The title nearest to the query's words, if one is close; else None.

        `stop` is asked between batches of titles (a million take a few tenths
        of a second): when it says True, the answer is None.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        text = " ".join(words(" ".join(t.text for t in parsed.terms if t.field != "desc")))
        if len(text) < 3 or not self._by_title:
            return None
        with self._lock:
            self._prepare_titles()
            suggestions = self._orders.plain_titles
        best: tuple[float, int] | None = None  # score, position
        for start in range(0, len(suggestions), _SUGGEST_STEP):  # each a short call into C
            if stop():
                return None
            cutoff = _SUGGEST_CUTOFF if best is None else best[0]
            part = suggestions[start : start + _SUGGEST_STEP]
            found = process.extractOne(text, part, scorer=fuzz.ratio, score_cutoff=cutoff)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], start + found[2])
        return None if best is None else self._films[best[1]]

    # -- one search, in steps ------------------------------------------------

    def _steps(
        self,
        query: str | Query,
        favourites: Collection[str] | None,
        favourites_only: bool,
        personal: Mapping[str, UserMarks],
        sort: Sort,
        first: int | None,
    ) -> Iterator[SearchResult | None]:
        parsed = parse_query(query) if isinstance(query, str) else query
        sort = effective_sort(sort, not parsed.is_empty)
        keep = frozenset(favourites or ()) if favourites_only or parsed.favourites_only else None
        watched = (
            frozenset(i for i, mine in personal.items() if mine.watched)
            if parsed.watched_only
            else None
        )
        rated = (
            frozenset((i, mine.rating) for i, mine in personal.items() if mine.rating)
            if parsed.ratings
            else None
        )
        self._prepare_titles()
        key = (parsed, sort, keep, watched, rated)
        if self._last is not None and self._last[0] == key:
            # The same search (`the` then `the `): only the hints may differ.
            yield replace(self._last[1], query=parsed)
            return
        close = {term: self._close_words(term) for term in parsed.terms}
        size = len(self._films)
        close_films = {term: self._films_with_any(close[term]) for term in parsed.terms}
        plan = Plan(
            tuple(
                (term, mask_of(close_films[term], size) if close_films[term] else None)
                for term in parsed.terms
            ),
            parsed.excluded,
            close_films,
        )
        candidates = self._candidates(parsed, (keep, watched, rated))
        search = StepwiseSearch(
            self._masks,
            self._orders,
            self._vocabulary,
            self._title_words,
            plan,
            None if candidates is None else mask_of(candidates, size),
            first,
        )
        if sort is Sort.TITLE:
            steps = search.by_title()
        elif sort is Sort.RELEVANCE and plan.ranked:
            steps = search.by_relevance()
        else:
            steps = search.by_year()
        highlighter = self._highlighter(parsed, close)
        while True:
            try:
                item = next(steps)
            except StopIteration as done:
                found: Sequence[int] = done.value
                break
            if item is not None:
                films = ResultFilms(self._films, item, self._at)
                yield SearchResult(films, parsed, sort, highlighter, complete=False)
            else:
                yield None
        result = SearchResult(ResultFilms(self._films, found, self._at), parsed, sort, highlighter)
        self._last = (key, result)
        yield result

    # -- matching ------------------------------------------------------------

    def _candidates(self, query: Query, marked: Marked) -> set[int] | range | None:
        """Positions of the films the filters keep; None when there are no filters.

        `marked` is what the user's fields filter by, each None when unused:
        the favourite ids to keep, the watched ids, the (id, rating) of every
        rated film.
        """
        keep, watched, rated = marked
        found: set[int] | range | None = None
        if query.years:
            found = self._orders.in_years(query.years)
        for ids in (keep, watched):
            if ids is not None:
                found = _both(found, {self._position_of[i] for i in ids if i in self._position_of})
        if rated is not None:
            position_of = self._position_of
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
                    everything = range(len(self._films)) if found is None else found
                    found = {p for p in everything if p not in drop}
        return found

    def _test(self, scope: Field | None, text: str, positions: list[int]) -> bytes:
        """One byte per film at `positions`: 1 if its `scope` holds `text`."""
        return self._texts.holding(scope, text, positions, self._masks.flags)

    def _close_words(self, term: Term) -> list[str]:
        """Title words spelled close to `term` (for plain and `title:` words)."""
        if term.phrase or term.field not in (None, "title"):
            return []
        return self._vocabulary.close_words(term.text)

    def _films_with_any(self, title_words: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for word in title_words:
            found.update(self._vocabulary.films_with(word))
        return found

    # -- highlighting ----------------------------------------------------------

    @staticmethod
    def _highlighter(query: Query, close: dict[Term, list[str]]) -> Highlighter:
        needles: dict[str, list[str]] = {"title": [], "desc": [], "fact": [], "notes": []}
        for term in query.terms:
            for name in (term.field,) if term.field else needles:
                needles[name].append(term.text)
            needles["title"].extend(close.get(term, []))
        return Highlighter(**{name: tuple(found) for name, found in needles.items()})


def _both(found: set[int] | range | None, kept: set[int]) -> set[int]:
    """The films in both (None: every film)."""
    if found is None:
        return kept
    if isinstance(found, range):
        return {p for p in kept if p in found}
    return found & kept


def lists_everything(query: str, sort: Sort, favourites_only: bool) -> bool:
    """True when the answer is every film in title order: no search to run."""
    parsed = parse_query(query)
    return parsed.is_empty and not favourites_only and effective_sort(sort, False) is Sort.TITLE
