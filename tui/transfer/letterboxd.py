"""Reading a Letterboxd export: the archive as downloaded, its folder, or one of its CSVs.

Plain Python. Letterboxd's "export your data" gives a zip of CSV files; the
ones about films are read and merged into one record per film (Letterboxd
has no IMDb ids, so a film is its title and year):

| file | header | gives |
|---|---|---|
| `watched.csv` | `Date,Name,Year,Letterboxd URI` | watched (Date: when marked, not seen) |
| `ratings.csv` | `…,Rating` | the rating, 0.5–5 |
| `diary.csv` | `…,Rating,Rewatch,Tags,Watched Date` | one watch date per viewing, tags |
| `watchlist.csv` | as watched | on the watchlist |
| `likes/films.csv` | as watched | liked: a favourite |
| `reviews.csv` | `…,Review,Tags,Watched Date` | the review (HTML) as plain text in the notes |

A diary's or review's URI points at the entry, not the film, so only the
other files give `letterboxd_uri`. The profile, comments, lists, `deleted/`
and `orphaned/` are left out, and the report names them.
"""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from tui.transfer import csv_rows
from tui.transfer.columns import Record

FILM_HEADER = ("Date", "Name", "Year", "Letterboxd URI")
# The files about films, by their path in the archive, in the order they are read.
FILM_FILES = (
    "watched.csv",
    "ratings.csv",
    "diary.csv",
    "watchlist.csv",
    "likes/films.csv",
    "reviews.csv",
)
# Files whose URI is the film's own.
FILM_URI_FILES = frozenset({"watched.csv", "ratings.csv", "watchlist.csv", "likes/films.csv"})
MAX_MEMBER_BYTES = 200_000_000


class BadExport(ValueError):
    """An export that cannot be read; the message names the file and line."""


@dataclass(slots=True)
class Export:
    """What a Letterboxd export holds: a record per film, and the files left out."""

    records: list[Record] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def is_letterboxd_header(header: Iterable[str]) -> bool:
    return tuple(header)[:4] == FILM_HEADER


def looks_like_export(path: Path) -> bool:
    """A Letterboxd archive, its folder, or a CSV with Letterboxd's header."""
    if path.is_dir():
        return any((path / name).is_file() for name in FILM_FILES)
    if zipfile.is_zipfile(path):
        return True
    try:
        with path.open("rb") as file:
            start = file.read(4096)
    except OSError:
        return False
    return is_letterboxd_header(csv_rows.header_of(start.decode("utf-8-sig", errors="replace")))


def read_export(path: Path) -> Export:
    """Every film of the export at `path` (zip, folder or one CSV), merged by title + year."""
    files = dict(_files(path))
    merged: dict[tuple[str, int | None], Record] = {}
    export = Export()
    for member, raw in files.items():
        if member not in FILM_FILES:
            export.left_out.append(member)
            continue
        for record in _records(member, raw):
            key = (" ".join(str(record.film["title"]).casefold().split()), record.film.get("year"))
            if key in merged:
                _merge(merged[key], record)
            else:
                merged[key] = record
    export.records = list(merged.values())
    export.left_out.sort()
    return export


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    """(path in the export, bytes) of each CSV, in `FILM_FILES` order first."""
    if path.is_dir():
        found = {
            PurePosixPath(*file.relative_to(path).parts).as_posix(): file
            for file in sorted(path.rglob("*.csv"))
            if file.is_file()
        }
        for member in _ordered(found):
            yield member, found[member].read_bytes()
        return
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                infos = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
                top = _common_folder([info.filename for info in infos])
                by_name = {info.filename[len(top) :]: info for info in infos}
                for member in _ordered(by_name):
                    if by_name[member].file_size > MAX_MEMBER_BYTES:
                        raise BadExport(f"{path}: {member} is too big to be a Letterboxd export")
                    yield member, archive.read(by_name[member])
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise BadExport(f"{path}: the archive cannot be read ({error})") from None
        return
    yield _single_file_member(path), path.read_bytes()


def _common_folder(names: list[str]) -> str:
    """`letterboxd-x/` when every file of the archive is inside that one folder."""
    tops = {name.partition("/")[0] + "/" for name in names if "/" in name}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop()
    return ""


def _ordered(members: Iterable[str]) -> list[str]:
    known = [name for name in FILM_FILES if name in members]
    return known + sorted(set(members) - set(known))


def _single_file_member(path: Path) -> str:
    """Which of the export's files a lone CSV is, by its name (films.csv in likes/ is liked)."""
    if path.name == "films.csv" and path.parent.name == "likes":
        return "likes/films.csv"
    return path.name if path.name in FILM_FILES else "watched.csv"


def _records(member: str, raw: bytes) -> Iterator[Record]:
    try:
        text = csv_rows.decode(raw, member)
        header, body = csv_rows.rows(text, member)
        if not is_letterboxd_header(header):
            raise BadExport(
                f"{member}: line 1: expected Letterboxd's header "
                f"({','.join(FILM_HEADER)},…), found {','.join(header[:4])}"
            )
        for row in body:
            yield _record(member, row)
    except csv_rows.BadCSV as error:
        raise BadExport(str(error)) from None


def _record(member: str, row: csv_rows.Row) -> Record:
    cells = row.cells
    record = Record(f"{member} line {row.line}")
    record.put("title", cells["Name"])
    record.put("year", cells["Year"])
    if member in FILM_URI_FILES:
        record.put("letterboxd_uri", cells["Letterboxd URI"])
    if member == "watchlist.csv":
        record.marks["watchlist"] = True
    elif member == "likes/films.csv":
        record.marks["favourite"] = True
    else:
        record.marks["watched"] = True
    if member in ("ratings.csv", "diary.csv", "reviews.csv"):
        record.put("rating", cells.get("Rating"))
    if member in ("diary.csv", "reviews.csv"):
        record.put("watches", cells.get("Watched Date") if member == "diary.csv" else None)
        record.put("tags", cells.get("Tags"))
    if member == "reviews.csv":
        record.put("notes", plain_text(cells.get("Review", "")))
    if "title" not in record.film:
        record.film["title"] = ""
    return record


def _merge(into: Record, record: Record) -> None:
    """Fold what one more line says of a film into its record."""
    for name, value in record.film.items():
        into.film.setdefault(name, value)
    for name, value in record.marks.items():
        current = into.marks.get(name)
        if name == "watches":
            into.marks[name] = sorted([*(current or []), *value])
        elif name == "tags":
            into.marks[name] = list(dict.fromkeys([*(current or []), *value]))
        elif name == "notes" and current:
            into.marks[name] = f"{current}\n\n{value}"
        elif name == "rating" and current is not None:
            continue  # ratings.csv, read first, holds the film's current rating
        else:
            into.marks[name] = value
    into.warnings.extend(record.warnings)


class _PlainText(HTMLParser):
    BREAKS = frozenset({"br", "p", "div", "li", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = io.StringIO()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS - {"br"}:
            self.out.write("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.write(data)


def plain_text(review: str) -> str:
    """A Letterboxd review (HTML) as the plain text a reader sees."""
    parser = _PlainText()
    parser.feed(review)
    parser.close()
    lines = [line.rstrip() for line in html.unescape(parser.out.getvalue()).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
