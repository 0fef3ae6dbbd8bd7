"""Byte vectors, one byte per film: what the search knows of each film. Knows nothing of Textual.

A search keeps what it knows of films as bytes indexed by position (`1`: the
film holds the text, `0`: it does not; `tui.search.match_cache` adds a third
value, not known yet). These helpers read and write such vectors with loops
that run in C (slices, `map`, `bytes.translate`, ints as bit sets): a chunk
of 20,000 films costs well under a millisecond, where a Python loop would
cost several.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, MutableSequence, Sequence
from itertools import repeat
from typing import TypeVar

_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
RUN = 20_000  # items one call into C goes through in `mapped` (about a millisecond)

T = TypeVar("T")
U = TypeVar("U")


def mapped(function: Callable[[T], U], items: Sequence[T]) -> list[U]:
    """`list(map(function, items))`, a run of items per call into C: a million in one
    call would hold the GIL (and freeze the other threads) for a tenth of a second."""
    found: list[U] = []
    for start in range(0, len(items), RUN):
        found.extend(map(function, items[start : start + RUN]))
    return found


def int_array(values: Sequence[int]) -> array[int]:
    """`array("q", values)`, a run of values per call into C (see `mapped`)."""
    found = array("q")
    for start in range(0, len(values), RUN):
        found.extend(values[start : start + RUN])
    return found


def joined(separator: str, texts: Sequence[str]) -> str:
    """`separator.join(texts)`, a run of texts per call into C (see `mapped`)."""
    runs = (separator.join(texts[start : start + RUN]) for start in range(0, len(texts), RUN))
    return separator.join(list(runs))


Part = slice | Sequence[int]
"""Which items a `taken` or `gathered` function gives: a slice, or the positions."""


def taken(items: Sequence[T]) -> Callable[[Part], list[T]]:
    """`items`, a part at a time: `taken(items)(part)` is `items[part]` for a slice,
    and the items at the positions of a sequence of them."""

    def some(part: Part) -> list[T]:
        if isinstance(part, slice):
            return list(items[part])
        return list(map(items.__getitem__, part))

    return some


def gathered(items: Sequence[T], order: Sequence[int]) -> Callable[[Part], list[T]]:
    """`items` in `order`, a part at a time: `gathered(items, order)(part)` is
    `[items[p] for p in order[part]]` for a slice, and the items at the positions
    a sequence of them has in `order`, worked out when asked (see `mapped`)."""

    def some(part: Part) -> list[T]:
        picked = order[part] if isinstance(part, slice) else map(order.__getitem__, part)
        return list(map(items.__getitem__, picked))

    return some


def inverse(order: Sequence[int]) -> list[int]:
    """Where `order` holds 0, 1, 2, …: `found[order[i]] == i`, and -1 for a number it
    does not hold (`order` holds numbers from 0 to its length), a run per call into C."""
    size = len(order)
    found = [-1] * size
    for start in range(0, size, RUN):
        stop = min(size, start + RUN)
        put(found, order[start:stop], range(start, stop))
    return found


def replace_in_runs(items: list[T], others: Sequence[T]) -> None:
    """Put `others` in the place of `items` (as many), in place, a run at a time: what
    is replaced may be freed, and freeing a million objects in one call into C
    would hold the GIL for a second."""
    for start in range(0, len(items), RUN):
        items[start : start + RUN] = others[start : start + RUN]


def pick(mask: bytes | bytearray, positions: Sequence[int]) -> bytes:
    """The bytes of `mask` at `positions`, in their order (a slice when they are a plain range)."""
    if isinstance(positions, range) and positions.step == 1:
        return bytes(mask[positions.start : positions.stop])
    return bytes(map(mask.__getitem__, positions))


def items_at(items: Sequence[T], positions: Sequence[int]) -> Sequence[T]:
    """The items at `positions`, in their order (a slice when they are a plain range)."""
    if isinstance(positions, range) and positions.step == 1:
        return items[positions.start : positions.stop]
    return list(map(items.__getitem__, positions))


def highest(positions: Sequence[int]) -> int:
    """The highest of (non-empty) `positions`: at once for a rising range (`max` reads
    every one)."""
    if isinstance(positions, range) and positions.step > 0:
        return positions[-1]
    return max(positions)


def put(mask: MutableSequence[int], positions: Iterable[int], values: Iterable[int]) -> None:
    """Set `mask[p]` to the next of `values` for each `p` of `positions`."""
    deque(map(mask.__setitem__, positions, values), maxlen=0)  # the loop runs in C


def flipped(flags: bytes) -> bytes:
    """0 for 1 and 1 for 0 (`flags` holds only those)."""
    return flags.translate(_FLIP)


def and_not(a: bytes, b: bytes) -> bytes:
    """1 where `a` is 1 and `b` is 0 (both of 0 and 1 bytes, of one length)."""
    size = len(a)
    return (int.from_bytes(a, "little") & ~int.from_bytes(b, "little")).to_bytes(size, "little")


def mask_of(positions: Iterable[int], size: int) -> bytes:
    """`size` bytes: 1 at `positions` (a range is cut at `size`), 0 elsewhere."""
    if isinstance(positions, range) and positions.step == 1:
        start, stop = min(positions.start, size), min(positions.stop, size)
        return bytes(start) + b"\x01" * max(0, stop - start) + bytes(size - max(start, stop))
    mask = bytearray(size)
    put(mask, positions, repeat(1))
    return bytes(mask)
