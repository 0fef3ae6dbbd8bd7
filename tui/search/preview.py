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

from array import array
from collections import deque
from collections.abc import Sequence
from itertools import accumulate
from operator import attrgetter
from typing import overload

from tui.model.film import Film
from tui.search.kept_file import KeptFile, KeptFileError
from tui.search.orders import Sort
from tui.search.query import Query

ROWS = "rows"
"""The kept index's part of the films' ids, titles and years, in title order."""

NO_YEAR = -(2**63)  # a year the rows part holds for none (a film's year is far smaller)


def rows_part(by_title: Sequence[Film]) -> tuple[str, bytes, str, bytes, bytes]:
    """The `rows` part of a kept index of films in title order: the ids and the
    titles each joined in one string with their lengths beside it, and the years,
    as `array("q")` bytes; read back in a few calls into C (`read_preview`)."""
    ids = list(map(attrgetter("id"), by_title))
    titles = list(map(attrgetter("title"), by_title))
    years = array("q", (NO_YEAR if y is None else y for y in map(attrgetter("year"), by_title)))
    return "".join(ids), _lengths(ids), "".join(titles), _lengths(titles), years.tobytes()


def _lengths(texts: list[str]) -> bytes:
    return array("q", map(len, texts)).tobytes()


def _split(joined: object, lengths: object) -> list[str]:
    """The strings of `joined`, of those lengths (`rows_part`); ValueError if they are not."""
    if type(lengths) is not bytes:
        raise ValueError("damaged rows")
    sizes = array("q")
    sizes.frombytes(lengths)  # ValueError if not of whole numbers
    if type(joined) is not str or sum(sizes) != len(joined) or (sizes and min(sizes) < 0):
        raise ValueError("damaged rows")
    ends = list(accumulate(sizes))
    return list(map(joined.__getitem__, map(slice, [0, *ends[:-1]], ends)))


class PreviewFilms(Sequence[Film]):
    """The kept rows as films of an id, a title and a year, made as they are shown."""

    def __init__(self, ids: list[str], titles: list[str], years: list[int | None]) -> None:
        self._ids = ids
        self._titles = titles
        self._years = years

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, at: int) -> Film: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[Film]: ...
    def __getitem__(self, at: int | slice) -> Film | Sequence[Film]:
        if isinstance(at, slice):
            return PreviewFilms(self._ids[at], self._titles[at], self._years[at])
        return Film(self._ids[at], self._titles[at], self._years[at])

    def in_order(self, title_order: Sequence[int]) -> list[Film]:
        """The films made (all of them), in the order of which `title_order` gives
        the title order: `title_order[n]` is where the `n`th title goes."""
        films = list(map(Film, self._ids, self._titles, self._years))  # the loop in C
        ordered = films[:]
        deque(map(ordered.__setitem__, title_order, films), maxlen=0)  # in C
        return ordered

    def position_of(self, film_id: str) -> int | None:
        """Where the film with `film_id` is (its ids compared in C); None if not here."""
        try:
            return self._ids.index(film_id)
        except ValueError:
            return None


def read_preview(file: KeptFile) -> PreviewFilms | None:
    """The preview kept in `file`; None if it has none, or one of the wrong shape."""
    try:
        joined_ids, id_lengths, joined_titles, title_lengths, year_bytes = file.read(ROWS)
        ids = _split(joined_ids, id_lengths)
        titles = _split(joined_titles, title_lengths)
        years = array("q")
        years.frombytes(year_bytes)  # TypeError if not bytes
    except (KeptFileError, ValueError, TypeError):
        return None
    if not len(ids) == len(titles) == len(years):
        return None
    none = {NO_YEAR: None}
    return PreviewFilms(ids, titles, list(map(none.get, years, years)))


def reads_numbers(query: Query, sort: Sort) -> bool:
    """Whether a search needs the films' numbers (runtime, own fields), which the
    preview's films lack."""
    return bool(query.runtimes or query.own_numbers) or sort is Sort.RUNTIME
