"""The text fields a search knows: their names, the prefixes that scope a word to
one, and which of them plain words search. Knows nothing of Textual.

A field is named by a string (`Field`): `title`, `desc`, `fact`, `notes`, the
film's other public text fields by their `Film` names (`original_title`,
`directors`, `cast`, `genres`, `countries`, `languages`, `imdb_id`), the
user's `tags`, and a film's own field as `own:` and its folded name
(`own_field("Budget")` is `own:budget`). The same names say where to
highlight (`tui.search.highlight`).

Plain words search every one of them (a film's own fields as text, whatever
they hold); the Letterboxd address is not searched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tui.search.folding import fold

Field = str
"""A searchable text field's name (see the module docstring)."""

OWN = "own:"

# The film's public text fields searched besides the title, description and fact,
# in the order a film's searchable text holds them; lists are searched item by item.
FILM_FIELDS: tuple[Field, ...] = (
    "original_title",
    "directors",
    "cast",
    "genres",
    "countries",
    "languages",
    "imdb_id",
)
TAGS: Field = "tags"

# What a word may be scoped by: `director:tarkovsky`.
PREFIXES: dict[str, Field] = {
    "title": "title",
    "desc": "desc",
    "description": "desc",
    "fact": "fact",
    "note": "notes",
    "notes": "notes",
    "original": "original_title",
    "orig": "original_title",
    "original_title": "original_title",
    "director": "directors",
    "directors": "directors",
    "cast": "cast",
    "actor": "cast",
    "genre": "genres",
    "genres": "genres",
    "country": "countries",
    "countries": "countries",
    "language": "languages",
    "languages": "languages",
    "lang": "languages",
    "imdb": "imdb_id",
    "tag": "tags",
    "tags": "tags",
}


def own_field(name: str) -> Field:
    """The field name of a film's own field called `name` (any case): `own:budget`."""
    return OWN + fold(name)


def own_names(owns: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The folded names of the own fields in `owns` (each a film's `own`)."""
    return frozenset(fold(name) for own in owns for name in own)


def value_text(value: object) -> str:
    """An own field's value as text to search: text as it is, numbers as written
    (`1000000`, `2.5`), true/false, lists item by item (one a line); '' for
    anything else (a nested object, nothing)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more than 4,300 digits: Python will not write it
            return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, list | tuple):
        return "\n".join(filter(None, map(value_text, value)))
    return ""


_NUMBER_TEXT = re.compile(r"\s*(-?\d{1,30}(?:\.\d{1,30})?)\s*")


def value_number(value: object) -> int | float | None:
    """An own field's value as a number, if it is one (`1000000`, `2.5`, `" 90 "`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str) and len(value) <= 70 and (match := _NUMBER_TEXT.fullmatch(value)):
        return float(match[1]) if "." in match[1] else int(match[1])
    return None
