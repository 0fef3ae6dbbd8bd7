"""Finding films: matching a parsed query against the catalog. Knows nothing of Textual.

The query syntax is in `tui.query`, the orders in `tui.ranking`, typo
tolerance in `tui.fuzzy`. A film matches when every term matches (in any
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
the year, favourite, watched and rating filters are applied first (the year
from a year-sorted list, the others from the few films the user marked), and
each term is tested only on the films the terms before it matched. Those
results are cached, keyed by the term and what came before it, so a longer
term (the user typed one more letter) is tested only on the films of the
shorter one, which are all it can match. Typo tolerance compares a word with
the distinct title words, not with every film. Ranking looks only at the
films found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from tui.film import Film
from tui.folding import fold, words
from tui.fuzzy import Vocabulary
from tui.highlight import Highlighter
from tui.personal import Personal
from tui.query import Field, Query, RatingRange, Term, parse_query
from tui.ranking import Orders, Sort, containing, effective_sort, title_sort_key

__all__ = ["SearchIndex", "SearchResult", "Sort", "fold", "parse_query", "title_sort_key"]

_CACHE_SIZE = 32
_SUGGEST_CUTOFF = 60.0  # rapidfuzz ratio, 0 to 100: how close a title must be to be offered


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found, in order, and how to show why.

    `films` may be the index's own list (every film, in title order): read it,
    do not change it.
    """

    films: list[Film]
    query: Query
    sort: Sort
    highlighter: Highlighter = field(default_factory=Highlighter)

    @property
    def hint(self) -> str:
        """What could not be read in the query ('' when all of it was)."""
        return self.query.hint


