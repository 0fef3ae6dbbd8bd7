"""The real terminal: what bytes reach it, tiny sizes, and a storm of random keys."""

from __future__ import annotations

import fcntl
import os
import random
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from textual.command import CommandPalette

from tests.conftest import key_event
from tests.hostile import CONTROL_MARKERS, hostile_documents, write_hostile_catalog
from tui.app import FilmApp, make_app
from tui.widgets.film_list import FilmList

pty = pytest.importorskip("pty")

DOWN = b"\x1b[B"
CTRL_Q = b"\x11"


def run_in_pty(argv: list[str], env: dict[str, str], keys: list[bytes]) -> tuple[int, bytes]:
    """Run `argv` on a real pseudo-terminal, type `keys`, return its status and output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = bytearray()

    def read_for(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                return
            if not chunk:
                return
            output.extend(chunk)

    try:
        deadline = time.monotonic() + 30
        while b"Details" not in output and time.monotonic() < deadline:
            read_for(0.1)
        assert b"Details" in output, output[-500:]
        for key in keys:
            os.write(master, key)
            # Until the screen is quiet (drawn), however slow a loaded machine is.
            settled = time.monotonic() + 5
            while time.monotonic() < settled:
                before = len(output)
                read_for(0.3)
                if len(output) == before:
                    break
        os.write(master, CTRL_Q)
        read_for(3)
        status = process.wait(timeout=10)
        read_for(0.2)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return status, bytes(output)


C1 = re.compile("[\x80-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The control bytes a Textual screen is made of; the catalog's must not be among them.
TEXTUAL_CONTROLS = {"\x1b", "\r", "\n", "\x07"}


def test_catalog_controls_never_reach_the_real_terminal(tmp_path: Path) -> None:
    catalog = write_hostile_catalog(tmp_path / "films.json")
    env = {
        # Not COLUMNS or LINES (pytest may set them): the pty's own size, 140×40.
        **{name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")},
        "TERM": "xterm-256color",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    keys = [DOWN] * (len(hostile_documents()) + 2)  # every film, in the list and the detail
    status, output = run_in_pty([sys.executable, "-m", "tui", "--db", str(catalog)], env, keys)
    text = output.decode("utf-8", errors="replace")
    assert status == 0, text[-2000:]
    for marker in CONTROL_MARKERS:  # the hostile titles were on screen…
        assert marker in text, marker
    assert b"\x1b]0;PWNED" not in output  # …without their escape sequences
    assert b"\x1b[2J\x1b[HSCREEN" not in output
    assert b"\x1b]8;;https://evil" not in output
    assert b"\xc2\x9b" not in output
    assert C1.findall(text) == []
    assert BIDI.findall(text) == []
    controls = {char for char in text if ord(char) < 0x20 or char == "\x7f"}
    assert controls <= TEXTUAL_CONTROLS, sorted(controls - TEXTUAL_CONTROLS)
    assert "\ufffd" in text  # the lone surrogate, shown as a replacement character


# -- sizes and keys ---------------------------------------------------------------

SIZES = [(20, 6), (2, 2), (1, 1), (40, 3), (100, 30)]
KEYS_AT_EACH_SIZE = ["down", "down", "f", "F", "F", "slash", "x", "escape", "question_mark"]


async def test_resizing_to_tiny_and_back_never_raises(tmp_path: Path) -> None:
    app = make_app(write_hostile_catalog(tmp_path / "films.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for key in [*KEYS_AT_EACH_SIZE, "escape"]:
                app.post_message(key_event(key))
            await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running
        assert len(app.query_one(FilmList).films) == len(hostile_documents())


NAVIGATION = [
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab",
    "enter", "escape", "backspace", "delete", "space", "question_mark", "f1",
]  # fmt: skip
# Not ctrl+p: see test_page_down_right_after_opening_the_palette_does_not_crash.
PRINTABLE = list("abcdefFjksuwxyz019 /\\[]@$=.-'\"ёж★")


@pytest.mark.parametrize("seed", [2026])
async def test_two_thousand_random_keys_never_raise(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    pool = NAVIGATION * 2 + PRINTABLE
    keys = [rng.choice(pool) for _ in range(2000)]
    app: FilmApp = make_app(write_hostile_catalog(tmp_path / "films.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        # Keys arrive in bursts, as from a fast typist or a paste; `Pilot.press`
        # would wait 40 ms after each one (80 s for 2,000).
        for start in range(0, len(keys), 250):
            for key in keys[start : start + 250]:
                app.post_message(key_event(key))
            await pilot.pause()
            await pilot.resize_terminal(*rng.choice([(80, 24), (30, 8), (120, 40), (3, 3)]))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None


async def test_page_down_right_after_opening_the_palette_does_not_crash(
    catalog_path: Path,
) -> None:
    """Textual 8.2.8's OptionList pages before it is laid out (KeyError: 0); the
    palette moves once it is. Both keys are queued before either is handled, so
    the page key always arrives before the palette's list is laid out."""
    app = make_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("ctrl+p", "pagedown", "pageup", "pagedown"):
            app.post_message(key_event(key))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CommandPalette)


async def test_enter_and_escape_together_on_the_delete_dialog_do_not_crash(
    catalog_path: Path,
) -> None:
    app = make_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        for key in ("d", "enter", "escape"):
            app.post_message(key_event(key))
        await pilot.pause()
        assert app.is_running
