"""What belongs to the user about a film: favourite, rating, watches, watchlist, tags, notes.

These live in the user's file beside the catalog (`films.user.json`, table
`personal`), one document per film: `{"id", "favourite", "rating", "watched",
"watches", "watchlist", "tags", "notes"}`. Plain Python; knows nothing of
TinyDB or Textual.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_RATING = 5
RATING_STEP = 0.5  # half stars, as Letterboxd

Rating = int | float
"""0 (unrated) or 0.5 to 5 in half stars; whole ratings are ints (4, not 4.0)."""


@dataclass(frozen=True, slots=True)
class UserMarks:
    favourite: bool = False
    rating: Rating = 0
    watched: bool = False
    notes: str = ""
    watches: tuple[str, ...] = ()
    """The days the film was seen, `YYYY-MM-DD`, one per viewing, oldest first."""
    watchlist: bool = False
    tags: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == UserMarks()

    @property
    def stars(self) -> str:
        """The rating as five stars, e.g. `★★★½☆`; empty when unrated."""
        if not self.rating:
            return ""
        whole = int(self.rating)
        half = "½" if self.rating - whole else ""
        return "★" * whole + half + "☆" * (MAX_RATING - whole - len(half))

    @property
    def last_watched(self) -> str:
        """The last day the film was seen (`YYYY-MM-DD`), or "" if no day is known."""
        return self.watches[-1] if self.watches else ""

    def to_fields(self) -> dict[str, Any]:
        return {
            "favourite": self.favourite,
            "rating": self.rating,
            "watched": self.watched,
            "watches": list(self.watches),
            "watchlist": self.watchlist,
            "tags": list(self.tags),
            "notes": self.notes,
        }


def valid_rating(value: object) -> Rating | None:
    """A rating 0–5 in half stars from a number or its text; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip()) if len(value) <= 10 else None
        except ValueError:
            return None
    if not isinstance(value, int | float) or not 0 <= value <= MAX_RATING:
        return None
    if (value / RATING_STEP) % 1:
        return None
    return int(value) if float(value).is_integer() else float(value)


def valid_day(value: object) -> str | None:
    """An ISO day `YYYY-MM-DD`, or None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item)


def marks_from_document(document: Mapping[str, Any]) -> UserMarks:
    """Read what can be read; a wrong value reads as its default."""
    notes = document.get("notes")
    days = (valid_day(day) for day in _texts(document.get("watches")))
    return UserMarks(
        favourite=document.get("favourite") is True,
        rating=valid_rating(document.get("rating")) or 0,
        watched=document.get("watched") is True,
        notes=notes if isinstance(notes, str) else "",
        watches=tuple(sorted(day for day in days if day is not None)),
        watchlist=document.get("watchlist") is True,
        tags=tuple(dict.fromkeys(_texts(document.get("tags")))),
    )
