"""Damaged stores stop filmtui with one line and are left alone; bad records are shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import record_notices, write_catalog
from tui.app import make_app
from tui.cli.main import EXIT_BAD_INPUT, main
from tui.store.atomic_json import encode, stale_temp_files
from tui.store.locations import backup_path, bundled_catalog_bytes, personal_data_path
from tui.store.opening import open_library
from tui.widgets.film_list import FilmList

CATALOG = bundled_catalog_bytes()

DAMAGED = {
    "invalid JSON": (b'{"films": {"1": {"title": "Solaris",}}}', "is not valid JSON (line 1"),
    "truncated": (CATALOG[: len(CATALOG) // 2], "truncated"),
    "binary": (bytes(range(256)) * 4, "binary"),
    "not UTF-8": ('{"films": {"1": {"title": "Amélie"}}}'.encode("latin-1"), "not UTF-8"),
    "UTF-16": (CATALOG.decode().encode("utf-16"), "is UTF-16 text"),
    "a list": (b"[]", "found a list"),
    "films a list": (b'{"films": []}', "table 'films' is not a TinyDB table"),
    "a string": (b'"just a string"', "found a string"),
    "a number": (b"42", "found a number"),
    "null": (b"null", "found null"),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "5,000-digit year": (b'{"films": {"1": {"year": 1' + b"0" * 5000 + b"}}}", "not valid JSON"),
}


def assert_stopped_with_one_line(stderr: str, path: Path, why: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"filmtui: {path}: ")
    assert why in lines[0]
    assert "--db another file" in lines[0]
    assert "Traceback" not in stderr


@pytest.mark.parametrize("content, why", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_catalog_exits_2_with_one_line_and_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, why: str
) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_bytes(content)
    assert main(["--db", str(catalog)]) == EXIT_BAD_INPUT
    assert_stopped_with_one_line(capsys.readouterr().err, catalog, why)
    assert catalog.read_bytes() == content
    assert stale_temp_files(catalog) == []
    assert not backup_path(catalog).exists()


@pytest.mark.parametrize(
    "content, why",
    [DAMAGED["invalid JSON"], DAMAGED["binary"], (b'{"personal": "x"}', "table 'personal'")],
    ids=["invalid JSON", "binary", "personal a string"],
)
def test_damaged_favourites_file_exits_2_naming_it(
    catalog_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, why: str
) -> None:
    personal = personal_data_path(catalog_path)
    personal.write_bytes(content)
    assert main(["--db", str(catalog_path)]) == EXIT_BAD_INPUT
    assert_stopped_with_one_line(capsys.readouterr().err, personal, why)
    assert personal.read_bytes() == content


def test_empty_favourites_file_while_a_backup_exists_is_damage(
    catalog_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = open_library(catalog_path)
    library.set_favourite("a", True)
    open_library(catalog_path).set_favourite("b", True)  # backs up the file holding "a"
    personal = personal_data_path(catalog_path)
    personal.write_bytes(b"")
    assert main(["--db", str(catalog_path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert_stopped_with_one_line(err, personal, "is empty, but its backup is not")
    assert f"copy its backup {backup_path(personal)} over it" in err
    assert personal.read_bytes() == b""


def test_empty_catalog_while_a_backup_exists_is_damage(
    catalog_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_path(catalog_path).write_bytes(CATALOG)
    catalog_path.write_bytes(b"")
    assert main(["--db", str(catalog_path)]) == EXIT_BAD_INPUT
    assert_stopped_with_one_line(capsys.readouterr().err, catalog_path, "is empty")
    assert catalog_path.read_bytes() == b""


def test_empty_catalog_without_a_backup_is_an_empty_library(tmp_path: Path) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_bytes(b"")
    assert open_library(catalog).films == []
    assert catalog.read_bytes() == b""


def test_catalog_with_a_utf8_bom_opens(tmp_path: Path) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_bytes(b"\xef\xbb\xbf" + CATALOG)
    assert len(open_library(catalog).films) == 10


def test_folder_given_as_db_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a folder" in err


def test_path_with_a_newline_and_escape_still_gives_one_clean_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "bad\nname\x1b[2J.json"
    catalog.write_bytes(b"[]")
    assert main(["--db", str(catalog)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err


def test_damaged_catalog_as_a_real_command(tmp_path: Path) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_bytes(DAMAGED["truncated"][0])
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(catalog)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert_stopped_with_one_line(result.stderr, catalog, "truncated")
    assert result.stdout == ""
    assert catalog.read_bytes() == DAMAGED["truncated"][0]


# -- bad records ------------------------------------------------------------------

BAD_RECORDS: list[Any] = [
    {"id": "good-1961", "title": "Good", "year": 1961, "description": "d", "fact": "f"},
    {"id": "text-year", "title": "Text year", "year": "1961", "description": "d", "fact": "f"},
    {"id": "word-year", "title": "Word year", "year": "nineteen", "description": "d", "fact": "f"},
    {"id": "no-title", "title": None, "year": 1970, "description": "d", "fact": "f"},
    {"id": "extra", "title": "Extra", "year": 1980, "description": "d", "fact": "f", "x": [1]},
    {"title": "No id", "year": True, "description": 42, "fact": ["a"]},
    "not a document",
]


def test_bad_records_are_read_as_well_as_they_can_be(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "films.json", BAD_RECORDS)
    library = open_library(catalog)
    by_id = {film.id: film for film in library.films}
    assert len(library.films) == 6  # all but the one that is not a document
    assert by_id["good-1961"].year == 1961
    assert by_id["text-year"].year == 1961
    assert by_id["word-year"].year is None
    assert by_id["word-year"].year_text == "—"
    assert by_id["no-title"].title == ""
    assert by_id["extra"].title == "Extra"
    assert by_id["no-id"].description == "42"
    assert library.problem_count == 5  # text year, word year, null title, no id doc, string


async def test_bad_records_are_shown_with_a_notice_and_nothing_is_dropped(
    tmp_path: Path,
) -> None:
    catalog = write_catalog(tmp_path / "films.json", BAD_RECORDS)
    before = catalog.read_bytes()
    app = make_app(catalog)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "f", "down", "f", "down", "f")
        assert len(app.query_one(FilmList).films) == 6
        assert any("5 records" in notice and str(catalog) in notice for notice in notices)
        assert len(app.library.favourites) == 3
    assert catalog.read_bytes() == before
    assert json.loads(before)["films"]["7"] == "not a document"


def test_favourites_file_with_odd_documents_opens(catalog_path: Path) -> None:
    personal_data_path(catalog_path).write_bytes(
        encode({"personal": {"1": "x", "2": {"id": 5}, "3": {"id": "a", "favourite": True}}})
    )
    assert open_library(catalog_path).favourites == {"a"}
