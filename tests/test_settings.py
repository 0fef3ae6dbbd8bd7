"""Remembered settings: a JSON key/value file that never breaks the app."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.store.settings import load_settings, remember, save_settings, settings_path


def test_settings_live_in_the_state_directory(isolated_dirs: Path) -> None:
    assert settings_path() == isolated_dirs / "xdg_state_home" / "filmtui" / "settings.json"


def test_nothing_saved_reads_as_no_settings() -> None:
    assert load_settings() == {}


def test_a_saved_value_is_read_back() -> None:
    assert remember("sort", "year")
    assert load_settings() == {"sort": "year"}


def test_remember_keeps_the_other_values() -> None:
    remember("sort", "year")
    remember("theme", "nord")
    remember("sort", "title")
    assert load_settings() == {"sort": "title", "theme": "nord"}


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[1, 2]", b'"sort"', b"null", b"\xff\xfe\x00garbage", b'{"sort": NaN'],
)
def test_a_bad_file_reads_as_no_settings_and_is_replaced_on_save(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert load_settings() == {}
    assert remember("sort", "year")
    assert json.loads(path.read_text(encoding="utf-8")) == {"sort": "year"}


def test_a_directory_in_the_way_reads_as_no_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    assert load_settings(path) == {}
    assert save_settings({"sort": "year"}, path) is False


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_directory_fails_softly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert save_settings({"sort": "year"}, folder / "settings.json") is False
    finally:
        folder.chmod(0o700)


def test_a_value_json_cannot_hold_is_refused_without_touching_the_file() -> None:
    remember("sort", "year")
    assert remember("bad", object()) is False
    assert load_settings() == {"sort": "year"}


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "state" / "settings.json"
    save_settings({"a": 1}, path)
    save_settings({"a": 2}, path)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]
