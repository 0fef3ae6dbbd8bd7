"""The search index kept on disk between runs, read back. Knows nothing of Textual.

Building the index folds every film's text: seconds per 100,000 films. What
that work made is kept in a file (`tui.search.kept_file`) keyed by what it
was built from (`tui.finder` says which files, and checks their size, time
and inode), and read back while they are unchanged:

- `titles.<start>`: the positions (in the library's order) of `TITLES_STEP`
  films in title order, and their folded titles: all the first screen needs;
- `searchable`: the year order, the films' years, the masks of the uncommon
  letters (`tui.search.search_texts`), as a search reads them, and how many
  texts each of the postings has;
- `title-lists.<start>`: the titles that start with an article among `TITLES_STEP`
  films, without it (`tui.search.orders.Orders`), `title-words.<start>` their
  padded title words, as a search reads them (`padded_words`); `ids.<start>`:
  `TABLE_STEP` slots of the table of their positions by id (`tui.search.id_table`);
- `postings.<name>.<number>`: which films have each title and first word
  (`exact`, `first`: `Orders`) and title word (`words`:
  `tui.search.fuzzy.Vocabulary`), flat (`tui.search.postings`);
- `texts.<start>`: the folded texts of `STEP` films from `start` on, and
  where their parts start, read as the index builds its texts.

The user's notes and tags are not in it: they change with every note, and a
note must not throw away the work of a million films. The films that have
some are folded again when the texts are read (they are few), and what the
kept masks say of them is found out again. A favourite or a rating changes
nothing the index holds.

Each part is small enough to be read in a short call into C: the search
and the UI go on between two parts. A part that cannot be read (damaged,
missing, of the wrong shape) is never trusted: the index is then built as
if nothing were kept, and kept anew.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.model.film import Film
from tui.search.id_table import IdPositions, add_films, empty_table, table_size
from tui.search.kept_file import KeptFile, KeptFileError
from tui.search.masks import int_array
from tui.search.orders import KeptOrders
from tui.search.postings import FlatPostings, flat_parts, read_flat
from tui.search.search_texts import STEP

Postings = Mapping[str, Sequence[int]]
"""Positions (ascending) by text: the films with each title, first word, title word."""

FORMAT = 5  # of the parts below; a new format makes every kept index outdated
POSTINGS = ("exact", "first", "words")  # the names of the postings kept
TITLES_STEP = 50_000  # films whose titles are in one part
TABLE_STEP = 1 << 18  # slots of the table of positions by id in one part (1 MB)
SEARCHABLE = "searchable"
_TOP = 7 if sys.byteorder == "little" else 0  # the top byte of a position


def first_part(start: int) -> str:
    """The name of the part that holds the first screen's titles of the films from
    `start` on (in title order): their positions in library order, folded."""
    return f"titles.{start}"


def first_parts(order: array[int], folded: Sequence[str]) -> Iterator[tuple[str, object]]:
    """The `titles.<start>` parts of the films' positions in title order and their
    folded titles."""
    for start in range(0, len(folded), TITLES_STEP):
        stop = start + TITLES_STEP
        yield first_part(start), (order[start:stop].tobytes(), folded[start:stop])


def titles_part(start: int) -> str:
    """The name of the part that holds the titles with an article, without it, of the
    films from `start` on (`Orders.kept_part`)."""
    return f"title-lists.{start}"


def title_words_part(start: int) -> str:
    """The name of the part that holds the padded title words of the films from
    `start` on (`Searchable.title_words`)."""
    return f"title-words.{start}"


def ids_part(start: int) -> str:
    """The name of the part that holds the slots from `start` on of the table of
    the films' positions by id (`tui.search.id_table`)."""
    return f"ids.{start}"


def texts_part(start: int) -> str:
    """The name of the part that holds the texts of the films from `start` on."""
    return f"texts.{start}"


def positions(data: object) -> array[int]:
    """Positions written as `array("q").tobytes()`; KeptFileError if they are not."""
    if not isinstance(data, bytes) or len(data) % 8:
        raise KeptFileError("damaged positions")
    found = array("q")
    found.frombytes(data)
    return found


def _strings(data: object, size: int) -> list[str]:
    if not isinstance(data, list) or len(data) != size or (data and type(data[0]) is not str):
        raise KeptFileError("damaged texts")
    return data


def _all_of(data: object, kind: type) -> bool:
    """Whether `data` is a dict of str to values of `kind`."""
    return isinstance(data, dict) and all(
        type(key) is str and type(value) is kind for key, value in data.items()
    )


