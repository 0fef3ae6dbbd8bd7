"""Taking films out of filmtui and bringing them in: export formats and import files.

Plain Python; knows nothing of TinyDB or Textual. Export writes the films the
user sees, with their personal fields; import reads a JSON list of films, a CSV
file with a header row, or another filmtui/TinyDB catalog, and plans what to
add, update and skip, with a reason for each skipped record. Nothing here
writes to the library: the store applies a plan.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tui.model.draft import check_year
from tui.model.film import Film, slugify, unique_id
from tui.model.marks import UserMarks, marks_from_document, valid_rating
from tui.search.index import fold

FILM_FIELDS = ("id", "title", "year", "description", "fact")
PERSONAL_FIELDS = ("favourite", "rating", "watched", "notes")
EXPORT_FIELDS = FILM_FIELDS + PERSONAL_FIELDS
FORMATS = ("json", "csv", "md")


@dataclass(frozen=True, slots=True)
class Entry:
    """A film with what the user has recorded about it."""

    film: Film
    personal: UserMarks = field(default_factory=UserMarks)


# -- export -------------------------------------------------------------------


def entry_record(entry: Entry) -> dict[str, Any]:
    """One film as a flat record of the public export layout."""
    return {**entry.film.to_document(), **entry.personal.to_fields()}


def export_json(entries: Iterable[Entry]) -> str:
    return json.dumps([entry_record(entry) for entry in entries], ensure_ascii=False, indent=2)


def export_csv(entries: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n", extrasaction="ignore"
    )
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


# -- import: reading a file ---------------------------------------------------


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
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BadImportFile(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadImportFile(f"{path}: is not UTF-8 text (byte {error.start})") from error
    looks_like_json = text.lstrip()[:1] in ("[", "{")
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and looks_like_json):
        records = _json_records(path, text)
    else:
        records = _csv_records(path, text)
    incoming: list[Incoming] = []
    skipped: list[Skipped] = []
    for label, record in records:
        result = incoming_from_record(label, record)
        (incoming if isinstance(result, Incoming) else skipped).append(result)  # type: ignore[arg-type]
    return incoming, skipped


def _json_records(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadImportFile(
            f"{path}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
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
    return labelled  # type: ignore[return-value]


def _csv_records(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise BadImportFile(f"{path}: line {reader.line_num}: {error}") from error
    if not rows or "title" not in [name.strip().lower() for name in rows[0]]:
        raise BadImportFile(f"{path}: line 1: a CSV file needs a header row with a 'title' column")
    header = [name.strip().lower() for name in rows[0]]
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
        records.append((f"line {line}", dict(zip(header, row, strict=True))))
        line += _newlines(row)
    return records


def _newlines(row: Sequence[str]) -> int:
    return sum(cell.count("\n") for cell in row)


_TRUE = {"true", "yes", "1", "y", "★"}
_FALSE = {"false", "no", "0", "n", ""}


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def incoming_from_record(label: str, record: Mapping[str, Any]) -> Incoming | Skipped:
    """A usable film from one record, or why it was skipped."""
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        return Skipped(label, "no title")
    year_value = record.get("year")
    year: int | None = None
    if year_value not in (None, ""):
        problem = check_year(str(year_value))
        if isinstance(year_value, bool) or problem:
            return Skipped(label, f"year {year_value!r}: {problem or 'not a number'}")
        year = int(str(year_value).strip())
    texts = {}
    for name in ("id", "description", "fact"):
        value = record.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            return Skipped(label, f"{name} is not text")
        texts[name] = value
    film = Film(texts["id"].strip(), title.strip(), year, texts["description"], texts["fact"])
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


# -- import: planning ---------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import will do: films to add, films to update, records skipped."""

    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _title_key(film: Film) -> tuple[str, int | None]:
    return (fold(film.title).strip(), film.year)


def plan_import(
    existing: Sequence[Film],
    personal: Mapping[str, UserMarks],
    incoming: Iterable[Incoming],
    skipped: Iterable[Skipped] = (),
) -> ImportPlan:
    """Merge by `id`, else by title + year; unchanged films are skipped."""
    plan = ImportPlan(skipped=list(skipped))
    by_id: dict[str, Film] = {film.id: film for film in existing}
    by_title: dict[tuple[str, int | None], Film] = {_title_key(film): film for film in existing}
    planned: dict[str, Entry] = {}
    for item in incoming:
        match = by_id.get(item.film.id) if item.film.id else None
        if match is None:
            match = by_title.get(_title_key(item.film))
        if match is None:
            film_id = item.film.id or unique_id(slugify(item.film.title, item.film.year), by_id)
            film = replace(item.film, id=film_id)
            entry = Entry(film, item.personal or UserMarks())
            plan.added.append(entry)
        else:
            film = replace(item.film, id=match.id)
            current = planned.get(match.id) or Entry(match, personal.get(match.id, UserMarks()))
            new_personal = item.personal if item.personal is not None else current.personal
            if film == current.film and new_personal == current.personal:
                plan.skipped.append(Skipped(item.label, f"unchanged ({match.id})"))
                continue
            entry = Entry(film, new_personal)
            if match.id in {added.film.id for added in plan.added}:
                plan.added = [entry if a.film.id == match.id else a for a in plan.added]
            else:
                plan.updated = [u for u in plan.updated if u.film.id != match.id] + [entry]
        planned[film.id] = entry
        by_id[film.id] = film
        by_title[_title_key(film)] = film
    return plan
