"""Reading what the user typed into a search query. Knows nothing of Textual.

Syntax (every part is optional and parts combine with AND):

    word          every word must occur in the title, year, description, fact
                  or the user's notes
    "two words"   an exact phrase (an unclosed quote runs to the end)
    -word         the film must not contain the word (also -"a phrase")
    title:word    the word must be in the title (also desc:, fact:, note:; with a
                  phrase: title:"per aspera"; negated: -title:word)
    year:1961     the year is 1961; year:1960..1969 (either end may be left
                  open), year:>1975, year:>=1975, year:<1962, year:<=1962
    rating:4      the user's rating is 4; compared like year: (rating:3..5,
                  rating:>=4, rating:<2, ...). Ratings run 0 to 5 in half
                  stars (rating:3.5, rating:<4 keeps 3.5) and 0 means
                  unrated: a film the user never rated has rating 0
    is:fav        favourites only (is:favourite, is:favorite too)
    is:watched    films the user marked watched only

Reading never fails. A part that cannot be read becomes a hint for the user:
`year:abc`, `rating:9`, `rating:3.7` (or a range no rating is in, like `rating:>5`) and
`is:nonsense` are ignored, `title:` with nothing after is ignored, and an
unclosed quote is searched as a phrase up to the end.
Words are folded (see `tui.search.folding`), so matching ignores case and accents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tui.model.marks import MAX_RATING, RATING_STEP
from tui.search.folding import fold

Field = Literal["title", "desc", "fact", "notes"]
FIELDS: dict[str, Field] = {
    "title": "title",
    "desc": "desc",
    "description": "desc",
    "fact": "fact",
    "note": "notes",
    "notes": "notes",
}
FAVOURITE_WORDS = frozenset({"fav", "favs", "favourite", "favourites", "favorite", "favorites"})
WATCHED_WORDS = frozenset({"watched"})
YEAR_HINT = "year: takes 1961, 1960..1969, >1975 or <=1962"
RATING_HINT = "rating: takes 0 to 5 in half stars (0 = unrated): 4, 3.5, 3..5, >=4 or <2"
IS_HINT = "is: takes is:fav or is:watched"
MAX_YEAR = 9999


@dataclass(frozen=True, slots=True)
class _Numbers:
    """How the numbers of a filter are written: the pattern of one, the highest, the step."""

    exact: re.Pattern[str]
    range: re.Pattern[str]
    compare: re.Pattern[str]
    highest: int
    step: float

    @classmethod
    def of(cls, number: str, highest: int, step: float) -> _Numbers:
        return cls(
            re.compile(number),
            re.compile(rf"{number}?\.\.{number}?"),
            re.compile(rf"(<=|>=|<|>|=){number}"),
            highest,
            step,
        )


_YEARS = _Numbers.of(r"(\d{1,4})", MAX_YEAR, 1)
_RATINGS = _Numbers.of(r"(\d(?:\.\d)?)", MAX_RATING, RATING_STEP)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to look for: a folded word or phrase, maybe in one field."""

    text: str
    field: Field | None = None
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class NumberRange:
    """Numbers (years, ratings) from `low` to `high`, both included."""

    low: int | float
    high: int | float

    def __contains__(self, number: object) -> bool:
        return (
            isinstance(number, int | float)
            and not isinstance(number, bool)
            and self.low <= number <= self.high
        )


