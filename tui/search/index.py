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
- the user's marks filter: `is:fav` (the `favourites` given to `find`),
  `is:watched`, `is:watchlist`, `rating:` and `watched:` (read from the
  `personal` marks given to `find`; a film without them is unwatched and
  has rating 0, unrated); `runtime:` and a film's own numbers
  (`budget:>1000000`) filter by what the films hold.

Speed: every film's text is folded once, when the index is built, so a keystroke costs
substring tests only, and only on the films still in play: the filters (year, runtime, own
numbers, the user's marks) are applied first, and each term is tested only on the films the
terms before it matched. What a test found is remembered per term
(`tui.search.match_cache`), so a longer term (the user typed one more letter) is tested only
on the films that held the shorter one. Typo tolerance compares a word with the distinct
title words, not with every film.

A search runs in steps (`find_steps`): the films are visited in the order they will be
shown, a chunk at a time, so that a caller in a thread can stop a search the user no longer
wants between chunks, and can show the first screenful of a search over a million films long
before the last film has been looked at. `find` runs all the steps.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import (
    Callable,
    Collection,
    Generator,
    Hashable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import replace
from operator import attrgetter

from tui.gc_paused import gc_paused
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.kept_index import SEARCHABLE, KeptIndex, first_parts, texts_part
from tui.search.marked import marked_for, sort_values
from tui.search.masks import RUN, int_array, mapped, mask_of
from tui.search.orders import Sort, effective_sort, title_sort_key
from tui.search.preview import ROWS, put_in, rows_part, same_ids
from tui.search.query import Query, parse_query
from tui.search.result_films import ResultFilms
from tui.search.search_result import SearchResult, highlighter_of, lists_everything
from tui.search.search_texts import STEP as TEXT_STEP
from tui.search.searchable import Searchable
from tui.search.stepwise import Plan, StepwiseSearch
from tui.search.suggestions import nearest_title, title_text
from tui.search.title_order import sorted_by_title

__all__ = ["SearchIndex", "SearchResult", "lists_everything"]

_LISTS_PER_FILM = 12  # entries the index keeps for each film, in its lists and dicts


class SearchIndex:
    """The films of a catalog, pre-folded for searching, in library order."""

    def __init__(
        self,
        films: Sequence[Film],
        notes: Mapping[str, str] | None = None,
        tags: Mapping[str, Sequence[str]] | None = None,
        kept: KeptIndex | None = None,
        key: Mapping[str, object] | None = None,
        *,
        titled: bool = False,
    ) -> None:
        """Index `films`; `notes` and `tags` are the user's by film id, searched like
        the rest (index again when they change).

        Only the title order is worked out here: that is all the first screen
        needs. The rest (`Searchable`) is built by `build()` (call it in a
        thread) or by the first search that needs it. With `kept` (a kept index
        of these very films, `tui.search.kept_index`), what it holds is read
        instead of worked out. `key` says what the films were read from, for
        keeping the index (`tui.finder`). `titled`: in the kept title order (a preview).
        """
        self.key = key
        self._folded_by_title: Sequence[str] | None = None  # (see `_folded`)
        if kept is not None and kept.size == len(films):
            by_title = films if titled else mapped(films.__getitem__, kept.title_order)
            self._by_title: Sequence[Film] = by_title  # (`mapped`: short calls into C)
            self._folded_by_title = kept.folded_titles
            self._kept: KeptIndex | None = kept
            self._title_order: Sequence[int] | None = kept.title_order
        else:
            self._by_title, self._pick_folded = sorted_by_title(films)
            self._kept = self._title_order = None
        self._read_from = self._kept
        self._notes = dict(notes or {})
        self._tags = dict(tags or {})
        self._searchable: Searchable | None = None  # built once, under the lock
        self._letters_found = 0.0  # the share of uncommon letters found out (`build`)
        self._last: tuple[Hashable, SearchResult] | None = None
        self._lock = threading.Lock()  # one search step at a time

    def build(self) -> None:
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
                searchable = self._built_searchable()
            searchable.texts.build_until(len(self._by_title))
        for done in searchable.find_letters(self._lock):  # letters: see `Searchable`
            self._letters_found = done
        self._letters_found = 1.0
        if self._kept is not None:
            self._kept.close()  # all read
            self._kept = None

    def adopt(
        self, films: Sequence[Film], notes: Mapping[str, str], tags: Mapping[str, Sequence[str]]
    ) -> bool:
        """Put `films` in the place of the stand-ins of a preview (`tui.search.preview`)
        the index was read for from a kept one, if they are the same films by id and
        `notes` and `tags` are the same: nothing is built again. Else False."""
        order = self._title_order
        if order is None or len(films) != len(order) or (notes, tags) != (self._notes, self._tags):
            return False
        by_title = mapped(films.__getitem__, order)
        if not same_ids(by_title, self._by_title):
            return False
        with self._lock:
            put_in(self._by_title, by_title)  # the results given out show them too
            self._by_title = by_title
            if self._searchable is not None:
                self._searchable.adopt(by_title)
            self._last = None
        return True

    @property
    def own_names(self) -> frozenset[str]:
        """The folded names of the films' own fields (`budget`), which a query may use:
        once built, read without the lock, which a search's steps keep from the UI."""
        searchable = self._searchable
        if searchable is not None:  # set once, when built
            return searchable.own_names
        with self._lock:
            return self._built_searchable().own_names

    @property
    def from_kept(self) -> bool:
        """Whether the index is read from a kept one, and all of it could be read so
        far (else, once built, it is worth keeping)."""
        return self._read_from is not None and self._read_from.whole

    def kept_parts(self, films: Sequence[Film]) -> Iterator[tuple[str, object]]:
        """The parts of a kept index of this one (`tui.search.kept_index`), built
        from `films` (in the order given to the index); call it once `build` is done.

        A part at a time, each worked out under the index's lock.
        """
        place: dict[str, int] = {}
        for start in range(0, len(films), RUN):  # each a short call into C
            ids = map(attrgetter("id"), films[start : start + RUN])
            place.update(zip(ids, range(start, start + RUN), strict=False))
        order = int_array(mapped(place.__getitem__, mapped(attrgetter("id"), self._by_title)))
        yield from first_parts(order, self._folded())
        yield ROWS, rows_part(self._by_title)
        searchable = self._searchable
        if searchable is None:
            raise LookupError("the index is not built: build it before keeping it")
        with self._lock:
            part = searchable.kept_part()
        yield SEARCHABLE, part
        # The titles, title words and their postings never change once built: no
        # search waits for them to be kept (sorting a million words takes seconds).
        yield from searchable.kept_titles()
        for start in range(0, len(self._by_title), TEXT_STEP):
            with self._lock:
                hay, regions = searchable.texts.kept_part(start, TEXT_STEP)
            yield texts_part(start), (hay, regions.tobytes())

    @property
    def built(self) -> bool:
        """True once searching needs no more building (`build` may still be
        finding out which films hold which letter, which only saves time)."""
        searchable = self._searchable
        return searchable is not None and len(searchable.texts) == len(self._by_title)

    @property
    def build_progress(self) -> float | None:
        """How much of `build`'s work is done (0.0 to 1.0), None once it all is."""
        if self._letters_found == 1.0:
            return None
        # About a fifth of the time for the titles, two thirds for the text.
        searchable = self._searchable
        if searchable is None:
            return 0.15 * self._letters_found
        texts = len(searchable.texts) / max(1, len(self._by_title))
        return 0.2 + 0.65 * texts + 0.15 * self._letters_found

    def _built_searchable(self) -> Searchable:
        """The searchable catalog, built now if it is not yet (call it holding the lock)."""
        if self._searchable is None:
            kept = None if self._kept is None else self._kept.searchable()
            self._searchable = Searchable(
                self._by_title, self._folded(), self._notes, self._tags, kept
            )
        return self._searchable

    def _folded(self) -> Sequence[str]:
        """The folded titles in title order, picked when first needed (after the first frame)."""
        if self._folded_by_title is None:
            self._folded_by_title = self._pick_folded()
        return self._folded_by_title

    def __len__(self) -> int:
        return len(self._by_title)

    def _at(self, film: Film) -> int | None:
        """The position of `film` (year order)."""
        if self._searchable is None:
            raise LookupError(film.id)
        return self._searchable.position_of.get(film.id)

    def _by_title_at(self, film: Film) -> int | None:
        """The place of `film` in title order: found by its title (no index needed)."""
        place = bisect.bisect_left(self._by_title, title_sort_key(film), key=title_sort_key)
        found = place < len(self._by_title) and self._by_title[place].id == film.id
        return place if found else None

    # -- the public questions ------------------------------------------------

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

        `personal` holds the user's marks by film id, for `is:watched`,
        `is:watchlist`, `rating:` and `watched:`; a film missing from it is
        unwatched and unrated (rating 0). It is read only when the query asks
        for one of them. A query given as text is read knowing the films' own
        fields (`budget:`); a `Query` is taken as it is.

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
    ) -> Generator[SearchResult | None, None, None]:
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
            # text needed, nor the lock (which `build` holds while it builds).
            everything = ResultFilms(self._by_title, range(len(self._by_title)), self._by_title_at)
            yield SearchResult(everything, parsed, Sort.TITLE)
            return
        with self._lock:
            if isinstance(query, str) and self._built_searchable().own_names:
                parsed = parse_query(query, self._built_searchable().own_names)
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
        text = title_text(parse_query(query) if isinstance(query, str) else query)
        if len(text) < 3 or not self._by_title:
            return None
        with self._lock:
            searchable = self._built_searchable()
        found = nearest_title(searchable.orders.plain_titles, text, stop)
        return None if found is None else searchable.films[found]

    # -- one search, in steps ------------------------------------------------

    def _steps(
        self,
        parsed: Query,
        favourites: Collection[str] | None,
        favourites_only: bool,
        personal: Mapping[str, UserMarks],
        sort: Sort,
        first: int | None,
    ) -> Iterator[SearchResult | None]:
        sort = effective_sort(sort, not parsed.is_empty)
        marked = marked_for(parsed, favourites, favourites_only, personal)
        searchable = self._built_searchable()
        by_marks = sort_values(sort, personal)
        key = (parsed, sort, marked, by_marks)
        if self._last is not None and self._last[0] == key:
            # The same search (`the` then `the `): only the hints may differ.
            yield replace(self._last[1], query=parsed)
            return
        close = {term: searchable.close_words(term) for term in parsed.terms}
        size = len(searchable.films)
        close_films = {term: searchable.films_with_any(close[term]) for term in parsed.terms}
        plan = Plan(
            tuple(
                (term, mask_of(close_films[term], size) if close_films[term] else None)
                for term in parsed.terms
            ),
            parsed.excluded,
            close_films,
        )
        candidates = searchable.candidates(parsed, marked)
        search = StepwiseSearch(
            searchable.masks,
            searchable.orders,
            searchable.vocabulary,
            searchable.title_words,
            plan,
            None if candidates is None else mask_of(candidates, size),
            first if sort in _FOUND_IN_ORDER else None,  # the others sort once all is found
        )
        if sort not in _FOUND_IN_ORDER:
            steps = searchable.sorted_steps(search.by_title(), sort, dict(by_marks or ()))
        elif sort is Sort.TITLE:
            steps = search.by_title()
        elif sort is Sort.RELEVANCE and plan.ranked:
            steps = search.by_relevance()
        else:
            steps = search.by_year()
        highlighter = highlighter_of(parsed, close)
        while True:
            try:
                item = next(steps)
            except StopIteration as done:
                found: Sequence[int] = done.value
                break
            if item is not None:
                films = ResultFilms(searchable.films, item, self._at)
                yield SearchResult(films, parsed, sort, highlighter, complete=False)
            else:
                yield None
        result = SearchResult(
            ResultFilms(searchable.films, found, self._at), parsed, sort, highlighter
        )
        self._last = (key, result)
        yield result


_FOUND_IN_ORDER = (Sort.RELEVANCE, Sort.TITLE, Sort.YEAR)  # the search finds them in order
