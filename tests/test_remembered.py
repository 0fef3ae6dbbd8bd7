"""Remembered places and theme, on real files in the state directory."""

from __future__ import annotations

from pathlib import Path

from tui.store.remembered import MAX_PLACES, Place, load_place, load_theme, save_session
from tui.store.settings import settings_path


def test_a_saved_place_comes_back_for_its_catalog_only(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert save_session(one, Place("venus", "planet-of-storms-1961", True), "nord")
    assert load_place(one) == Place("venus", "planet-of-storms-1961", True)
    assert load_place(two) == Place()
    assert load_theme() == "nord"


def test_a_damaged_settings_file_reads_as_nothing_remembered(tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"places": {"x": {"query": 7, "favourites_only": "yes"}}, "theme": 3}')
    assert load_place(Path("x")) == Place()
    assert load_theme() is None
    path.write_bytes(b"\xff\x00 not json")
    assert load_place(Path("x")) == Place()


def test_only_the_latest_places_are_kept(tmp_path: Path) -> None:
    for number in range(MAX_PLACES + 5):
        save_session(tmp_path / f"{number}.json", Place(query=str(number)), None)
    assert load_place(tmp_path / "0.json") == Place()
    assert load_place(tmp_path / f"{MAX_PLACES + 4}.json").query == str(MAX_PLACES + 4)
