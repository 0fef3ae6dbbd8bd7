"""Films picked out of a bigger list by position, without copying. Knows nothing of Textual.

A search over a million films finds hundreds of thousands; building a list of
them costs tens of milliseconds for nothing, as the screen shows forty. The
result keeps the positions and looks films up when asked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, count, repeat
from operator import attrgetter, eq
from typing import overload

from tui.model.film import Film

Locate = Callable[[Film], int | None]
"""Where this film is in the bigger list (None: nowhere; raises LookupError
when it cannot tell)."""


class ResultFilms(Sequence[Film]):
    """`films[p]` for each `p` of `positions`, in that order; read-only."""

    __slots__ = ("_films", "_locate", "_positions")

    def __init__(
        self, films: Sequence[Film], positions: Sequence[int], locate: Locate | None = None
    ) -> None:
        """`locate`, if given, finds a film's place in `films` at once (see `index`)."""
        self._films = films
        self._positions = positions
        self._locate = locate

    def index(self, value: object, start: int = 0, stop: int = sys.maxsize) -> int:
        """Where the film with `value`'s id is in this list (`Sequence.index`);
        ValueError if it is not there.

        A film is known by its id, so the film as it was before an edit is
        found where the edited one is. With `locate`, that is one look-up and
        a scan of the positions in C (milliseconds for a million); without,
        each film's id is compared.
        """
        if not isinstance(value, Film):
            raise ValueError(f"{value!r} is not a film")
        place = self._place(value)
        low, high, _ = slice(start, stop).indices(len(self))
        if place is None or not low <= place < high:
            raise ValueError(f"{value.id!r} is not in the list")
        return place

    def _place(self, film: Film) -> int | None:
        try:
            if self._locate is None:
                raise LookupError(film.id)
            position = self._locate(film)
        except LookupError:
            ids = map(attrgetter("id"), self)
            return next(compress(count(), map(eq, ids, repeat(film.id))), None)
        if position is None:
            return None
        try:
            return self._positions.index(position)
        except ValueError:
            return None

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Film: ...

    @overload
    def __getitem__(self, index: slice) -> list[Film]: ...

    def __getitem__(self, index: int | slice) -> Film | list[Film]:
        if isinstance(index, slice):
            return list(map(self._films.__getitem__, self._positions[index]))
        return self._films[self._positions[index]]

    def __iter__(self) -> Iterator[Film]:
        return map(self._films.__getitem__, self._positions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ResultFilms({len(self)} films)"
