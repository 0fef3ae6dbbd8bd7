"""Reading import files: a JSON list of films, a CSV file, a filmtui/TinyDB catalog.

Each record becomes a film to import (`Incoming`) or a reason it cannot be
used (`Skipped`); a file that cannot be read at all raises `BadImportFile`
with the line or record. Plain Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

import csv
import errno
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from tui.gc_paused import gc_paused
from tui.model.film import Film
from tui.model.marks import UserMarks, marks_from_document, valid_rating
from tui.store.atomic_json import (
    DamagedStoreError,
    NotARegularFile,
    check_text,
    loads,
    read_bytes,
    reason,
)
from tui.transfer.export import EXPORT_FIELDS, FORMULA_STARTS, NEUTRAL, PERSONAL_FIELDS


class BadImportFile(ValueError):
    """A file that cannot be imported at all; the message names the line or record."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """A film read from an import file; `film.id` is empty when the file gave none."""

    label: str
    film: Film
    personal: UserMarks | None


@dataclass(frozen=True, slots=True)
class Skipped:
    label: str
    reason: str


def read_import_file(path: Path) -> tuple[list[Incoming], list[Skipped]]:
    """The films of a JSON, CSV or TinyDB file, and the records that cannot be used."""
    with gc_paused():
        return _read_import_file(path)


def _read_import_file(path: Path) -> tuple[list[Incoming], list[Skipped]]:
    try:
        raw = read_bytes(path)
        if raw is None:
            raise FileNotFoundError(errno.ENOENT, "no such file")
        check_text(raw)
    except OSError as error:
        why = (
            str(error)
            if isinstance(error, NotARegularFile)
            else f"cannot be read ({reason(error)})"
        )
        raise BadImportFile(f"{path}: {why}") from error
    except DamagedStoreError as error:
        raise BadImportFile(f"{path}: {error}") from None
    looks_like_json = raw.lstrip()[:1] in (b"[", b"{")
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and looks_like_json):
        records = _json_records(path, raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BadImportFile(f"{path}: is not UTF-8 text (byte {error.start})") from error
        records = _csv_records(path, text)
    incoming: list[Incoming] = []
    skipped: list[Skipped] = []
    for label, record in records:
        result = incoming_from_record(label, record)
        if isinstance(result, Incoming):
            incoming.append(result)
        else:
            skipped.append(result)
    return incoming, skipped


def _json_records(path: Path, raw: bytes) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        data = loads(raw)
    except DamagedStoreError as error:
        raise BadImportFile(f"{path}: {error}") from None
    if isinstance(data, list):
        labelled = [(f"record {number}", item) for number, item in enumerate(data, 1)]
    elif isinstance(data, dict) and isinstance(data.get("films"), dict):
        labelled = [(f"document {key}", item) for key, item in data["films"].items()]
    else:
        raise BadImportFile(
            f"{path}: is JSON but neither a list of films nor a TinyDB catalog with a 'films' table"
        )
    for label, item in labelled:
        if not isinstance(item, dict):
            raise BadImportFile(f"{path}: {label} is not an object of film fields")
    return labelled


def _csv_records(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise BadImportFile(f"{path}: line {reader.line_num}: {error}") from error
    if not rows or "title" not in [name.strip().lower() for name in rows[0]]:
        raise BadImportFile(f"{path}: line 1: a CSV file needs a header row with a 'title' column")
    header = [name.strip().lower() for name in rows[0]]
    ours = rows[0] == list(EXPORT_FIELDS)  # our own export: its cells were neutralised
    records: list[tuple[str, Mapping[str, Any]]] = []
    # csv.reader gives no line numbers per row; count physical lines as we go.
    line = 1 + _newlines(rows[0])
    for row in rows[1:]:
        line += 1
        if not any(cell.strip() for cell in row):
            line += _newlines(row)
            continue
        if len(row) != len(header):
            raise BadImportFile(
                f"{path}: line {line}: expected {len(header)} fields as in the header, "
                f"found {len(row)}"
            )
        if ours:
            row = [_restored(cell) for cell in row]
        records.append((f"line {line}", dict(zip(header, row, strict=True))))
        line += _newlines(row)
    return records


def _restored(cell: str) -> str:
    """A cell of our own CSV as it was before `tui.transfer.export.neutral_cell`."""
    if cell.startswith(NEUTRAL) and cell[1:2] and cell[1:].startswith((*FORMULA_STARTS, NEUTRAL)):
        return cell[1:]
    return cell


def _newlines(row: Sequence[str]) -> int:
    return sum(map(str.count, row, repeat("\n")))


_TRUE = {"true", "yes", "1", "y", "★"}
_FALSE = {"false", "no", "0", "n", ""}


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


_YEAR = re.compile(r"\s*-?[0-9]{1,18}\s*")


def _year(value: object) -> int | None:
    """A year as the catalog may hold it: any whole number (the first films are
    from 1878; announced ones from the 2030s). None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _YEAR.fullmatch(value):
        return int(value)
    return None


def _shown(value: object) -> str:
    """`value` for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def incoming_from_record(label: str, record: Mapping[str, Any]) -> Incoming | Skipped:
    """A usable film from one record, or why it was skipped."""
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        return Skipped(label, "no title")
    year_value = record.get("year")
    year: int | None = None
    if year_value not in (None, ""):
        year = _year(year_value)
        if year is None:
            return Skipped(label, f"year {_shown(year_value)}: not a whole number")
    texts = {}
    for name in ("id", "description", "fact"):
        value = record.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            return Skipped(label, f"{name} is not text")
        texts[name] = value
    # Titles and ids are kept as written (an export comes back exactly); an id
    # of spaces only is none.
    film_id = texts["id"] if texts["id"].strip() else ""
    film = Film(film_id, title, year, texts["description"], texts["fact"])
    personal = None
    if any(name in record for name in PERSONAL_FIELDS):
        favourite, watched = (
            _flag(record.get("favourite", False)),
            _flag(record.get("watched", False)),
        )
        rating = valid_rating(record.get("rating") if record.get("rating") not in (None, "") else 0)
        notes = record.get("notes") or ""
        if favourite is None or watched is None:
            return Skipped(label, "favourite and watched must be true or false")
        if rating is None:
            return Skipped(label, f"rating {record.get('rating')!r} is not a whole number 0–5")
        if not isinstance(notes, str):
            return Skipped(label, "notes is not text")
        personal = marks_from_document(
            {"favourite": favourite, "rating": rating, "watched": watched, "notes": notes}
        )
    return Incoming(label, film, personal)
