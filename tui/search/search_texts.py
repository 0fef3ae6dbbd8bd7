"""The searchable text of each film, built a step at a time, and the tests for a
piece of text in it. Knows nothing of Textual.

A film's text is its folded title, year, description, fact and the user's
notes, one string with the parts on lines of their own, and where the parts
start (for `desc:`, `fact:` and `note:`). The fields a film may have besides
(`tui.search.fields`: directors, genres, the user's tags, its own fields, …)
follow, only those it has, each after a marker of its own: a group separator
(`\x1d`) and the field's code, written in other whitespace characters, then
`\x1e`; a list's items are on lines of their own. No term holds whitespace
(a query's words are split at it), so no word matches a marker or runs from
one part into the next, and a field's text is found with one regular
expression that runs in C (`marker`, anything but a separator, the text).
A film with only the main five fields costs what it did before they existed.

Folding a million films' texts takes seconds, so they are built in steps of
`STEP` films, in the index's order, by whichever thread needs them first: the
index's own thread after the first frame, or a search that gets there before
it (and which waits for a step at most, never for all). With a kept index
(`tui.search.kept_index`), a step reads the kept texts instead of folding
them; only the films with the user's notes or tags are folded again.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import attrgetter, contains, ne
from typing import Protocol

from tui.model.film import Film
from tui.search.fields import FILM_FIELDS, TAGS, Field, own_field, value_text
from tui.search.film_text import SEPARATOR, fold_field, main_texts
from tui.search.masks import RUN, Part, flipped, highest, put

STEP = 5_000  # films whose text is built at a time (about 50 ms)
_SAMPLE = 2_000  # films whose characters tell how common each character is
_RARE = 0.5  # a character fewer films than this share have is worth looking for first
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_END = "\x1e"  # the end of a field's code
_DIGITS = "\t\x0b\x0c\r\x1c\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_DIGITS += "\u2028\u2029\u202f\u205f\u3000"  # whitespace, as str.split() sees it
_MAIN = ("title", "desc", "fact", "notes")  # the parts every film's text has
_film_fields = attrgetter(*FILM_FIELDS)
_NO_FIELDS = _film_fields(Film("", "", None))  # compared at once: quicker than any()
_OWN, _ID = attrgetter("own"), attrgetter("id")

Flags = Callable[[Field | None, str, Sequence[int]], bytes]
"""What is known (or found out) of (field, text) for films: `MatchCache.flags`."""


class Kept(Protocol):
    """The texts of a kept index (`tui.search.kept_index.KeptIndex`)."""

    @property
    def markers(self) -> Mapping[str, str]:
        """The markers of the films' own fields, as the kept texts hold them."""

    @property
    def shares(self) -> Mapping[str, float]:
        """`FilmTexts.shares` of the films when they were kept."""

    def texts(self, start: int, stop: int) -> tuple[list[str], array[int]] | None:
        """The texts and regions of the films from `start` to `stop` (None: not kept,
        or damaged); a film's notes and tags are not in them."""


