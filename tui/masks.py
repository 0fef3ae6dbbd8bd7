"""Big sets of films as byte masks. Knows nothing of Textual.

A mask has one byte per film, in library (title) order: 1 when the film is
in the set, 0 when it is not. For the huge result sets of a short query in a
big catalog (a million films, most of them matching `s`), a Python set costs
tens of nanoseconds per film for every operation; a mask is built by one loop
in C, counted with `bytes.count`, and combined with others through Python
ints (a million-film mask is an 8-million-bit int: `&` and `|` take
microseconds). Each mask byte is 0 or 1, so `&`, `|` and adding up to 255
masks never carry from one byte into the next.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import contains

Mask = bytes


def everything(size: int) -> Mask:
    """The mask of all `size` films."""
    return b"\x01" * size


def mask_of(positions: Iterable[int], size: int) -> Mask:
    """The mask of the films at `positions` (each below `size`)."""
    mask = bytearray(size)
    deque(map(mask.__setitem__, positions, repeat(1)), maxlen=0)  # the loop runs in C
    return bytes(mask)


def containing(strings: Sequence[str], text: str) -> Mask:
    """The mask of the strings that hold `text`."""
    return bytes(map(contains, strings, repeat(text)))


def as_int(mask: Mask) -> int:
    """A mask as an int, for `&`, `|` and sums; `as_mask` turns it back."""
    return int.from_bytes(mask, "little")


def as_mask(value: int, size: int) -> Mask:
    """The mask (or, after sums, the bytes) of `size` films held in `value`."""
    return value.to_bytes(size, "little")


def positions(mask: Mask) -> list[int]:
    """The positions in a mask, ascending."""
    return list(compress(range(len(mask)), mask))


def in_order(mask: Mask, order: Sequence[int]) -> list[int]:
    """The positions in a mask, in the order of `order` (a permutation of all)."""
    return list(compress(order, map(mask.__getitem__, order)))


def ranked(levels: Mask, order: Sequence[int], count: int) -> list[int]:
    """Positions by level (one byte per film: 0 first, then 1, …; `count` and up
    are left out), and in the order of `order` within a level."""
    leveled = bytes(map(levels.__getitem__, order))  # each film's level, in `order`
    found: list[int] = []
    for level in range(count):
        if levels.count(level):
            select = bytes(1 if byte == level else 0 for byte in range(256))
            found.extend(compress(order, leveled.translate(select)))
    return found
