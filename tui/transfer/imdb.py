"""Reading an IMDb export: your ratings, your watchlist, or one of your lists.

Plain Python. IMDb's CSV exports share one layout of columns, in an order that
changed over the years; they are found by name:

    current ratings: Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,
                     IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors
    lists, watchlist: Position,Const,Created,Modified,Description,Title,(Original Title,)URL,
                     Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,
                     Release Date,Directors,Your Rating,Date Rated

`Const` is the film's `imdb_id`; `Your Rating` (1–10) becomes half stars (7 is
3.5) and means the film was seen. A file named like `watchlist.csv` puts its
films on the watchlist. IMDb's own figures (its rating, votes, URL, …) are
left out, and the report names them once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.transfer import csv_rows, values
from tui.transfer.columns import Record, placings
from tui.transfer.progress import Progress, unshown

IMDB_SCALE = 10
# IMDb's column → our field.
COLUMNS = {
    "Const": "imdb_id",
    "Title": "title",
    "Original Title": "original_title",
    "Runtime (mins)": "runtime",
    "Year": "year",
    "Genres": "genres",
    "Directors": "directors",
    "Description": "notes",
}
LEFT_OUT = (
    "Position",
    "Created",
    "Modified",
    "URL",
    "Title Type",
    "IMDb Rating",
    "Num Votes",
    "Release Date",
    "Date Rated",
)


@dataclass(slots=True)
class Export:
    """The films of an IMDb export, and its columns that were left out."""

    records: list[Record] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def is_imdb_header(header: Sequence[str]) -> bool:
    return "Const" in header and "Title" in header and ("Your Rating" in header or "URL" in header)


def read_export(path: Path, text: str, progress: Progress = unshown) -> Export:
    """The films of the IMDb export `path`, whose decoded text is `text`."""
    header, body = csv_rows.rows(text, path.name, progress)
    watchlist = "watchlist" in path.stem.lower()
    export = Export(left_out=[name for name in header if name in LEFT_OUT])
    export.left_out += [
        name for name in header if name not in COLUMNS and name not in (*LEFT_OUT, "Your Rating")
    ]
    export.records = list(_records(path.name, body, watchlist))
    return export


def _stars(value: str) -> float:
    return values.stars(value, IMDB_SCALE)


_PLACINGS = placings(COLUMNS.items())
_RATING = placings([("rating", "rating")], {"rating": _stars})


def _records(name: str, body: Iterator[csv_rows.Row], watchlist: bool) -> Iterator[Record]:
    for line, cells in body:
        record = Record(f"{name} line {line}")
        record.put_row(cells, _PLACINGS)
        rating = cells.get("Your Rating", "").strip()
        if rating:
            record.put_row({"rating": rating}, _RATING)
            record.marks["watched"] = True
        if watchlist:
            record.marks["watchlist"] = True
        record.film.setdefault("title", "")
        yield record
