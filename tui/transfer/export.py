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

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import escape_surrogates

FILM_FIELDS = ("id", "title", "year", "description", "fact")
PERSONAL_FIELDS = ("favourite", "rating", "watched", "notes")
EXPORT_FIELDS = FILM_FIELDS + PERSONAL_FIELDS
FORMATS = ("json", "csv", "md")
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


def export_csv(entries: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=EXPORT_FIELDS, lineterminator="\r\n", extrasaction="ignore"
    )
    writer.writeheader()
    for entry in entries:
        record = entry_record(entry)
        record["year"] = "" if record["year"] is None else record["year"]
        for name in ("favourite", "watched"):
            record[name] = "true" if record[name] else "false"
        writer.writerow({name: neutral_cell(value) for name, value in record.items()})
    return escape_surrogates(buffer.getvalue())


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


def export_text(entries: Sequence[Entry], fmt: str) -> str:
    """The entries in `fmt` (json, csv or md)."""
    if fmt == "json":
        return export_json(entries) + "\n"
    if fmt == "csv":
        return export_csv(entries)
    if fmt == "md":
        return export_markdown(entries)
    raise ValueError(f"unknown format {fmt!r}")
