"""What a search must find, worked out the slow and obvious way: film by film.

The index (`tui.search.index`) finds the same films in chunks, through masks and
tiers computed for many films at once; the tests compare the two.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.folding import fold, words
from tui.search.fuzzy import Vocabulary
from tui.search.orders import Sort, effective_sort, strip_article, title_sort_key
from tui.search.query import Query, Term, parse_query


def expected_ids(
    films: Sequence[Film],
    query: str,
    *,
    favourites: Collection[str] = (),
    favourites_only: bool = False,
    personal: Mapping[str, UserMarks] | None = None,
    sort: Sort = Sort.RELEVANCE,
) -> list[str]:
    """The ids of the films `query` finds, in the order they must be shown."""
    personal = personal or {}
    parsed = parse_query(query)
    sort = effective_sort(sort, not parsed.is_empty)
    library = sorted(films, key=title_sort_key)
    vocabulary = Vocabulary()
    for position, film in enumerate(library):
        vocabulary.add(position, words(fold(film.title)))
    vocabulary.freeze()
    close = {
        term: {
            library[p].id for w in _close_words(vocabulary, term) for p in vocabulary.films_with(w)
        }
        for term in parsed.terms
    }
    found = [
        film
        for film in library
        if _matches(film, parsed, close, set(favourites), favourites_only, personal)
    ]
    if sort is Sort.TITLE:
        return [film.id for film in found]
    by_year = sorted(found, key=year_sort_key)  # stable: title order within a year
    if sort is Sort.YEAR:
        return [film.id for film in by_year]
    ranked = [t for t in parsed.terms if t.field in (None, "title")]
    if not ranked:
        return [film.id for film in by_year]
    return [film.id for film in sorted(by_year, key=lambda f: _tier(f, ranked, close))]


def year_sort_key(film: Film) -> tuple[bool, int]:
    """Year order; unknown years last. Stable sorting keeps title order inside a year."""
    return (film.year is None, film.year or 0)


def _close_words(vocabulary: Vocabulary, term: Term) -> list[str]:
    if term.phrase or term.field not in (None, "title"):
        return []
    return vocabulary.close_words(term.text)


def _fields(film: Film, notes: str) -> dict[str | None, str]:
    title, description, fact = fold(film.title), fold(film.description), fold(film.fact)
    notes = fold(notes)
    whole = "\n".join([title, film.year_text, description, fact, notes])
    return {None: whole, "title": title, "desc": description, "fact": fact, "notes": notes}


def _matches(
    film: Film,
    query: Query,
    close: Mapping[Term, set[str]],
    favourites: set[str],
    favourites_only: bool,
    personal: Mapping[str, UserMarks],
) -> bool:
    mine = personal.get(film.id, UserMarks())
    if (favourites_only or query.favourites_only) and film.id not in favourites:
        return False
    if query.watched_only and not mine.watched:
        return False
    if not all(r.low <= mine.rating <= r.high for r in query.ratings):
        return False
    if not all(film.year is not None and film.year in r for r in query.years):
        return False
    fields = _fields(film, mine.notes)
    for term in query.terms:
        if term.text not in fields[term.field] and film.id not in close.get(term, ()):
            return False
    return not any(term.text in fields[term.field] for term in query.excluded)


def _tier(film: Film, ranked: list[Term], close: Mapping[Term, set[str]]) -> int:
    title = fold(film.title)
    plain = " ".join(words(title))
    wanted = " ".join(words(" ".join(t.text for t in ranked)))
    if wanted and wanted in (plain, strip_article(plain)):
        return 0
    if wanted and (plain.startswith(wanted) or strip_article(plain).startswith(wanted)):
        return 1
    padded = f" {plain} "
    in_title = all(t.text in title for t in ranked)
    if in_title and all(f" {' '.join(words(t.text))} " in padded for t in ranked):
        return 2
    if in_title:
        return 3
    if all(t.text in title or film.id in close.get(t, ()) for t in ranked):
        return 4
    return 5
