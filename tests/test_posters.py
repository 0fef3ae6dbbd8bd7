"""Posters in the detail pane (Pilot): drawn in half blocks from a real image file
made here with Pillow, nothing for a film without one, one line of why for a
file that cannot be shown, and the app as before without the images extra."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import write_catalog
from tui.app import FilmApp, make_app
from tui.screens.details import DetailScreen
from tui.widgets import poster as poster_module
from tui.widgets.film_detail import FilmDetail
from tui.widgets.poster import NEEDS_IMAGES, Drawn, Poster, PosterRequest, draw

RED, BLUE = (200, 20, 20), (20, 20, 200)
SOLARIS = {"id": "solaris-1972", "title": "Solaris", "year": 1972, "description": "", "fact": ""}


def red_over_blue(path: Path, size: tuple[int, int] = (40, 60)) -> Path:
    """An image whose upper half is red and lower half blue."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0], size[1] // 2))
    image.save(path)
    return path


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG that says it is `width` × `height` (its pixels cut off)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"")


def catalog(tmp_path: Path, **fields: Any) -> Path:
    return write_catalog(tmp_path / "catalog" / "films.json", [{**SOLARIS, **fields}])


STALKER = {**SOLARIS, "id": "stalker-1979", "title": "Stalker", "year": 1979}
"""A film without a poster file."""


def catalog_with_poster(tmp_path: Path, *others: dict[str, Any]) -> Path:
    """A catalog of Solaris (then `others`), with `posters/solaris-1972.png` beside it."""
    path = write_catalog(tmp_path / "catalog" / "films.json", [SOLARIS, *others])
    red_over_blue(path.parent / "posters" / "solaris-1972.png")
    return path


async def shown_poster(app: FilmApp) -> Poster:
    """The detail pane's poster, once its worker has read and decoded the file."""
    poster = app.screen.query_one(FilmDetail).query_one(Poster)
    await poster.workers.wait_for_complete()
    return poster


def poster_lines(app: FilmApp, poster: Poster) -> list[str]:
    """The poster's cells as the screen shows them."""
    region = poster.region
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in region.line_range]


async def test_a_poster_beside_the_catalog_is_drawn_in_half_blocks(tmp_path: Path) -> None:
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        await pilot.pause()
        picture = poster.drawn.picture
        assert picture is not None and poster.display
        assert poster.drawn.note == ""
        # 40×60 pixels scaled to half the pane's height, two pixels a row, 2:3 kept.
        rows = app.query_one(FilmDetail).scrollable_content_region.height // 2
        assert picture.height == rows
        assert picture.width == round(rows * 2 * 40 / 60)
        lines = poster_lines(app, poster)
        assert lines == ["▀" * picture.width] * rows
        upper = picture.rows[0][0].style
        lower = picture.rows[-1][0].style
        assert upper is not None and upper.color is not None and upper.bgcolor is not None
        assert upper.color.get_truecolor()[:3] == RED and upper.bgcolor.get_truecolor() == RED
        assert lower is not None and lower.color is not None
        assert lower.color.get_truecolor()[:3] == BLUE
        # The title is under the poster, not hidden by it.
        title = app.query_one("#detail-title")
        assert title.region.y >= poster.region.bottom


async def test_the_poster_field_names_a_file_relative_to_the_catalog(tmp_path: Path) -> None:
    path = catalog(tmp_path, poster="art/solaris.jpg")
    red_over_blue(path.parent / "art" / "solaris.jpg", (300, 450))
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.picture is not None
        assert poster.drawn.picture.height == poster.request.height  # type: ignore[union-attr]


@pytest.mark.parametrize("posters_folder", [False, True], ids=["no-folder", "others-only"])
async def test_a_film_without_a_poster_shows_nothing_in_its_place(
    tmp_path: Path, posters_folder: bool
) -> None:
    path = catalog(tmp_path)
    if posters_folder:
        red_over_blue(path.parent / "posters" / "stalker-1979.png")
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.picture is None and poster.drawn.note == ""
        assert not poster.display
        assert poster.request is not None if posters_folder else poster.request is None
        pane = app.query_one(FilmDetail)
        assert app.query_one("#detail-title").region.y == pane.content_region.y


@pytest.mark.parametrize(
    ("content", "note"),
    [
        (b"\xff\xd8\xff\xe0 not really a jpeg", "Poster: solaris-1972.jpg is "),
        (b"plain text, not an image", "Poster: solaris-1972.jpg is not an image filmtui reads"),
    ],
    ids=["corrupt", "not-an-image"],
)
async def test_a_file_that_is_no_image_says_so_in_one_line(
    tmp_path: Path, content: bytes, note: str
) -> None:
    path = catalog(tmp_path)
    (path.parent / "posters").mkdir()
    (path.parent / "posters" / "solaris-1972.jpg").write_bytes(content)
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        await pilot.pause()
        assert poster.drawn.picture is None
        assert poster.drawn.note.startswith(note)
        assert poster.display and "\n" not in poster.drawn.note
        assert poster_lines(app, poster)[0].strip().startswith("Poster: solaris-1972.jpg")


