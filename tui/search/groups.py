"""Films grouped by decade, year, genre, director, country, tag, rating or the year
they were watched, each group with the query part that finds exactly it. Knows
nothing of Textual.

A group is what its query finds, no more and no less, so that choosing a
group and typing its query are the same thing:

- decades and years are `year:1970..1979` and `year:1975` (years 0 to 9999,
  all the query language reads);
- ratings are `rating:3.5` (`rating:0` for the films never rated) and the
  years of viewings `watched:2024` (a film seen in two years is in both);
- genres, directors, countries and tags are a phrase in that field,
  `genre:"drama"`, which the search finds in any part of an item (it matches
  parts of words): so the group "Drama" also holds the films of the genre
  "Melodrama", as typing `genre:"drama"` would find them. Names are compared
  folded (`drama` and `DRAMA` are one group, shown as most films spell it).
  A phrase cannot hold a quote, so a name with one (`say "hi"`) makes no
  group: `tag:"say hi"` would not find it.

The films are the current results; the marks (ratings, viewings, tags) are the
user's, by film id, handed over by the caller (the store is not imported here).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean_line
from tui.search.folding import fold

MAX_YEAR = 9999  # the highest year `year:` reads
SLICE = 10_000  # films read at a time


class Grouping(Enum):
    """What films are grouped by; the value is its name for the user."""

    DECADE = "decade"
    YEAR = "year"
    GENRE = "genre"
    DIRECTOR = "director"
    COUNTRY = "country"
    TAG = "tag"
    RATING = "rating"
    WATCHED = "year watched"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Group:
    """One group: its name as shown (catalog text: never markup), the query part
    that finds exactly its films (`genre:"drama"`), how many films it holds,
    and where it goes in name order."""

    name: str
    term: str
    count: int
    order: tuple[int | float | str, ...]


ByKey = Callable[[Iterable[Film], Mapping[str, UserMarks]], list[Group]]
Lists = Callable[[Iterable[Film], Mapping[str, UserMarks]], Iterable[Sequence[str]]]
"""The items of one field of each film (its genres, its tags, …)."""


def in_order(groups: Iterable[Group], *, by_count: bool) -> list[Group]:
    """The groups by count (the biggest first, then by name) or by name."""
    if by_count:
        return sorted(groups, key=lambda group: (-group.count, group.order))
    return sorted(groups, key=attrgetter("order"))


def narrowed(query: str, term: str) -> str:
    """`query` with `term` added (an unclosed quote closed first): its results kept
    to one group's films."""
    query = query.strip()
    if query.count('"') % 2:
        query += '"'
    return f"{query} {term}" if query else term


def group_films(
    films: Sequence[Film], grouping: Grouping, marks: Mapping[str, UserMarks]
) -> list[Group]:
    """The groups of `films` by `grouping`, in no particular order; a film is in as
    many groups as it has values (two genres: two groups), or in none.

    Safe to run in a thread beside the UI's (see `_in_slices`).
    """
    return _BY[grouping](_in_slices(films), marks)


def _in_slices(films: Sequence[Film]) -> Iterator[Film]:
    """The films, a slice at a time. Counting a million films' years is one loop in
    C, which would hold the interpreter (and so the UI's thread) for a quarter of
    a second: here it is let go between two films."""
    for start in range(0, len(films), SLICE):
        yield from films[start : start + SLICE]


# -- years -----------------------------------------------------------------------


def _years(films: Iterable[Film], size: int) -> Counter[int]:
    """How many films of each readable year (0 to 9999), by `size` years: 10 for decades."""
    counts: Counter[int] = Counter()
    for year, count in Counter(map(attrgetter("year"), films)).items():
        if year is not None and 0 <= year <= MAX_YEAR:
            counts[year - year % size] += count
    return counts


