"""Export formats and import files, as plain functions on real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.transfer.export import Entry, export_text
from tui.transfer.planning import plan_import
from tui.transfer.reading import BadImportFile, Incoming, read_import_file

SOLARIS = Film(
    "solaris-1972", "Solaris", 1972, "A psychologist is sent to a station.", "Tarkovsky."
)
STALKER = Film("stalker-1979", "Stalker", 1979, "The Zone.", "Shot twice.")


def test_json_export_has_every_field() -> None:
    text = export_text([Entry(SOLARIS, UserMarks(True, 5, True, "Saw it at the Rio"))], "json")
    assert json.loads(text) == [
        {
            "id": "solaris-1972",
            "title": "Solaris",
            "year": 1972,
            "description": "A psychologist is sent to a station.",
            "fact": "Tarkovsky.",
            "favourite": True,
            "rating": 5,
            "watched": True,
            "watches": [],
            "watchlist": False,
            "tags": [],
            "notes": "Saw it at the Rio",
        }
    ]


def test_csv_export_has_a_header_and_quotes_commas_and_newlines() -> None:
    film = Film("x", 'Comma, "quote"', None, "two\nlines", "")
    rows = list(csv.DictReader(io.StringIO(export_text([Entry(film)], "csv"))))
    assert rows[0]["title"] == 'Comma, "quote"'
    assert rows[0]["description"] == "two\nlines"
    assert rows[0]["year"] == ""


def test_markdown_export_escapes_pipes() -> None:
    text = export_text([Entry(Film("x", "A | B", 2000, "", ""), UserMarks(rating=3))], "md")
    assert "A \\| B" in text
    assert "★★★☆☆" in text


def test_json_list_import(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"title": "Solaris", "year": 1972}, {"year": 1979}]))
    incoming, skipped = read_import_file(path)
    assert [item.film.title for item in incoming] == ["Solaris"]
    assert [(s.label, s.reason) for s in skipped] == [("record 2", "no title")]


def test_tinydb_catalog_import(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"films": {"1": SOLARIS.to_document()}}))
    incoming, _ = read_import_file(path)
    assert incoming[0].film == SOLARIS
    assert incoming[0].personal is None


def test_csv_import_reads_personal_fields_and_names_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "title,year,favourite,rating\nSolaris,1972,yes,4\nStalker,19x9,no,0\nMirror,1975,no,9\n"
    )
    incoming, skipped = read_import_file(path)
    assert incoming[0].personal == UserMarks(favourite=True, rating=4)
    assert [s.label for s in skipped] == ["line 3", "line 4"]
    assert "year" in skipped[0].reason
    assert "rating" in skipped[1].reason


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", '[{"title": "x"},\n {"title": ]', "line 2"),
        ("bad.json", '{"movies": []}', "neither a list"),
        ("bad.json", '["just a string"]', "record 1"),
        ("bad.csv", "name,year\nSolaris,1972\n", "header row with a 'title'"),
        ("bad.csv", "title,year\nSolaris,1972,extra\n", "line 2"),
    ],
)
def test_malformed_files_name_the_line_or_record(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BadImportFile, match=message):
        read_import_file(path)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("title\nCafé\n".encode("latin-1"))
    with pytest.raises(BadImportFile, match="not UTF-8"):
        read_import_file(path)


def test_plan_merges_by_id_then_by_title_and_year() -> None:
    existing = [SOLARIS, STALKER]
    incoming = [
        Incoming("record 1", Film("solaris-1972", "Solaris", 1972, "New text.", ""), None),
        Incoming("record 2", Film("", "STALKER", 1979, "Into the Zone.", ""), None),
        Incoming("record 3", Film("", "Mirror", 1975, "", ""), UserMarks(favourite=True)),
    ]
    plan = plan_import(existing, {}, incoming)
    assert [(e.film.id, e.film.description) for e in plan.updated] == [
        ("solaris-1972", "New text."),
        ("stalker-1979", "Into the Zone."),  # no id: matched by title (any case) + year
    ]
    assert [entry.film.id for entry in plan.added] == ["mirror-1975"]
    assert plan.added[0].personal.favourite
    assert plan.skipped == []


def test_identical_records_are_skipped_as_unchanged() -> None:
    plan = plan_import([SOLARIS], {}, [Incoming("record 1", SOLARIS, None)])
    assert plan.added == plan.updated == []
    assert plan.skipped[0].reason.startswith("unchanged")
