"""What belongs to the user about a film: favourite, rating, watched, notes.

These live in the user's file beside the catalog (`films.user.json`, table
`personal`), one document per film: `{"id", "favourite", "rating", "watched",
"notes"}`. Plain Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_RATING = 5


@dataclass(frozen=True, slots=True)
class UserMarks:
    favourite: bool = False
    rating: int = 0
    watched: bool = False
    notes: str = ""

    @property
    def is_empty(self) -> bool:
        return self == UserMarks()

    @property
    def stars(self) -> str:
        """The rating as five stars, e.g. `★★★☆☆`; empty when unrated."""
        if not self.rating:
            return ""
        return "★" * self.rating + "☆" * (MAX_RATING - self.rating)

    def to_fields(self) -> dict[str, Any]:
        return {
            "favourite": self.favourite,
            "rating": self.rating,
            "watched": self.watched,
            "notes": self.notes,
        }


def valid_rating(value: object) -> int | None:
    """A rating 0–5 from an int or a string of one digit; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 2:
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value <= MAX_RATING:
        return value
    return None


def marks_from_document(document: Mapping[str, Any]) -> UserMarks:
    """Read what can be read; a wrong value reads as its default."""
    notes = document.get("notes")
    return UserMarks(
        favourite=document.get("favourite") is True,
        rating=valid_rating(document.get("rating")) or 0,
        watched=document.get("watched") is True,
        notes=notes if isinstance(notes, str) else "",
    )
