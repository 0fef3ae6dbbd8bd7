"""Taking films out of filmtui: JSON, CSV and Markdown.

Export writes the films the user sees, with their personal fields. The text
is always valid UTF-8: a lone surrogate (`"\\ud800"`, which a damaged file
can hold) is written as its escape, `\\ud800`: in JSON that is the same
character again, so it comes back exactly; CSV and Markdown cannot carry it,
and show the escape (as `filmtui list` does).

CSV is safe to open in a spreadsheet (OWASP's advice on CSV injection): a
cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
written after a `'`, and so is one that begins with `'`, so that importing
our own CSV (`tui.transfer.reading`) takes exactly one `'` off again. Rows
end in CRLF (RFC 4180), so that a bare CR in a field is quoted too.

Plain Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.model.film import PUBLIC_FIELDS, Film
from tui.model.marks import UserMarks
from tui.safe_text import escape_surrogates

PERSONAL_FIELDS = ("favourite", "rating", "watched", "watches", "watchlist", "tags", "notes")
EXPORT_FIELDS = (*PUBLIC_FIELDS, *PERSONAL_FIELDS)
"""The columns of our CSV, before the films' own fields."""
LIST_SEPARATOR = "; "
"""Between the names of a list in a CSV cell (names hold commas: `Tarkovsky, Andrei`)."""
FORMATS = ("json", "csv", "md", "letterboxd")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula at the start of a cell."""
NEUTRAL = "'"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Entry:
    """A film with what the user has recorded about it."""

    film: Film
    personal: UserMarks = field(default_factory=UserMarks)


def entry_record(entry: Entry) -> dict[str, Any]:
    """One film as a flat record of the public export layout."""
    return {**entry.film.to_document(), **entry.personal.to_fields()}


def export_json(entries: Iterable[Entry]) -> str:
    records = [entry_record(entry) for entry in entries]
    text = json.dumps(records, ensure_ascii=False, indent=2)
    if _LONE_SURROGATE.search(text):
        return json.dumps(records, ensure_ascii=True, indent=2)  # escapes: exact
    return text


def export_csv(entries: Sequence[Entry]) -> str:
    """Every field of every film: the public ones, the marks, then the films' own."""
    records = [entry_record(entry) for entry in entries]
    own = dict.fromkeys(name for entry in entries for name in entry.film.own)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*EXPORT_FIELDS, *own], lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({name: neutral_cell(_cell(value)) for name, value in record.items()})
    return escape_surrogates(buffer.getvalue())


def _cell(value: object) -> object:
    """A field's value as CSV text: lists joined, flags as true/false, no year as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def neutral_cell(value: object) -> object:
    """`value`, after a `'` if a spreadsheet could take it for a formula (or it has one)."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, NEUTRAL)):
        return NEUTRAL + value
    return value


def _md_cell(text: str) -> str:
    cell = " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
    return escape_surrogates(cell)


def export_markdown(entries: Iterable[Entry]) -> str:
    lines = ["| Title | Year | ★ | Rating | Watched | Description |", "|---|---|---|---|---|---|"]
    for entry in entries:
        film, personal = entry.film, entry.personal
        lines.append(
            "| "
            + " | ".join(
                (
                    _md_cell(film.title),
                    film.year_text,
                    "★" if personal.favourite else "",
                    personal.stars,
                    "yes" if personal.watched else "",
                    _md_cell(film.description),
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


LETTERBOXD_HEADER = (
    "Title",
    "Year",
    "imdbID",
    "WatchedDate",
    "Rating",
    "Rewatch",
    "Tags",
    "Review",
)


def export_letterboxd(entries: Iterable[Entry]) -> str:
    """Letterboxd's import CSV: a row per viewing (rewatches marked), else one per film.

    Only films the user has seen or rated are written: Letterboxd marks every
    film of its import as watched.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LETTERBOXD_HEADER)
    for entry in entries:
        film, marks = entry.film, entry.personal
        if not (marks.watched or marks.rating or marks.watches):
            continue
        base = [film.title, film.year or "", film.imdb_id]
        rating = marks.rating or ""
        tags = ", ".join(marks.tags)
        for number, day in enumerate(marks.watches or ("",)):
            rewatch = "true" if number else ""
            review = marks.notes if number == len(marks.watches or ("",)) - 1 else ""
            row = [*base, day, rating, rewatch, tags, review]
            writer.writerow([_formula_safe(cell) for cell in row])
    return escape_surrogates(buffer.getvalue())


def _formula_safe(value: object) -> object:
    """For Letterboxd, which reads a `'` as it is: only a formula gets one."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return NEUTRAL + value
    return value


def export_text(entries: Sequence[Entry], fmt: str) -> str:
    """The entries in `fmt` (json, csv or md)."""
    if fmt == "json":
        return export_json(entries) + "\n"
    if fmt == "csv":
        return export_csv(entries)
    if fmt == "md":
        return export_markdown(entries)
    if fmt == "letterboxd":
        return export_letterboxd(entries)
    raise ValueError(f"unknown format {fmt!r}")
