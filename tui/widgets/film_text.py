"""A film's fields and the user's marks as text to read, and the marks' signs.

Plain functions of plain values; the detail pane (`tui.widgets.film_detail`)
lays them out, and the list's rows (`tui.widgets.film_list`) show the signs.
Text that comes from the catalog or the user is returned as it is: the widgets
make it safe (`tui.safe_text.clean`) and never read it as markup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from tui.model.marks import MAX_RATING, UserMarks

DAYS_SHOWN = 5
"""The most viewing days the pane lists; more are counted, and the last shown."""
STAR = "★"
"""A favourite; also the rating's stars (`★★★½☆`)."""
WATCHED = "✓"
ON_WATCHLIST = "◷"
"""A film on the watchlist, to be seen (a clock, as Letterboxd's watchlist)."""


def runtime_text(minutes: int) -> str:
    """`2 h 47 min`, `2 h`, `58 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def year_and_runtime(year_text: str, runtime: int | None) -> str:
    """`1972 · 2 h 47 min`, or the year alone."""
    return year_text if runtime is None else f"{year_text} · {runtime_text(runtime)}"


def rating_text(rating: float) -> str:
    """`★★★★½ 4.5/5`; empty when unrated."""
    if not rating:
        return ""
    return f"{UserMarks(rating=rating).stars} {rating}/{MAX_RATING}"


def short_rating(rating: float) -> str:
    """A rating in two cells: `4 `, `3½` (half stars), or blank when unrated."""
    if not rating:
        return "  "
    whole = int(rating)
    return f"{whole}½" if rating - whole else f"{whole} "


def seen_sign(marks: UserMarks | None) -> str:
    """✓ for a film watched, ◷ for one on the watchlist, else a blank."""
    if marks is None:
        return " "
    if marks.watched:
        return WATCHED
    return ON_WATCHLIST if marks.watchlist else " "


def mark_words(marks: UserMarks) -> list[str]:
    """The user's marks that are set, each a few words: `★ Favourite`, `✓ Watched`…"""
    words = []
    if marks.favourite:
        words.append(f"{STAR} Favourite")
    if marks.rating:
        words.append(rating_text(marks.rating))
    if marks.watched:
        words.append(f"{WATCHED} Watched")
    if marks.watchlist:
        words.append(f"{ON_WATCHLIST} Watchlist")
    return words


def seen_text(days: Sequence[str]) -> str:
    """The days a film was seen: `2021-05-01`, `3 times: 2021-05-01, 2023-11-19, …`
    with every day, or the count and the last few days when there are many."""
    if len(days) <= 1:
        return "".join(days)
    shown = ", ".join(days[-DAYS_SHOWN:])
    last = f", the last {DAYS_SHOWN}" if len(days) > DAYS_SHOWN else ""
    return f"{len(days)} times{last}: {shown}"


def names_text(names: Sequence[str]) -> str:
    """`Andrei Tarkovsky, Lem`."""
    return ", ".join(names)


def has_value(value: object) -> bool:
    """False for what is no value at all: nothing, empty text, an empty list or object."""
    return value is not None and value != "" and value != [] and value != {}


def own_value_text(value: object) -> str:
    """A film's own field's value to read: text as it is, a list's items joined
    with `, `, anything else (numbers, true/false, objects) as compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(item if isinstance(item, str) else _json(item) for item in value)
    return _json(value)


def _json(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        # Not JSON, a number of more than 4,300 digits, or nested past Python's limit.
        return "(cannot be shown)"


def own_fields(own: Mapping[str, object]) -> list[tuple[str, str]]:
    """The film's own fields that have a value, as (name, text), in their order."""
    return [(name, own_value_text(value)) for name, value in own.items() if has_value(value)]
