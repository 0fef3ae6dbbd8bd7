"""Shared fixtures: every test gets its own data directory and catalog copy."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from textual import events
from textual.command import CommandList, CommandPalette
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from tui.app import FilmApp, make_app
from tui.store.locations import bundled_catalog_bytes

# Hypothesis: `dev` (the default) explores new examples on every run and keeps
# the failing ones in .hypothesis/; `ci` (chosen when the CI variable is set, as
# `.ci/run` runs) is derandomized, so that a red build fails the same way when
# run again, with no deadline and no too-slow check (a shared CI machine is slow
# by moments) and no example database (a clean clone has none to reuse).
settings.register_profile("dev", parent=settings.get_profile("default"), print_blob=True)
settings.register_profile(
    "ci",
    parent=settings.get_profile("default"),
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG data/config/state at tmp_path so no test touches the real home."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


@pytest.fixture
def catalog_path(tmp_path: Path) -> Path:
    """A copy of the bundled catalog in tmp_path."""
    path = tmp_path / "catalog" / "films.json"
    path.parent.mkdir()
    path.write_bytes(bundled_catalog_bytes())
    return path


def write_catalog(path: Path, documents: list[dict[str, Any]]) -> Path:
    """A TinyDB catalog file holding `documents` in its `films` table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = {str(number): doc for number, doc in enumerate(documents, 1)}
    path.write_text(json.dumps({"films": table}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def app(catalog_path: Path) -> FilmApp:
    return make_app(catalog_path)


def record_notices(app: FilmApp) -> list[str]:
    """The messages of every notification `app` shows from now on, in order."""
    notices: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs: Any) -> None:
        notices.append(message)
        notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return notices


def key_event(key: str) -> events.Key:
    """The event a terminal delivers for `key`, as `Pilot.press` builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def run_filmtui(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` as a real process in `home`, with its data and state there."""
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=60,
        check=False,
    )


def on_a_terminal(
    *args: str, home: Path, stdout: bool = True, columns: int = 200
) -> tuple[int, bytes]:
    """`python -m tui ARGS` with its standard error (and output, if `stdout`) on a
    real pty: its status, and every byte it wrote there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave if stdout else subprocess.DEVNULL,
        stderr=slave,
        env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns)},
        cwd=home,
    )
    os.close(slave)
    output = bytearray()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output.extend(chunk)
        status = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return status, bytes(output)


async def palette_lines(pilot: Pilot[None], *keys: str) -> list[str]:
    """Open the command palette, type `keys`, and read the lines it shows once its
    searches (a worker each) are done."""
    await pilot.press("ctrl+p", *keys)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await palette.workers.wait_for_complete()
    await pilot.pause(0.3)
    commands = palette.query_one(CommandList)
    return [commands.render_line(y).text for y in range(commands.size.height)]
