"""What the screen looks like, compared with reviewed SVG snapshots.

Update with `pytest tests/test_snapshots.py --snapshot-update`, then look at
the new SVGs (`python -m scripts.screenshots` and render them) before committing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.full_film import FULL, FULL_MARKS, library_of
from tests.scenarios import SCENARIOS, Scenario, drive
from tui.app import make_app
from tui.widgets.search_bar import SearchBar


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_screen(scenario: Scenario, catalog_path: Path, snap_compare: Any) -> None:
    """Each scenario of tests/scenarios.py looks as reviewed."""
    assert snap_compare(
        make_app(catalog_path),
        terminal_size=scenario.size,
        run_before=partial(drive, scenario=scenario),
    )


async def _steady(pilot: Pilot[None]) -> None:
    """No blinking cursor, so the picture is the same every run."""
    pilot.app.query_one(SearchBar).cursor_blink = False
    await pilot.pause()


class TestDetailSnapshots:
    """The detail pane of a film with every field and every mark (dark, 100×30)."""

    def test_full_film(self, tmp_path: Path, snap_compare: Any) -> None:
        """Title to credits: the marks, the days seen, the tags, the labelled fields."""
        path = library_of(tmp_path, [FULL], {FULL["id"]: FULL_MARKS})
        assert snap_compare(
            make_app(path), press=["down"], terminal_size=(100, 30), run_before=_steady
        )

    def test_full_film_to_its_end(self, tmp_path: Path, snap_compare: Any) -> None:
        """The pane scrolled to its end: description, fact, notes, the film's own fields."""
        path = library_of(tmp_path, [FULL], {FULL["id"]: FULL_MARKS})
        assert snap_compare(
            make_app(path),
            press=["down", "tab", "end"],
            terminal_size=(100, 30),
            run_before=_steady,
        )
