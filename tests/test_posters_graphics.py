"""Posters in a terminal's own graphics (Kitty's protocol, Sixel) through
textual-image: only where the environment says the terminal draws them, and
otherwise exactly the half blocks, without importing textual-image at all."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.test_posters import (
    RED,
    STALKER,
    catalog,
    catalog_with_poster,
    poster_lines,
    red_over_blue,
    shown_poster,
)
from tui import graphics
from tui.app import FilmApp, make_app
from tui.cli.main import main
from tui.widgets.film_detail import FilmDetail

pytest.importorskip("textual_image.widget")  # here, with no terminal: no questions asked
from textual_image.widget import SixelImage, TGPImage

KITTY = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}


@pytest.mark.parametrize(
    ("environ", "terminal", "want"),
    [
        ({}, True, None),
        ({"TERM": "xterm-256color"}, True, None),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, True, None),
        ({"TERM": "xterm-kitty"}, True, "ask"),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, True, "ask"),
        ({"TERM": "xterm-ghostty"}, True, "ask"),
        ({"TERM_PROGRAM": "ghostty"}, True, "ask"),
        ({"TERM_PROGRAM": "WezTerm"}, True, "ask"),
        ({"TERM_PROGRAM": "iTerm.app"}, True, "ask"),
        ({"TERM": "foot"}, True, "ask"),
        ({"TERM": "foot-extra"}, True, "ask"),
        ({"TERM": "mlterm"}, True, "ask"),
        (KITTY, False, None),  # piped: no terminal to draw in
        ({**KITTY, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, True, None),
        ({**KITTY, "TMUX": "/tmp/tmux-1000/default,1,0"}, True, None),  # kitty's variables leak
        ({"TERM": "screen", "STY": "1.pts-0", "TERM_PROGRAM": "WezTerm"}, True, None),
        ({"TERM": "xterm-256color", "FILMTUI_GRAPHICS": "kitty"}, True, "kitty"),
        ({"TERM": "xterm-256color", "FILMTUI_GRAPHICS": " Sixel "}, True, "sixel"),
        ({"TMUX": "x", "FILMTUI_GRAPHICS": "sixel"}, True, "sixel"),  # asked for: tried
        ({**KITTY, "FILMTUI_GRAPHICS": "off"}, True, None),
        ({**KITTY, "FILMTUI_GRAPHICS": "nonsense"}, True, None),
        ({**KITTY, "FILMTUI_GRAPHICS": "auto"}, True, "ask"),
        ({"FILMTUI_GRAPHICS": "kitty"}, False, None),
        ({"FILMTUI_GRAPHICS": "kitty", "TEXTUAL_DRIVER": "web"}, True, None),
    ],
)
def test_graphics_are_wanted_only_where_the_environment_says_so(
    environ: dict[str, str], terminal: bool, want: str | None
) -> None:
    assert graphics.wanted(environ, terminal=terminal) == want


class _Terminal:
    """Standard output as a terminal (textual-image is imported already: it asks nothing)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "__stdout__", _Terminal())
    monkeypatch.setattr(graphics, "_started", None)


@pytest.mark.usefixtures("a_terminal")
def test_start_uses_the_protocol_asked_for_and_the_terminals_answer_otherwise() -> None:
    assert graphics.start({"FILMTUI_GRAPHICS": "kitty"}) == "kitty" == graphics.protocol()
    assert graphics.start({"FILMTUI_GRAPHICS": "sixel"}) == "sixel"
    # This terminal answered textual-image's questions with neither: half blocks.
    assert graphics.start(KITTY) is None and graphics.protocol() is None
    assert graphics.start({"TERM": "xterm-256color"}) is None


@pytest.mark.usefixtures("a_terminal")
async def test_without_textual_image_a_kitty_terminal_gets_half_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in sys.modules if name.startswith("textual_image")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textual_image", None)  # `import textual_image` fails
    assert graphics.start({**KITTY, "FILMTUI_GRAPHICS": "kitty"}) is None
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        await pilot.pause()
        assert not poster.query("#poster-graphic")
        assert set("".join(poster_lines(app, poster))) == {"▀"}


async def test_without_graphics_the_poster_is_half_blocks_and_no_graphic_widget(
    tmp_path: Path,
) -> None:
    assert graphics.protocol() is None
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert not poster.query("#poster-graphic")
        assert poster.drawn.picture is not None and hasattr(poster.drawn.picture, "rows")