def _by_decade(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> list[Group]:
    return [
        Group(f"{decade}s", f"year:{decade}..{decade + 9}", count, (decade,))
        for decade, count in _years(films, 10).items()
    ]


def _by_year(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> list[Group]:
    return [
        Group(str(year), f"year:{year}", count, (year,)) for year, count in _years(films, 1).items()
    ]


# -- the user's marks ------------------------------------------------------------


def _marks_of(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> Iterable[UserMarks]:
    """The marks of each of `films` that has some."""
    if not marks:
        return ()
    ids = map(attrgetter("id"), films)
    return filter(None, map(marks.get, ids))


def _by_rating(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> list[Group]:
    marked = map(marks.get, map(attrgetter("id"), films))
    ratings = Counter(0 if mine is None else mine.rating for mine in marked)
    return [
        Group(f"{UserMarks(rating=rating).stars} {rating}", f"rating:{rating}", count, (-rating,))
        if rating
        else Group("Not rated", "rating:0", count, (1,))
        for rating, count in ratings.items()
    ]


def _by_watched_year(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> list[Group]:
    years = Counter(
        year
        for mine in _marks_of(films, marks)
        for year in {day[:4] for day in mine.watches}
        if len(year) == 4 and year.isdecimal()  # what `watched:` reads
    )
    return [Group(year, f"watched:{year}", count, (year,)) for year, count in years.items()]


# -- text fields -----------------------------------------------------------------


def _phrase(value: str) -> str:
    """A value as a phrase the query reads back as it is (no quote, single spaces,
    nothing a terminal would take for a command)."""
    return " ".join(clean_line(value).replace('"', " ").split())


def _holding(items: Iterable[str], keys: set[str]) -> dict[str, set[str]]:
    """For each folded item, the keys (folded phrases) found in it, as the search finds
    a phrase in a part of an item.

    An item's pieces as long as a shorter key are looked up among the keys (a set
    intersection), or, when it has more pieces than there are keys, each key is
    looked for in it: the cheaper of the two.
    """
    lengths = sorted({len(key) for key in keys})
    found: dict[str, set[str]] = {}
    for item in items:
        shorter = lengths[: bisect.bisect_left(lengths, len(item))]
        if len(item) * len(shorter) > len(keys):
            found[item] = {key for key in keys if key in item}
        else:
            pieces = {
                item[start : start + size]
                for size in shorter
                for start in range(len(item) - size + 1)
            }
            pieces.add(item)
            found[item] = pieces & keys
    return found


def _by_field(prefix: str, lists_of: Lists) -> ByKey:
    """Groups by the items of a text field, each found by `prefix:"phrase"`."""

    def group(films: Iterable[Film], marks: Mapping[str, UserMarks]) -> list[Group]:
        lists = Counter(lists_of(films, marks))  # far fewer distinct lists than films
        spellings: Counter[tuple[str, str]] = Counter()  # (folded phrase, phrase): films
        folded: dict[str, str] = {}  # item: its folded text
        for values, count in lists.items():
            for value in values:
                if value not in folded:
                    folded[value] = fold(value)
                phrase = _phrase(value)
                spellings[" ".join(fold(phrase).split()), phrase] += count
        names: dict[str, str] = {}  # folded phrase: its most common spelling
        for (key, phrase), _ in spellings.most_common():
            if key:
                names.setdefault(key, phrase)
        holding = _holding(set(folded.values()), set(names))
        counts: Counter[str] = Counter()
        for values, count in lists.items():
            keys = set().union(*(holding[folded[value]] for value in values))
            for key in keys:
                counts[key] += count
        return [
            Group(names[key], f'{prefix}:"{names[key]}"', count, (key,))
            for key, count in counts.items()
        ]

    return group


_BY: dict[Grouping, ByKey] = {
    Grouping.DECADE: _by_decade,
    Grouping.YEAR: _by_year,
    Grouping.GENRE: _by_field("genre", lambda films, _: map(attrgetter("genres"), films)),
    Grouping.DIRECTOR: _by_field("director", lambda films, _: map(attrgetter("directors"), films)),
    Grouping.COUNTRY: _by_field("country", lambda films, _: map(attrgetter("countries"), films)),
    Grouping.TAG: _by_field("tag", lambda films, marks: (m.tags for m in _marks_of(films, marks))),
    Grouping.RATING: _by_rating,
    Grouping.WATCHED: _by_watched_year,
}
