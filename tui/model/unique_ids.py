"""Handing out ids no other film has, in time linear in the number handed out.

`tui.model.film.unique_id` tries `base-2`, `base-3`, … from 2 every time:
fine for one film, quadratic for 20,000 films of one title, or without ids.
Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class UniqueIds:
    """The ids taken so far; `claim` gives the same id `unique_id` would."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(taken)
        self._next: dict[str, int] = {}  # per base: no number below it is free

    def __contains__(self, film_id: object) -> bool:
        return film_id in self.taken

    def claim(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`, …: the first not taken, now taken.

        Ids are only ever added, so numbers tried once for a base stay taken
        and are not tried again.
        """
        if base not in self.taken:
            self.taken.add(base)
            return base
        number = self._next.get(base, 2)
        while f"{base}-{number}" in self.taken:
            number += 1
        self._next[base] = number + 1
        film_id = f"{base}-{number}"
        self.taken.add(film_id)
        return film_id

    def claim_all(self, bases: Sequence[str]) -> Sequence[str]:
        """`claim` of each of `bases` in turn: `bases` itself when none is taken
        and none repeats (the common case, worked out in C)."""
        fresh = set(bases)
        if len(fresh) == len(bases) and self.taken.isdisjoint(fresh):
            self.taken |= fresh
            return bases
        return [self.claim(base) for base in bases]
