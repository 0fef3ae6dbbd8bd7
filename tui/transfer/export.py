"""Taking films out of filmtui: JSON, CSV and Markdown.

Export writes the films the user sees, with their personal fields. Plain
Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.model.film import Film
from tui.model.marks import UserMarks

FILM_FIELDS = ("id", "title", "year", "description", "fact")
PERSONAL_FIELDS = ("favourite", "rating", "watched", "notes")
EXPORT_FIELDS = FILM_FIELDS + PERSONAL_FIELDS
FORMATS = ("json", "csv", "md")


@dataclass(frozen=True, slots=True)
class Entry:
    """A film with what the user has recorded about it."""

    film: Film
    personal: UserMarks = field(default_factory=UserMarks)


def entry_record(entry: Entry) -> dict[str, Any]:
    """One film as a flat record of the public export layout."""
    return {**entry.film.to_document(), **entry.personal.to_fields()}


def export_json(entries: Iterable[Entry]) -> str:
    return json.dumps([entry_record(entry) for entry in entries], ensure_ascii=False, indent=2)


def export_csv(entries: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        record = entry_record(entry)
        record["year"] = "" if record["year"] is None else record["year"]
        for name in ("favourite", "watched"):
            record[name] = "true" if record[name] else "false"
        writer.writerow(record)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


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
