"""The library's films: the catalog's, under the user's own versions and deletions.

The films are the catalog's in its order, each replaced by the user's version
if there is one, without the deleted ones, followed by the films the user
added (in the order they were added). An edit changes one film or two, so a
change is worked out from the last one: the catalog's list is copied (one
call into C) and the user's films are put in their places, instead of
building a million-film list and dict again film by film in Python (half a
second at a million films, on the UI thread). Until the user has a film of
their own or has hidden one, the library's films are the catalog's list
itself, not a copy; and a film is found by id through the catalog's
positions (`by_id`), not a second dict of a million films.

Plain Python; knows nothing of Textual or TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from itertools import compress

from tui.model.film import Film


class MergedFilms:
    """The films of a catalog (`base`, unique ids) under a layer of the user's."""

    def __init__(self, base: list[Film]) -> None:
        self.base = base
        self.films: list[Film] = base
        """The library's films, in order (never changed in place)."""
        self.by_id: Mapping[str, Film] = _FilmsById(self)
        """The library's films by id."""
        self._own: dict[str, Film] = {}
        self._deleted: frozenset[str] = frozenset()
        self._base_at: dict[str, int] | None = None

    def apply(self, own: Mapping[str, Film], deleted: Set[str]) -> None:
        """Put the user's films (`own`, by id, in the order added) and deletions on top."""
        deleted = frozenset(deleted)
        if own == self._own and deleted == self._deleted:
            return
        self._own, self._deleted = dict(own), deleted
        if not own and not deleted:
            self.films = self.base
            return
        base_at = self._base_positions()
        films = list(self.base)
        for film_id, film in own.items():
            at = base_at.get(film_id)
            if at is not None:
                films[at] = film
        gone = [base_at[film_id] for film_id in deleted if film_id in base_at]
        if gone:
            keep = bytearray(b"\x01") * len(films)
            for at in gone:
                keep[at] = 0
            films = list(compress(films, keep))
        films.extend(
            film
            for film_id, film in own.items()
            if film_id not in base_at and film_id not in deleted
        )
        self.films = films

    def film(self, film_id: str) -> Film | None:
        """The film `film_id`: the user's version, else the catalog's, unless hidden."""
        if film_id in self._deleted:
            return None
        film = self._own.get(film_id)
        if film is not None:
            return film
        at = self._base_positions().get(film_id)
        return None if at is None else self.base[at]

    def ids(self) -> Iterator[str]:
        """The ids of the library's films."""
        base_at = self._base_positions()
        yield from (film_id for film_id in base_at if film_id not in self._deleted)
        yield from (i for i in self._own if i not in base_at and i not in self._deleted)

    def prepare(self) -> None:
        """Work out now (in a thread) what the first change would (a third of a
        second at a million films)."""
        self._base_positions()

    def _base_positions(self) -> dict[str, int]:
        """Where each catalog film is in `base`, by id (worked out at the first change)."""
        if self._base_at is None:
            self._base_at = {film.id: at for at, film in enumerate(self.base)}
        return self._base_at


class _FilmsById(Mapping[str, Film]):
    """The films of a `MergedFilms` by id."""

    def __init__(self, layer: MergedFilms) -> None:
        self._layer = layer

    def __getitem__(self, film_id: str) -> Film:
        film = self._layer.film(film_id)
        if film is None:
            raise KeyError(film_id)
        return film

    def __iter__(self) -> Iterator[str]:
        return self._layer.ids()

    def __len__(self) -> int:
        return sum(1 for _ in self)
