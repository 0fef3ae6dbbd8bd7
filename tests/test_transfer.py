"""Export formats and import files, as plain functions on real files."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.transfer.columns import Record
from tui.transfer.export import Entry, export_text
from tui.transfer.merging import plan_import
from tui.transfer.sources import BadImportFile, read_source

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


def records(films: list[dict[str, object]]) -> list[Record]:
    out = []
    for number, fields in enumerate(films, 1):
        record = Record(f"record {number}")
        for name, value in fields.items():
            record.put(name, value)
        out.append(record)
    return out


def test_json_list_import(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"title": "Solaris", "year": 1972}, {"year": 1979}]))
    plan = plan_import([], {}, read_source(path).records)
    assert [p.film.title for p in plan.added] == ["Solaris"]
    assert plan.skipped == [("record 2", "no title")]


def test_tinydb_catalog_import(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"films": {"1": SOLARIS.to_document()}}))
    plan = plan_import([], {}, read_source(path).records)
    assert plan.added[0].film == SOLARIS
    assert plan.added[0].marks is None


def test_csv_import_reads_marks_and_drops_only_what_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "title,year,favourite,rating\nSolaris,1972,yes,4\nStalker,19x9,no,0\nMirror,1975,no,9\n"
    )
    plan = plan_import([], {}, read_source(path).records)
    assert plan.added[0].marks == UserMarks(favourite=True, rating=4)
    assert [(p.film.title, p.film.year) for p in plan.added[1:]] == [
        ("Stalker", None),
        ("Mirror", 1975),
    ]
    assert [label for label, _ in plan.warnings] == ["line 3", "line 4"]
    assert "year" in plan.warnings[0][1]
    assert "rating" in plan.warnings[1][1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", '[{"title": "x"},\n {"title": ]', "line 2"),
        ("bad.json", '{"movies": []}', "neither a list"),
        ("bad.json", '["just a string"]', "record 1"),
        ("bad.csv", "colour,year\nSolaris,1972\n", "no column holds the title"),
        ("bad.csv", "title,year\nSolaris,1972,extra\n", "line 2"),
    ],
)
def test_malformed_files_name_the_line_or_record(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BadImportFile, match=message):
        read_source(path)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("title\nCafé\n".encode("latin-1"))
    with pytest.raises(BadImportFile, match="not UTF-8"):
        read_source(path)


def test_plan_merges_by_id_then_imdb_id_then_title_and_year() -> None:
    solaris = replace(SOLARIS, imdb_id="tt0069293")
    plan = plan_import(
        [solaris, STALKER],
        {},
        records(
            [
                {"imdb_id": "tt0069293", "title": "Солярис", "description": "New text."},
                {"title": "STALKER", "year": 1979, "genres": ["Drama"]},
                {"title": "Mirror", "year": 1975, "favourite": True},
            ]
        ),
    )
    assert [(p.film.id, p.film.title, p.film.description) for p in plan.updated] == [
        ("solaris-1972", "Солярис", "New text."),
        ("stalker-1979", "STALKER", "The Zone."),  # no id: matched by title (any case) + year
    ]
    assert plan.updated[1].film.genres == ("Drama",)
    assert [p.film.id for p in plan.added] == ["mirror-1975"]
    assert plan.added[0].marks == UserMarks(favourite=True)


def test_same_title_and_year_but_other_ids_are_two_films() -> None:
    stalker = replace(STALKER, imdb_id="tt0079944")
    plan = plan_import(
        [stalker],
        {},
        records(
            [
                {"title": "Stalker", "year": 1979, "imdb_id": "tt9999999"},
                {"title": "Stalker", "year": 1979, "id": "stalker-remake"},
            ]
        ),
    )
    assert [p.film.id for p in plan.added] == ["stalker-1979-2", "stalker-remake"]
    assert plan.updated == []


def test_empty_values_never_blank_what_the_library_has() -> None:
    marks = {"solaris-1972": UserMarks(rating=4, notes="Rio", watches=("2020-01-01",))}
    plan = plan_import(
        [SOLARIS],
        marks,
        records([{"title": "Solaris", "year": 1972, "description": "", "watches": ["2021-05-01"]}]),
    )
    [updated] = plan.updated
    assert updated.film.description == SOLARIS.description
    assert updated.marks == UserMarks(
        rating=4, notes="Rio", watches=("2020-01-01", "2021-05-01"), watched=True
    )
    assert [c.name for c in updated.changes] == ["watched", "watches"]


def test_records_of_one_film_in_one_file_are_folded_together() -> None:
    plan = plan_import(
        [],
        {},
        records(
            [
                {"title": "Solaris", "year": 1972, "watches": ["2021-05-01"]},
                {"title": "Solaris", "year": 1972, "watches": ["2023-11-19"], "tags": ["re"]},
            ]
        ),
    )
    [added] = plan.added
    assert added.marks is not None
    assert added.marks.watches == ("2021-05-01", "2023-11-19")
    assert plan.folded == [("record 2", "record 1")]


def test_identical_records_are_unchanged() -> None:
    plan = plan_import([SOLARIS], {}, records([SOLARIS.to_document()]))
    assert plan.added == plan.updated == []
    assert plan.unchanged == ["record 1"]
