"""What the statistics screen looks like, in dark, light and NO_COLOR (reviewed SVGs).

Update with `pytest tests/test_statistics_snapshots.py --snapshot-update`, then
look at the new SVGs before committing them.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.collection import collection, open_statistics
from tests.test_no_color import colours, is_grey
from tui.app import make_app
from tui.screens.statistics import StatisticsScreen


class TestStatisticsSnapshots:
    """The figures of the test collection as bar charts (120×40, two columns)."""

    def test_dark(self, tmp_path: Path, snap_compare: Any) -> None:
        """Every film: watching time, decades, genres, directors, ratings, viewings."""
        assert snap_compare(
            make_app(collection(tmp_path)), terminal_size=(120, 40), run_before=open_statistics
        )

    def test_light_of_a_search(self, tmp_path: Path, snap_compare: Any) -> None:
        """The figures of the search `director:tarkovsky`, in a light theme."""
        drive = partial(open_statistics, theme="textual-light", keys=tuple("director:tarkovsky"))
        assert snap_compare(
            make_app(collection(tmp_path)), terminal_size=(120, 40), run_before=drive
        )

    def test_no_color_narrow(
        self, tmp_path: Path, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR at 70×30: one column; the bars are blocks and every count is written."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(
            make_app(collection(tmp_path)), terminal_size=(70, 30), run_before=open_statistics
        )


async def test_no_color_statistics_are_grey_and_keep_bars_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(collection(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_statistics(pilot)
        assert isinstance(app.screen, StatisticsScreen)
        svg = app.export_screenshot()
    assert [rgb for rgb in colours(svg) if not is_grey(rgb)] == []
    assert "█" in svg
    assert "Tarkovsky" in svg