class FilmTexts:
    """The text of `films` (their folded titles given, a slice or the films at some
    positions at a time, by `titles_in`), with the `notes` and `tags` by film id."""

    def __init__(
        self,
        films: Sequence[Film],
        titles_in: Callable[[Part], list[str]],
        position_of: Mapping[str, int],
        notes: Mapping[str, str],
        tags: Mapping[str, Sequence[str]],
        kept: Kept | None = None,
    ) -> None:
        """`notes` and `tags` (by film id) are read as the texts are built;
        `position_of` says where the films with some are.

        With `kept`, the texts are read from a kept index (`tui.search.kept_index`)
        rather than folded, but for the films with notes or tags.
        """
        self._films = films
        self._titles_in = titles_in
        self._titles: list[str] | None = None  # all of them, once a search reads them
        self._position_of = position_of
        self._notes = notes
        self._tags = tags
        self._texted: list[int] | None = None  # where the films with notes or tags are
        self._kept = kept
        # The marker of each field: the public ones first, the films' own as met.
        self._markers = {name: _marker(n) for n, name in enumerate((*FILM_FIELDS, TAGS))}
        self._public_markers = frozenset(self._markers[name] for name in FILM_FIELDS)
        self._shares: dict[Field | None, dict[str, float]] = {}
        if kept is not None:
            self._markers.update(kept.markers)
            if kept.shares:
                self._shares[None] = dict(kept.shares)
        self._hay: list[str] = []
        # Where the description, the fact and the notes start in each film's
        # text: three numbers a film, flat (a million tuples would weigh 150 MB).
        self._regions = array("q")
        self._lock = threading.Lock()  # one builder at a time

    def __len__(self) -> int:
        """How many films' texts are built (the first ones, in order)."""
        return len(self._hay)

    def build_until(self, end: int) -> None:
        """Build the text of the films before position `end`, if not yet built."""
        end = min(end, len(self._films))
        while len(self._hay) < end:
            with self._lock:
                start = len(self._hay)
                stop = min(len(self._films), start + STEP)
                kept = None if self._kept is None else self._kept.texts(start, stop)
                if kept is None:
                    hay, regions = self._folded(start, stop, self._notes, self._tags)
                else:
                    hay, regions = kept
                    self._add_user_text(start, hay, regions)
                self._regions.extend(regions)
                self._hay.extend(hay)  # after the regions: `len` says what is built

    def _folded(
        self, start: int, stop: int, notes: Mapping[str, str], tags: Mapping[str, Sequence[str]]
    ) -> tuple[list[str], array[int]]:
        """The texts of the films from `start` to `stop`, and their regions, folded now."""
        films = self._films[start:stop]
        hay, regions = main_texts(films, self._titles_in(slice(start, stop)), notes)
        every = range(len(films))  # which have more than the main text, asked in C:
        more = {*compress(every, map(ne, map(_film_fields, films), repeat(_NO_FIELDS)))}
        more.update(compress(every, map(_OWN, films)))
        if tags:
            more.update(compress(every, map(tags.__contains__, map(_ID, films))))
        for at in sorted(more):
            hay[at] += self._more_of(films[at], tags.get(films[at].id, ()))
        return hay, regions

    def user_texted(self, start: int = 0, stop: int | None = None) -> list[int]:
        """The positions from `start` to `stop` of the films with notes or tags."""
        texted = self._texted
        if texted is None:
            position_of = self._position_of
            ids = {*self._notes, *self._tags}
            texted = self._texted = sorted(position_of[i] for i in ids if i in position_of)
        low = bisect.bisect_left(texted, start)
        high = len(texted) if stop is None else bisect.bisect_left(texted, stop, low)
        return texted[low:high]

    def kept_texts(self, positions: Sequence[int]) -> list[str]:
        """The texts of the films at `positions` without the user's notes and tags."""
        return [self._folded(p, p + 1, {}, {})[0][0] for p in positions]

    def _with_user_text(
        self,
        start: int,
        hay: list[str],
        regions: array[int],
        notes: Mapping[str, str],
        tags: Mapping[str, Sequence[str]],
    ) -> None:
        """The texts (of the films from `start` on) of the films with notes or tags
        folded again, with these `notes` and `tags`."""
        for position in self.user_texted(start, start + len(hay)):
            [text], own = self._folded(position, position + 1, notes, tags)
            hay[position - start] = text
            regions[3 * (position - start) : 3 * (position - start + 1)] = own

    def _add_user_text(self, start: int, hay: list[str], regions: array[int]) -> None:
        """The user's notes and tags put in the kept texts (of the films from `start`
        on) that need them, where folding them afresh would put them: the notes
        where the notes start, the tags after the film's public fields, before
        its own. (Read from the kept text, not the film: the films may be stand-ins,
        `tui.search.preview`.)"""
        films = self._films
        for position in self.user_texted(start, start + len(hay)):
            at = position - start
            film_id = films[position].id
            text, notes_start = hay[at], regions[3 * at + 2]
            more = text[notes_start:]  # the fields after the (empty) notes
            tags = self._tags.get(film_id, ())
            if tags:
                cut = self._own_fields_start(more)
                tagged = self._markers[TAGS] + fold_field("\n".join(tags))
                more = more[:cut] + tagged + more[cut:]
            notes = fold_field(self._notes.get(film_id, ""))
            hay[at] = text[:notes_start] + notes + more

    def _own_fields_start(self, more: str) -> int:
        """Where the first of a film's own fields starts in `more` (its fields after
        the main ones); its end if it has none."""
        public = self._public_markers
        at = more.find(SEPARATOR)
        while at >= 0:
            end = more.index(_END, at) + 1
            if more[at:end] not in public:
                return at
            at = more.find(SEPARATOR, end)
        return len(more)

    def kept_part(self, start: int, size: int) -> tuple[list[str], array[int]]:
        """What a kept index holds of the texts of `size` films from `start` on (call
        it once they are built): their texts and regions, without the user's notes
        and tags."""
        stop = min(len(self._hay), start + size)
        hay, regions = self._hay[start:stop], self._regions[3 * start : 3 * stop]
        self._with_user_text(start, hay, regions, {}, {})
        return hay, regions

    @property
    def markers(self) -> dict[str, str]:
        """The marker of each field of the films' own met so far (a kept index holds them)."""
        public = len(FILM_FIELDS) + 1
        return dict(list(self._markers.items())[public:])

    def holding(
        self, scope: Field | None, text: str, positions: Sequence[int], flags: Flags
    ) -> bytes:
        """One byte per film at `positions`: 1 if its `scope` holds `text` (`flags`
        answers for other texts, a letter or the title, from what is known)."""
        if scope is None and positions and highest(positions) >= len(self._hay):
            # Some of these films' text is not built yet: a film whose title holds
            # the text holds it, and only the others need their text (and wait).
            in_title = flags("title", text, positions)
            if 0 not in in_title:
                return in_title
            found = bytearray(in_title)
            spots = list(compress(range(len(positions)), flipped(in_title)))
            rest = [positions[spot] for spot in spots]
            put(found, spots, self._read(None, text, rest, flags))
            return bytes(found)
        return self._read(scope, text, positions, flags)

    def _read(
        self, scope: Field | None, text: str, positions: Sequence[int], flags: Flags
    ) -> bytes:
        """`holding`, by reading the films' text (or title)."""
        if scope != "title" and positions:
            self.build_until(highest(positions) + 1)
        elif positions and highest(positions) < len(self._hay):
            return self._in_titles(text, positions, flags)
        if scope is None or scope == "title":
            strings = self._hay if scope is None else self._all_titles()
            rare = self._rarest(scope, text)
            if rare is not None:
                # Only the films with the rarest of its letters can hold the text:
                # finding one letter is much quicker than finding a longer text.
                found = bytearray(len(positions))
                some = list(compress(range(len(positions)), flags(scope, rare, positions)))
                hits = map(
                    contains,
                    map(strings.__getitem__, map(positions.__getitem__, some)),
                    repeat(text),
                )
                put(found, some, hits)
                return bytes(found)
            return bytes(map(contains, map(strings.__getitem__, positions), repeat(text)))
        hay, regions = self._hay, self._regions
        if scope not in _MAIN:
            marker = self._markers.get(scope)
            if marker is None:  # no film has that field
                return bytes(len(positions))
            search = _in_field(marker, text).search  # from where the notes start
            return bytes(search(hay[p], regions[3 * p + 2]) is not None for p in positions)
        first = {"desc": 0, "fact": 1, "notes": 2}[scope]  # the region's start; it ends
        if first == 2:  # where the fields of its own start, if it has any
            return bytes(_in_notes(hay[p], text, regions[3 * p + 2]) for p in positions)
        return bytes(
            hay[p].find(text, regions[3 * p + first], regions[3 * p + first + 1]) >= 0
            for p in positions
        )

    def _in_titles(self, text: str, positions: Sequence[int], flags: Flags) -> bytes:
        """`holding` for titles whose film's text is built: a title is in its film's
        text, so only the films whose text holds `text` have their title read."""
        found = bytearray(len(positions))
        some = list(compress(range(len(positions)), flags(None, text, positions)))
        titles = self._titles_in(list(map(positions.__getitem__, some)))
        put(found, some, map(contains, titles, repeat(text)))
        return bytes(found)

    def _all_titles(self) -> list[str]:
        """Every film's folded title, in order (gathered the first time a search
        reads them before their texts are built, a run of films per call into C)."""
        if self._titles is None:
            runs = range(0, len(self._films), RUN)
            self._titles = list(
                chain.from_iterable(self._titles_in(slice(s, s + RUN)) for s in runs)
            )
        return self._titles

    def uncommon_letters(self) -> list[str]:
        """The letters and digits that fewer than half the films have: those
        `holding` may look for first (see `_rarest`)."""
        shares = self._shares_in(None)
        return sorted(c for c in _LETTERS if 0 < shares.get(c, 0.0) < _RARE)

    def _rarest(self, scope: Field | None, text: str) -> str | None:
        """The character of `text` that the fewest films have in `scope` (the title or
        all of their text), if a text that long is worth looking for it first."""
        if len(text) < 2:
            return None
        shares = self._shares_in(scope)
        rarest = min(text, key=lambda char: shares.get(char, 0.0))
        return rarest if shares.get(rarest, 0.0) < _RARE else None

    def shares(self) -> dict[str, float]:
        """For each character, the share of films that have it, from a sample (kept
        with a kept index)."""
        return self._shares_in(None)

    def _shares_in(self, scope: Field | None) -> dict[str, float]:
        """For each character, the share of films that have it in `scope`, from a sample."""
        shares = self._shares.get(scope)
        if shares is None:
            self.build_until(_SAMPLE)
            part = slice(0, _SAMPLE)
            sample = self._titles_in(part) if scope == "title" else self._hay[part]
            counts: Counter[str] = Counter()
            for string in sample:
                counts.update(set(string))
            shares = {char: count / max(1, len(sample)) for char, count in counts.items()}
            self._shares[scope] = shares
        return shares

    def _more_of(self, film: Film, tags: Sequence[str]) -> str:
        """The text of the fields `film` has besides the main ones, each after its marker."""
        parts: list[str] = []
        for name, value in zip(FILM_FIELDS, _film_fields(film), strict=True):
            if value:
                parts.append(self._markers[name])
                parts.append(fold_field(value if isinstance(value, str) else "\n".join(value)))
        if tags:
            parts.append(self._markers[TAGS])
            parts.append(fold_field("\n".join(tags)))
        for name, value in film.own.items():
            field = own_field(name)
            marker = self._markers.get(field)
            if marker is None:
                marker = self._markers[field] = _marker(len(self._markers))
            parts.append(marker)
            parts.append(fold_field(value_text(value)))
        return "".join(parts)


def _marker(number: int) -> str:
    """The marker of the field numbered `number`: the separator, its code, the end."""
    code = ""
    while True:
        number, digit = divmod(number, len(_DIGITS))
        code += _DIGITS[digit]
        if not number:
            return SEPARATOR + code + _END


@lru_cache(maxsize=64)
def _in_field(marker: str, text: str) -> re.Pattern[str]:
    """Finds `text` in the field of that marker."""
    return re.compile(f"{re.escape(marker)}[^{SEPARATOR}]*?{re.escape(text)}")


def _in_notes(hay: str, text: str, start: int) -> bool:
    end = hay.find(SEPARATOR, start)
    return hay.find(text, start, len(hay) if end < 0 else end) >= 0