@pytest.mark.parametrize(("protocol", "kind"), [("kitty", TGPImage), ("sixel", SixelImage)])
async def test_with_graphics_textual_image_draws_the_poster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, protocol: str, kind: type
) -> None:
    monkeypatch.setattr(graphics, "_started", protocol)
    path = catalog(tmp_path)
    red_over_blue(path.parent / "posters" / "solaris-1972.png", (400, 600))
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        await pilot.pause()
        graphic = poster.query_one("#poster-graphic")
        assert isinstance(graphic, kind) and graphic.display
        assert not poster.query_one("#poster-cells").display
        picture = poster.drawn.picture
        request = poster.request
        assert picture is not None and request is not None
        # Scaled in the worker to the pane's pixels (10×20 a cell here: no terminal to ask).
        image = graphic.image
        assert image is picture.image  # type: ignore[union-attr]
        assert image.size == (round(request.height * 20 * 400 / 600), request.height * 20)
        assert image.getpixel((0, 0))[:3] == RED
        assert (
            graphic.size
            == (picture.width, picture.height)
            == (
                round(image.width / 10),
                request.height,
            )
        )
        assert app.query_one("#detail-title").region.y >= poster.region.bottom
        if protocol == "kitty":  # Kitty's unicode placeholders, one a cell
            lines = poster_lines(app, poster)
            assert all(line.count("\U0010eeee") == picture.width for line in lines)


async def test_with_graphics_a_small_image_fills_the_poster_as_half_blocks_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphics, "_started", "kitty")
    path = catalog(tmp_path)
    red_over_blue(path.parent / "posters" / "solaris-1972.png", (40, 60))  # 4×3 cells of pixels
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        picture, request = poster.drawn.picture, poster.request
        assert picture is not None and request is not None
        assert picture.image.size == (40, 60)  # type: ignore[union-attr]  # not enlarged here
        assert picture.height == request.height  # but drawn as tall as the half blocks
        assert picture.width == round(request.height * 20 * 40 / 60 / 10)


async def test_with_graphics_another_film_without_a_poster_hides_the_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphics, "_started", "kitty")
    app = make_app(catalog_with_poster(tmp_path, STALKER))
    async with app.run_test(size=(100, 40)) as pilot:
        poster = await shown_poster(app)
        assert poster.query_one("#poster-graphic").display
        await pilot.press("down", "down")
        assert app.query_one(FilmDetail).view.film.id == "stalker-1979"  # type: ignore[union-attr]
        assert not poster.display
        assert poster.query_one("#poster-graphic").image is None  # type: ignore[attr-defined]


def _started_in(
    environ: dict[str, str], *, terminal: bool, size: tuple[int, int] = (40, 100)
) -> str:
    """What a fresh filmtui's start chose, and whether it imported textual-image."""
    program = (
        "import sys, tui.cli.main, tui.app, tui.widgets.poster\n"
        "from tui import graphics\n"
        "chose = graphics.start()\n"
        "imported = {name.split('.')[0] for name in sys.modules} & {'textual_image'}\n"
        "print(chose, 'textual_image.widget' in sys.modules, bool(imported), file=sys.stderr)\n"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("TERM", "TERM_PROGRAM", "TMUX")}
    clean = {k: v for k, v in clean.items() if "KITTY" not in k and k != graphics.VARIABLE}
    if not terminal:
        done = subprocess.run(
            [sys.executable, "-c", program], env={**clean, **environ}, capture_output=True
        )
        return done.stderr.decode().strip()
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "-c", program],
            env={**clean, **environ},
            stdin=follower,
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=30,
        )
    finally:
        os.close(follower)
        os.close(leader)
    return done.stderr.decode().strip()  # and nothing else: no warning of textual-image's


def test_a_plain_terminal_never_imports_textual_image() -> None:
    assert _started_in({"TERM": "xterm-256color"}, terminal=True) == "None False False"


def test_piped_output_never_imports_textual_image_even_when_asked() -> None:
    assert _started_in({"TERM": "xterm-kitty", "FILMTUI_GRAPHICS": "kitty"}, terminal=False) == (
        "None False False"
    )


def test_a_kitty_terminal_imports_textual_image_before_the_app() -> None:
    # This pty answers none of textual-image's questions: the Kitty variable is
    # not enough, half blocks it is; asked for by name, Kitty's protocol.
    assert _started_in(KITTY, terminal=True) == "None True True"
    assert _started_in({"FILMTUI_GRAPHICS": "kitty"}, terminal=True) == "kitty True True"


def test_a_terminal_that_textual_image_cannot_measure_gets_half_blocks() -> None:
    # textual-image divides by the terminal's columns: 0 of them is a ZeroDivisionError.
    started = _started_in({"FILMTUI_GRAPHICS": "kitty"}, terminal=True, size=(0, 0))
    assert started == "None False True"


@pytest.mark.usefixtures("a_terminal")
@pytest.mark.parametrize(
    ("environ", "chosen"), [({}, None), ({"FILMTUI_GRAPHICS": "kitty"}, "kitty")]
)
def test_the_app_command_chooses_before_the_app_runs(
    catalog_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
    chosen: str | None,
) -> None:
    for name in ("TERM", "TERM_PROGRAM", "KITTY_WINDOW_ID", "TMUX", "STY", graphics.VARIABLE):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    seen: list[str | None] = []
    monkeypatch.setattr(FilmApp, "run", lambda app: seen.append(graphics.protocol()))
    assert main(["--db", str(catalog_path)]) == 0
    assert seen == [chosen]
