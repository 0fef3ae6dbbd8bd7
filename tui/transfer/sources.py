"""Reading any import file into records: Letterboxd, IMDb, any CSV or JSON.

Plain Python; nothing here writes. `read_source` finds out what a file is
(a Letterboxd archive, folder or CSV; an IMDb export; another CSV with a
header; a JSON list of films or a filmtui/TinyDB catalog) and gives one
`Record` per film, with the columns it left out or kept as the films' own.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.transfer import csv_rows, imdb, letterboxd
from tui.transfer.columns import FIELDS, Record, field_of

# An import file bigger than this is not a film list (a device, a disk image…).
MAX_IMPORT_BYTES = 2_000_000_000
# A cell our CSV export began with `'` so a spreadsheet does not run it as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class BadImportFile(ValueError):
    """A file that cannot be imported at all; the message names the file and line."""


@dataclass(slots=True)
class Source:
    """The records of one import file, and what the report should say about it."""

    kind: str  # "Letterboxd export", "IMDb export", "CSV", "JSON"
    records: list[Record] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns or files left out
    own_fields: list[str] = field(default_factory=list)  # columns kept as the films' own


def read_source(path: Path, mapping: Mapping[str, str | None] | None = None) -> Source:
    """Every film that `path` holds, as records; `BadImportFile` if it cannot be read."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            if not letterboxd.looks_like_export(path):
                raise BadImportFile(f"{path}: is a folder, and not a Letterboxd export")
            return _letterboxd(path)
        if not stat.S_ISREG(info.st_mode):
            raise BadImportFile(f"{path}: is not a regular file (a pipe or a device?)")
        if info.st_size > MAX_IMPORT_BYTES:
            raise BadImportFile(f"{path}: is {info.st_size:,} bytes, too big to be a film list")
        if letterboxd.looks_like_export(path):
            return _letterboxd(path)
        text = csv_rows.decode(path.read_bytes(), str(path))
    except OSError as error:
        raise BadImportFile(f"{path}: cannot be read ({error.strerror or error})") from None
    except csv_rows.BadCSV as error:
        raise BadImportFile(str(error)) from None
    looks_like_json = text.lstrip()[:1] in ("[", "{")
    try:
        if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and looks_like_json):
            return _json(path, text, mapping)
        header = csv_rows.header_of(text)
        if imdb.is_imdb_header(header) and not mapping:
            found = imdb.read_export(path, text)
            return Source("IMDb export", found.records, found.left_out)
        return _csv(path, text, mapping)
    except csv_rows.BadCSV as error:
        raise BadImportFile(str(error)) from None


def _letterboxd(path: Path) -> Source:
    try:
        found = letterboxd.read_export(path)
    except letterboxd.BadExport as error:
        raise BadImportFile(str(error)) from None
    return Source("Letterboxd export", found.records, found.left_out)


def _csv(path: Path, text: str, mapping: Mapping[str, str | None] | None) -> Source:
    header, body = csv_rows.rows(text, path.name)
    columns = [(name, field_of(name, mapping)) for name in header]
    if "title" not in {name for _, name in columns}:
        raise BadImportFile(
            f"{path}: line 1: no column holds the title (a header 'title' or 'name', "
            "or --map COLUMN=title)"
        )
    source = _source("CSV", columns)
    for row in body:
        record = Record(f"line {row.line}")
        for column, name in columns:
            if name is not None:
                record.put(name, _unguarded(row.cells[column]))
        source.records.append(record)
    return source


def _unguarded(cell: str) -> str:
    """A cell as written before our export guarded it from spreadsheets."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA_STARTS else cell


def _json(path: Path, text: str, mapping: Mapping[str, str | None] | None) -> Source:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadImportFile(
            f"{path}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise BadImportFile(f"{path}: is nested too deeply to be a film list") from None
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
    for label, item in items:
        if not isinstance(item, dict):
            raise BadImportFile(f"{path}: {label} is not an object of film fields")
        record = Record(label)
        for key, value in item.items():
            name = fields[str(key)]
            if name is not None:
                record.put(name, value)
        source.records.append(record)
    return source


def _source(kind: str, columns: list[tuple[str, str | None]]) -> Source:
    return Source(
        kind,
        ignored=[column for column, name in columns if name is None],
        own_fields=[column for column, name in columns if name is not None and name not in FIELDS],
    )
