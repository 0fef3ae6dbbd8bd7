"""Save real screenshots of the app to `screenshots/`: `python -m scripts.screenshots`.

The states are the snapshot tests' scenarios (`tests/scenarios.py`), run on a
fresh copy of the bundled catalog; the big-catalog states (loading, indexing,
a search's first films), which the snapshot tests hold still with threads
waiting on events, and the detail pane with a poster (an image the test
makes with Pillow), are copied from their reviewed snapshots.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from tests.collection import collection, open_statistics
from tests.scenarios import SCENARIOS, Scenario, drive
from tui.app import make_app
from tui.store.locations import bundled_catalog_bytes

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
BIG = ROOT / "tests" / "__snapshots__" / "test_snapshots_big"
POSTER = (
    ROOT
    / "tests"
    / "__snapshots__"
    / "test_snapshots_posters"
    / "test_full_film_with_its_poster.svg"
)


async def shoot(scenario: Scenario, workdir: Path) -> Path:
    catalog = workdir / scenario.name / "films.json"
    catalog.parent.mkdir()
    catalog.write_bytes(bundled_catalog_bytes())  # a new path would start empty
    app = make_app(catalog)
    async with app.run_test(size=scenario.size) as pilot:
        await drive(pilot, scenario)
        return Path(app.save_screenshot(f"{scenario.name}.svg", str(OUT)))


async def shoot_statistics(workdir: Path, theme: str) -> Path:
    """The statistics screen of the test collection (the bundled films have no genres)."""
    name = "statistics" if theme == "textual-dark" else "statistics-light"
    app = make_app(collection(workdir / name))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_statistics(pilot, theme)
        return Path(app.save_screenshot(f"{name}.svg", str(OUT)))


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        os.environ["XDG_DATA_HOME"] = workdir
        os.environ["XDG_STATE_HOME"] = workdir
        os.environ["XDG_CONFIG_HOME"] = workdir
        for scenario in SCENARIOS:
            print(await shoot(scenario, Path(workdir)))
        for theme in ("textual-dark", "textual-light"):
            print(await shoot_statistics(Path(workdir), theme))
    for snapshot in sorted(BIG.glob("test_*.svg")):
        target = OUT / f"big-{snapshot.stem.removeprefix('test_').replace('_', '-')}.svg"
        target.write_bytes(snapshot.read_bytes())
        print(target)
    (OUT / "poster.svg").write_bytes(POSTER.read_bytes())
    print(OUT / "poster.svg")


if __name__ == "__main__":
    asyncio.run(main())
