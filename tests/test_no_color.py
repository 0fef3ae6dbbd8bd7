"""NO_COLOR (https://no-color.org): the app draws in shades of grey, and ★ still shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.app import make_app
from tui.widgets.film_list import STAR, FilmList

HEX = re.compile(r"#([0-9a-fA-F]{6})\b")
# The window frame Textual draws around a screenshot: its three coloured buttons.
WINDOW_BUTTONS = re.compile(r"<circle[^>]*/>")


def colours(svg: str) -> set[tuple[int, int, int]]:
    """Every colour of the screenshot, but the window frame's buttons."""
    svg = WINDOW_BUTTONS.sub("", svg)
    return {
        (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)) for code in HEX.findall(svg)
    }


def is_grey(rgb: tuple[int, int, int]) -> bool:
    return max(rgb) - min(rgb) <= 3


async def test_no_color_draws_without_colour(
    catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(catalog_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "f")
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
        assert STAR in svg
        assert app.query_one(FilmList).highlighted_film is not None
    assert [rgb for rgb in colours(svg) if not is_grey(rgb)] == []


async def test_without_no_color_the_app_has_colour(
    catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: the same screen normally has colours."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(catalog_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "f")
        await pilot.pause()
        svg = app.export_screenshot()
    assert [rgb for rgb in colours(svg) if not is_grey(rgb)] != []
