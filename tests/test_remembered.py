"""Remembered places and theme, on real files in the state directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.app import make_app
from tui.store import remembered
from tui.store.remembered import MAX_PLACES, Place, Remembered, settings_path


def save_session(catalog: Path, place: Place, theme: str | None) -> bool:
    """What the app does on quit."""
    remembered = Remembered.load()
    remembered.set_place(catalog, place)
    if theme is not None:
        remembered.theme = theme
    return remembered.save()


def test_a_saved_place_comes_back_for_its_catalog_only(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert save_session(one, Place("venus", "planet-of-storms-1961", True), "nord")
    remembered = Remembered.load()
    assert remembered.place(one) == Place("venus", "planet-of-storms-1961", True)
    assert remembered.place(two) == Place()
    assert remembered.theme == "nord"


def test_a_damaged_settings_file_reads_as_nothing_remembered(tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"places": {"x": {"query": 7, "favourites_only": "yes"}}, "theme": 3}')
    assert Remembered.load().place(Path("x")) == Place()
    assert Remembered.load().theme is None
    path.write_bytes(b"\xff\x00 not json")
    assert Remembered.load().place(Path("x")) == Place()


def test_only_the_latest_places_are_kept(tmp_path: Path) -> None:
    for number in range(MAX_PLACES + 5):
        save_session(tmp_path / f"{number}.json", Place(query=str(number)), None)
    remembered = Remembered.load()
    assert remembered.place(tmp_path / "0.json") == Place()
    assert remembered.place(tmp_path / f"{MAX_PLACES + 4}.json").query == str(MAX_PLACES + 4)


def test_places_of_two_filmtuis_on_two_catalogs_are_both_kept(tmp_path: Path) -> None:
    one, two = Remembered.load(), Remembered.load()
    one.set_place(tmp_path / "one.json", Place("one"))
    two.set_place(tmp_path / "two.json", Place("two"))
    assert one.save() and two.save()
    remembered = Remembered.load()
    assert remembered.place(tmp_path / "one.json").query == "one"
    assert remembered.place(tmp_path / "two.json").query == "two"


async def test_settings_are_read_once_at_start(
    catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sort, the theme and the place come from one read (it was three)."""
    reads: list[Path] = []
    real = remembered._read

    def counting(path: Path) -> tuple[dict[str, Any], bytes | None]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(remembered, "_read", counting)
    app = make_app(catalog_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(reads) == 1
