"""The ranges a filter keeps (years, ratings, runtimes, a film's own numbers, watch
days) and how their values are written. Knows nothing of Textual.

Every filter takes one value, a range with either end open, or a comparison:
`1961`, `1960..1969`, `1975..`, `..1962`, `>1975`, `>=1975`, `<1962`, `<=1962`,
`=1961`. What a number may be differs: years are whole (0 to 9999), ratings
in half stars (0 to 5), runtimes whole minutes, a film's own numbers any
decimal (`-2.5`); watch days are a year, a month or a day (`2024`,
`2024-05`, `2024-05-17`). A value that cannot be read is None (the query
then gives a hint).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tui.model.marks import MAX_RATING, RATING_STEP, valid_day

MAX_YEAR = 9999
MAX_RUNTIME = 999_999


@dataclass(frozen=True, slots=True)
class NumberRange:
    """Numbers (years, ratings, minutes, …) from `low` to `high`, both included."""

    low: int | float
    high: int | float

    def __contains__(self, number: object) -> bool:
        return (
            isinstance(number, int | float)
            and not isinstance(number, bool)
            and self.low <= number <= self.high
        )


@dataclass(frozen=True, slots=True)
class DayRange:
    """Days (`YYYY-MM-DD`) from the period `first` to the period `last`, both
    included; a period is a year, a month or a day, '' leaves that end open.

    A day is in it when its start as long as `first` is not before `first`
    and its start as long as `last` is not after `last` (ISO days sort as
    text). `>2023` and `<2023` are written with a last character that no
    period has: `2023\\uffff` comes after every day of 2023, `2022\\uffff` after
    every day of 2022 but before 2023.
    """

    first: str = ""
    last: str = ""

    def __contains__(self, day: object) -> bool:
        return (
            isinstance(day, str)
            and day[: len(self.first)] >= self.first
            and day[: len(self.last)] <= self.last
        )


@dataclass(frozen=True, slots=True)
class _Numbers:
    """How the numbers of a filter are written: the pattern of one, the lowest, the
    highest, and the step between two (`<4` is `<=3.5` in half stars); step 0: any
    number, and `<4` leaves out 4 alone."""

    one: str
    lowest: int | float
    highest: int | float
    step: float


def _patterns(number: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(number),
        re.compile(rf"{number}?\.\.{number}?"),
        re.compile(rf"(<=|>=|<|>|=){number}"),
    )


_YEARS = _Numbers(r"(\d{1,4})", 0, MAX_YEAR, 1)
_RATINGS = _Numbers(r"(\d(?:\.\d)?)", 0, MAX_RATING, RATING_STEP)
_RUNTIMES = _Numbers(r"(\d{1,6})", 0, MAX_RUNTIME, 1)
_ANY = _Numbers(r"(-?\d{1,30}(?:\.\d{1,30})?)", -math.inf, math.inf, 0)
_COMPILED = {numbers: _patterns(numbers.one) for numbers in (_YEARS, _RATINGS, _RUNTIMES, _ANY)}


def _number_range(value: str, numbers: _Numbers, *, bare: bool = True) -> NumberRange | None:
    """`value` read as 7, 3..5 (either end open), >4, >=4, <2, <=2 or =7; else None.

    Numbers run from `numbers.lowest` to `numbers.highest` in steps of
    `numbers.step`; any other number makes the value unreadable. `<4` and
    `>4` leave 4 out by a step (`<4` is 0 to 3.5 in half stars), or by the
    least there is when any number will do. `bare`: a lone number is a range
    of one.
    """
    exact, both_ends, compare = _COMPILED[numbers]
    if bare and (match := exact.fullmatch(value)):
        number = _number(match[1], numbers)
        return None if number is None else NumberRange(number, number)
    if match := both_ends.fullmatch(value):
        if match[1] is None and match[2] is None:
            return None
        low = _number(match[1], numbers) if match[1] else numbers.lowest
        high = _number(match[2], numbers) if match[2] else numbers.highest
        if low is None or high is None:
            return None
        return NumberRange(min(low, high), max(low, high))
    if match := compare.fullmatch(value):
        operator, number = match[1], _number(match[2], numbers)
        if number is None:
            return None
        below = (
            _whole_if_can(number - numbers.step)
            if numbers.step
            else math.nextafter(number, -math.inf)
        )
        above = (
            _whole_if_can(number + numbers.step)
            if numbers.step
            else math.nextafter(number, math.inf)
        )
        return {
            "<": NumberRange(numbers.lowest, below),
            "<=": NumberRange(numbers.lowest, number),
            ">": NumberRange(above, numbers.highest),
            ">=": NumberRange(number, numbers.highest),
            "=": NumberRange(number, number),
        }[operator]
    return None


def _next_to(number: int | float, step: float) -> tuple[int | float, int | float]:
    """The numbers just below and just above `number`: a step away, or the least
    there is when any number will do (step 0)."""
    if step:
        return _whole_if_can(number - step), _whole_if_can(number + step)
    return math.nextafter(number, -math.inf), math.nextafter(number, math.inf)


def _number(text: str, numbers: _Numbers) -> int | float | None:
    """The number `text` says, if it is one of `numbers` (in range, on a step)."""
    if not numbers.step:
        return float(text) if "." in text else int(text)
    number = float(text)
    if number > numbers.highest or not (number / numbers.step).is_integer():
        return None
    return _whole_if_can(number)


def _whole_if_can(number: float) -> int | float:
    """4 for 4.0 (as the store keeps whole ratings), 3.5 for 3.5."""
    return int(number) if float(number).is_integer() else number


def year_range(value: str) -> NumberRange | None:
    return _number_range(value, _YEARS)


def rating_range(value: str) -> NumberRange | None:
    """A range of ratings; None also when no rating is in it (`>5`, `<0`)."""
    found = _number_range(value, _RATINGS)
    return found if found is not None and found.low <= found.high else None


def runtime_range(value: str) -> NumberRange | None:
    """A range of minutes; None also when no runtime is in it (`<1`)."""
    found = _number_range(value, _RUNTIMES)
    return found if found is not None and found.low <= found.high and found.high > 0 else None


def own_number_range(value: str) -> NumberRange | None:
    """A range of any numbers, for a film's own field: a comparison or a range
    (`>1000000`, `2..5`); a lone number is not one (it is searched as text)."""
    return _number_range(value, _ANY, bare=False)


_PERIOD = r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)"
_PERIODS = (
    re.compile(_PERIOD),
    re.compile(rf"{_PERIOD}?\.\.{_PERIOD}?"),
    re.compile(rf"(<=|>=|<|>|=){_PERIOD}"),
)
_AFTER = "\uffff"  # after every character a period has


def day_range(value: str) -> DayRange | None:
    """`value` read as a period (`2024`, `2024-05`, `2024-05-17`), a range of them
    (`2020..2023`, `2024-03..`) or a comparison (`>2023`, `<=2024-05`); else None."""
    exact, both_ends, compare = _PERIODS
    if exact.fullmatch(value):
        return DayRange(value, value) if _period(value) else None
    if match := both_ends.fullmatch(value):
        first, last = match[1] or "", match[2] or ""
        if not (first or last) or not all(map(_period, filter(None, (first, last)))):
            return None
        if first and last and first[: len(last)] > last:
            first, last = last, first
        return DayRange(first, last)
    if match := compare.fullmatch(value):
        operator, period = match[1], match[2]
        if not _period(period):
            return None
        before = period[:-1] + chr(ord(period[-1]) - 1) + _AFTER  # `<2023`: up to 2022
        return {
            "<": DayRange("", before),
            "<=": DayRange("", period),
            ">": DayRange(period + _AFTER, ""),
            ">=": DayRange(period, ""),
            "=": DayRange(period, period),
        }[operator]
    return None


def _period(text: str) -> bool:
    """True when `text` is a real year, month or day: `2024-13` is not."""
    if len(text) == 10:
        return valid_day(text) is not None
    return len(text) == 4 or 1 <= int(text[5:7]) <= 12
