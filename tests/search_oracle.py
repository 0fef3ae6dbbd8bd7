"""What a search must find, worked out the slow and obvious way: film by film.

The index (`tui.search.index`) finds the same films in chunks, through masks and
tiers computed for many films at once; the tests compare the two. The user's
notes and tags are read from `personal` here (the index is given them apart).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.folding import fold, other_spelling, words
from tui.search.fuzzy import FEW_EXACT, Vocabulary
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
    parsed = parse_query(query, {fold(name) for film in films for name in film.own})
    sort = effective_sort(sort, not parsed.is_empty)
    library = sorted(films, key=title_sort_key)
    vocabulary = Vocabulary()
    for position, film in enumerate(library):
        vocabulary.add(position, words(fold(film.title)))
    vocabulary.freeze()
    close = {
        term: {
            library[p].id
            for w in _close_words(vocabulary, term, library)
            for p in vocabulary.films_with(w)
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
    if sort in (Sort.RATING, Sort.RUNTIME, Sort.LAST_WATCHED):
        return [film.id for film in _sorted_by_value(found, sort, personal)]
    by_year = sorted(found, key=year_sort_key)  # stable: title order within a year
    if sort is Sort.YEAR:
        return [film.id for film in by_year]
    ranked = [t for t in parsed.terms if t.field in (None, "title")]
    if not ranked:
        return [film.id for film in by_year]
    return [film.id for film in sorted(by_year, key=lambda f: _tier(f, ranked, close))]


def _sorted_by_value(
    found: list[Film], sort: Sort, personal: Mapping[str, UserMarks]
) -> list[Film]:
    """`found` (in title order) by rating (highest first), runtime (shortest first) or
    the last day watched (latest first); films without one last, ties in title order."""
    mine = {film.id: personal.get(film.id, UserMarks()) for film in found}
    if sort is Sort.RUNTIME:
        return sorted(found, key=lambda film: (film.runtime is None, film.runtime or 0))
    if sort is Sort.RATING:
        return sorted(found, key=lambda film: -mine[film.id].rating)  # unrated (0) last
    seen = [film for film in found if mine[film.id].watches]
    never = [film for film in found if not mine[film.id].watches]
    return sorted(seen, key=lambda film: max(mine[film.id].watches), reverse=True) + never


def year_sort_key(film: Film) -> tuple[bool, int]:
    """Year order; unknown years last. Stable sorting keeps title order inside a year."""
    return (film.year is None, film.year or 0)


def _close_words(vocabulary: Vocabulary, term: Term, films: Sequence[Film]) -> list[str]:
    """The title words `term` matches loosely: none when more than FEW_EXACT titles
    hold it (counted film by film)."""
    if term.phrase or term.field not in (None, "title"):
        return []
    if sum(term.text in fold(film.title) for film in films) > FEW_EXACT:
        return []
    return vocabulary.spelled_close(term.text)


_LISTS = ("directors", "cast", "genres", "countries", "languages")


def _fields(film: Film, mine: UserMarks) -> dict[str | None, list[str]]:
    """Each field's folded texts (a list's items one by one, each with its other
    romanisation, see `other_spelling`); None: all of them, the title's other
    spelling too (a `title:` word matches the title as folded only)."""

    def spellings(texts: Iterable[str]) -> list[str]:
        return [spelling for text in texts for spelling in (fold(text), other_spelling(text))]

    fields: dict[str | None, list[str]] = {
        "title": [fold(film.title)],
        "desc": spellings([film.description]),
        "fact": spellings([film.fact]),
        "notes": spellings([mine.notes]),
        "original_title": spellings([film.original_title]),
        "imdb_id": spellings([film.imdb_id]),
        "tags": spellings(mine.tags),
    }
    for name in _LISTS:
        fields[name] = spellings(getattr(film, name))
    for name, value in film.own.items():
        fields.setdefault(f"own:{fold(name)}", []).extend(spellings(_own_texts(value)))
    every = (text for texts in fields.values() for text in texts)
    fields[None] = [film.year_text, other_spelling(film.title), *every]
    return fields


def _own_texts(value: object) -> Iterator[str]:
    """An own field's value as the texts a search reads in it."""
    if isinstance(value, bool):
        yield str(value).lower()
    elif isinstance(value, str | int):
        yield str(value)
    elif isinstance(value, float) and math.isfinite(value):
        yield repr(value)
    elif isinstance(value, list):
        for item in value:
            yield from _own_texts(item)


def _own_numbers(film: Film, name: str) -> list[int | float]:
    numbers: list[int | float] = []
    for key, value in film.own.items():
        if fold(key) != name or isinstance(value, bool):
            continue
        if isinstance(value, int | float) and math.isfinite(value):
            numbers.append(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
            numbers.append(float(value) if "." in value else int(value))
    return numbers


def _has(film: Film, mark: str, favourites: set[str], mine: UserMarks) -> bool:
    return film.id in favourites if mark == "favourite" else bool(getattr(mine, mark))


def _matches(
    film: Film,
    query: Query,
    close: Mapping[Term, set[str]],
    favourites: set[str],
    favourites_only: bool,
    personal: Mapping[str, UserMarks],
) -> bool:
    mine = personal.get(film.id, UserMarks())
    marks = [*query.marks, *([("favourite", True)] if favourites_only else [])]
    if any(_has(film, mark, favourites, mine) != wanted for mark, wanted in marks):
        return False
    if not all(r.low <= mine.rating <= r.high for r in query.ratings):
        return False
    if not all(film.year is not None and film.year in r for r in query.years):
        return False
    if not all(film.runtime is not None and film.runtime in r for r in query.runtimes):
        return False
    if not all(any(day in r for day in mine.watches) for r in query.watches):
        return False
    for name, numbers in query.own_numbers:
        if not any(n in numbers for n in _own_numbers(film, name)):
            return False
    fields = _fields(film, mine)

    def holds(term: Term) -> bool:
        return any(term.text in text for text in fields.get(term.field, []))

    for term in query.terms:
        if not holds(term) and film.id not in close.get(term, ()):
            return False
    return not any(holds(term) for term in query.excluded)


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
