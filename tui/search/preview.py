"""What a big library shows before its catalog is read: its films' ids, titles
and years in title order, kept with its index. Knows nothing of Textual.

Reading a catalog of a million films takes seconds; the first screen needs
only the titles in order. So the kept index (`tui.search.kept_index`) holds
them too, in a part of its own (`rows`), and while the catalog's files are
those it was kept from, the list is shown from it at once: a film of the
preview has its id, title and year and nothing else, until the catalog is in.

Searching needs no more than that: the kept index holds every film's folded
text, and the user's notes and tags are put into it (`tui.search.search_texts`).
What does need more is a filter or an order by a number the films hold (their
runtime, their own fields' numbers): a search of those waits for the films
(`reads_numbers`).
"""

from __future__ import annotations

import bisect
import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate, count
from operator import attrgetter
from typing import overload

from tui.model.film import Film
from tui.search.kept_file import KeptFile, KeptFileError
from tui.search.masks import RUN, joined, mapped, replace_in_runs
from tui.search.orders import Sort
from tui.search.query import Query

ROWS = "rows"
"""The kept index's part of the films' ids, titles and years, in title order."""

NO_YEAR = -(2**63)  # a year the rows part holds for none (a film's year is far smaller)


def rows_part(by_title: Sequence[Film]) -> tuple[object, ...]:
    """The `rows` part of a kept index of films in title order: their count, their ids
    and their titles (`Joined`), and their years as `array("q")` bytes; read back in
    a few calls into C (`read_preview`)."""
    ids = Joined.of(mapped(attrgetter("id"), by_title))
    titles = Joined.of(mapped(attrgetter("title"), by_title))
    years = array("q", (NO_YEAR if y is None else y for y in map(attrgetter("year"), by_title)))
    return len(by_title), *ids.kept(), *titles.kept(), years.tobytes()


class Joined(Sequence[str]):
    """Texts kept joined, each after a character none of them holds, and where each
    starts: a text is made when it is read (a million made at once take a third of
    a second, and 60 MB)."""

    def __init__(self, separator: str, joined: str, starts: array[int]) -> None:
        """`joined` holds each text after `separator`, and one more at its end; the
        `n`th text starts at `starts[n]` and ends at `starts[n + 1] - 1`."""
        self._separator = separator
        self._joined = joined
        self._starts = starts

    @classmethod
    def of(cls, texts: list[str]) -> Joined:
        whole = joined("", texts)
        separator = next(c for c in map(chr, count()) if c not in whole)
        starts = array("q", accumulate((len(text) + 1 for text in texts), initial=1))
        kept = f"{separator}{joined(separator, texts)}{separator}" if texts else separator
        return cls(separator, kept, starts)

    @classmethod
    def read(cls, size: int, separator: object, joined: object, starts: object) -> Joined:
        """The texts `kept` gave; ValueError or TypeError if they are not `size` texts."""
        if type(separator) is not str or len(separator) != 1 or type(joined) is not str:
            raise ValueError("damaged rows")
        found = array("q")
        found.frombytes(starts)  # type: ignore[arg-type]  # TypeError if not bytes
        if len(found) != size + 1 or found[0] != 1 or found[-1] != len(joined):
            raise ValueError("damaged rows")
        return cls(separator, joined, found)

    def kept(self) -> tuple[str, str, bytes]:
        """What `read` reads back."""
        return self._separator, self._joined, self._starts.tobytes()

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, at: int) -> str: ...
    @overload
    def __getitem__(self, at: slice) -> list[str]: ...
    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            some = range(len(self))[at]
            if some.step == 1:
                return self.texts(some.start, some.stop)
            return list(map(self.__getitem__, some))
        at = range(len(self))[at]  # IndexError out of range; from the end if negative
        starts = self._starts
        return self._joined[starts[at] : starts[at + 1] - 1]

    def index(self, text: object, start: int = 0, stop: int = sys.maxsize) -> int:
        """Where the first `text` is (the texts compared in C); ValueError if none is."""
        if start or stop != sys.maxsize:
            return super().index(text, start, stop)
        separator = self._separator
        found = -1
        if isinstance(text, str) and separator not in text:
            found = self._joined.find(f"{separator}{text}{separator}")
        if found < 0:
            raise ValueError(text)
        return bisect.bisect_left(self._starts, found + 1)

    def texts(self, start: int, stop: int) -> list[str]:
        """`self[start:stop]` (`start` and `stop` from 0 to the length), in one call
        into C."""
        stop = min(stop, len(self))
        if start >= stop:
            return []
        starts = self._starts
        return self._joined[starts[start] : starts[stop] - 1].split(self._separator)


