"""Atomic writes, backups, the lock and re-reading before writes, on real files."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from tests.library_helpers import bundle
from tui.store import atomic_json
from tui.store import opening as store
from tui.store.atomic_json import StoreWriteError, encode, parse, stale_temp_files, write_atomically
from tui.store.locations import backup_path, bundled_catalog_bytes, lock_path, personal_data_path
from tui.store.lock import LockError, exclusive_lock
from tui.store.opening import open_library
from tui.store.user_file import PERSONAL_TABLE, StoreBusyError


def personal_documents(catalog: Path) -> dict[str, object]:
    return json.loads(personal_data_path(catalog).read_bytes())[PERSONAL_TABLE]


def test_write_replaces_the_file_whole_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("old")
    write_atomically(path, b'{"new": {}}')
    assert path.read_bytes() == b'{"new": {}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]


def test_failed_write_keeps_the_old_file_and_says_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data.json"
    path.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_json.os, "fsync", disk_full)
    with pytest.raises(StoreWriteError, match=r"the disk is full \(.*data.json\)"):
        write_atomically(path, b"new")
    assert path.read_text() == "old"
    assert stale_temp_files(path) == []


def test_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_stale_temp_files_are_removed_at_the_next_start(catalog_path: Path) -> None:
    folder = catalog_path.parent
    stale = [folder / ".films.json.tmp-x1", folder / ".films.user.json.tmp-x2"]
    unrelated = folder / ".other.json.tmp-x3"
    for path in [*stale, unrelated]:
        path.write_text("half a wri")
    open_library(catalog_path)
    assert not any(path.exists() for path in stale)
    assert unrelated.exists()


def test_temp_file_of_a_writer_holding_the_lock_is_left_alone(
    catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "START_LOCK_TIMEOUT", 0.05)
    in_progress = catalog_path.parent / ".films.user.json.tmp-busy"
    in_progress.write_text("being written")
    with exclusive_lock(lock_path(catalog_path)):
        library = open_library(catalog_path)
    assert in_progress.exists()
    assert len(library.films) == 10


def test_first_write_of_each_session_backs_up_the_file(catalog_path: Path) -> None:
    personal = personal_data_path(catalog_path)
    open_library(catalog_path).set_favourite("a", True)
    assert not backup_path(personal).exists()  # nothing to back up yet

    session = open_library(catalog_path)
    with_a = personal.read_bytes()
    session.set_favourite("b", True)
    assert backup_path(personal).read_bytes() == with_a
    session.set_favourite("c", True)
    assert backup_path(personal).read_bytes() == with_a  # one backup a session

    with_abc = personal.read_bytes()
    open_library(catalog_path).set_favourite("d", True)
    assert backup_path(personal).read_bytes() == with_abc


def test_writing_a_favourite_keeps_other_fields_documents_and_tables(catalog_path: Path) -> None:
    personal = personal_data_path(catalog_path)
    personal.write_text(
        json.dumps(
            {
                PERSONAL_TABLE: {
                    "1": {"id": "solaris-1972", "favourite": True, "rating": 5},
                    "odd-key": "not a document",
                    "7": {"id": "stalker-1979", "note": "rewatch"},
                },
                "settings": {"1": {"theme": "nord"}},
            }
        )
    )
    library = open_library(catalog_path)
    library.set_favourite("solaris-1972", False)
    library.set_favourite("stalker-1979", True)
    library.set_favourite("aelita-1924", True)
    data = json.loads(personal.read_bytes())
    assert data[PERSONAL_TABLE] == {
        "1": {"id": "solaris-1972", "favourite": False, "rating": 5},
        "odd-key": "not a document",
        "7": {"id": "stalker-1979", "note": "rewatch", "favourite": True},
        "8": {"id": "aelita-1924", "favourite": True},
    }
    assert data["settings"] == {"1": {"theme": "nord"}}
    assert library.favourites == {"stalker-1979", "aelita-1924"}


def test_each_write_rereads_the_file_so_two_libraries_keep_both(catalog_path: Path) -> None:
    first = open_library(catalog_path)
    second = open_library(catalog_path)
    first.set_favourite("a", True)
    second.set_favourite("b", True)
    first.set_favourite("c", True)
    assert open_library(catalog_path).favourites == {"a", "b", "c"}
    assert first.favourites == {"a", "b", "c"}  # sees what the other wrote


def test_lock_is_exclusive(tmp_path: Path) -> None:
    with (
        exclusive_lock(tmp_path / "x.lock"),
        pytest.raises(LockError, match="another filmtui"),
        exclusive_lock(tmp_path / "x.lock", timeout=0.05),
    ):
        pass
    with exclusive_lock(tmp_path / "x.lock", timeout=0.05):
        pass  # free again


def test_a_write_does_not_wait_for_a_held_lock_and_says_who_holds_it(
    catalog_path: Path,
) -> None:
    """Another filmtui importing holds the lock: the write fails at once (the UI
    thread never freezes), says why, and the next try succeeds."""
    library = open_library(catalog_path)
    with exclusive_lock(lock_path(catalog_path)):
        started = time.monotonic()
        busy = r"another filmtui is writing to .*films\.user\.json; try again in a moment"
        with pytest.raises(StoreBusyError, match=busy):
            library.set_favourite("solaris-1972", True)
        waited = time.monotonic() - started
    assert waited < 0.5  # 50 ms of trying, with room for a loaded machine
    assert not personal_data_path(catalog_path).exists()
    assert library.favourites == frozenset()
    library.set_favourite("solaris-1972", True)
    assert open_library(catalog_path).favourites == {"solaris-1972"}


def test_an_emptied_favourites_file_with_a_backup_is_not_written_over(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    library.set_favourite("a", True)
    library = open_library(catalog_path)
    library.set_favourite("b", True)  # leaves a backup holding "a"
    personal_data_path(catalog_path).write_bytes(b"")
    with pytest.raises(StoreWriteError, match="has become empty"):
        library.set_favourite("c", True)
    assert personal_data_path(catalog_path).read_bytes() == b""


def test_a_deleted_favourites_file_starts_afresh_even_with_a_backup(catalog_path: Path) -> None:
    """Deleting films.user.json is how a user clears their marks: it is not damage."""
    library = open_library(catalog_path)
    library.set_favourite("a", True)
    library = open_library(catalog_path)
    library.set_favourite("b", True)  # leaves a backup holding "a"
    personal_data_path(catalog_path).unlink()
    library = open_library(catalog_path)
    assert library.favourites == frozenset()
    library.set_favourite("c", True)
    assert open_library(catalog_path).favourites == {"c"}


def test_a_favourites_file_damaged_while_open_fails_the_write_not_the_app(
    catalog_path: Path,
) -> None:
    library = open_library(catalog_path)
    personal_data_path(catalog_path).write_text('{"personal": [')
    with pytest.raises(StoreWriteError, match="has become unreadable"):
        library.set_favourite("a", True)
    assert personal_data_path(catalog_path).read_text() == '{"personal": ['


def test_id_with_a_lone_surrogate_is_saved_and_read_back(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    library.set_favourite("bad-\ud800-id", True)
    assert open_library(catalog_path).favourites == {"bad-\ud800-id"}


def test_encode_writes_one_document_a_line_and_reads_back() -> None:
    data = {"personal": {"1": {"id": "ёжик", "favourite": True}, "2": {"id": "b"}}, "empty": {}}
    raw = encode(data)
    assert parse(raw) == data
    assert raw.decode().count("\n") == 7
    assert "ёжик" in raw.decode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("old")
    path.chmod(0o444)
    with pytest.raises(StoreWriteError, match="the file is read-only"):
        write_atomically(path, b"new")
    assert path.read_text() == "old"


def test_updating_the_library_to_a_newer_bundled_catalog_backs_it_up_first(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = json.loads(bundled_catalog_bytes())
    older = json.loads(bundled_catalog_bytes())
    older["films"]["1"]["title"] = "An older title"
    bundle(monkeypatch, older)
    path = open_library().path  # the user's library, seeded from the older bundled catalog
    open_library()  # and kept in step with it
    before = path.read_bytes()
    bundle(monkeypatch, bundled)
    open_library()
    assert backup_path(path).read_bytes() == before
    titles = [film["title"] for film in json.loads(path.read_bytes())["films"].values()]
    assert "An older title" not in titles
    assert bundled["films"]["1"]["title"] in titles


@pytest.mark.parametrize(
    "value",
    ['"\\ud800"', "NaN", "123456789012345678901234567890", '"\\u00e9"'],
    ids=["lone surrogate", "NaN", "huge integer", "escape"],
)
def test_json_the_fast_parser_refuses_is_still_read(value: str) -> None:
    """orjson is strict; what the standard library reads is still read."""
    raw = f'\ufeff{{"films": {{"1": {{"id": "x", "title": {value}}}}}}}'.encode()
    data = parse(raw, ["films"])
    assert set(data["films"]["1"]) == {"id", "title"}
