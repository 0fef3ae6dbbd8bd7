"""`filmtui import` as a user runs it: real export files, a report, round trips (subprocess)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from tests.conftest import run_filmtui
from tui.transfer.export import LETTERBOXD_HEADER

EXPORTS = Path(__file__).parent / "exports"

FULL = {
    "id": "solaris-1972",
    "title": "  Solaris  ",
    "year": 1878,
    "description": 'Line one.\rLine two, "quoted".',
    "fact": "=1+1",
    "original_title": "Солярис",
    "imdb_id": "tt0069293",
    "letterboxd_uri": "https://boxd.it/29Vu",
    "directors": ["Tarkovsky, Andrei"],
    "cast": ["Natalya Bondarchuk", "Donatas Banionis"],
    "genres": ["Drama", "Sci-Fi"],
    "countries": ["USSR"],
    "languages": ["Russian"],
    "runtime": 167,
    "Shelf": "B3",
    "favourite": True,
    "rating": 4.5,
    "watched": True,
    "watches": ["2021-05-01", "2023-11-19"],
    "watchlist": False,
    "tags": ["rewatch", "cinema"],
    "notes": "'Seen at the Rio",
}


def filmtui(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_filmtui(*args, home=home)


def test_a_dry_run_into_a_new_library_writes_nothing_at_all(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    result = filmtui(
        tmp_path,
        "import",
        str(EXPORTS / "letterboxd"),
        "--db",
        str(folder / "films.json"),
        "--dry-run",
    )
    assert result.returncode == 0, result.stderr
    assert "6 would be added" in result.stderr
    assert not folder.exists()  # no library, no lock file, no folder


def test_a_letterboxd_archive_then_an_imdb_export_make_one_library(tmp_path: Path) -> None:
    archive = tmp_path / "letterboxd-cosmonaut-2026-12-01-utc.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in (EXPORTS / "letterboxd").rglob("*.csv"):
            out.write(file, file.relative_to(EXPORTS / "letterboxd").as_posix())
    db = str(tmp_path / "films.json")
    first = filmtui(tmp_path, "import", str(archive), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Letterboxd export: 6 records read" in first.stderr
    assert "left out: comments.csv, deleted/ratings.csv, lists/soviet-sci-fi.csv" in first.stderr
    dry = filmtui(
        tmp_path, "import", str(EXPORTS / "imdb" / "ratings.csv"), "--db", db, "--dry-run"
    )
    assert "0 would be added, 3 would be updated" in dry.stderr
    assert "imdb_id — → tt0069293" in dry.stderr
    filmtui(tmp_path, "import", str(EXPORTS / "imdb" / "ratings.csv"), "--db", db)
    films = json.loads(filmtui(tmp_path, "list", "--db", db, "--format", "json").stdout)
    solaris = next(film for film in films if film["title"] == "Solaris")
    assert solaris["imdb_id"] == "tt0069293"
    assert solaris["rating"] == 4.5  # Letterboxd's 4.5, IMDb's 9 of 10: the same
    assert solaris["watches"] == ["2021-05-01", "2023-11-19"]
    assert solaris["description"] == ""  # nothing blanked, nothing invented
    assert solaris["genres"] == ["Drama", "Mystery", "Sci-Fi"]
    again = filmtui(tmp_path, "import", str(archive), "--db", db)
    assert "0 added, 0 updated, 6 unchanged" in again.stderr
    assert len(again.stderr.splitlines()) < 10  # a summary, not a line per film


def test_a_file_nothing_of_which_can_be_imported_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("title,year\n,1999\n")
    result = filmtui(tmp_path, "import", str(source), "--db", str(tmp_path / "films.json"))
    assert result.returncode == 2
    assert "no film in it could be imported" in result.stderr


def test_a_bad_map_is_one_line(tmp_path: Path) -> None:
    result = filmtui(
        tmp_path, "import", "x.csv", "--map", "Colour=hue", "--db", str(tmp_path / "f")
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "'hue' is not a field" in result.stderr


def test_json_and_csv_exports_come_back_exactly_with_every_field(tmp_path: Path) -> None:
    source = tmp_path / "full.json"
    source.write_text(json.dumps([FULL]))
    db = str(tmp_path / "one.json")
    assert filmtui(tmp_path, "import", str(source), "--db", db).returncode == 0
    exported = json.loads(filmtui(tmp_path, "export", "--db", db).stdout)
    assert exported == [FULL]
    for fmt in ("json", "csv"):
        out = tmp_path / f"export.{fmt}"
        filmtui(tmp_path, "export", "--db", db, "--format", fmt, "-o", str(out))
        other = str(tmp_path / f"from-{fmt}.json")
        result = filmtui(tmp_path, "import", str(out), "--db", other)
        assert result.returncode == 0, result.stderr
        assert json.loads(filmtui(tmp_path, "export", "--db", other).stdout) == [FULL], fmt


def test_a_letterboxd_export_has_a_row_per_viewing(tmp_path: Path) -> None:
    source = tmp_path / "full.json"
    source.write_text(json.dumps([FULL, {"title": "Unseen", "year": 2000}]))
    db = str(tmp_path / "one.json")
    filmtui(tmp_path, "import", str(source), "--db", db)
    text = filmtui(tmp_path, "export", "--db", db, "--format", "letterboxd").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["WatchedDate"] for r in rows] == ["2021-05-01", "2023-11-19"]
    assert [r["Rewatch"] for r in rows] == ["", "true"]
    assert rows[0]["imdbID"] == "tt0069293"
    assert rows[0]["Rating"] == "4.5"
    assert rows[1]["Review"] == "'Seen at the Rio"
    assert tuple(rows[0]) == LETTERBOXD_HEADER


def test_the_default_library_is_seeded_but_a_new_db_starts_empty(tmp_path: Path) -> None:
    new = filmtui(tmp_path, "list", "--db", str(tmp_path / "mine.json"))
    assert new.stdout == ""
    shutil.rmtree(tmp_path / "mine.json", ignore_errors=True)
    seeded = filmtui(tmp_path, "list")
    assert len(seeded.stdout.splitlines()) == 10
