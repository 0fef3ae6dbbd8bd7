"""Issue 13 in the store and transfer code: nothing lost, nothing hangs, clear words.

Each case was found by attacking filmtui as a careless or hostile user would;
each test reproduced it before the fix. In-process (`tui.cli.main.main`) and
on real files in `tmp_path`, so the whole file runs in seconds.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import record_notices, write_catalog
from tui.app import make_app
from tui.cli.main import EXIT_BAD_INPUT, EXIT_OK, main
from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.store import atomic_json
from tui.store.atomic_json import StoreWriteError
from tui.store.locations import (
    backup_path,
    bundled_catalog_bytes,
    default_library_path,
    personal_data_path,
)
from tui.store.opening import StoreError, open_library
from tui.store.remembered import Remembered, settings_path
from tui.transfer.export import Entry, export_text
from tui.transfer.sources import BadImportFile, read_source

CATALOG = bundled_catalog_bytes()


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def export_import(catalog: Path, fmt: str, tmp_path: Path) -> Path:
    """Export `catalog` in `fmt`, import that into an empty library; its catalog."""
    exported = tmp_path / f"export.{fmt}"
    assert main(["--db", str(catalog), "export", "--format", fmt, "-o", str(exported)]) == 0
    empty = write_catalog(tmp_path / f"empty-{fmt}" / "films.json", [])
    assert main(["--db", str(empty), "import", str(exported)]) == EXIT_OK
    return empty


def library_state(catalog: Path) -> list[tuple[Film, UserMarks]]:
    """The films and marks of a library, by id (the order is the sort's)."""
    library = open_library(catalog)
    return sorted(((film, library.personal(film.id)) for film in library.films), key=str)


# -- data loss ---------------------------------------------------------------------


def test_1_an_emptied_default_library_keeps_its_backup(
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = default_library_path()
    catalog.parent.mkdir(parents=True)
    backup_path(catalog).write_bytes(CATALOG)
    catalog.write_bytes(b"")
    code, _, err = run("list", capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert "is empty, but its backup is not" in err
    assert backup_path(catalog).read_bytes() == CATALOG
    assert catalog.read_bytes() == b""


def test_2_two_spellings_of_one_library_share_one_user_file_and_one_lock(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lib"
    catalog = write_catalog(folder / "films.json", [])
    (tmp_path / "link.json").symlink_to(catalog)
    libraries = [
        open_library(path)
        for path in (catalog, folder / ".." / "lib" / "films.json", tmp_path / "link.json")
    ]
    assert {library.personal_path for library in libraries} == {personal_data_path(catalog)}
    assert len({library.user_file.lock for library in libraries}) == 1
    plain = open_library(folder / "films")  # another file: but the same user file, so one lock
    assert plain.personal_path == libraries[0].personal_path
    assert plain.user_file.lock == libraries[0].user_file.lock


def test_2_two_writers_on_two_spellings_lose_no_favourite(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "films.json", [])
    one, two = open_library(catalog), open_library(tmp_path / "films")

    def mark(library: Any, prefix: str) -> None:
        for number in range(150):
            while True:
                try:
                    library.set_favourite(f"{prefix}-{number}", True)
                    break
                except StoreWriteError:
                    pass

    writers = [threading.Thread(target=mark, args=(lib, p)) for lib, p in ((one, "a"), (two, "b"))]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert len(open_library(catalog).favourites) == 300


def test_3_a_missing_user_file_with_a_backup_is_said_and_the_backup_kept(
    catalog_path: Path,
) -> None:
    library = open_library(catalog_path)
    library.set_favourite("solaris-1972", True)
    open_library(catalog_path).set_favourite("stalker-1979", True)  # a .bak of solaris
    personal = personal_data_path(catalog_path)
    marks = backup_path(personal).read_bytes()
    personal.unlink()
    library = open_library(catalog_path)
    assert any(str(backup_path(personal)) in notice for notice in library.notices)
    for _ in range(3):  # three sessions later, the marks are still somewhere
        open_library(catalog_path).set_favourite("aelita-1924", True)
    kept = [p.read_bytes() for p in personal.parent.glob("films.user.json*.bak")]
    assert marks in kept


def csv_hostile_library(tmp_path: Path) -> Path:
    return write_catalog(
        tmp_path / "lib" / "films.json",
        [
            {"id": "cr", "title": "Bare\rreturn", "year": 1961, "description": "a\rb\r\nc"},
            {"id": "old", "title": "Roundhay Garden Scene", "year": 1878},
            {"id": "new", "title": "  Avatar 5  ", "year": 2031, "description": " x "},
            {"id": "none", "title": "Unknown year", "year": None},
            {"id": "formula", "title": '=HYPERLINK("x")', "year": 2000, "fact": "+1"},
            {"id": "minus", "title": "-5", "year": 2001, "description": "@SUM(A1)"},
            {"id": "tab", "title": "\tTabbed", "year": 2002, "fact": "'quoted"},
        ],
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_4_export_then_import_reproduces_the_library_exactly(tmp_path: Path, fmt: str) -> None:
    catalog = csv_hostile_library(tmp_path)
    library = open_library(catalog)
    library.update_personal("cr", {"favourite": True, "rating": 4, "notes": " spaced\rnote "})
    library.update_personal("formula", {"notes": "=1+1"})
    imported = export_import(catalog, fmt, tmp_path)
    assert library_state(imported) == library_state(catalog)


def test_5_same_title_and_year_records_are_all_accounted_for(
    catalog_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "same.json"
    source.write_text(
        json.dumps([{"title": "Same", "year": 2000, "fact": str(n)} for n in range(50)])
    )
    code, _, err = run("--db", str(catalog_path), "import", str(source), capsys=capsys)
    assert code == EXIT_OK
    words = (" added", " updated", " unchanged", " skipped", " folded into an earlier record")
    counts = [int(err.split(word)[0].split()[-1]) for word in words]
    assert sum(counts) == 50
    assert counts[-1] == 49  # one film, the other 49 records folded into it, and said so
    assert (
        "record 50 into record 1"
        in run(
            "--db",
            str(catalog_path),
            "import",
            str(source),
            "--dry-run",
            "--verbose",
            capsys=capsys,
        )[2]
    )


def test_6_a_hand_damaged_settings_file_is_kept_before_it_is_rewritten() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    damaged = b'{"places": {"/my/films.json": {"query": "venus"}}, "theme": "nord",,}'
    path.write_bytes(damaged)
    remembered = Remembered.load()
    remembered.sort = "year"
    assert remembered.save()
    assert damaged in [p.read_bytes() for p in path.parent.glob("settings.json*.bak")]


def test_7_a_symlinked_user_file_stays_a_link(catalog_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "synced" / "marks.json"
    target.parent.mkdir()
    target.write_text('{"personal": {}}')
    personal_data_path(catalog_path).symlink_to(target)
    open_library(catalog_path).set_favourite("solaris-1972", True)
    assert personal_data_path(catalog_path).is_symlink()
    assert "solaris-1972" in target.read_text()


def test_7_a_dangling_symlinked_catalog_is_refused_not_replaced(tmp_path: Path) -> None:
    link = tmp_path / "films.json"
    link.symlink_to(tmp_path / "gone" / "films.json")
    with pytest.raises(StoreError, match=r"is a link to .*, which does not exist"):
        open_library(link)
    assert link.is_symlink()
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("which", ["catalog", "user file", "backup"])
def test_7_export_onto_the_librarys_own_files_is_refused(
    catalog_path: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    open_library(catalog_path).set_favourite("solaris-1972", True)
    open_library(catalog_path).set_favourite("stalker-1979", True)
    personal = personal_data_path(catalog_path)
    target = {"catalog": catalog_path, "user file": personal, "backup": backup_path(personal)}[
        which
    ]
    before = target.read_bytes()
    code, _, err = run("--db", str(catalog_path), "export", "-o", str(target), capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert "is one of the library's own files" in err
    assert target.read_bytes() == before


# -- crashes and hangs -------------------------------------------------------------

SURROGATE = "Lone \ud800 surrogate"


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_a_lone_surrogate_is_exported_without_a_crash(tmp_path: Path, fmt: str) -> None:
    entry = Entry(Film("s", SURROGATE, 1999, SURROGATE, ""), UserMarks(notes=SURROGATE))
    text = export_text([entry], fmt)
    text.encode("utf-8")  # what writing it to a file or a pipe does
    if fmt == "json":
        assert json.loads(text)[0]["title"] == SURROGATE  # escaped: it round-trips
    else:
        assert "Lone \\ud800 surrogate" in text  # shown as its escape


def test_a_lone_surrogate_export_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_bytes(atomic_json.encode({"films": {"1": {"id": "s", "title": SURROGATE}}}))
    for fmt in ("json", "csv", "md"):
        out = tmp_path / f"out.{fmt}"
        code, _, err = run(
            "--db", str(catalog), "export", "--format", fmt, "-o", str(out), capsys=capsys
        )
        assert code == EXIT_OK, err
    imported = export_import(catalog, "json", tmp_path)
    assert [film.title for film, _ in library_state(imported)] == [SURROGATE]


HUGE = "1" * 5000


def test_a_5000_digit_key_or_value_in_the_user_file_neither_crashes_open_nor_f(
    catalog_path: Path,
) -> None:
    personal = personal_data_path(catalog_path)
    personal.write_text(
        json.dumps(
            {
                "personal": {
                    HUGE: {"id": "solaris-1972", "favourite": True},
                    "2": {"id": "stalker-1979", "rating": HUGE},
                }
            }
        )
    )
    library = open_library(catalog_path)
    assert library.personal("stalker-1979").rating == 0
    library.set_favourite("aelita-1924", True)
    data = json.loads(personal.read_text())
    assert data["personal"][HUGE] == {"id": "solaris-1972", "favourite": True}  # kept as it was
    assert "aelita-1924" in open_library(catalog_path).favourites


def test_a_5000_digit_year_in_an_import_file_drops_the_year_with_a_reason(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_text(f"title,year\nBig,{HUGE}\nFine,1999\n")
    big, fine = read_source(source).records
    assert big.film == {"title": "Big"}
    assert big.warnings == [f"year '{HUGE[:39]}…' dropped: not a number"]
    assert fine.film == {"title": "Fine", "year": 1999}


def special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {"fifo": fifo, "zero": Path("/dev/zero"), "urandom": Path("/dev/urandom")}


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_special_files_as_catalog_user_file_settings_or_import_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    special = special_files(tmp_path)[kind]
    code, _, err = run("--db", str(special), "list", capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert "not a regular file" in err
    catalog = write_catalog(tmp_path / "lib" / "films.json", [{"id": "a", "title": "A"}])
    personal_data_path(catalog).symlink_to(special)
    code, _, err = run("--db", str(catalog), "list", capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert "not a regular file" in err
    personal_data_path(catalog).unlink()
    code, _, err = run("--db", str(catalog), "import", str(special), capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert "not a regular file" in err
    settings = settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.symlink_to(special)
    remembered = Remembered.load()
    assert remembered.values == {}
    remembered.sort = "year"
    assert remembered.save() is False
    assert settings.is_symlink()


DEEP = b"[" * 100_000 + b"]" * 100_000


def test_json_nested_100000_deep_in_settings_or_import_gives_a_message(tmp_path: Path) -> None:
    settings = settings_path()
    settings.parent.mkdir(parents=True)
    settings.write_bytes(b'{"x": ' + DEEP + b"}")
    assert Remembered.load().values == {}
    source = tmp_path / "deep.json"
    source.write_bytes(DEEP)
    with pytest.raises(BadImportFile, match="nested too deeply"):
        read_source(source)


def test_an_import_file_with_a_5000_digit_number_gives_a_message(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    source.write_text(f'[{{"title": "Big", "year": {HUGE}}}]')
    with pytest.raises(BadImportFile, match="4,300 digits"):
        read_source(source)


# -- CSV in a spreadsheet ------------------------------------------------------------


def test_csv_cells_a_spreadsheet_would_run_are_neutralised() -> None:
    texts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR", "'quoted", "fine"]
    entries = [Entry(Film(f"id{n}", text, 2000, text, text)) for n, text in enumerate(texts)]
    rows = list(csv.DictReader(io.StringIO(export_text(entries, "csv"), newline="")))
    for row, text in zip(rows, texts, strict=True):
        expected = text if text == "fine" else "'" + text
        assert row["title"] == row["description"] == row["fact"] == expected


# -- clear messages ----------------------------------------------------------------


def test_a_user_file_that_is_a_folder_is_named_as_such(
    catalog_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    personal_data_path(catalog_path).mkdir()
    code, _, err = run("--db", str(catalog_path), "list", capsys=capsys)
    assert code == EXIT_BAD_INPUT
    assert f"{personal_data_path(catalog_path)}: the file of your marks is a folder" in err


def test_a_utf16_csv_without_a_bom_is_named_as_such(tmp_path: Path) -> None:
    source = tmp_path / "films.csv"
    source.write_bytes("title,year\nSolaris,1972\n".encode("utf-16-le"))
    with pytest.raises(BadImportFile, match="UTF-16 text without a byte-order mark"):
        read_source(source)


def test_a_full_disk_says_so_and_names_the_file_being_saved(
    catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = open_library(catalog_path)
    library.set_favourite("solaris-1972", True)
    library = open_library(catalog_path)  # a new session: its first write takes a .bak

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_json.os, "fsync", disk_full)
    with pytest.raises(StoreWriteError) as error:
        library.set_favourite("stalker-1979", True)
    message = str(error.value)
    assert "the disk is full" in message
    assert str(personal_data_path(catalog_path)) in message
    assert ".bak" not in message


async def test_3_the_app_says_the_user_file_is_missing_but_its_backup_is_not(
    catalog_path: Path,
) -> None:
    open_library(catalog_path).set_favourite("solaris-1972", True)
    open_library(catalog_path).set_favourite("stalker-1979", True)
    personal_data_path(catalog_path).unlink()
    app = make_app(catalog_path)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert any("is missing, but its backup" in notice for notice in notices)


def test_a_5000_digit_year_string_in_the_catalog_reads_as_unknown(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "films.json", [{"id": "a", "title": "A", "year": HUGE}])
    library = open_library(catalog)
    assert [film.year for film in library.films] == [None]
    assert library.problem_count == 1
