"""Remembered settings: a JSON file read once, that never breaks the app."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.store.remembered import Remembered, settings_path


def remember(key: str, value: object) -> bool:
    """Set one value as the app does (load, change, save)."""
    remembered = Remembered.load()
    if key == "sort":
        remembered.sort = value  # type: ignore[assignment]
    else:
        remembered.theme = value  # type: ignore[assignment]
    return remembered.save()


def test_settings_live_in_the_state_directory(isolated_dirs: Path) -> None:
    assert settings_path() == isolated_dirs / "xdg_state_home" / "filmtui" / "settings.json"


def test_nothing_saved_reads_as_no_settings() -> None:
    assert Remembered.load().values == {}


def test_a_saved_value_is_read_back() -> None:
    assert remember("sort", "year")
    assert Remembered.load().values == {"sort": "year"}


def test_a_save_keeps_the_other_values_and_what_another_filmtui_saved() -> None:
    mine = Remembered.load()
    remember("theme", "nord")  # another filmtui, meanwhile
    mine.sort = "title"
    assert mine.save()
    assert Remembered.load().values == {"sort": "title", "theme": "nord"}


@pytest.mark.parametrize(
    "content",
    [b"{", b"[1, 2]", b'"sort"', b"null", b"\xff\xfe\x00garbage", b'{"sort": NaN'],
)
def test_a_bad_file_reads_as_no_settings_and_is_kept_aside_on_save(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert Remembered.load().values == {}
    assert remember("sort", "year")
    assert json.loads(path.read_text(encoding="utf-8")) == {"sort": "year"}
    kept = [p for p in path.parent.iterdir() if p.name.endswith(".bak")]
    assert [p.read_bytes() for p in kept] == [content]


def test_an_empty_file_reads_as_no_settings_and_is_replaced(isolated_dirs: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert remember("sort", "year")
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_directory_in_the_way_reads_as_no_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    remembered = Remembered.load(path)
    assert remembered.values == {}
    remembered.sort = "year"
    assert remembered.save() is False
    assert path.is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_directory_fails_softly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        remembered = Remembered.load(folder / "settings.json")
        remembered.sort = "year"
        assert remembered.save() is False
    finally:
        folder.chmod(0o700)


def test_a_value_json_cannot_hold_is_refused_without_touching_the_file() -> None:
    remember("sort", "year")
    assert remember("theme", object()) is False
    assert Remembered.load().values == {"sort": "year"}


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "state" / "settings.json"
    for sort in ("year", "title"):
        remembered = Remembered.load(path)
        remembered.sort = sort
        remembered.save()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]
