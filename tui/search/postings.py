"""Postings kept flat: the films (by position) that have each text, in two arrays.
Knows nothing of Textual.

A fresh index keeps its postings (the films with each title, first word and
title word) in dicts of lists: cheap to fill one film at a time, but a
million films' worth is millions of int objects, which take long to read
back from a kept index and to merge. A kept index holds them as
`FlatPostings` instead: the texts sorted, and for each the run of its
positions in one flat array of machine ints. Reading them back is a copy of
bytes and one list of strings per part; a look-up is a bisection of the
sorted texts. Both are `Mapping[str, Sequence[int]]` and answer the same.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice

from tui.search.kept_file import KeptFile, KeptFileError
from tui.search.orders import RUN

KEYS_STEP = 50_000  # texts in one kept part (reading one is a short call into C)


class FlatPostings(Mapping[str, Sequence[int]]):
    """The positions (ascending) of the films with each text: those of `keys[i]`
    (sorted, distinct) are `flat[starts[i]:starts[i + 1]]`."""

    __slots__ = ("_flat", "_keys", "_starts")

    def __init__(self, keys: list[str], starts: array[int], flat: array[int]) -> None:
        """`starts` holds one more item than `keys`: where the last run ends."""
        self._keys = keys
        self._starts = starts
        self._flat = flat

    def _at(self, key: str) -> int:
        keys = self._keys
        place = bisect.bisect_left(keys, key)
        return place if place < len(keys) and keys[place] == key else -1

    def __getitem__(self, key: str) -> Sequence[int]:
        place = self._at(key) if isinstance(key, str) else -1
        if place < 0:
            raise KeyError(key)
        return self._flat[self._starts[place] : self._starts[place + 1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._at(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def postings_part(name: str, number: int) -> str:
    """The name of the kept part that holds the `number`th `KEYS_STEP` texts of `name`."""
    return f"postings.{name}.{number}"


def flat_parts(name: str, postings: Mapping[str, Sequence[int]]) -> Iterator[tuple[str, object]]:
    """The kept parts of `postings` (`read_flat` reads them back): `KEYS_STEP`
    texts a part, sorted, with where their runs start in the flat array (from
    its beginning, not the part's) and the runs."""
    keys = list(postings)
    # Sorted in runs, each a short call into C, then merged as the parts are made:
    # all at once, a million texts would take seconds in one go (see `sorted_in_runs`).
    runs = [sorted(keys[at : at + RUN]) for at in range(0, len(keys), RUN)]
    merged = heapq.merge(*runs)
    start = 0
    for number in range(-(-len(keys) // KEYS_STEP)):
        some = list(islice(merged, KEYS_STEP))
        starts = array("q")
        flat = array("q")
        for key in some:
            starts.append(start + len(flat))
            flat.extend(postings[key])
        start += len(flat)
        yield postings_part(name, number), (some, starts.tobytes(), flat.tobytes())


def read_flat(file: KeptFile, name: str, size: int) -> FlatPostings:
    """The `FlatPostings` of `size` texts kept as `flat_parts(name, …)`; KeptFileError
    if they cannot be read (a part missing, damaged or of the wrong shape)."""
    keys: list[str] = []
    starts = array("q")
    flat = array("q")
    for number, first in enumerate(range(0, size, KEYS_STEP)):
        some, some_starts, some_flat = file.read(postings_part(name, number))
        count = min(KEYS_STEP, size - first)
        if not isinstance(some, list) or len(some) != count or type(some[0]) is not str:
            raise KeptFileError(f"damaged postings of {name}")
        if not isinstance(some_starts, bytes) or len(some_starts) != 8 * count:
            raise KeptFileError(f"damaged postings of {name}")
        if not isinstance(some_flat, bytes) or len(some_flat) % 8:
            raise KeptFileError(f"damaged postings of {name}")
        before = len(flat)
        starts.frombytes(some_starts)
        flat.frombytes(some_flat)
        if starts[first] != before or starts[-1] > len(flat):
            raise KeptFileError(f"damaged postings of {name}")
        keys.extend(some)
    starts.append(len(flat))
    return FlatPostings(keys, starts, flat)
