"""The detail pane with a poster, compared with a reviewed SVG snapshot.

Update with `pytest tests/test_snapshots_posters.py --snapshot-update`, and look
at the new SVG before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from textual.pilot import Pilot

from tests.full_film import FULL, FULL_MARKS, library_of
from tui.app import make_app
from tui.widgets.search_bar import SearchBar


def a_poster(path: Path) -> Path:
    """A poster made here: a night-blue gradient, a red disc, a pale band of a title."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (200, 300))
    drawing = ImageDraw.Draw(image)
    for y in range(300):
        drawing.line([(0, y), (199, y)], fill=(10, 20 + y // 6, 40 + y // 3))
    drawing.ellipse((50, 60, 150, 160), fill=(210, 40, 30))
    drawing.rectangle((20, 230, 180, 260), fill=(235, 225, 200))
    image.save(path)
    return path


async def _poster_drawn(pilot: Pilot[None]) -> None:
    pilot.app.query_one(SearchBar).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_full_film_with_its_poster(tmp_path: Path, snap_compare: Any) -> None:
    """The poster at the top of the pane, in half blocks, the title under it."""
    path = library_of(tmp_path, [FULL], {FULL["id"]: FULL_MARKS})
    a_poster(path.parent / "posters" / f"{FULL['id']}.png")
    assert snap_compare(make_app(path), terminal_size=(100, 30), run_before=_poster_drawn)
