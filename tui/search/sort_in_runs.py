"""Sorting a big list without holding the interpreter for seconds. Knows nothing of Textual.

`sorted()` of a million strings is one call into C that holds the GIL for
about a second: a thread that sorts freezes the user interface for that long.
`sorted_in_runs` sorts runs of `RUN` items (a few milliseconds each) and
merges them with `heapq.merge`, whose loop is Python and lets other threads
in between items. The result is exactly `sorted(items, key=key)`, stability
included: the runs are consecutive and `heapq.merge` prefers the earlier run
on ties.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

RUN = 20_000


def sorted_in_runs(items: Sequence[T], key: Callable[[T], Any] | None = None) -> list[T]:
    """`sorted(items, key=key)`, in steps that each hold the GIL for milliseconds."""
    if len(items) <= RUN:
        return sorted(items, key=key)  # type: ignore[arg-type, type-var]
    runs = [
        sorted(items[start : start + RUN], key=key)  # type: ignore[arg-type, type-var]
        for start in range(0, len(items), RUN)
    ]
    return list(heapq.merge(*runs, key=key))  # type: ignore[arg-type]
