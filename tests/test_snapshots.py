"""What the screen looks like, compared with reviewed SVG snapshots.

Update with `pytest tests/test_snapshots.py --snapshot-update`, then look at
the new SVGs (`python -m scripts.screenshots` and render them) before committing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.scenarios import SCENARIOS, Scenario, drive
from tui.app import make_app


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_screen(scenario: Scenario, catalog_path: Path, snap_compare: Any) -> None:
    """Each scenario of tests/scenarios.py looks as reviewed."""
    assert snap_compare(
        make_app(catalog_path),
        terminal_size=scenario.size,
        run_before=partial(drive, scenario=scenario),
    )