def _counts(data: object, size: int) -> bool:
    """Whether `data` is a list of `size` counts."""
    return isinstance(data, list) and len(data) == size and all(type(n) is int for n in data)


def _order(data: object, size: int) -> array[int]:
    """The positions of `size` films, each at least 0 and below `size`, written as
    `positions`; KeptFileError if they are not. (That each is there once is what the
    part's CRC says: the order was one of the films when it was kept.)"""
    order = positions(data)
    if len(order) != size:
        raise KeptFileError("a damaged order")
    # Every top byte is 0 for positions from 0 to 2**56: none is negative.
    if size and (order.tobytes()[_TOP :: order.itemsize].count(0) != size or max(order) >= size):
        raise KeptFileError("a damaged order")
    return order


def titles_parts(
    orders: KeptOrders, title_words: Sequence[str], postings: Postings, films: Sequence[Film]
) -> Iterator[tuple[str, object]]:
    """The `title-lists.<start>`, `title-words.<start>`, `ids.<start>` and
    `postings.<name>.<number>` parts of `Orders.kept_part` (the titles with an
    article), the padded title words, the table of the positions of `films` (in
    year order) by id and the title words' postings."""
    table = empty_table(len(films))
    articled = sorted(orders.articled.items())
    for start in range(0, len(title_words), TITLES_STEP):
        stop = start + TITLES_STEP
        low = bisect.bisect_left(articled, (start, ""))
        high = bisect.bisect_left(articled, (stop, ""), low)
        some = articled[low:high]
        yield titles_part(start), (array("q", (p for p, _ in some)).tobytes(), [t for _, t in some])
        yield title_words_part(start), title_words[start:stop]
        add_films(table, films[start:stop], start)  # a part's films at a time
    for start in range(0, len(table), TABLE_STEP):
        yield ids_part(start), table[start : start + TABLE_STEP].tobytes()
    for name, found in zip(POSTINGS, (orders.exact, orders.by_first, postings), strict=True):
        yield from flat_parts(name, found)


@dataclass(frozen=True, slots=True)
class KeptSearchable:
    """What `Searchable` reads of a kept index besides the texts."""

    year_order: array[int]
    """Positions in title order, in year order."""
    title_order: list[int]
    """Positions in year order, in title order (`Orders.title_order`)."""
    letters: Mapping[str, bytes]
    """For uncommon letters, one byte per film (year order): 1 if its text holds it."""
    own_names: frozenset[str]
    markers: Mapping[str, str]
    """The markers of the films' own fields in the kept texts."""
    shares: Mapping[str, float]
    """The share of films that have each character (`FilmTexts.shares`)."""
    known_years: array[int]
    """The films' years in year order, the unknown ones (last) left out."""
    postings_sizes: Sequence[int]
    """How many texts each of the `POSTINGS` has."""
    file: KeptFile
    problems: list[str]
    """What could not be read, shared with the `KeptIndex` (see `KeptIndex.whole`)."""

    def titles(self) -> tuple[KeptOrders, list[str], FlatPostings] | None:
        """`Orders.kept_part`, the padded title words and their postings
        (`Vocabulary`), read a part at a time (each a short call into C); None if
        they cannot be read."""
        size = len(self.year_order)
        articled: dict[int, str] = {}
        title_words: list[str] = []
        try:
            for start in range(0, size, TITLES_STEP):
                stop = min(size, start + TITLES_STEP)
                some_places, some_titles = self.file.read(titles_part(start))
                places = positions(some_places)
                if places and (min(places) < start or max(places) >= stop):
                    raise KeptFileError("damaged titles")
                articled.update(zip(places, _strings(some_titles, len(places)), strict=True))
                some_words = self.file.read(title_words_part(start))
                title_words.extend(_strings(some_words, stop - start))
            exact, by_first, postings = (
                read_flat(self.file, name, count)
                for name, count in zip(POSTINGS, self.postings_sizes, strict=True)
            )
        except (KeptFileError, ValueError, TypeError) as error:
            self.problems.append(f"titles: {error}")
            return None
        orders = KeptOrders(articled, exact, by_first, self.known_years)
        return orders, title_words, postings

    def position_of(self, films: Sequence[Film]) -> IdPositions | None:
        """The positions of `films` (in year order) by id (`Searchable.position_of`),
        through the kept table of their ids (`tui.search.id_table`); None if it
        cannot be read."""
        table = array("i")
        try:
            for start in range(0, table_size(len(films)), TABLE_STEP):
                part = self.file.read(ids_part(start))
                if not isinstance(part, bytes) or len(part) % table.itemsize:
                    raise KeptFileError("a damaged table")
                table.frombytes(part)
            if len(table) != table_size(len(films)):
                raise KeptFileError("a damaged table")
        except KeptFileError as error:
            self.problems.append(f"ids: {error}")
            return None
        return IdPositions(table, films)

    def texts(self, start: int, stop: int) -> tuple[list[str], array[int]] | None:
        """The kept texts and regions of the films from `start` to `stop`; None if
        they cannot be read (then they are folded again)."""
        try:
            if stop - start != STEP and stop != len(self.year_order):
                raise KeptFileError(f"no part of {stop - start} films")
            hay, regions = self.file.read(texts_part(start))
            found = positions(regions)
            if len(found) != 3 * (stop - start):
                raise KeptFileError("damaged regions")
            return _strings(hay, stop - start), found
        except (KeptFileError, ValueError, TypeError) as error:
            self.problems.append(f"texts from {start}: {error}")
            return None


