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
    is:fav        favourites only (is:favourite, is:favorite too)

Reading never fails. A part that cannot be read becomes a hint for the user:
`year:abc` and `is:nonsense` are ignored, `title:` with nothing after is
ignored, and an unclosed quote is searched as a phrase up to the end.
Words are folded (see `tui.folding`), so matching ignores case and accents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from tui.folding import fold

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
YEAR_HINT = "year: takes 1961, 1960..1969, >1975 or <=1962"

_YEAR = r"(\d{1,4})"
_YEAR_EXACT = re.compile(rf"{_YEAR}")
_YEAR_RANGE = re.compile(rf"{_YEAR}?\.\.{_YEAR}?")
_YEAR_COMPARE = re.compile(rf"(<=|>=|<|>|=){_YEAR}")


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to look for: a folded word or phrase, maybe in one field."""

    text: str
    field: Field | None = None
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class YearRange:
    """Years from `low` to `high`, both included."""

    low: int
    high: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.low <= year <= self.high


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: what must match, what must not, and the filters."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    years: tuple[YearRange, ...] = ()
    favourites_only: bool = False
    hints: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        """True when the query asks nothing: every film matches, unranked."""
        return not (self.terms or self.excluded or self.years or self.favourites_only)

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


def _year_range(value: str) -> YearRange | None:
    if match := _YEAR_EXACT.fullmatch(value):
        year = int(match[1])
        return YearRange(year, year)
    if match := _YEAR_RANGE.fullmatch(value):
        if match[1] is None and match[2] is None:
            return None
        low = int(match[1]) if match[1] else 0
        high = int(match[2]) if match[2] else 9999
        return YearRange(min(low, high), max(low, high))
    if match := _YEAR_COMPARE.fullmatch(value):
        operator, year = match[1], int(match[2])
        return {
            "<": YearRange(0, year - 1),
            "<=": YearRange(0, year),
            ">": YearRange(year + 1, 9999),
            ">=": YearRange(year, 9999),
            "=": YearRange(year, year),
        }[operator]
    return None


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
    years: list[YearRange] = []
    hints: list[str] = []
    favourites_only = False
    for raw, closed in _tokens(text):
        if not closed:
            hints.append("Unclosed quote: searching up to the end as a phrase")
        negated = raw.startswith("-")
        body = raw[1:] if negated else raw
        if not body:
            continue
        key, colon, value = body.partition(":")
        key = key.casefold()
        if colon and '"' not in key and key == "year":
            year_range = _year_range(value.strip())
            if year_range is None:
                hints.append(YEAR_HINT)
            elif negated:
                hints.append("-year: is not supported; use year:<1960 or year:>1969")
            else:
                years.append(year_range)
            continue
        if colon and '"' not in key and key == "is":
            if value.casefold() in FAVOURITE_WORDS and not negated:
                favourites_only = True
            else:
                hints.append("is: takes only is:fav")
            continue
        scope: Field | None = None
        if colon and '"' not in key and key in FIELDS:
            scope, body = FIELDS[key], value
            if not body.replace('"', "").strip():
                hints.append(f"{key}: needs a word after it")
                continue
        found = _text_terms(body, scope)
        (excluded if negated else terms).extend(found)
    return Query(tuple(terms), tuple(excluded), tuple(years), favourites_only, tuple(hints))
