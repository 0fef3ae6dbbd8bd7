"""Reading one cell of an import file as the film field it stands for.

Plain Python. Each reader returns the value, or raises `BadValue` with what is
wrong with it: the caller drops that field (never the film) and says so.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Any

# Any year a library can hold comes back from its export: the first films are
# from 1878 and films are announced years ahead, so only the form checks more.
FIRST_YEAR, LAST_YEAR = 1, 9999
MAX_RUNTIME = 60 * 24 * 30  # minutes: the longest films run for days, not months
MAX_STARS = 5
# Python refuses to read ints longer than this (sys.int_info.default_max_str_digits).
_MAX_DIGITS = 20
_EXACT_DIGITS = 15  # a float holds every whole number this long exactly
_HOURS = re.compile(r"(\d{1,3})\s*h(?:ours?)?\s*(?:(\d{1,2})\s*m(?:in)?)?")
_CLOCK = re.compile(r"(\d{1,3}):(\d{2})")
_MINUTES = re.compile(r"\s*(min|mins|minutes|m)$")
_IMDB_ID = re.compile(r"\btt\d{5,10}\b")


class BadValue(ValueError):
    """A cell that does not fit its field; the message says why, for the user."""


def _number(text: str) -> float:
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    if not cleaned or len(cleaned) > _MAX_DIGITS:
        raise BadValue("not a number")
    try:
        value = float(cleaned)
    except ValueError:
        raise BadValue("not a number") from None
    if not math.isfinite(value):
        raise BadValue("not a number")
    return value


def whole(value: object) -> int:
    """`1995`, `"1995"` and `"1995.0"` are 1995; `"1995.5"` and `"nineteen"` are not."""
    if isinstance(value, bool):
        raise BadValue("not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= _EXACT_DIGITS:
            return int(digits)  # the common case, read as `_number` would
    number = value if isinstance(value, float) else _number(str(value))
    if not float(number).is_integer():
        raise BadValue("not a whole number")
    return int(number)


def year(value: object) -> int:
    result = whole(value)
    if not FIRST_YEAR <= result <= LAST_YEAR:
        raise BadValue("not a year")
    return result


def runtime(value: object) -> int:
    """Minutes: `167`, `"167"`, `"167.0"`, `"167 min"`, `"2h 47m"`, `"2:47"`."""
    text = str(value).strip().lower()
    if text.isascii() and text.isdigit() and len(text) <= _EXACT_DIGITS:
        result = int(text)  # the common case, read as `whole` would
    elif parts := None if text.isdigit() else _HOURS.fullmatch(text) or _CLOCK.fullmatch(text):
        result = int(parts.group(1)) * 60 + int(parts.group(2) or 0)
    else:
        result = whole(text if text.isdigit() else _MINUTES.sub("", text))
    if not 0 < result <= MAX_RUNTIME:
        raise BadValue("not a running time in minutes")
    return result


def stars(value: object, scale: int = MAX_STARS) -> float:
    """A rating in half stars, 0.5–5 (0 is unrated), from a rating out of `scale`.

    Letterboxd rates 0.5–5 (scale 5); IMDb 1–10 (scale 10: 7 is 3.5 stars).
    """
    number = float(value) if isinstance(value, int | float) else _number(str(value))
    if isinstance(value, bool) or not 0 <= number <= scale:
        raise BadValue(f"not a rating from 0 to {scale}")
    result = number * MAX_STARS / scale
    if (result * 2) % 1:
        raise BadValue(f"not a rating in half stars from 0 to {scale}")
    return result


_TRUE = {"true", "yes", "y", "1", "x", "★", "✓"}
_FALSE = {"false", "no", "n", "0", ""}


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue("not yes or no")


def date(value: object) -> str:
    """An ISO date, `YYYY-MM-DD`: the day a film was seen."""
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise BadValue("not a date written YYYY-MM-DD") from None


def names(value: object) -> list[str]:
    """A list of names: a JSON list, or text separated by commas (or semicolons)."""
    if isinstance(value, list):
        items = [str(item) for item in value]
    else:
        text = str(value)
        items = text.split(";") if ";" in text else text.split(",")
    return [name for item in items if (name := item.strip())]


def dates(value: object) -> list[str]:
    items = value if isinstance(value, list) else names(value)
    return sorted(date(item) for item in items)


def imdb_id(value: object) -> str:
    if (  # the common case: the id alone
        type(value) is str
        and value[:2] == "tt"
        and 7 <= len(value) <= 12
        and value.isascii()
        and value[2:].isdigit()
    ):
        return value
    match = _IMDB_ID.search(str(value))
    if match is None:
        raise BadValue("not an IMDb id (tt…)")
    return match.group(0)


def text(value: object) -> str:
    if type(value) is str:
        return value
    if isinstance(value, list | dict):
        raise BadValue("not text")
    return str(value)


Reader = Callable[[Any], Any]