class PreviewFilms(Sequence[Film]):
    """The kept rows as films of an id, a title and a year, made as they are read
    (a million made at once would take a second and 170 MB), until the catalog's
    own films are put in (`put_in`)."""

    def __init__(self, ids: Sequence[str], titles: Sequence[str], years: Sequence[int]) -> None:
        """`years` holds `NO_YEAR` for a film without one."""
        self.ids = ids
        self._titles = titles
        self._years = years
        self._films: Sequence[Film] | None = None  # the catalog's, once read

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, at: int) -> Film: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[Film]: ...
    def __getitem__(self, at: int | slice) -> Film | Sequence[Film]:
        films = self._films
        if films is not None:
            return films[at]
        if isinstance(at, slice):
            return PreviewFilms(self.ids[at], self._titles[at], self._years[at])
        year = self._years[at]
        return Film(self.ids[at], self._titles[at], None if year == NO_YEAR else year)

    def put_in(self, films: Sequence[Film]) -> None:
        """Be `films` from now on: the catalog's, the same by id in this order."""
        self._films = films

    def position_of(self, film_id: str) -> int | None:
        """Where the film with `film_id` is (its ids compared in C); None if not here."""
        try:
            return self.ids.index(film_id)
        except ValueError:
            return None


class Reordered(Sequence[Film]):
    """`films[order[p]]` at `p`: a preview's films in another order, none made or
    copied (a million copied take most of a second)."""

    def __init__(self, films: PreviewFilms, order: Sequence[int]) -> None:
        self._films = films
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, at: int) -> Film: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[Film]: ...
    def __getitem__(self, at: int | slice) -> Film | Sequence[Film]:
        if isinstance(at, slice):
            return list(map(self._films.__getitem__, self._order[at]))
        return self._films[self._order[at]]


def in_positions(films: Sequence[Film], order: Sequence[int]) -> Sequence[Film]:
    """`[films[p] for p in order]`; of a preview's films, a view of them (`Reordered`)."""
    if isinstance(films, PreviewFilms):
        return Reordered(films, order)
    return mapped(films.__getitem__, order)


def same_ids(films: Sequence[Film], others: Sequence[Film]) -> bool:
    """Whether `films` and `others` are the same films by id, in the same order: a run
    of films per call into C (a million ids compared at once hold the GIL for 0.2 s),
    none of a preview's made."""
    if len(films) != len(others):
        return False
    return all(
        _ids(films, start, start + RUN) == _ids(others, start, start + RUN)
        for start in range(0, len(films), RUN)
    )


def _ids(films: Sequence[Film], start: int, stop: int) -> list[str]:
    if isinstance(films, PreviewFilms):
        return list(films.ids[start:stop])
    return list(map(attrgetter("id"), films[start:stop]))


def put_in(films: Sequence[Film], others: Sequence[Film]) -> None:
    """Put `others` in the place of `films`, the same films by id in the same order:
    what holds `films` (the results given out) sees `others`."""
    if isinstance(films, PreviewFilms):
        films.put_in(others)
    elif not isinstance(films, Reordered):  # which shows what its preview's films are
        assert isinstance(films, list), "films are a preview's or a list"
        replace_in_runs(films, others)


def read_preview(file: KeptFile) -> PreviewFilms | None:
    """The preview kept in `file`; None if it has none, or one of the wrong shape."""
    try:
        size, *rest = file.read(ROWS)
        if type(size) is not int or len(rest) != 7:
            return None
        ids = Joined.read(size, *rest[:3])
        titles = Joined.read(size, *rest[3:6])
        years = array("q")
        years.frombytes(rest[6])  # TypeError if not bytes
    except (KeptFileError, ValueError, TypeError):
        return None
    return PreviewFilms(ids, titles, years) if len(years) == size else None


def reads_numbers(query: Query, sort: Sort) -> bool:
    """Whether a search needs the films' numbers (runtime, own fields), which the
    preview's films lack."""
    return bool(query.runtimes or query.own_numbers) or sort is Sort.RUNTIME