async def test_a_truncated_image_says_it_is_damaged(tmp_path: Path) -> None:
    path = catalog(tmp_path, poster="solaris.png")
    whole = red_over_blue(path.parent / "whole.png", (200, 300)).read_bytes()
    (path.parent / "solaris.png").write_bytes(whole[: len(whole) // 2])
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.note.startswith("Poster: solaris.png is damaged")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
async def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = catalog(tmp_path, poster="pipe.jpg")
    os.mkfifo(path.parent / "pipe.jpg")
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.note == "Poster: pipe.jpg is a FIFO (named pipe), not a regular file"


async def test_an_image_of_too_many_pixels_is_refused(tmp_path: Path) -> None:
    path = catalog(tmp_path)
    (path.parent / "posters").mkdir()
    (path.parent / "posters" / "solaris-1972.png").write_bytes(png_header(9000, 5000))
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.note == (
            "Poster: solaris-1972.png is 9000×5000 pixels, more than filmtui shows"
        )


async def test_without_the_images_extra_the_pane_says_how_to_get_posters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = catalog(tmp_path)
    red_over_blue(path.parent / "posters" / "solaris-1972.jpg")
    monkeypatch.setitem(sys.modules, "PIL", None)  # `import PIL` now raises ImportError
    monkeypatch.delitem(sys.modules, "tui.widgets.poster_image", raising=False)
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.note == NEEDS_IMAGES
        assert app.query_one("#detail-title").display  # the rest of the pane as ever


async def test_without_the_images_extra_films_without_posters_say_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    monkeypatch.delitem(sys.modules, "tui.widgets.poster_image", raising=False)
    app = make_app(catalog(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert not poster.display and poster.drawn.note == ""


async def test_the_full_screen_details_show_the_poster_bigger(tmp_path: Path) -> None:
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(70, 40)) as pilot:  # narrow: Enter opens the details
        await pilot.press("down", "enter")
        assert isinstance(app.screen, DetailScreen)
        poster = await shown_poster(app)
        await pilot.pause()
        assert poster.drawn.picture is not None
        full = app.screen.query_one(FilmDetail)
        assert poster.drawn.picture.height == full.size.height // 2 > 15
        assert set("".join(poster_lines(app, poster))) == {"▀"}


async def test_another_film_never_shows_the_last_ones_poster_and_back_is_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []

    def counted(request: PosterRequest, *cell: tuple[int, int] | None) -> Drawn:
        drawn.append(request.film_id)
        return draw(request, *cell)

    monkeypatch.setattr(poster_module, "draw", counted)
    app = make_app(catalog_with_poster(tmp_path, STALKER))
    async with app.run_test(size=(100, 40)) as pilot:
        poster = await shown_poster(app)
        assert app.query_one(FilmDetail).view.film.id == "solaris-1972"  # type: ignore[union-attr]
        assert poster.drawn.picture is not None
        await pilot.press("down")  # from the search bar to the list
        await pilot.press("down")
        assert app.query_one(FilmDetail).view.film.id == "stalker-1979"  # type: ignore[union-attr]
        assert not poster.display  # at once: no moment of Solaris's poster over Stalker
        assert (await shown_poster(app)).drawn.picture is None
        await pilot.press("up")
        assert poster.drawn.picture is not None
        assert drawn == ["solaris-1972", "stalker-1979"]  # Solaris's was kept, not drawn again


def test_starting_filmtui_does_not_import_pillow() -> None:
    program = (
        "import sys, tui.cli.main, tui.app, tui.screens.main, tui.widgets.film_detail\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'PIL'))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


async def test_running_past_films_draws_the_first_and_the_last_not_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    films = [{**SOLARIS, "id": f"film-{n}", "title": f"Film {n}"} for n in range(1, 6)]
    path = write_catalog(tmp_path / "catalog" / "films.json", films)
    for n in range(1, 6):
        red_over_blue(path.parent / "posters" / f"film-{n}.png")
    started, go_on = threading.Event(), threading.Event()
    drawn: list[str] = []

    def slow(request: PosterRequest, *cell: tuple[int, int] | None) -> Drawn:
        drawn.append(request.film_id)
        started.set()
        go_on.wait(10)
        return draw(request, *cell)

    monkeypatch.setattr(poster_module, "draw", slow)
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert started.wait(10)
        await pilot.press("down", "down", "down", "down", "down")  # to the list, Film 5
        assert app.query_one(FilmDetail).view.film.id == "film-5"  # type: ignore[union-attr]
        go_on.set()
        poster = await shown_poster(app)
        await pilot.pause()
        poster = await shown_poster(app)
        assert drawn == ["film-1", "film-5"]
        assert poster.request is not None and poster.request.film_id == "film-5"
        assert poster.drawn.picture is not None


async def test_a_tiny_pane_shows_no_poster(tmp_path: Path) -> None:
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:  # the details under the list
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.request is None and not poster.display


async def test_a_file_name_with_terminal_controls_is_shown_without_them(tmp_path: Path) -> None:
    name = "bad\x1b]0;owned\x07\x1b[2Jname.jpg"
    path = catalog(tmp_path, poster=name)
    (path.parent / name).write_bytes(b"not an image")
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        await pilot.pause()
        assert name in poster.drawn.note  # the note says it as it is...
        shown = poster_lines(app, poster)[0]
        assert "\x1b" not in shown and "\x07" not in shown  # ...the screen without controls
        assert shown.startswith("Poster: bad]0;owned[2Jname.jpg is not an image")


async def test_a_fault_in_the_worker_is_one_line_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(request: PosterRequest, *cell: tuple[int, int] | None) -> Drawn:
        raise RuntimeError("boom\nand more")

    monkeypatch.setattr(poster_module, "draw", broken)
    app = make_app(catalog_with_poster(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        poster = await shown_poster(app)
        assert poster.drawn.note == "Poster cannot be shown: boom"
        assert app.is_running
