"""Which film field each column of an import file holds, and reading a row by them.

Plain Python. Column names are matched case-insensitively against the public
field names and their common aliases (`Name` is the title, `Runtime (mins)`
the runtime, …); `--map COLUMN=FIELD` names the rest, and `--map COLUMN=`
ignores one. Any other column is the film's own field, kept under its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.transfer import values
from tui.transfer.values import BadValue, Reader

# The public fields of a film, and how a cell becomes each.
FILM_READERS: dict[str, Reader] = {
    "id": values.text,
    "title": values.text,
    "year": values.year,
    "description": values.text,
    "fact": values.text,
    "original_title": values.text,
    "directors": values.names,
    "cast": values.names,
    "genres": values.names,
    "countries": values.names,
    "languages": values.names,
    "runtime": values.runtime,
    "imdb_id": values.imdb_id,
    "letterboxd_uri": values.text,
    "poster": values.text,
}
# What belongs to the user about a film.
MARK_READERS: dict[str, Reader] = {
    "favourite": values.flag,
    "rating": values.stars,
    "watched": values.flag,
    "watches": values.dates,
    "watchlist": values.flag,
    "tags": values.names,
    "notes": values.text,
}
FIELDS = (*FILM_READERS, *MARK_READERS)

ALIASES: dict[str, str] = {
    alias: name
    for name, aliases in {
        "title": ("name", "film", "movie", "film title", "movie title"),
        "year": ("release year", "year released"),
        "description": ("plot", "overview", "synopsis", "summary"),
        "fact": ("trivia",),
        "original_title": ("original title", "originaltitle"),
        "directors": ("director", "directed by"),
        "cast": ("actors", "starring"),
        "genres": ("genre",),
        "countries": ("country",),
        "languages": ("language",),
        "runtime": ("runtime (mins)", "length", "duration", "running time", "minutes"),
        "imdb_id": ("imdb id", "imdbid", "const", "tconst", "imdb"),
        "letterboxd_uri": ("letterboxd uri",),
        "favourite": ("favorite", "fav", "liked", "like"),
        "rating": ("my rating", "stars"),
        "watched": ("seen",),
        "watches": ("watched date", "watched dates", "date watched", "watch dates"),
        "tags": ("tag",),
        "notes": ("note", "review", "comment", "comments"),
    }.items()
    for alias in aliases
}


class BadMapping(ValueError):
    """A `--map` that cannot be used; the message is for the user."""


def parse_mapping(items: Iterable[str]) -> dict[str, str | None]:
    """`["Length=runtime", "Junk="]` → `{"length": "runtime", "junk": None}`."""
    mapping: dict[str, str | None] = {}
    for item in items:
        column, equals, name = item.partition("=")
        column, name = column.strip(), name.strip().lower()
        if not equals or not column:
            raise BadMapping(f"--map {item!r}: write it COLUMN=FIELD (or COLUMN= to ignore it)")
        if name and name not in FIELDS:
            raise BadMapping(
                f"--map {item!r}: {name!r} is not a field; the fields are {', '.join(FIELDS)}"
            )
        mapping[column.lower()] = name or None
    return mapping


def field_of(column: str, mapping: Mapping[str, str | None] | None = None) -> str | None:
    """The field a column holds: a public one, or the column's own name (None: ignored)."""
    key = " ".join(column.split()).lower()
    if mapping and key in mapping:
        return mapping[key]
    if key.replace(" ", "_") in FIELDS:
        return key.replace(" ", "_")
    return ALIASES.get(key, column.strip())


Placing = tuple[str, str, Reader | None, bool]
"""Where the cells of one column go: the column, its field, the field's reader
(None: kept as it is, a film's own field) and whether the field is a mark."""


def placings(
    columns: Iterable[tuple[str, str | None]], readers: Mapping[str, Reader] | None = None
) -> list[Placing]:
    """Where each column goes (`columns` pairs it with its field; None: ignored).

    `readers` are read in place of the fields' own (IMDb's ratings out of 10).
    """
    return [
        (column, name, (readers or {}).get(name) or _READERS.get(name), name in MARK_READERS)
        for column, name in columns
        if name is not None
    ]


_READERS = {**FILM_READERS, **MARK_READERS}


@dataclass(slots=True)
class Record:
    """One film as an import file gives it, before it meets the library.

    `film` holds public fields and the film's own fields, `marks` the user's;
    a cell that did not fit its field is left out and described in `warnings`.
    Each public field and mark holds what its reader made of the cell.
    """

    label: str
    film: dict[str, Any] = field(default_factory=dict)
    marks: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def put(self, name: str, value: Any, reader: Reader | None = None) -> None:
        """Read `value` as field `name` (the film's own field if not a public one)."""
        self.put_row(
            {name: value}, ((name, name, reader or _READERS.get(name), name in MARK_READERS),)
        )

    def put_row(self, row: Mapping[str, Any], columns: Sequence[Placing]) -> None:
        """`put` each cell of `row` in its field, as `columns` place them.

        An empty cell (or a missing one) never blanks what the library has.
        (One loop for the whole row: a file has 100,000s of rows.)
        """
        for column, name, read, mark in columns:
            value = row.get(column)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            target = self.marks if mark else self.film
            if read is None:
                target[name] = value
                continue
            try:
                target[name] = read(value)
            except BadValue as error:
                shown = str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"
                self.warnings.append(f"{name} {shown!r} dropped: {error}")