YearRange = NumberRange
RatingRange = NumberRange


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: what must match, what must not, and the filters."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    years: tuple[YearRange, ...] = ()
    favourites_only: bool = False
    hints: tuple[str, ...] = field(default=(), compare=False)
    ratings: tuple[RatingRange, ...] = ()
    watched_only: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the query asks nothing: every film matches, unranked."""
        return not (
            self.terms
            or self.excluded
            or self.years
            or self.favourites_only
            or self.ratings
            or self.watched_only
        )

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


def _number_range(value: str, numbers: _Numbers) -> NumberRange | None:
    """`value` read as 7, 3..5 (either end open), >4, >=4, <2, <=2 or =7; else None.

    Numbers run from 0 to `numbers.highest` in steps of `numbers.step` (half
    stars: 3.5); any other number makes the value unreadable. `<4` and `>4`
    leave 4 out by a step: `<4` is 0 to 3.5 in half stars.
    """
    step = numbers.step
    if match := numbers.exact.fullmatch(value):
        number = _number(match[1], numbers)
        return None if number is None else NumberRange(number, number)
    if match := numbers.range.fullmatch(value):
        if match[1] is None and match[2] is None:
            return None
        low = _number(match[1], numbers) if match[1] else 0
        high = _number(match[2], numbers) if match[2] else numbers.highest
        if low is None or high is None:
            return None
        return NumberRange(min(low, high), max(low, high))
    if match := numbers.compare.fullmatch(value):
        operator, number = match[1], _number(match[2], numbers)
        if number is None:
            return None
        return {
            "<": NumberRange(0, _whole_if_can(number - step)),
            "<=": NumberRange(0, number),
            ">": NumberRange(_whole_if_can(number + step), numbers.highest),
            ">=": NumberRange(number, numbers.highest),
            "=": NumberRange(number, number),
        }[operator]
    return None


def _number(text: str, numbers: _Numbers) -> int | float | None:
    """The number `text` says, if it is one of `numbers` (in range, on a step)."""
    number = float(text)
    if number > numbers.highest or not (number / numbers.step).is_integer():
        return None
    return _whole_if_can(number)


def _whole_if_can(number: float) -> int | float:
    """4 for 4.0 (as the store keeps whole ratings), 3.5 for 3.5."""
    return int(number) if float(number).is_integer() else number


def _year_range(value: str) -> YearRange | None:
    return _number_range(value, _YEARS)


def _rating_range(value: str) -> RatingRange | None:
    """A range of ratings; None also when no rating is in it (`>5`, `<0`)."""
    found = _number_range(value, _RATINGS)
    return found if found is not None and found.low <= found.high else None


# The filters that take a range: what reads the value, the hint when it cannot
# be read, and the hint for a `-` in front (not supported).
_RANGE_FILTERS: dict[str, tuple[Callable[[str], NumberRange | None], str, str]] = {
    "year": (_year_range, YEAR_HINT, "-year: is not supported; use year:<1960 or year:>1969"),
    "rating": (_rating_range, RATING_HINT, "-rating: is not supported; use rating:<3 or rating:>3"),
}


def _text_terms(raw: str, scope: Field | None) -> list[Term]:
    """The terms of one part's text: a phrase when quoted, else its words."""
    if '"' in raw:
        folded = " ".join(fold(raw.replace('"', " ")).split())
        return [Term(folded, scope, phrase=True)] if folded else []
    return [Term(word, scope) for word in fold(raw).split()]


def parse_query(text: str) -> Query:
    """Read a query; never raises. See the module docstring for the syntax."""
    terms: list[Term] = []
    excluded: list[Term] = []
    ranges: dict[str, list[NumberRange]] = {key: [] for key in _RANGE_FILTERS}
    hints: list[str] = []
    favourites_only = watched_only = False
    for raw, closed in _tokens(text):
        if not closed:
            hints.append("Unclosed quote: searching up to the end as a phrase")
        negated = raw.startswith("-")
        body = raw[1:] if negated else raw
        if not body:
            continue
        key, colon, value = body.partition(":")
        key = key.casefold()
        if colon and '"' not in key and key in _RANGE_FILTERS:
            read, hint, negated_hint = _RANGE_FILTERS[key]
            found_range = read(value.strip())
            if found_range is None:
                hints.append(hint)
            elif negated:
                hints.append(negated_hint)
            else:
                ranges[key].append(found_range)
            continue
        if colon and '"' not in key and key == "is":
            word = value.casefold()
            if word in FAVOURITE_WORDS and not negated:
                favourites_only = True
            elif word in WATCHED_WORDS and not negated:
                watched_only = True
            else:
                hints.append(IS_HINT)
            continue
        scope: Field | None = None
        if colon and '"' not in key and key in FIELDS:
            scope, body = FIELDS[key], value
            if not body.replace('"', "").strip():
                hints.append(f"{key}: needs a word after it")
                continue
        found = _text_terms(body, scope)
        (excluded if negated else terms).extend(found)
    return Query(
        terms=tuple(terms),
        excluded=tuple(excluded),
        years=tuple(ranges["year"]),
        favourites_only=favourites_only,
        hints=tuple(hints),
        ratings=tuple(ranges["rating"]),
        watched_only=watched_only,
    )
