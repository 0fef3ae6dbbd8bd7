"""Title order: a catalog's films sorted by `tui.search.orders.title_sort_key`, worked
out as quickly as a million films can be without holding the GIL for long.
Knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from tui.model.film import Film
from tui.search.folding import fold
from tui.search.masks import mapped
from tui.search.orders import strip_article
from tui.search.sorting import RUN, let_go, sorted_in_runs

_YEAR_SHIFT = 10**12  # years from -10**12 to 10**12 sort as 13-digit strings


def in_title_order(films: Sequence[Film]) -> tuple[list[Film], list[str]]:
    """`sorted(films, key=title_sort_key)`, and the folded titles in that order."""
    by_title, folded_by_title = sorted_by_title(films)
    return by_title, folded_by_title()


def sorted_by_title(films: Sequence[Film]) -> tuple[list[Film], Callable[[], list[str]]]:
    """`sorted(films, key=title_sort_key)`, and what gives their folded titles in
    that order, picked when first asked: the first screen needs the films only,
    and picking a million titles in another order takes half a second (none of
    them is in the cache).

    As quick as sorting a million films can be without holding the GIL for
    long: the keys are made a run of films per call into C (`mapped`; a
    Python loop over a million films costs more than the work it does),
    sorted in runs (`sorted_in_runs`), and the big lists made on the way are
    let go of a run at a time (`let_go`).
    """
    folded = _once_each(fold, mapped(_TITLE, films))
    keys = _sort_keys(films, folded)
    order = sorted_in_runs(range(len(films)), key=keys.__getitem__)
    let_go(keys)

    picked: list[list[str]] = []

    def folded_by_title() -> list[str]:
        if not picked:
            picked.append(mapped(folded.__getitem__, order))
            let_go(order, folded)
        return picked[0]

    return mapped(films.__getitem__, order), folded_by_title


def _sort_keys(films: Sequence[Film], folded: list[str]) -> list[Any]:
    """Each film's `title_sort_key`, from its `folded` title.

    Written as one string (strings compare faster than tuples),
    `title\0year\0id` with the year as 13 digits. A title with a NUL in it,
    or a year past a trillion, would not sort alike as a string: then the
    keys are the tuples.
    """
    titles = _once_each(_title_key, folded)
    years = mapped(_YEAR, films)
    distinct: set[int | None] = set()
    nul = False
    for start in range(0, len(titles), RUN):
        distinct.update(years[start : start + RUN])
        nul = nul or "\0" in "".join(titles[start : start + RUN])
    ids = mapped(_ID, films)
    keys: list[Any] = []
    if nul or not all(-_YEAR_SHIFT < (year or 0) < _YEAR_SHIFT for year in distinct):
        keys = [
            (title, year or 0, id_) for title, year, id_ in zip(titles, years, ids, strict=True)
        ]
    else:
        digits = {year: f"{(year or 0) + _YEAR_SHIFT:013d}" for year in distinct}
        for start in range(0, len(titles), RUN):
            at = slice(start, start + RUN)
            rows = zip(titles[at], years[at], ids[at], strict=True)
            keys += [f"{title}\0{digits[year]}\0{id_}" for title, year, id_ in rows]
    let_go(titles, years, ids)
    return keys


_TITLE, _YEAR, _ID = attrgetter("title"), attrgetter("year"), attrgetter("id")


def _title_key(folded: str) -> str:
    return strip_article(folded.strip())


_KEPT = 1 << 17  # values `_once_each` keeps at most; then forgotten and gathered again
_MOSTLY_NEW = 0.9  # a run of values this much new is not worth keeping ...
_NOT_FOR = 16  # ... nor are the next so many runs


def _once_each(function: Callable[[str], str], values: list[str]) -> list[str]:
    """`mapped(function, values)`, worked out once for equal values while they
    repeat, and then one object: a catalog repeats its titles (remakes, and the
    synthetic ones), and equal titles are read as one object already
    (`tui.model.shared_values`). A run of values mostly new is mapped one by
    one, and so are the next `_NOT_FOR` runs, then the values are tried again."""
    done = _Once(function)
    mapped_values: list[str] = []
    not_for = 0
    for start in range(0, len(values), RUN):
        some = values[start : start + RUN]
        if not_for:
            not_for -= 1
            mapped_values += map(function, some)
            continue
        if len(done) >= _KEPT:
            done.clear()
        before = len(done)
        mapped_values += map(done.__getitem__, some)
        if len(done) - before > _MOSTLY_NEW * len(some):
            not_for = _NOT_FOR
    return mapped_values


class _Once(dict[str, str]):
    """What `function` gives for each value asked for, worked out when first asked."""

    def __init__(self, function: Callable[[str], str]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, value: str) -> str:
        got = self[value] = self._function(value)
        return got
