"""Reading any import file into records: Letterboxd, IMDb, any CSV or JSON.

Plain Python; nothing here writes. `read_source` finds out what a file is
(a Letterboxd archive, folder or CSV; an IMDb export; another CSV with a
header; a JSON list of films or a filmtui/TinyDB catalog) and gives one
`Record` per film, with the columns it left out or kept as the films' own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.gc_paused import gc_paused
from tui.store.atomic_json import DamagedStoreError, NotARegularFile, loads, read_bytes, reason
from tui.transfer import csv_rows, imdb, letterboxd
from tui.transfer.columns import FIELDS, Record, field_of, placings
from tui.transfer.export import EXPORT_FIELDS, FORMULA_STARTS, LIST_SEPARATOR, NEUTRAL
from tui.transfer.progress import EVERY, Progress, unshown

# An import file bigger than this is not a film list (a device, a disk image…).
MAX_IMPORT_BYTES = 2_000_000_000
# Lists in our own CSV: their names are joined by `LIST_SEPARATOR`.
LIST_FIELDS = frozenset(
    {"directors", "cast", "genres", "countries", "languages", "watches", "tags"}
)


class BadImportFile(ValueError):
    """A file that cannot be imported at all; the message names the file and line."""


@dataclass(slots=True)
class Source:
    """The records of one import file, and what the report should say about it."""

    kind: str  # "Letterboxd export", "IMDb export", "CSV", "JSON"
    records: list[Record] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns or files left out
    own_fields: list[str] = field(default_factory=list)  # columns kept as the films' own


def read_source(
    path: Path, mapping: Mapping[str, str | None] | None = None, progress: Progress = unshown
) -> Source:
    """Every film that `path` holds, as records; `BadImportFile` if it cannot be read.

    `progress` is told how far the reading has come (not for a Letterboxd export).
    """
    with gc_paused():  # a record is a few objects, and a file may hold a million
        return _read(path, mapping, progress)


def _read(path: Path, mapping: Mapping[str, str | None] | None, progress: Progress) -> Source:
    try:
        if path.is_dir():
            if not letterboxd.looks_like_export(path):
                raise BadImportFile(f"{path}: is a folder, and not a Letterboxd export")
            return _letterboxd(path)
        raw = read_bytes(path, MAX_IMPORT_BYTES)
        if raw is None:
            raise BadImportFile(f"{path}: does not exist")
        if letterboxd.looks_like_export(path):
            return _letterboxd(path)
        looks_like_json = raw.lstrip()[:1] in (b"[", b"{")
        if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and looks_like_json):
            return _json(path, loads(raw), mapping, progress)
        text = csv_rows.decode(raw, str(path))
        header = csv_rows.header_of(text)
        if imdb.is_imdb_header(header) and not mapping:
            found = imdb.read_export(path, text, progress)
            return Source("IMDb export", found.records, found.left_out)
        return _csv(path, text, mapping, progress)
    except NotARegularFile as error:
        raise BadImportFile(f"{path}: {error}") from None
    except OSError as error:
        raise BadImportFile(f"{path}: cannot be read ({reason(error)})") from None
    except DamagedStoreError as error:
        raise BadImportFile(f"{path}: {error}") from None
    except csv_rows.BadCSV as error:
        raise BadImportFile(str(error)) from None


def _letterboxd(path: Path) -> Source:
    try:
        found = letterboxd.read_export(path)
    except letterboxd.BadExport as error:
        raise BadImportFile(str(error)) from None
    return Source("Letterboxd export", found.records, found.left_out)


def _csv(
    path: Path, text: str, mapping: Mapping[str, str | None] | None, progress: Progress
) -> Source:
    header, body = csv_rows.rows(text, path.name, progress)
    columns = [(name, field_of(name, mapping)) for name in header]
    if "title" not in {name for _, name in columns}:
        raise BadImportFile(
            f"{path}: line 1: no column holds the title (a header 'title' or 'name', "
            "or --map COLUMN=title)"
        )
    ours = tuple(header[: len(EXPORT_FIELDS)]) == EXPORT_FIELDS and not mapping
    source = _source("filmtui CSV" if ours else "CSV", columns)
    placed = placings(columns)
    for row in body:
        record = Record(f"line {row.line}")
        record.put_row(_ours(row.cells, columns) if ours else row.cells, placed)
        source.records.append(record)
    return source


def _ours(cells: dict[str, str], columns: list[tuple[str, str | None]]) -> dict[str, Any]:
    """The cells of a row of our own CSV as export wrote them: lists are lists again."""
    restored: dict[str, Any] = {}
    for column, name in columns:
        cell = _restored(cells[column])
        if name in LIST_FIELDS and cell:
            restored[column] = [item for item in cell.split(LIST_SEPARATOR) if item]
        else:
            restored[column] = cell
    return restored


def _restored(cell: str) -> str:
    """A cell of our own CSV as it was before `tui.transfer.export.neutral_cell`."""
    if cell.startswith(NEUTRAL) and cell[1:].startswith((*FORMULA_STARTS, NEUTRAL)):
        return cell[1:]
    return cell


def _json(
    path: Path, data: Any, mapping: Mapping[str, str | None] | None, progress: Progress
) -> Source:
    items: list[tuple[str, Any]]
    if isinstance(data, list):
        items = [(f"record {number}", item) for number, item in enumerate(data, 1)]
    elif isinstance(data, dict) and isinstance(data.get("films"), dict):
        items = [(f"document {key}", item) for key, item in data["films"].items()]
    else:
        raise BadImportFile(
            f"{path}: is JSON but neither a list of films nor a TinyDB catalog with a 'films' table"
        )
    names = dict.fromkeys(key for _, item in items if isinstance(item, dict) for key in item)
    columns = [(str(name), field_of(str(name), mapping)) for name in names]
    source = _source("JSON", columns)
    fields = dict(columns)
    for number, (label, item) in enumerate(items, 1):
        if not number % EVERY:
            progress(number, len(items))
        if not isinstance(item, dict):
            raise BadImportFile(f"{path}: {label} is not an object of film fields")
        record = Record(label)
        for key, value in item.items():  # in the item's order: its own fields keep theirs
            name = fields[str(key)]
            if name is not None:
                record.put(name, value)
        source.records.append(record)
    progress(len(items), len(items))
    return source


def _source(kind: str, columns: list[tuple[str, str | None]]) -> Source:
    return Source(
        kind,
        ignored=[column for column, name in columns if name is None],
        own_fields=[column for column, name in columns if name is not None and name not in FIELDS],
    )
