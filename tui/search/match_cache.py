"""Which films hold a piece of text: remembered per field and text. Knows nothing of Textual.

For each (field, text) searched lately there is one byte per film, in library
order: 1 (the film holds it), 0 (it does not) or `UNKNOWN`. A search asks
about the films it is looking at (a chunk at a time) and only the unknown ones
are tested; the answers are kept for the next search. So typing one more
letter (`sta` → `star`) tests only the films that held `sta`: a new mask
starts from the 0 answers of every remembered text it contains (`sta` in
`star`), in the same field or in the whole text (a film without `sta` anywhere
has no `star` in its title). A search that was cut short by a newer keystroke
leaves what it found for the next one.

The loops run in C (`map`, `compress`, `bytes.translate`): a chunk of 20,000
films costs milliseconds.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import compress, repeat

from tui.search.masks import pick, put
from tui.search.query import Field

UNKNOWN = 2  # besides 1 (holds the text) and 0 (does not)
_UNKNOWN_TO_ONE = bytes.maketrans(b"\x00\x01\x02", b"\x00\x00\x01")
_NO_STAYS_NO = bytes.maketrans(b"\x00\x01\x02", b"\x00\x02\x02")
_LIMIT = 32  # masks kept; a million films cost a megabyte each
_LETTERS = 64  # and one-letter masks besides (see `SearchIndex.build`)

Key = tuple[Field | None, str]  # (None: the whole text of a film)
Tester = Callable[[Field | None, str, Sequence[int]], bytes]
"""Tests the films at these positions for the text: one byte each, 1 if it holds it."""


class MatchCache:
    """What is known of (field, text) for each of `size` films; `test` finds out the rest."""

    def __init__(self, size: int, test: Tester) -> None:
        self._size = size
        self._test = test
        self._masks: OrderedDict[Key, bytearray] = OrderedDict()

    def flags(self, field: Field | None, text: str, positions: Sequence[int]) -> bytes:
        """One byte per position, 1 if that film's `field` holds `text`, else 0."""
        mask = self._mask((field, text))
        known = pick(mask, positions)
        if UNKNOWN in known:
            if isinstance(positions, range) and positions.step == 1 and _mostly_unknown(known):
                # A run of films: all tested, and written, as one slice.
                found = self._test(field, text, positions)
                mask[positions.start : positions.stop] = found
                return found
            todo = list(compress(positions, known.translate(_UNKNOWN_TO_ONE)))
            put(mask, todo, self._test(field, text, todo))
            known = pick(mask, positions)
        return known

    def known(self, field: Field | None, text: str) -> bytes | None:
        """The whole mask of (field, text) if every film's answer is known, else None."""
        mask = self._masks.get((field, text))
        return None if mask is None or UNKNOWN in mask else bytes(mask)

    def keep(self, field: Field | None, text: str, mask: bytes, unknown: Sequence[int]) -> None:
        """Take `mask` (from a kept index) as what is known of (field, text), but
        for the films at `unknown`, which are tested when asked about."""
        if len(mask) != self._size or mask.translate(None, b"\x00\x01"):
            return  # not a mask of these films: find out instead
        kept = bytearray(mask)
        put(kept, unknown, repeat(UNKNOWN))
        self._masks[(field, text)] = kept
        self._masks.move_to_end((field, text))

    def _mask(self, key: Key) -> bytearray:
        mask = self._masks.get(key)
        if mask is not None:
            self._masks.move_to_end(key)
            return mask
        field, text = key
        start: int | None = None
        for (other_field, other_text), other in self._masks.items():
            if other_text in text and other_field in (field, None):
                ruled_out = int.from_bytes(other.translate(_NO_STAYS_NO), "little")
                start = ruled_out if start is None else start & ruled_out
        if start is None:
            mask = bytearray(bytes([UNKNOWN]) * self._size)
        else:
            mask = bytearray(start.to_bytes(self._size, "little"))
        self._masks[key] = mask
        texts = [other for other in self._masks if len(other[1]) > 1]
        if len(texts) > _LIMIT:  # one-letter masks stay: they narrow every other
            del self._masks[texts[0]]
        elif len(self._masks) > _LIMIT + _LETTERS:
            self._masks.popitem(last=False)
        return mask


def _mostly_unknown(known: bytes) -> bool:
    """Whether three in four of `known` are `UNKNOWN` or more: testing the others
    again costs less than writing the answers one position at a time."""
    return 4 * known.count(UNKNOWN) >= 3 * len(known)