class SearchIndex:
    """The films of a catalog, pre-folded for searching, in library order."""

    def __init__(self, films: Sequence[Film], notes: Mapping[str, str] | None = None) -> None:
        """Index `films`; `notes` are the user's notes by film id, searched like the rest.

        Only the title order is worked out here: that is all the first screen
        needs. The searchable text is built by `prepare()` (call it in a
        thread) or by the first search that needs it.
        """
        self._films = sorted(films, key=title_sort_key)
        self._position_of = {film.id: position for position, film in enumerate(self._films)}
        self._notes = dict(notes or {})
        self._prepared = False
        self._cache: OrderedDict[Hashable, list[int]] = OrderedDict()
        self._last: tuple[Hashable, SearchResult] | None = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Build the searchable text now (a second or so per 100,000 films).

        Safe to call from a thread; a search that starts meanwhile waits for it.
        """
        with self._lock:
            self._prepare()

    @property
    def prepared(self) -> bool:
        """True once searching needs no more building."""
        return self._prepared

    def _prepare(self) -> None:
        if self._prepared:
            return
        self._titles: list[str] = []
        self._hay: list[str] = []
        # Where the description, the fact and the notes start in each film's text.
        self._regions: list[tuple[int, int, int]] = []
        self._vocabulary = Vocabulary()
        for position, film in enumerate(self._films):
            title = fold(film.title)
            hay, regions = self._text_of(film, title, self._notes.get(film.id, ""))
            self._titles.append(title)
            self._hay.append(hay)
            self._regions.append(regions)
            self._vocabulary.add(position, words(title))
        self._vocabulary.freeze()
        self._orders = Orders(self._films, self._titles, self._vocabulary)
        self._suggestions = [" ".join(words(title)) for title in self._titles]
        self._prepared = True

    def __len__(self) -> int:
        return len(self._films)

    @staticmethod
    def _text_of(film: Film, title: str, notes: str) -> tuple[str, tuple[int, int, int]]:
        """A film's folded text (title, year, description, fact, notes) and its regions."""
        parts = (title, film.year_text, fold(film.description), fold(film.fact), fold(notes))
        starts: list[int] = []
        offset = 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + 1
        return "\n".join(parts), (starts[2], starts[3], starts[4])

    def set_notes(self, film_id: str, notes: str) -> None:
        """The user changed a film's notes: search the new ones from now on."""
        with self._lock:
            position = self._position_of.get(film_id)
            if position is None:
                return
            self._notes[film_id] = notes
            if not self._prepared:
                return  # the text is built with the new notes
            film = self._films[position]
            self._hay[position], self._regions[position] = self._text_of(
                film, self._titles[position], notes
            )
            self._cache.clear()
            self._last = None

    # -- the public questions ------------------------------------------------

    def search(self, query: str, only: Collection[str] | None = None) -> list[Film]:
        """The films matching `query`, best first; `only` keeps just these ids."""
        return self.find(query, favourites=only, favourites_only=only is not None).films

    def find(
        self,
        query: str | Query,
        *,
        favourites: Collection[str] | None = None,
        favourites_only: bool = False,
        personal: Mapping[str, Personal] | None = None,
        sort: Sort = Sort.RELEVANCE,
    ) -> SearchResult:
        """Search; `favourites` are the ids `is:fav` (or `favourites_only`) keeps.

        `personal` holds the user's fields by film id, for `is:watched` and
        `rating:`; a film missing from it is unwatched and unrated (rating 0).
        It is read only when the query asks for one of them.

        Safe to call from several threads (a search worker): calls take turns.
        """
        with self._lock:
            return self._find(query, favourites, favourites_only, personal or {}, sort)

    def _find(
        self,
        query: str | Query,
        favourites: Collection[str] | None,
        favourites_only: bool,
        personal: Mapping[str, Personal],
        sort: Sort,
    ) -> SearchResult:
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
        if not parsed.is_empty or sort is not Sort.TITLE:
            self._prepare()  # every film in title order needs no searchable text
        key = (parsed, sort, keep, watched, rated)
        if self._last is not None and self._last[0] == key:
            # The same search (`the` then `the `): only the hints may differ.
            return replace(self._last[1], query=parsed)
        close: dict[Term, tuple[list[str], set[int]]] = {}
        positions = self._matching(parsed, (keep, watched, rated), close)
        if sort is Sort.TITLE:
            ordered = list(positions)
        elif sort is Sort.YEAR:
            ordered = self._orders.by_year(positions)
        else:
            loose = {term: films for term, (_, films) in close.items()}
            ordered = self._orders.by_relevance(parsed.terms, positions, loose)
        if len(ordered) == len(self._films) and isinstance(ordered, range):
            films = self._films  # every film, in title order: the list itself, not a copy
        else:
            films = list(map(self._films.__getitem__, ordered))
        result = SearchResult(films, parsed, sort, self._highlighter(parsed, close))
        self._last = (key, result)
        return result

    def suggest(self, query: str | Query) -> Film | None:
        """The title nearest to the query's words, if one is close; else None."""
        parsed = parse_query(query) if isinstance(query, str) else query
        text = " ".join(words(" ".join(t.text for t in parsed.terms if t.field != "desc")))
        if len(text) < 3 or not self._films:
            return None
        with self._lock:
            self._prepare()
        best = process.extractOne(
            text, self._suggestions, scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF
        )
        return None if best is None else self._films[best[2]]

    # -- matching ------------------------------------------------------------

    def _matching(
        self,
        query: Query,
        marked: tuple[
            frozenset[str] | None, frozenset[str] | None, frozenset[tuple[str, int]] | None
        ],
        close: dict[Term, tuple[list[str], set[int]]],
    ) -> Sequence[int]:
        """Positions (ascending, so in title order) of the films the query matches.

        `marked` is what the user's fields filter by, each None when unused:
        the favourite ids to keep, the watched ids, the (id, rating) of every
        rated film. `context` names the films still in play (the filters and
        the terms applied so far), so that cached results are reused only
        where valid.
        """
        keep, watched, rated = marked
        candidates: Sequence[int] = range(len(self._films))
        context: tuple[Hashable, ...] = ()
        if query.years:
            candidates = self._orders.in_years(query.years)
            context = (query.years,)
        if keep is not None:
            candidates = self._among(candidates, keep)
            context = (*context, keep)
        if watched is not None:
            candidates = self._among(candidates, watched)
            context = (*context, "watched", watched)
        if rated is not None:
            candidates = self._rated(candidates, query.ratings, rated)
            context = (*context, query.ratings, rated)
        for term in query.terms:
            hits = self._exact(context, term.field, term.text, candidates)
            if not term.phrase and term.field in (None, "title"):
                close_words = self._vocabulary.close_words(term.text)
                loose: set[int] = set()
                for word in close_words:
                    loose.update(self._vocabulary.films_with(word))
                close[term] = (close_words, loose)
                if loose:
                    hits = self._with_loose(hits, loose, candidates)
            candidates = hits
            context = (*context, term)
            if not candidates:
                return []
        for term in query.excluded:
            drop = set(self._exact(context, term.field, term.text, candidates))
            if drop:
                candidates = [p for p in candidates if p not in drop]
            context = (*context, "-", term)
        return candidates

    def _among(self, candidates: Sequence[int], ids: Collection[str]) -> list[int]:
        """Those `candidates` that are films named in `ids` (ascending)."""
        wanted = {self._position_of[i] for i in ids if i in self._position_of}
        if isinstance(candidates, range):  # every film: no need to look at each
            return sorted(wanted)
        return [p for p in candidates if p in wanted]

    def _rated(
        self,
        candidates: Sequence[int],
        ranges: tuple[RatingRange, ...],
        rated: frozenset[tuple[str, int]],
    ) -> Sequence[int]:
        """Those `candidates` whose rating (0 when unrated) is in every range."""
        if not all(0 in r for r in ranges):  # unrated films are out: look at rated ones only
            return self._among(
                candidates, [i for i, rating in rated if all(rating in r for r in ranges)]
            )
        position_of = self._position_of
        drop = {
            position_of[i]
            for i, rating in rated
            if i in position_of and not all(rating in r for r in ranges)
        }
        return [p for p in candidates if p not in drop] if drop else candidates

    @staticmethod
    def _with_loose(hits: list[int], loose: set[int], candidates: Sequence[int]) -> list[int]:
        """`hits` plus the `loose` (close-spelling) hits that are among `candidates`."""
        if not isinstance(candidates, range):
            loose = loose.intersection(candidates)
        extra = loose.difference(hits)
        return sorted(extra.union(hits)) if extra else hits

    def _exact(
        self, context: Hashable, scope: Field | None, text: str, candidates: Sequence[int]
    ) -> list[int]:
        """Those `candidates` (named by `context`) whose `scope` holds `text`; cached."""
        key = (context, scope, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        base = candidates
        for (other_context, other_scope, other_text), hits in self._cache.items():  # type: ignore[misc]
            if (
                other_scope == scope
                and other_text in text
                and len(hits) < len(base)
                and other_context == context
            ):
                base = hits
        hits = self._scan(scope, text, base)
        self._cache[key] = hits
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return hits

    def _scan(self, scope: Field | None, text: str, candidates: Sequence[int]) -> list[int]:
        if scope is None or scope == "title":
            return containing(self._hay if scope is None else self._titles, text, candidates)
        hay, regions = self._hay, self._regions
        if scope == "desc":
            return [p for p in candidates if hay[p].find(text, *regions[p][:2]) >= 0]
        if scope == "fact":
            return [p for p in candidates if hay[p].find(text, *regions[p][1:]) >= 0]
        return [p for p in candidates if hay[p].find(text, regions[p][2]) >= 0]

    # -- highlighting ----------------------------------------------------------

    @staticmethod
    def _highlighter(query: Query, close: dict[Term, tuple[list[str], set[int]]]) -> Highlighter:
        needles: dict[str, list[str]] = {"title": [], "desc": [], "fact": [], "notes": []}
        for term in query.terms:
            for name in (term.field,) if term.field else needles:
                needles[name].append(term.text)
            needles["title"].extend(close.get(term, ([], set()))[0])
        return Highlighter(**{name: tuple(found) for name, found in needles.items()})
