"""Sorting a million items, and letting go of them, without holding the GIL for long.

A thread that sorts a million films in one `sorted()` call holds the GIL for
about a second, and the user interface is frozen that long. These do the same
work in calls into C of a few milliseconds each. Knows nothing of Textual.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

RUN = 20_000  # items `sorted_in_runs` sorts in one call into C (a few milliseconds)
PIECE = 5_000  # items at most in a piece of its merge, sorted in one call (`_merged`)

T = TypeVar("T")


def let_go(*lists: list[Any]) -> None:
    """Empty `lists`, a run of items per call into C.

    Letting go of a list of a million items that are not in the cache (the
    positions a sort made, in the order it put them) is one call into C of a
    fifth of a second, which holds the GIL: a big list about to be dropped
    is emptied a run at a time instead.
    """
    for items in lists:
        while items:
            del items[-RUN:]


def sorted_in_runs(items: Sequence[T], key: Callable[[T], Any]) -> list[T]:
    """`sorted(items, key=key)`, in steps that each hold the GIL for milliseconds.

    `sorted()` of a million strings is one call into C that holds the GIL for
    about a second: a thread that sorts freezes the user interface for that
    long. This sorts runs of `RUN` items, each in one call, and merges them
    a piece at a time (`_merged`).
    """
    if len(items) <= RUN:
        return sorted(items, key=key)
    runs = [sorted(items[start : start + RUN], key=key) for start in range(0, len(items), RUN)]
    return _merged(runs, key)


def _merged(runs: list[list[T]], key: Callable[[T], Any]) -> list[T]:
    """The sorted `runs` merged, stable (on ties an earlier run's items first).

    The merge goes a piece at a time, each sorted by one call of `sorted()`:
    Timsort finds the pieces' runs already sorted and merges them in C, in
    linear time times the log of their number. A piece is every item still
    to merge that comes before a pivot, in the order of stable merging (by key,
    then run, then place in its run): the pivot is the earliest, in that
    order, of each run's `PIECE // len(runs)`th item to come. So no run gives
    more than that many items to a piece (ties or not), and a piece is at most
    `PIECE` items: one call into C of a few milliseconds, even when the
    comparisons wait on memory (a million strings are not in the cache).
    """
    take = max(1, PIECE // len(runs))
    starts = [0] * len(runs)
    left = [number for number, run in enumerate(runs) if run]  # runs with items to merge
    merged: list[T] = []
    while left:
        ends = {number: min(starts[number] + take, len(runs[number])) for number in left}
        first = min(
            left, key=lambda number: key(runs[number][ends[number] - 1])
        )  # on ties the earliest run
        pivot = key(runs[first][ends[first] - 1])
        piece: list[T] = []
        for number in left:
            run, start = runs[number], starts[number]
            if number < first:  # its items equal to the pivot come before it
                stop = bisect.bisect_right(run, pivot, start, ends[number], key=key)
            elif number == first:
                stop = ends[number]
            else:  # its items equal to the pivot come after it
                stop = bisect.bisect_left(run, pivot, start, ends[number], key=key)
            piece += run[start:stop]
            starts[number] = stop
        merged += sorted(piece, key=key)
        left = [number for number in left if starts[number] < len(runs[number])]
    while runs:
        runs.pop()  # a run at a time (see `let_go`)
    return merged