class KeptIndex:
    """A kept index of `size` films whose key matched: its title order read and
    checked; the rest is read when the index is built (`searchable`)."""

    def __init__(self, file: KeptFile, size: int) -> None:
        """KeptFileError if the title order cannot be read."""
        self._file = file
        self.size = size
        self.problems: list[str] = []
        """What could not be read (and was worked out instead)."""
        order = bytearray()
        self.folded_titles: list[str] = []
        try:
            for start in range(0, size, TITLES_STEP):  # each a short call into C
                some_order, some_titles = file.read(first_part(start))
                count = min(size, start + TITLES_STEP) - start
                order += some_order
                self.folded_titles.extend(_strings(some_titles, count))
            self.title_order = _order(bytes(order), size)
        except (ValueError, TypeError) as error:
            raise KeptFileError(f"damaged titles ({error})") from error

    def searchable(self) -> KeptSearchable | None:
        """The rest of the kept index; None if it cannot be read."""
        try:
            data: dict[str, Any] = self._file.read(SEARCHABLE)
            size = self.size
            letters, markers, shares = data["letters"], data["markers"], data["shares"]
            sizes = data["postings"]
            known_years = positions(data["known_years"])
            if not (
                len(known_years) <= size
                and _counts(sizes, len(POSTINGS))
                and _all_of(letters, bytes)
                and all(len(mask) == size for mask in letters.values())
                and _all_of(markers, str)
                and _all_of(shares, float)
            ):
                raise KeptFileError("damaged letters, markers or shares")
            return KeptSearchable(
                _order(data["year_order"], size),
                _order(data["title_order"], size).tolist(),
                letters,
                frozenset(map(str, data["own_names"])),
                markers,
                shares,
                known_years,
                sizes,
                self._file,
                self.problems,
            )
        except (KeptFileError, KeyError, ValueError, TypeError, AttributeError) as error:
            self.problems.append(f"searchable: {error}")
            return None

    def close(self) -> None:
        """Close the file: every part of it is read."""
        self._file.close()

    @property
    def whole(self) -> bool:
        """True while every part read so far could be read (else: worth keeping anew)."""
        return not self.problems


def open_kept(path: Path, key: Mapping[str, Any], size: int) -> KeptIndex | None:
    """The kept index at `path` if it was kept from what `key` says; else None."""
    try:
        file = KeptFile(path, key)
    except KeptFileError:
        return None
    try:
        return KeptIndex(file, size)
    except KeptFileError:
        file.close()
        return None


def searchable_part(
    year_order: Sequence[int],
    title_order: Sequence[int],
    letters: Mapping[str, bytes],
    own_names: frozenset[str],
    markers: Mapping[str, str],
    shares: Mapping[str, float],
    orders: KeptOrders,
    postings: Postings,
) -> dict[str, Any]:
    """The `searchable` part's data."""
    return {
        "year_order": int_array(year_order).tobytes(),
        "title_order": int_array(title_order).tobytes(),
        "letters": dict(letters),
        "own_names": sorted(own_names),
        "markers": dict(markers),
        "shares": dict(shares),
        "known_years": int_array(orders.known_years).tobytes(),
        "postings": [len(orders.exact), len(orders.by_first), len(postings)],
    }
