"""The films' positions by id, as a kept index holds them: a hash table in one array.
Knows nothing of Textual.

A dict of a million ids takes a second to fill, an insertion at a time. The
kept index holds a table made when it was kept instead: `2 ** k` slots (at
least twice as many as films), each the position of a film or -1, a film in
the slot its id's CRC-32 says or, if that one is taken, in the next free
one. CRC-32 is the same in every run (Python's `hash` of a string is not),
so reading the table back is a copy of bytes, and a look-up a few slots.

A slot's film is the one asked for only if its id is: a look-up compares
the ids, so a wrong table can make a film not found, never another film
found instead.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from operator import attrgetter

from tui.model.film import Film

_EMPTY = -1


def table_size(films: int) -> int:
    """The slots of the table of `films` films: a power of two, at least twice as many."""
    return 1 << max(4, (2 * films - 1).bit_length())


def _slot(film_id: str) -> int:
    return zlib.crc32(film_id.encode("utf-8", "surrogatepass"))


def empty_table(films: int) -> array[int]:
    """The table of `films` films before any is added (`add_films`)."""
    return array("i", [_EMPTY]) * table_size(films)


def add_films(table: array[int], films: Sequence[Film], start: int) -> None:
    """Put `films`, at positions from `start` on, into `table`."""
    mask = len(table) - 1
    for position, film_id in enumerate(map(attrgetter("id"), films), start):
        slot = _slot(film_id) & mask
        while table[slot] != _EMPTY:
            slot = (slot + 1) & mask
        table[slot] = position


class IdPositions(Mapping[str, int]):
    """The position of each of `films` by id, found through `table` (see the module)."""

    __slots__ = ("_films", "_table")

    def __init__(self, table: array[int], films: Sequence[Film]) -> None:
        self._table = table
        self._films = films

    def _find(self, film_id: str) -> int:
        """The position of the film with this id, or -1."""
        table, films = self._table, self._films
        mask = len(table) - 1
        slot = _slot(film_id) & mask
        for _ in range(len(table)):  # a table with no free slot is damaged: no loop forever
            position = table[slot]
            if not 0 <= position < len(films):
                return -1
            if films[position].id == film_id:
                return position
            slot = (slot + 1) & mask
        return -1

    def __getitem__(self, film_id: str) -> int:
        position = self._find(film_id) if isinstance(film_id, str) else -1
        if position < 0:
            raise KeyError(film_id)
        return position

    def __contains__(self, film_id: object) -> bool:
        return isinstance(film_id, str) and self._find(film_id) >= 0

    def __iter__(self) -> Iterator[str]:
        return map(attrgetter("id"), self._films)

    def __len__(self) -> int:
        return len(self._films)
