"""Reading what the user typed into a search query. Knows nothing of Textual.

Syntax (every part is optional and parts combine with AND):

    word          every word must occur in the film's text: its title, year,
                  description, fact, original title, directors, cast,
                  genres, countries, languages, IMDb id and own fields, or
                  the user's notes and tags (`tui.search.fields`)
    "two words"   an exact phrase (an unclosed quote runs to the end)
    -word         the film must not contain the word (also -"a phrase")
    title:word    the word must be in the title; likewise desc:, fact:,
                  note:, original: (orig:), director:, cast: (actor:),
                  genre:, country:, language: (lang:), imdb: and tag: (with
                  a phrase: title:"per aspera"; negated: -director:word)
    budget:word   a film's own field, by its name in any case, holds the
                  word; with a comparison or a range (budget:>1000000,
                  budget:2..5) its value is a number in it. A name that is
                  no film's own field is searched as text, with a hint
    year:1961     the year is 1961; year:1960..1969 (either end may be left
                  open), year:>1975, year:>=1975, year:<1962, year:<=1962
    rating:4      the user's rating is 4; compared like year: (rating:3..5,
                  rating:>=4, rating:<2, ...). Ratings run 0 to 5 in half
                  stars (rating:3.5, rating:<4 keeps 3.5) and 0 means
                  unrated: a film the user never rated has rating 0
    runtime:<90   the runtime in minutes, compared like year: (runtime:90..120);
                  a film of unknown runtime is in no range
    watched:2024  the user saw the film on a day in that year (or month,
                  watched:2024-05, or day); also ranges and comparisons of
                  them: watched:2020..2023, watched:>=2024-03
    is:fav        favourites only (is:favourite, is:favorite too);
                  is:watched, is:watchlist likewise; -is:fav and so on
                  keep the films without that mark

Reading never fails. A part that cannot be read becomes a hint for the user:
`year:abc`, `rating:9`, `rating:3.7` (or a range no rating is in, like `rating:>5`),
`runtime:abc`, `watched:2024-13` and `is:nonsense` are ignored, `-year:` and the
other negated ranges are ignored, `title:` with nothing after is ignored, and
an unclosed quote is searched as a phrase up to the end.
Words are folded (see `tui.search.folding`), so matching ignores case and accents.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Literal

from tui.search.fields import PREFIXES, Field, own_field
from tui.search.folding import fold
from tui.search.ranges import (
    DayRange,
    NumberRange,
    day_range,
    own_number_range,
    rating_range,
    runtime_range,
    year_range,
)

__all__ = ["DayRange", "Field", "NumberRange", "Query", "Term", "parse_query"]

Mark = Literal["favourite", "watched", "watchlist"]
MARK_WORDS: dict[str, Mark] = {
    **dict.fromkeys(
        ("fav", "favs", "favourite", "favourites", "favorite", "favorites"), "favourite"
    ),
    "watched": "watched",
    "watchlist": "watchlist",
}
YEAR_HINT = "year: takes 1961, 1960..1969, >1975 or <=1962"
RATING_HINT = "rating: takes 0 to 5 in half stars (0 = unrated): 4, 3.5, 3..5, >=4 or <2"
RUNTIME_HINT = "runtime: takes minutes: 90, 90..120, <90 or >=120"
WATCHED_HINT = "watched: takes a year, month or day: 2024, 2024-05, 2020..2023 or >2023-06"
IS_HINT = "is: takes is:fav, is:watched or is:watchlist (-is:fav for the others)"

YearRange = NumberRange
RatingRange = NumberRange


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to look for: a folded word or phrase, maybe in one field."""

    text: str
    field: Field | None = None
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: what must match, what must not, and the filters."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    years: tuple[NumberRange, ...] = ()
    hints: tuple[str, ...] = field(default=(), compare=False)
    ratings: tuple[NumberRange, ...] = ()
    marks: tuple[tuple[Mark, bool], ...] = ()
    """(mark, wanted): `is:fav` is ("favourite", True), `-is:fav` ("favourite", False)."""
    runtimes: tuple[NumberRange, ...] = ()
    watches: tuple[DayRange, ...] = ()
    """Each must hold one of the days the user saw the film."""
    own_numbers: tuple[tuple[str, NumberRange], ...] = ()
    """(folded name of an own field, the range its number must be in)."""

    @property
    def is_empty(self) -> bool:
        """True when the query asks nothing: every film matches, unranked."""
        return not (self.terms or self.excluded or self.filters_films or self.reads_marks)

    @property
    def filters_films(self) -> bool:
        """True when a filter reads the films' own numbers (year, runtime, own fields)."""
        return bool(self.years or self.runtimes or self.own_numbers)

    @property
    def reads_marks(self) -> bool:
        """True when what the query keeps depends on the user's marks (is:, rating:,
        watched:): a change of marks must search again."""
        return bool(self.marks or self.ratings or self.watches)

    @property
    def favourites_only(self) -> bool:
        return ("favourite", True) in self.marks

    @property
    def watched_only(self) -> bool:
        return ("watched", True) in self.marks

    @property
    def hint(self) -> str:
        """The hints as one short line ('' when the query was read in full)."""
        return "; ".join(self.hints)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Raw parts of the query: (text, closed) where quotes are kept in the text.

    A part runs to the next whitespace outside quotes; `closed` is False when a
    quote in it was never closed.
    """
    parts: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start, quoted = i, False
        while i < n and (quoted or not text[i].isspace()):
            if text[i] == '"':
                quoted = not quoted
            i += 1
        parts.append((text[start:i], not quoted))
    return parts


# The filters that take a range: what reads the value and the hint when it cannot be read.
_NUMBER_FILTERS: dict[str, tuple[Callable[[str], NumberRange | None], str]] = {
    "year": (year_range, YEAR_HINT),
    "rating": (rating_range, RATING_HINT),
    "runtime": (runtime_range, RUNTIME_HINT),
}
_DAYS = "watched"
_KNOWN = (*_NUMBER_FILTERS, _DAYS, "is", *PREFIXES)


def _text_terms(raw: str, scope: Field | None) -> list[Term]:
    """The terms of one part's text: a phrase when quoted, else its words."""
    if '"' in raw:
        folded = " ".join(fold(raw.replace('"', " ")).split())
        return [Term(folded, scope, phrase=True)] if folded else []
    return [Term(word, scope) for word in fold(raw).split()]


