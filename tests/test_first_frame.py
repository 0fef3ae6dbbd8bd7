"""The first frame imports only what it shows: each screen opened on a key, the
palette's commands, the typo search's rapidfuzz and the keymap's TOML reader
are imported when they are first needed (their keys are driven in
test_keys, test_palette, test_groups_ui, test_editing and test_undo). The
garbage collector, off while `filmtui` starts, is on once the frame is drawn."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from tui.cli.main import EXIT_BAD_INPUT, main
from tui.keymap import read_keymap

LATER = [
    "rapidfuzz",
    "tomllib",
    "textual.widgets._progress_bar",
    "textual.widgets._text_area",
    "tui.commands",
    "tui.screens.confirm",
    "tui.screens.details",
    "tui.screens.film_form",
    "tui.screens.groups",
    "tui.screens.help",
    "tui.screens.save_search",
    "tui.screens.statistics",
]

PROGRAM = f"""
import asyncio, sys
from pathlib import Path
import tui.cli.main
from tui.app import make_app
from tui.widgets.film_list import FilmList

async def first_frame() -> None:
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.query_one(FilmList).films, "the list is filled"
        print(" ".join(name for name in {LATER!r} if name in sys.modules))

asyncio.run(first_frame())
"""


def _printed(program: str, catalog: Path) -> str:
    """What `program` prints, run in a fresh interpreter on `catalog`."""
    done = subprocess.run(
        [sys.executable, "-c", program, str(catalog)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_first_frame_imports_no_screen_opened_on_a_key(catalog_path: Path) -> None:
    assert _printed(PROGRAM, catalog_path).strip() == ""


COLLECTOR = """
import asyncio, gc, sys
from pathlib import Path
from tui.app import make_app
from tui.gc_paused import pause_until_resumed

async def first_frame() -> None:
    pause_until_resumed()  # as `filmtui` starts (`tui.cli.main`)
    app = make_app(Path(sys.argv[1]))
    async with app.run_test() as pilot:
        await pilot.pause()
        print(gc.isenabled(), gc.get_freeze_count() > 0)

asyncio.run(first_frame())
"""


def test_the_collector_is_on_again_after_the_first_frame(catalog_path: Path) -> None:
    assert _printed(COLLECTOR, catalog_path).split() == ["True", "True"]


def test_a_catalog_that_cannot_be_opened_leaves_the_collector_on(tmp_path: Path) -> None:
    catalog = tmp_path / "films.json"
    catalog.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(catalog)]) == EXIT_BAD_INPUT
    assert gc.isenabled()


def test_a_keymap_that_is_not_toml_is_said_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('"list.favourite" = \n', encoding="utf-8")
    keymap, problems = read_keymap(path, ["list.favourite"])
    assert keymap == {}
    assert len(problems) == 1 and "\n" not in problems[0] and "not read" in problems[0]
