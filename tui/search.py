"""Finding films: matching a parsed query against the catalog. Knows nothing of Textual.

The query syntax is in `tui.query`, the orders in `tui.ranking`, typo
tolerance in `tui.fuzzy`. A film matches when every term matches (in any
order) and no excluded term does:

- a word or phrase matches when its folded text occurs in the folded title,
  year, description or fact (in the one field it is scoped to, if any); a
  partial word therefore matches (`cassio` finds Moscow-Cassiopeia);
- a word of five letters or more also matches a title word spelled close to
  it (`cassiopea`, `aspra`, `mountaineers`), ranked below exact title hits;
- excluded terms, phrases and `desc:`/`fact:` words match exactly only.

Speed: every film's text is folded once, when the index is built, so a
keystroke costs substring tests only. The films a term matches exactly are
kept in a small cache; a longer term (the user typed one more letter) is
then tested only on the films of a cached term it contains, which is all it
can match. Typo tolerance compares a word with the distinct title words, not
with every film.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tui.film import Film
from tui.folding import fold, words
from tui.fuzzy import Vocabulary
from tui.highlight import Highlighter
from tui.query import Field, Query, Term, parse_query
from tui.ranking import (
    Sort,
    Tier,
    effective_sort,
    in_order,
    strip_article,
    title_sort_key,
    year_sort_key,
)

__all__ = ["SearchIndex", "SearchResult", "Sort", "fold", "parse_query", "title_sort_key"]

_CACHE_SIZE = 64
_SUGGEST_CUTOFF = 60.0  # rapidfuzz ratio, 0 to 100: how close a title must be to be offered
_LAST = chr(0x10FFFF)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found, in order, and how to show why."""

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

    def __init__(self, films: Sequence[Film]) -> None:
        self._films = sorted(films, key=title_sort_key)
        self._titles: list[str] = []
        self._hay: list[str] = []
        self._regions: list[tuple[int, int, int]] = []  # where desc starts, fact starts, end
        self._title_words: list[str] = []  # " the dead mountaineer s hotel "
        self._vocabulary = Vocabulary()
        plain_titles: list[tuple[str, int]] = []
        for position, film in enumerate(self._films):
            title = fold(film.title)
            hay = "\n".join((title, film.year_text, fold(film.description), fold(film.fact)))
            desc_start = len(title) + len(film.year_text) + 2
            fact_start = hay.rfind("\n") + 1
            title_words = words(title)
            plain = " ".join(title_words)
            self._titles.append(title)
            self._hay.append(hay)
            self._regions.append((desc_start, fact_start, len(hay)))
            self._title_words.append(f" {plain} ")
            self._vocabulary.add(position, title_words)
            plain_titles.append((plain, position))
            stripped = strip_article(plain)
            if stripped != plain:
                plain_titles.append((stripped, position))
        self._vocabulary.freeze()
        plain_titles.sort()
        self._plain_keys = [key for key, _ in plain_titles]
        self._plain_positions = [position for _, position in plain_titles]
        self._suggestions = [" ".join(words(title)) for title in self._titles]
        self._year_order = sorted(
            range(len(self._films)), key=lambda p: year_sort_key(self._films[p])
        )
        self._year_rank = [0] * len(self._films)
        for rank, position in enumerate(self._year_order):
            self._year_rank[position] = rank
        self._title_order = list(range(len(self._films)))
        self._cache: OrderedDict[tuple[Field | None, str], list[int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._films)

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
        sort: Sort = Sort.RELEVANCE,
    ) -> SearchResult:
        """Search; `favourites` are the ids `is:fav` (or `favourites_only`) keeps."""
        parsed = parse_query(query) if isinstance(query, str) else query
        sort = effective_sort(sort, not parsed.is_empty)
        keep = set(favourites or ()) if favourites_only or parsed.favourites_only else None
        close: dict[Term, list[str]] = {}
        positions = self._matching(parsed, keep, close)
        if sort is Sort.TITLE:
            ordered = list(positions) if isinstance(positions, range) else sorted(positions)
        elif sort is Sort.YEAR:
            ordered = in_order(positions, self._year_order, self._year_rank)
        else:
            ordered = self._by_relevance(parsed, positions, close)
        return SearchResult(
            [self._films[p] for p in ordered], parsed, sort, self._highlighter(parsed, close)
        )

    def suggest(self, query: str | Query) -> Film | None:
        """The title nearest to the query's words, if one is close; else None."""
        parsed = parse_query(query) if isinstance(query, str) else query
        text = " ".join(words(" ".join(t.text for t in parsed.terms if t.field != "desc")))
        if len(text) < 3 or not self._suggestions:
            return None
        best = process.extractOne(
            text, self._suggestions, scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF
        )
        return None if best is None else self._films[best[2]]

    # -- matching ------------------------------------------------------------

    def _matching(
        self,
        query: Query,
        keep: set[str] | None,
        close: dict[Term, list[str]],
    ) -> set[int] | range:
        found: set[int] | None = None
        for term in sorted(query.terms, key=lambda t: -len(t.text)):
            hits = set(self._exact(term.field, term.text))
            if not term.phrase and term.field in (None, "title"):
                close[term] = self._vocabulary.close_words(term.text)
                for word in close[term]:
                    hits.update(self._vocabulary.films_with(word))
            found = hits if found is None else found & hits
            if not found:
                return set()
        if found is None:
            if not (query.excluded or query.years or keep is not None):
                return range(len(self._films))
            found = set(range(len(self._films)))
        for term in query.excluded:
            found.difference_update(self._exact(term.field, term.text))
        if query.years:
            found = {p for p in found if any(self._films[p].year in r for r in query.years)}
        if keep is not None:
            found = {p for p in found if self._films[p].id in keep}
        return found

    def _exact(self, scope: Field | None, text: str) -> list[int]:
        """Positions (ascending) of the films whose `scope` holds `text`, cached."""
        key = (scope, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        candidates: Sequence[int] = self._title_order
        for (other_scope, other_text), hits in self._cache.items():
            if other_scope == scope and other_text in text and len(hits) < len(candidates):
                candidates = hits
        hits = self._scan(scope, text, candidates)
        self._cache[key] = hits
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return hits

    def _scan(self, scope: Field | None, text: str, candidates: Sequence[int]) -> list[int]:
        if scope is None:
            hay = self._hay
            return [p for p in candidates if text in hay[p]]
        if scope == "title":
            titles = self._titles
            return [p for p in candidates if text in titles[p]]
        hay, regions = self._hay, self._regions
        if scope == "desc":
            return [p for p in candidates if hay[p].find(text, regions[p][0], regions[p][1]) >= 0]
        return [p for p in candidates if hay[p].find(text, regions[p][1]) >= 0]

    # -- ranking (see tui.ranking for the tiers) -----------------------------

    def _by_relevance(
        self, query: Query, positions: set[int] | range, close: dict[Term, list[str]]
    ) -> list[int]:
        ranked = [t for t in query.terms if t.field in (None, "title")]
        if not ranked:
            return in_order(positions, self._year_order, self._year_rank)
        remaining = set(positions)
        tiers: list[set[int]] = []
        text = " ".join(words(" ".join(t.text for t in ranked)))
        exact = self._titles_from(text, prefix=False)
        prefix = self._titles_from(text, prefix=True)
        in_title = self._all_of(ranked, lambda t: self._exact("title", t.text))
        tiers.append(exact)
        tiers.append(prefix)
        tiers.append(self._all_of(ranked, self._whole_title_words))
        tiers.append(in_title)
        tiers.append(self._all_of(ranked, lambda t: self._title_or_close(t, close)))
        ordered: list[int] = []
        for tier in Tier:
            if tier is Tier.ELSEWHERE:
                chosen = remaining
            else:
                chosen = remaining & tiers[tier]
                remaining -= chosen
            ordered.extend(in_order(chosen, self._year_order, self._year_rank))
        return ordered

    @staticmethod
    def _all_of(terms: list[Term], hits_of: Callable[[Term], Collection[int]]) -> set[int]:
        """The films that every term hits, by `hits_of`."""
        result: set[int] | None = None
        for term in terms:
            hits = set(hits_of(term))
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result or set()

    def _whole_title_words(self, term: Term) -> Collection[int]:
        if not term.phrase and " " not in term.text and term.text.isalnum():
            return self._vocabulary.films_with(term.text)
        needle = f" {' '.join(words(term.text))} "
        title_words = self._title_words
        return [p for p in self._exact("title", term.text) if needle in title_words[p]]

    def _title_or_close(self, term: Term, close: dict[Term, list[str]]) -> set[int]:
        hits = set(self._exact("title", term.text))
        for word in close.get(term, ()):
            hits.update(self._vocabulary.films_with(word))
        return hits

    def _titles_from(self, text: str, *, prefix: bool) -> set[int]:
        """Films whose plain title (with or without its article) is, or starts with, `text`."""
        if not text:
            return set()
        keys = self._plain_keys
        low = bisect.bisect_left(keys, text)
        high = bisect.bisect_left(keys, text + _LAST if prefix else text + "\0")
        return set(self._plain_positions[low:high])

    # -- highlighting ----------------------------------------------------------

    @staticmethod
    def _highlighter(query: Query, close: dict[Term, list[str]]) -> Highlighter:
        needles: dict[str, list[str]] = {"title": [], "desc": [], "fact": []}
        for term in query.terms:
            for name in (term.field,) if term.field else ("title", "desc", "fact"):
                needles[name].append(term.text)
            needles["title"].extend(close.get(term, ()))
        return Highlighter(tuple(needles["title"]), tuple(needles["desc"]), tuple(needles["fact"]))