def _not_a_field(key: str, own_fields: Collection[str]) -> str:
    """The hint for `key:` when no film has a field of that name."""
    close = difflib.get_close_matches(key, [*_KNOWN, *own_fields], n=1, cutoff=0.75)
    also = f" (did you mean {close[0]}:?)" if close else ""
    return f"{key}: is no film's field, searched as text{also}"


def parse_query(text: str, own_fields: Collection[str] = ()) -> Query:
    """Read a query; never raises. See the module docstring for the syntax.

    `own_fields` are the folded names of the films' own fields (see
    `tui.search.fields.own_names`): `name:` scopes a word to one of them.
    """
    terms: list[Term] = []
    excluded: list[Term] = []
    ranges: dict[str, list[NumberRange]] = {key: [] for key in _NUMBER_FILTERS}
    days: list[DayRange] = []
    own_numbers: list[tuple[str, NumberRange]] = []
    marks: dict[tuple[Mark, bool], None] = {}  # a dict: in order, once each
    hints: list[str] = []
    for raw, closed in _tokens(text):
        if not closed:
            hints.append("Unclosed quote: searching up to the end as a phrase")
        negated = raw.startswith("-")
        body = raw[1:] if negated else raw
        if not body:
            continue
        key, colon, value = body.partition(":")
        key = fold(key) if colon and '"' not in key else ""
        if key in _NUMBER_FILTERS or key == _DAYS:
            read, hint = _NUMBER_FILTERS.get(key) or (day_range, WATCHED_HINT)
            found_range = read(value.strip())
            if found_range is None:
                hints.append(hint)
            elif negated:
                hints.append(f"-{key}: is not supported; use {key}:<… or {key}:>…")
            elif isinstance(found_range, DayRange):
                days.append(found_range)
            else:
                ranges[key].append(found_range)
            continue
        if key == "is":
            mark = MARK_WORDS.get(value.casefold())
            if mark is None:
                hints.append(IS_HINT)
            else:
                marks[(mark, not negated)] = None
            continue
        scope: Field | None = None
        if key and (key in PREFIXES or key in own_fields):
            scope, body = PREFIXES.get(key) or own_field(key), value
            if not body.replace('"', "").strip():
                hints.append(f"{key}: needs a word after it")
                continue
            number_range = None if key in PREFIXES else own_number_range(value.strip())
            if number_range is not None:
                if negated:
                    hints.append(f"-{key}: takes no range; use {key}:<… or {key}:>…")
                else:
                    own_numbers.append((key, number_range))
                continue
        elif key.replace("_", "").isalpha() and value and not value.startswith("/"):
            hints.append(_not_a_field(key, own_fields))
        found = _text_terms(body, scope)
        (excluded if negated else terms).extend(found)
    return Query(
        terms=tuple(terms),
        excluded=tuple(excluded),
        years=tuple(ranges["year"]),
        hints=tuple(hints),
        ratings=tuple(ranges["rating"]),
        marks=tuple(marks),
        runtimes=tuple(ranges["runtime"]),
        watches=tuple(days),
        own_numbers=tuple(own_numbers),
    )
