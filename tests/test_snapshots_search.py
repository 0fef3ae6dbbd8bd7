"""What search looks like: highlighted matches, compared with a reviewed SVG snapshot.

Update with `pytest tests/test_snapshots_search.py --snapshot-update`, render the
new SVG to PNG (`rsvg-convert`) and look at it before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.app import make_app
from tui.widgets.search_bar import SearchBar


async def _steady(pilot: Pilot[None]) -> None:
    """No blinking cursor, so the picture is the same every run."""
    pilot.app.query_one(SearchBar).cursor_blink = False
    await pilot.pause()


class TestSearchSnapshots:
    def test_highlighted_search(self, catalog_path: Path, snap_compare: Any) -> None:
        """`venus` highlighted in the list rows and in the detail pane's text."""
        assert snap_compare(
            make_app(catalog_path),
            press=[*"venus", "down"],
            terminal_size=(100, 30),
            run_before=_steady,
        )

    def test_hint_and_suggestion(self, catalog_path: Path, snap_compare: Any) -> None:
        """A misspelt search with a bad year: the hint under the bar, a title suggested."""
        assert snap_compare(
            make_app(catalog_path),
            press=[*"mosko kasiopeya year:x"],
            terminal_size=(100, 30),
            run_before=_steady,
        )
