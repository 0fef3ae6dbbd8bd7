"""One object for equal texts read from many documents.

A catalog repeats itself: the same genres, countries, languages and
directors in film after film, titles of remakes, texts made from templates.
Each document parses to objects of its own, so a million films would hold
a million copies of "Drama". `SharedValues` hands back the first of equal
values instead, and the copies are let go with their documents.

Plain Python.
"""

from __future__ import annotations

from typing import cast

KEPT = 1 << 17  # values kept at most; then forgotten and gathered again
MOSTLY_NEW = 0.9  # a field whose values are this much new is not shared for a while ...
NOT_FOR = 16  # ... for so many calls of `each`


class SharedValues:
    """The values met so far (texts and tuples of texts only: `1 == True`)."""

    def __init__(self) -> None:
        self._seen: dict[str | tuple[str, ...], str | tuple[str, ...]] = {}
        self._not_for: dict[str, int] = {}  # by field: calls of `each` left unshared

    def each(self, field: str, values: list[str]) -> list[str]:
        """The first value met equal to each of `values` of `field` (the value
        itself if none), in one call into C.

        Looking up a text costs (a tenth of a second for 200,000); a field
        whose values are nearly all new (descriptions, notes) is left alone
        for the next `NOT_FOR` calls, then tried again.
        """
        left = self._not_for.get(field, 0)
        if left:
            self._not_for[field] = left - 1
            return values
        seen = self._seen
        if len(seen) >= KEPT:
            seen.clear()
        before = len(seen)
        shared = cast(list[str], list(map(seen.setdefault, values, values)))
        if len(seen) - before > MOSTLY_NEW * len(values):
            self._not_for[field] = NOT_FOR
        return shared

    def names(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """A tuple of names, each name and the tuple shared."""
        seen = self._seen
        known = seen.get(names)
        if known is not None:
            return cast(tuple[str, ...], known)
        if len(seen) >= KEPT:
            seen.clear()
        shared = cast(tuple[str, ...], tuple(map(seen.setdefault, names, names)))
        seen[shared] = shared
        return shared
