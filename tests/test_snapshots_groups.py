"""The group screen, compared with reviewed SVG snapshots (dark, light, NO_COLOR).

The collection's genres include `[bold]x[/]`, shown as written. Update with
`pytest tests/test_snapshots_groups.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.group_collection import collection
from tui.app import make_app
from tui.widgets.search_bar import SearchBar

GENRES = ["down", "g", "right", "right"]  # decade, year, then genre


def _in_theme(theme: str) -> Any:
    async def steady(pilot: Pilot[None]) -> None:
        """The theme, no blinking cursor, the genres once made (in a thread)."""
        pilot.app.theme = theme
        pilot.app.query_one(SearchBar).cursor_blink = False
        await pilot.pause()
        await pilot.press(*GENRES)
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    return steady


class TestGroupSnapshots:
    """The films by genre, the biggest group first."""

    def test_dark(self, tmp_path: Path, snap_compare: Any) -> None:
        """The default theme."""
        assert snap_compare(
            make_app(collection(tmp_path)),
            terminal_size=(100, 30),
            run_before=_in_theme("textual-dark"),
        )

    def test_light(self, tmp_path: Path, snap_compare: Any) -> None:
        """A light theme: the highlight and the counts still read."""
        assert snap_compare(
            make_app(collection(tmp_path)),
            terminal_size=(100, 30),
            run_before=_in_theme("textual-light"),
        )

    def test_no_color(
        self, tmp_path: Path, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: shades of grey, the grouping shown reversed."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(
            make_app(collection(tmp_path)),
            terminal_size=(100, 30),
            run_before=_in_theme("textual-dark"),
        )
